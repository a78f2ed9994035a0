package main

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vejviser/bot/outbox"
	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// BenchmarkSixtyBranches measures fair delivery on one token shared by 60
// branches of 100 members (6,000), behind a fake Bot API server enforcing
// Telegram's limits (30 new messages a second, a burst of 3 then 1 a second
// per chat) with the sender at 30 a second, as in production:
//
//   - each branch has its café, followed by its first sbFollowers members
//     (volunteers; 60 × 15 = 900 reminders), and an event inviting its
//     volunteers (the same 15: 900 invitations, sent before the measure);
//   - a national broadcast to everyone (6,010: the 6,000 and a small
//     eleventh branch of 10) is queued; 20 to 80 s into it every café's
//     reminder falls due at once (the same minute);
//   - (a) from the due time to the last of the N reminders delivered,
//     against the bound N ÷ 30 + 5 s, and how many national messages were
//     delivered while reminders were waiting (reminders go first: ~0);
//   - (b) the sender's rate while the national broadcast ran (every message
//     it delivered from queueing the broadcast to its last delivery) and
//     its ratio to 30 a second — the budget used, goal ≥ 0.95 — and the
//     national broadcast's own rate and ratio beside it (it shares the
//     budget with the reminders and the branches' broadcasts, so its own
//     ratio is below 0.95 by their share);
//   - fairness between branches: once the reminders are out, the first
//     branch broadcasts to its 100 and then the small branch to its 10,
//     both while the national one still runs: from queueing the small
//     branch's broadcast to its last delivery, in seconds;
//   - (c) crossed branches: every message the fake received, checked
//     against the recipient's branches as the database has them (a café's,
//     an event's and a branch's broadcast name their branch, BR<id>; the
//     national one names none), goal 0; (d) the fake's 429s, goal 0.
//
// One run takes about five minutes:
//
//	go test -run '^$' -bench SixtyBranches -benchtime 1x ./cmd/vejviser
func BenchmarkSixtyBranches(b *testing.B) {
	limits := tgfake.Limits{GlobalPerSecond: 30, PerChatPerSecond: 1, PerChatBurst: outbox.DefaultBurst, GroupPerMinute: 20}
	for range b.N {
		benchSixtyBranches(b, limits)
	}
}

const (
	sbBranches   = 60
	sbMembers    = 100
	sbFollowers  = 15
	sbSmall      = 10 // members of the small branch
	sbRate       = 30
	sbNational   = "National announcement"
	sbMemberBase = 1000 // member j of the i-th branch is i×sbMemberBase + j
)

// sbRig is the bot with its 61 branches: branch[i] is the i-th branch's id
// (1..60, then the small one at 61).
type sbRig struct {
	h      *harness
	fake   *tgfake.Server
	branch map[int]int64
	mu     sync.Mutex
	kinds  map[string]int // messages delivered, by sbKind: counted as they arrive, so waiting costs the run nothing
}

// sbKind is a delivered message's kind for the counts waited on: its text,
// or "café" and "fest" for any branch's reminder and invitation.
func sbKind(text string) string {
	switch {
	case reCafe.MatchString(text):
		return "café"
	case strings.Contains(text, "Fest BR"):
		return "fest"
	}
	return text
}

func (r *sbRig) delivered(kind string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.kinds[kind]
}

func benchSixtyBranches(b *testing.B, limits tgfake.Limits) {
	r := newSixtyBranches(b, limits)
	defer func() { r.h.stop(); r.fake.Close() }()
	ctx := context.Background()
	queued := time.Now()
	if _, n, err := r.h.store.CreateBroadcast(ctx, storage.NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll},
		Texts: map[string]string{"da": sbNational}}, queued); err != nil || n != sbBranches*sbMembers+sbSmall {
		b.Fatalf("national broadcast queued %d, err %v", n, err)
	}
	r.h.sender.Wake()
	due := r.cafesDueAt(b, queued)
	reminders := sbBranches * sbFollowers
	if !r.fake.WaitFor(time.Until(due)+3*time.Minute, func() bool { return r.delivered("café") >= reminders }) {
		b.Fatalf("only %d of %d reminders delivered", r.delivered("café"), reminders)
	}
	small := r.branchesBroadcast(b)
	if !r.fake.WaitFor(10*time.Minute, func() bool { return r.delivered(sbNational) >= sbBranches*sbMembers+sbSmall }) {
		b.Errorf("national broadcast: %d delivered within 10 minutes", r.delivered(sbNational))
	}
	r.reportReminders(b, due, reminders)
	r.reportRates(b, queued)
	b.ReportMetric(small, "small-branch-broadcast-s")
	b.ReportMetric(float64(r.crossed(b)), "crossed-branches")
	b.ReportMetric(float64(r.fake.TooManyRequests()), "429s")
}

var (
	reCafe   = regexp.MustCompile(`Café BR(\d+)\b`)
	reBranch = regexp.MustCompile(`\bBR(\d+)\b`)
)

func isNational(c tgfake.Call) bool { return c.Params["text"] == sbNational }

// newSixtyBranches starts the bot with Telegram's limits, adds the branches
// and their members, each branch's event, and waits for its invitations.
func newSixtyBranches(b *testing.B, limits tgfake.Limits) *sbRig {
	fake := tgfake.New(tgfake.WithLimits(limits))
	r := &sbRig{fake: fake, branch: map[int]int64{}, kinds: map[string]int{}}
	fake.OnCall(func(c tgfake.Call) {
		if c.Method == "sendMessage" && c.Status == 200 {
			r.mu.Lock()
			r.kinds[sbKind(c.Params["text"])]++
			r.mu.Unlock()
		}
	})
	h := startBotOn(b, fake, nopWriter{}, func(c *config, h *hooks) {
		c.LogLevel, c.SendRate = "error", sbRate
		h.sender = outbox.Config{} // Telegram's limits, as in production
		h.progressEvery = 0
	})
	r.h = h
	ctx := context.Background()
	now := time.Now()
	for i := 1; i <= sbBranches+1; i++ {
		br, err := h.store.AddBranch(ctx, domain.NewBranch{Key: fmt.Sprintf("b%02d", i), Names: domain.Texts{"da": fmt.Sprintf("Røde Kors %d", i)}}, now)
		if err != nil {
			b.Fatal(err)
		}
		r.branch[i] = br.ID
		n := sbMembers
		if i > sbBranches {
			n = sbSmall
		}
		for j := 1; j <= n; j++ {
			role := domain.RoleParticipant
			if j <= sbFollowers {
				role = domain.RoleVolunteer
			}
			id := int64(i*sbMemberBase + j)
			fake.AddChat(id)
			if _, err := h.store.Register(ctx, domain.Registration{ID: id, ChatID: id, DisplayName: fmt.Sprint("M", id), Language: "da", Role: role, BranchID: br.ID}, now); err != nil {
				b.Fatal(err)
			}
		}
		if i > sbBranches {
			continue
		}
		if _, err := h.store.CreateEvent(ctx, domain.Event{BranchID: br.ID, Key: "fest", Title: fmt.Sprintf("Fest BR%d", br.ID), StartsAt: now.Add(72 * time.Hour),
			EndsAt: now.Add(75 * time.Hour), RSVPBy: now.Add(48 * time.Hour), Invite: domain.InviteVolunteers}, nil, now); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := h.app.ClaimEventNotices(ctx, time.Now()); err != nil {
		b.Fatal(err)
	}
	h.sender.Wake()
	if !fake.WaitFor(3*time.Minute, func() bool { return r.delivered("fest") >= sbBranches*sbFollowers }) {
		b.Fatalf("only %d invitations delivered within 3 minutes", r.delivered("fest"))
	}
	return r
}

// cafesDueAt creates every branch's café, its reminder due at the same
// whole minute 20 to 80 s from now, followed by the branch's first
// sbFollowers members, and returns the due time.
func (r *sbRig) cafesDueAt(b *testing.B, now time.Time) time.Time {
	ctx := context.Background()
	due := now.Add(20 * time.Second).Truncate(time.Minute).Add(time.Minute)
	start := due.Add(3 * time.Hour).In(cph)
	for i := 1; i <= sbBranches; i++ {
		br := r.branch[i]
		id, err := r.h.store.CreateActivity(ctx, domain.Activity{BranchID: br, Key: "cafe", Name: fmt.Sprintf("Café BR%d", br),
			Schedule: fmt.Sprintf("%d %d * * *", start.Minute(), start.Hour()), DurationMin: 60, RemindBeforeMin: 180}, now)
		if err != nil {
			b.Fatal(err)
		}
		for j := 1; j <= sbFollowers; j++ {
			if err := r.h.store.Follow(ctx, []int64{br}, id, int64(i*sbMemberBase+j), now); err != nil {
				b.Fatal(err)
			}
		}
	}
	if time.Until(due) < 5*time.Second {
		b.Fatalf("the cafés took until %v to set up, %v before their reminders' due time", time.Now(), time.Until(due))
	}
	return due
}

// branchesBroadcast queues the first branch's broadcast to its 100, then
// the small branch's to its 10, and returns the seconds from queueing the
// small one to its last delivery (once the first branch's is out too, so
// that every message is there to be checked).
func (r *sbRig) branchesBroadcast(b *testing.B) float64 {
	ctx := context.Background()
	send := func(i, want int) (string, time.Time) {
		text, at := fmt.Sprintf("Announcement BR%d", r.branch[i]), time.Now()
		if _, n, err := r.h.store.CreateBroadcast(ctx, storage.NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll, Branch: r.branch[i]},
			Texts: map[string]string{"da": text}}, at); err != nil || n != want {
			b.Fatalf("branch %d's broadcast queued %d, err %v", i, n, err)
		}
		r.h.sender.Wake()
		return text, at
	}
	big, _ := send(1, sbMembers)
	text, at := send(sbBranches+1, sbSmall)
	mine := func(c tgfake.Call) bool { return c.Params["text"] == text }
	if !r.fake.WaitFor(2*time.Minute, func() bool { return r.delivered(text) >= sbSmall }) {
		b.Errorf("the small branch's broadcast: %d of %d within 2 minutes", r.delivered(text), sbSmall)
	}
	if r.delivered(sbNational) >= sbBranches*sbMembers+sbSmall {
		b.Errorf("the national broadcast ended before the small branch's: fairness not measured")
	}
	_, last := r.span(mine)
	if !r.fake.WaitFor(2*time.Minute, func() bool { return r.delivered(big) >= sbMembers }) {
		b.Errorf("the first branch's broadcast: %d of %d within 2 minutes", r.delivered(big), sbMembers)
	}
	return last.Sub(at).Seconds()
}

// sent are the messages the fake delivered (sendMessage answered 200).
func (r *sbRig) sent() []tgfake.Call {
	var out []tgfake.Call
	for _, c := range r.fake.Calls() {
		if c.Method == "sendMessage" && c.Status == 200 {
			out = append(out, c)
		}
	}
	return out
}

func (r *sbRig) count(match func(tgfake.Call) bool) int {
	n := 0
	for _, c := range r.sent() {
		if match(c) {
			n++
		}
	}
	return n
}

// span is the first and last delivery of the messages that match.
func (r *sbRig) span(match func(tgfake.Call) bool) (first, last time.Time) {
	for _, c := range r.sent() {
		if !match(c) {
			continue
		}
		if first.IsZero() || c.At.Before(first) {
			first = c.At
		}
		if c.At.After(last) {
			last = c.At
		}
	}
	return first, last
}

// reportReminders reports (a): due to the last reminder against the bound,
// and the national messages delivered between the due time and the last
// reminder (while reminders were waiting).
func (r *sbRig) reportReminders(b *testing.B, due time.Time, n int) {
	first, last := r.span(func(c tgfake.Call) bool { return reCafe.MatchString(c.Params["text"]) })
	if first.Before(due) {
		b.Errorf("a reminder delivered at %v, before its due time %v", first, due)
	}
	b.ReportMetric(float64(n), "reminders")
	b.ReportMetric(first.Sub(due).Seconds(), "reminder-first-s")
	b.ReportMetric(last.Sub(due).Seconds(), "reminder-last-s")
	b.ReportMetric(float64(n)/sbRate+5, "reminder-last-bound-s")
	b.ReportMetric(float64(r.count(func(c tgfake.Call) bool { return isNational(c) && c.At.After(first) && c.At.Before(last) })), "national-msgs-amid-reminders")
}

// reportRates reports (b): the sender's rate and the national broadcast's
// own over the national broadcast's span, and their ratios to the limit.
func (r *sbRig) reportRates(b *testing.B, queued time.Time) {
	_, last := r.span(isNational)
	secs := last.Sub(queued).Seconds()
	all := r.count(func(c tgfake.Call) bool { return !c.At.Before(queued) && !c.At.After(last) })
	national := r.count(isNational)
	b.ReportMetric(secs, "national-s")
	b.ReportMetric(float64(all)/secs, "sender-msgs/s")
	b.ReportMetric(float64(all)/secs/sbRate, "sender-ratio")
	b.ReportMetric(float64(national)/secs, "national-msgs/s")
	b.ReportMetric(float64(national)/secs/sbRate, "national-ratio")
}

// crossed counts the delivered messages that name a branch the recipient
// does not belong to, or that reach a chat that is no member's, as the
// database says; a message naming no branch must be the national one.
func (r *sbRig) crossed(b *testing.B) int {
	ctx := context.Background()
	branches := map[int64]map[int64]bool{}
	bad := 0
	for _, c := range r.sent() {
		chat, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
		mine, ok := branches[chat]
		if !ok {
			mbs, err := r.h.store.MemberBranches(ctx, chat)
			if err != nil {
				b.Fatal(err)
			}
			mine = map[int64]bool{}
			for _, mb := range mbs {
				mine[mb.BranchID] = true
			}
			branches[chat] = mine
		}
		named := reBranch.FindAllStringSubmatch(c.Params["text"], -1)
		if len(mine) == 0 || (len(named) == 0 && !isNational(c)) {
			bad++
			continue
		}
		for _, m := range named {
			if id, _ := strconv.ParseInt(m[1], 10, 64); !mine[id] {
				bad++
				break
			}
		}
	}
	return bad
}

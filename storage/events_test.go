package storage

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"
	"vejviser/storage/domain"
)

// queuedEventNotice is a notice in the outbox as the tests read it.
type queuedEventNotice struct {
	Kind      string     `db:"kind"`
	Priority  int        `db:"priority"`
	Text      string     `db:"text"`
	Values    string     `db:"notice_values"`
	ExpiresAt *time.Time `db:"expires_at"`
}

// noticesTo lists the notices of kind queued for member, oldest first.
func noticesTo(t *testing.T, s *Store, kind string, member int64) []queuedEventNotice {
	t.Helper()
	var ns []queuedEventNotice
	if err := s.r.Select(&ns, `SELECT kind, priority, text, notice_values, expires_at FROM outbox
		WHERE notice = ? AND member_id = ? ORDER BY id`, kind, member); err != nil {
		t.Fatal(err)
	}
	return ns
}

func outboxCount(t *testing.T, s *Store, kind string, member int64) int {
	t.Helper()
	return len(noticesTo(t, s, kind, member))
}

// only is the one notice of kind queued for member, checked to be data
// only (no text) of the outbox kind and priority given, and its values.
func only[V any](t *testing.T, s *Store, kind string, member int64, outKind string, priority int) (queuedEventNotice, V) {
	t.Helper()
	var v V
	ns := noticesTo(t, s, kind, member)
	if len(ns) != 1 {
		t.Fatalf("%d notices %s to %d, want 1", len(ns), kind, member)
	}
	n := ns[0]
	if n.Text != "" || n.Kind != outKind || n.Priority != priority {
		t.Errorf("notice %s to %d: text %q, kind %s, priority %d; want no text, %s, %d", kind, member, n.Text, n.Kind, n.Priority, outKind, priority)
	}
	if err := json.Unmarshal([]byte(n.Values), &v); err != nil {
		t.Fatalf("notice %s values %s: %v", kind, n.Values, err)
	}
	return n, v
}

// expiresAt checks when a queued notice expires (zero: never).
func expiresAt(t *testing.T, n queuedEventNotice, want time.Time) {
	t.Helper()
	switch {
	case want.IsZero() && n.ExpiresAt != nil:
		t.Errorf("notice expires at %v, want never", *n.ExpiresAt)
	case !want.IsZero() && (n.ExpiresAt == nil || !n.ExpiresAt.Equal(want)):
		t.Errorf("notice expires at %v, want %v", n.ExpiresAt, want)
	}
}

// party is an event three days after t0 with capacity seats.
func party(t *testing.T, s *Store, capacity int) domain.Event {
	t.Helper()
	e := domain.Event{Key: "fest", Title: "Fest", AskDays: 2, StartsAt: t0.Add(72 * time.Hour), EndsAt: t0.Add(75 * time.Hour), RSVPBy: t0.Add(48 * time.Hour)}
	if capacity > 0 {
		e.Capacity = &capacity
	}
	id, err := s.CreateEvent(context.Background(), e, nil, t0)
	if err != nil {
		t.Fatal(err)
	}
	e, err = s.Event(context.Background(), []int64{domain.DefaultBranchID}, id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func claim(t *testing.T, s *Store, now time.Time) {
	t.Helper()
	if _, err := s.ClaimEventNotices(context.Background(), cphLoc, now); err != nil {
		t.Fatal(err)
	}
}

func answer(t *testing.T, s *Store, e domain.Event, member int64, a domain.Answer, adults, children int, now time.Time) domain.RSVPResult {
	t.Helper()
	res, err := s.Answer(context.Background(), []int64{domain.DefaultBranchID}, domain.RSVP{EventID: e.ID, MemberID: member, Answer: a, Adults: adults, Children: children}, now)
	if err != nil {
		t.Fatalf("member %d answers %s: %v", member, a, err)
	}
	return res
}

func TestWaitlistPromotionOfferAndLapse(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	for id := int64(1); id <= 5; id++ {
		register(t, s, id, "da", domain.RoleParticipant)
	}
	e := party(t, s, 6)
	claim(t, s, t0)
	claim(t, s, t0.Add(time.Minute))
	for id := int64(1); id <= 5; id++ {
		if n := outboxCount(t, s, domain.NoticeEventInvitation, id); n != 1 {
			t.Fatalf("member %d got %d invitations, want 1", id, n)
		}
	}
	// An invitation goes behind personal notices, shows the event, and is dropped after the deadline.
	n, inv := only[domain.EventValues](t, s, domain.NoticeEventInvitation, 1, domain.KindNotice, domain.PriorityReminder)
	if inv.Event.ID != e.ID || inv.Event.Title != "Fest" || !inv.Event.StartsAt.Equal(e.StartsAt) {
		t.Errorf("invitation values %+v", inv)
	}
	expiresAt(t, n, e.RSVPBy)
	now := t0.Add(time.Hour)
	if r := answer(t, s, e, 1, domain.AnswerYes, 2, 2, now); r.Outcome != domain.Seated {
		t.Fatalf("first household: %v", r.Outcome)
	}
	if r := answer(t, s, e, 2, domain.AnswerYes, 2, 3, now); r.Outcome != domain.Waitlist || r.Place != 1 {
		t.Fatalf("five into two seats: %v place %d", r.Outcome, r.Place)
	}
	// Two seats free, the household of five first in line: the household of two behind it is offered them.
	if r := answer(t, s, e, 3, domain.AnswerYes, 2, 0, now.Add(time.Minute)); r.Outcome != domain.Seated {
		t.Fatalf("two into two free seats behind a five: %v", r.Outcome)
	}
	if r := answer(t, s, e, 4, domain.AnswerYes, 1, 0, now.Add(2*time.Minute)); r.Outcome != domain.Waitlist || r.Place != 2 {
		t.Fatalf("one into a full event: %v place %d", r.Outcome, r.Place)
	}
	// Household 1 says no: four seats free; five still does not fit, one does: offered.
	if r := answer(t, s, e, 1, domain.AnswerNo, 0, 0, now.Add(3*time.Minute)); r.Promoted != 1 {
		t.Fatalf("promoted %d, want 1", r.Promoted)
	}
	n, offer := only[domain.EventOfferValues](t, s, domain.NoticeEventOffer, 4, domain.KindNotice, domain.PriorityNotice)
	if mine, err := s.MyInvitation(ctx, []int64{domain.DefaultBranchID}, e.ID, 4); err != nil || mine.OfferUntil == nil ||
		offer.Event.ID != e.ID || offer.Adults != 1 || offer.Children != 0 || !offer.Until.Equal(*mine.OfferUntil) {
		t.Errorf("offer values %+v; invitation %+v (%v)", offer, mine, err)
	}
	expiresAt(t, n, offer.Until)
	// The offer lapses after 24 h: the household is told, and the seats pass on (to nobody else who fits).
	claim(t, s, now.Add(3*time.Minute+24*time.Hour))
	if n := outboxCount(t, s, domain.NoticeEventOfferLapsed, 4); n != 1 {
		t.Fatalf("lapse told %d times", n)
	}
	n, lapsed := only[domain.EventValues](t, s, domain.NoticeEventOfferLapsed, 4, domain.KindNotice, domain.PriorityNotice)
	if lapsed.Event.ID != e.ID {
		t.Errorf("lapse values %+v", lapsed)
	}
	expiresAt(t, n, time.Time{})
	mine, err := s.MyInvitation(ctx, []int64{domain.DefaultBranchID}, e.ID, 4)
	if err != nil || mine.Answer != "no" {
		t.Fatalf("after the lapse household 4 is %q (%v)", mine.Answer, err)
	}
	// Confirming a lapsed offer is refused.
	if _, err := s.Answer(ctx, []int64{domain.DefaultBranchID}, domain.RSVP{EventID: e.ID, MemberID: 4, Answer: domain.AnswerOffered}, now.Add(25*time.Hour)); !errors.Is(err, domain.ErrNoOffer) {
		t.Errorf("confirming a lapsed offer: %v", err)
	}
	// Household 3 leaves: now 6 free; the five is offered and confirms.
	answer(t, s, e, 3, domain.AnswerNo, 0, 0, now.Add(26*time.Hour))
	if _, offer := only[domain.EventOfferValues](t, s, domain.NoticeEventOffer, 2, domain.KindNotice, domain.PriorityNotice); offer.Adults != 2 || offer.Children != 3 {
		t.Fatalf("household 2's offer: %+v", offer)
	}
	if r := answer(t, s, e, 2, domain.AnswerOffered, 0, 0, now.Add(27*time.Hour)); r.Invitation.Answer != "yes" || r.Invitation.Heads() != 5 {
		t.Fatalf("confirmed offer: %+v", r.Invitation)
	}
	// After the deadline, a change is refused but a no is taken.
	late := e.RSVPBy.Add(time.Minute)
	if _, err := s.Answer(ctx, []int64{domain.DefaultBranchID}, domain.RSVP{EventID: e.ID, MemberID: 5, Answer: domain.AnswerYes, Adults: 1}, late); !errors.Is(err, domain.ErrAnswerDeadline) {
		t.Errorf("a yes after the deadline: %v", err)
	}
	answer(t, s, e, 5, domain.AnswerNo, 0, 0, late)
}

func TestStillComingReminderAndChangeNoticesOnce(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	register(t, s, 1, "da", domain.RoleParticipant)
	register(t, s, 2, "ar", domain.RoleParticipant)
	e := party(t, s, 0)
	claim(t, s, t0)
	answer(t, s, e, 1, domain.AnswerYes, 1, 1, t0.Add(time.Hour))
	answer(t, s, e, 2, domain.AnswerMaybe, 0, 0, t0.Add(time.Hour))
	for _, now := range []time.Time{e.StartsAt.Add(-48 * time.Hour), e.StartsAt.Add(-47 * time.Hour), e.StartsAt.Add(-24 * time.Hour), e.StartsAt.Add(-time.Hour)} {
		claim(t, s, now)
	}
	if a, r := outboxCount(t, s, domain.NoticeEventStillComing, 1), outboxCount(t, s, domain.NoticeEventReminder, 1); a != 1 || r != 1 {
		t.Errorf("household coming: %d still-coming, %d reminders; want 1 and 1", a, r)
	}
	if a, r := outboxCount(t, s, domain.NoticeEventStillComing, 2), outboxCount(t, s, domain.NoticeEventReminder, 2); a != 0 || r != 0 {
		t.Errorf("household maybe: %d still-coming, %d reminders; want none", a, r)
	}
	n, still := only[domain.EventHouseholdValues](t, s, domain.NoticeEventStillComing, 1, domain.KindNotice, domain.PriorityNotice)
	if still.Event.ID != e.ID || still.Adults != 1 || still.Children != 1 {
		t.Errorf("still-coming values %+v", still)
	}
	expiresAt(t, n, e.StartsAt)
	n, remind := only[domain.EventHouseholdValues](t, s, domain.NoticeEventReminder, 1, domain.KindReminder, domain.PriorityReminder)
	if remind.Event.ID != e.ID || remind.Adults != 1 || remind.Children != 1 {
		t.Errorf("reminder values %+v", remind)
	}
	expiresAt(t, n, e.StartsAt)
	if err := s.CancelEvent(ctx, []int64{domain.DefaultBranchID}, e.ID, e.StartsAt.Add(-50*time.Minute)); err != nil {
		t.Fatal(err)
	}
	claim(t, s, e.StartsAt.Add(-50*time.Minute))
	claim(t, s, e.StartsAt.Add(-40*time.Minute))
	if c1, c2 := outboxCount(t, s, domain.NoticeEventChanged, 1), outboxCount(t, s, domain.NoticeEventChanged, 2); c1 != 1 || c2 != 0 {
		t.Errorf("cancellation told %d times to the household coming, %d to maybe", c1, c2)
	}
	n, changed := only[domain.EventValues](t, s, domain.NoticeEventChanged, 1, domain.KindNotice, domain.PriorityNotice)
	if changed.Event.ID != e.ID || !changed.Event.Cancelled() {
		t.Errorf("cancellation values %+v", changed)
	}
	expiresAt(t, n, e.StartsAt)
	if _, err := s.Answer(ctx, []int64{domain.DefaultBranchID}, domain.RSVP{EventID: e.ID, MemberID: 2, Answer: domain.AnswerNo}, e.StartsAt.Add(-30*time.Minute)); !errors.Is(err, domain.ErrEventGone) {
		t.Errorf("answer to a cancelled event: %v", err)
	}
}

// TestConcurrentTapsForTheLastSeats: twenty households of two tap yes at the
// same moment for the last four seats; exactly two get them.
func TestConcurrentTapsForTheLastSeats(t *testing.T) {
	s := open(t)
	for id := int64(1); id <= 20; id++ {
		register(t, s, id, "da", domain.RoleParticipant)
	}
	e := party(t, s, 4)
	claim(t, s, t0)
	var wg sync.WaitGroup
	start := make(chan struct{})
	results := make([]domain.RSVPResult, 21)
	errs := make([]error, 21)
	for id := int64(1); id <= 20; id++ {
		wg.Add(1)
		go func(id int64) {
			defer wg.Done()
			<-start
			results[id], errs[id] = s.Answer(context.Background(), []int64{domain.DefaultBranchID}, domain.RSVP{EventID: e.ID, MemberID: id, Answer: domain.AnswerYes, Adults: 1, Children: 1}, t0.Add(time.Hour))
		}(id)
	}
	close(start)
	wg.Wait()
	seated, waiting := 0, 0
	told := map[int]bool{} // each place on the waitlist is told to one household
	for id := 1; id <= 20; id++ {
		if errs[id] != nil {
			t.Fatalf("member %d: %v", id, errs[id])
		}
		switch results[id].Outcome {
		case domain.Seated:
			seated++
		case domain.Waitlist:
			if results[id].Place < 1 || told[results[id].Place] {
				t.Errorf("member %d was told place %d, given already or none", id, results[id].Place)
			}
			told[results[id].Place] = true
			waiting++
		}
	}
	if seated != 2 || waiting != 18 {
		t.Errorf("%d seated and %d waiting; want 2 and 18", seated, waiting)
	}
	is, err := s.Invitations(context.Background(), []int64{domain.DefaultBranchID}, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c := domain.TallyAnswers(is); c.Heads["yes"] != 4 || c.Households["waiting"] != 18 {
		t.Errorf("tally %v", c)
	}
	places := map[int]bool{}
	for _, h := range households(is) {
		if p := domain.WaitlistPosition(households(is), h.ID); p > 0 {
			places[p] = true
		}
	}
	if len(places) != 18 {
		t.Errorf("%d distinct waitlist places, want 18", len(places))
	}
}

func TestRecordedHouseholdsCountAndMustFit(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	e := party(t, s, 5)
	if err := s.RecordHousehold(ctx, []int64{domain.DefaultBranchID}, e.ID, "Familien Hansen (telefon)", 2, 2, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordHousehold(ctx, []int64{domain.DefaultBranchID}, e.ID, "Nabo", 1, 1, t0); !errors.Is(err, domain.ErrFull) {
		t.Errorf("recording beyond capacity: %v", err)
	}
	is, _ := s.Invitations(ctx, []int64{domain.DefaultBranchID}, e.ID)
	if len(is) != 1 || !is[0].Recorded() || is[0].DisplayName != "Familien Hansen (telefon)" {
		t.Errorf("recorded: %+v", is)
	}
}

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// replicaRun is what a TestLitestreamRoundTrip run saw happen: when each
// chat's broadcast was delivered and when each household's RSVP was
// answered (after its commit), by chat.
type replicaRun struct {
	mu        sync.Mutex
	delivered map[int64]time.Time
	answered  map[int64]time.Time
	answer    map[int64]string // the answer tapped: no or maybe
}

func (r *replicaRun) counts() (int, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.delivered), len(r.answered)
}

// The off-site replica, for real: the bot runs under `litestream replicate`
// to a file replica while it sends a broadcast and households answer an
// invitation with taps (❌ or ❓, each one tap and one committed RSVP); both
// processes are killed with SIGKILL half-way, with taps still coming;
// `litestream restore` makes a new file that passes the integrity check and
// holds every delivery and every RSVP answered more than the sync interval
// before the kill. The log gives the loss window measured. Skipped where
// litestream is not installed (.ci/run installs the pinned version).
func TestLitestreamRoundTrip(t *testing.T) {
	bin, err := exec.LookPath("litestream")
	if err != nil {
		t.Skip("litestream is not installed (go install github.com/benbjohnson/litestream/cmd/litestream@v0.5.18)")
	}
	// Litestream's defaults, as in deploy/litestream.yml: it looks at the WAL
	// every monitor interval and ships what it found every sync interval.
	const members, monitor, interval = 400, time.Second, time.Second
	dir := t.TempDir()
	db := filepath.Join(dir, "vejviser.db")
	fake := tgfake.New(tgfake.WithLatency(10 * time.Millisecond))
	t.Cleanup(fake.Close)
	seedReplicaRun(t, fake, db, members)

	cfg := filepath.Join(dir, "litestream.yml")
	replica := filepath.Join(dir, "replica")
	os.WriteFile(cfg, []byte("dbs:\n  - path: "+db+"\n    monitor-interval: "+monitor.String()+
		"\n    replica:\n      type: file\n      path: "+replica+"\n      sync-interval: "+interval.String()+"\n"), 0o600)
	ls := exec.Command(bin, "replicate", "-config", cfg)
	lsOut, _ := os.Create(filepath.Join(dir, "litestream.log"))
	ls.Stdout, ls.Stderr = lsOut, lsOut
	if err := ls.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ls.Process.Kill(); _ = ls.Wait() })

	run := &replicaRun{delivered: map[int64]time.Time{}, answered: map[int64]time.Time{}, answer: map[int64]string{}}
	fake.OnCall(func(c tgfake.Call) {
		if c.Method == "sendMessage" && c.Status == 200 && c.Params["text"] == "replica" {
			chat, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
			run.mu.Lock()
			run.delivered[chat] = time.Now()
			run.mu.Unlock()
		}
	})
	bot := startChildArgs(t, fake, db, "-send-rate", "100")
	stop := make(chan struct{})
	var tappers sync.WaitGroup
	for w := range 4 {
		tappers.Add(1)
		go func() { defer tappers.Done(); tapInvitations(fake, run, int64(w+1), members, 4, stop) }()
	}
	if !fake.WaitFor(60*time.Second, func() bool { d, a := run.counts(); return d >= members/2 && a >= members/4 }) {
		d, a := run.counts()
		t.Fatalf("after 60 s: %d deliveries, %d answers\n%s", d, a, &bot.out)
	}
	killed := time.Now()
	_, tapped := run.counts()
	_ = bot.cmd.Process.Signal(syscall.SIGKILL)
	_ = ls.Process.Signal(syscall.SIGKILL)
	bot.wait(10 * time.Second)
	close(stop)
	tappers.Wait()

	restored := filepath.Join(dir, "restored.db")
	if out, err := exec.Command(bin, "restore", "-config", cfg, "-o", restored, db).CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "litestream.log"))
		t.Fatalf("litestream restore: %v\n%s\n%s", err, out, log)
	}
	if sum, err := storage.Inspect(context.Background(), restored); err != nil || !sum.OK() {
		t.Fatalf("restored copy: %+v, %v", sum, err)
	}
	checkReplica(t, restored, run, killed, monitor, interval)
	t.Logf("%d of %d households had answered at the kill, the others still tapping", tapped, members)
}

// seedReplicaRun fills db with members, a broadcast to all of them and an
// event whose invitations are queued, each member's chat known to fake.
func seedReplicaRun(t *testing.T, fake *tgfake.Server, db string, members int) {
	t.Helper()
	ctx := context.Background()
	store, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Now()
	for id := int64(1); id <= int64(members); id++ {
		fake.AddChat(id)
		if _, err := store.Register(ctx, domain.Registration{ID: id, ChatID: id, Language: "da"}, now); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.CreateEvent(ctx, domain.Event{Key: "replica", Title: "Replica fest", StartsAt: now.Add(72 * time.Hour), EndsAt: now.Add(75 * time.Hour), RSVPBy: now.Add(48 * time.Hour)}, nil, now); err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/Copenhagen")
	if res, err := store.ClaimEventNotices(ctx, loc, now); err != nil {
		t.Fatalf("invitations: %+v, %v", res, err)
	}
	if _, _, err := store.CreateBroadcast(ctx, storage.NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll}, Texts: map[string]string{"da": "replica"}}, now); err != nil {
		t.Fatal(err)
	}
}

// tapInvitations answers the invitations of members first, first+step, …
// once each has arrived, one every 100 ms (so that taps go on past the
// broadcast's middle): ❌ for odd members, ❓ for even ones, recording when
// the bot answered the tap (so after the RSVP's commit), until stop.
func tapInvitations(fake *tgfake.Server, run *replicaRun, first int64, members, step int, stop <-chan struct{}) {
	for m := first; m <= int64(members); m += int64(step) {
		var inv tgfake.Message
		for inv.ID == 0 {
			for _, msg := range fake.Messages(m) {
				if len(msg.Buttons) >= 2 && len(msg.Buttons[1]) == 2 {
					inv = msg
				}
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
		button, answer := inv.Buttons[1][0], "no"
		if m%2 == 0 {
			button, answer = inv.Buttons[1][1], "maybe"
		}
		id := fake.PressButton(tgfake.User{ID: m, FirstName: "H"}, inv.ID, button.Data)
		for {
			if _, _, ok := fake.CallbackAnswer(id); ok {
				break
			}
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
		run.mu.Lock()
		run.answered[m], run.answer[m] = time.Now(), answer
		run.mu.Unlock()
		select {
		case <-stop:
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// checkReplica checks that the restored file holds every delivery and RSVP
// seen more than monitor+interval before the kill (a commit just after
// Litestream looked at the WAL waits for its next look, then for the next
// sync), and logs the loss window and the writes older than the sync
// interval alone that were lost.
func checkReplica(t *testing.T, restored string, run *replicaRun, killed time.Time, monitor, interval time.Duration) {
	t.Helper()
	rdb := sqlx.MustOpen("sqlite3", "file:"+restored+"?mode=ro")
	defer rdb.Close()
	var sent []int64
	if err := rdb.Select(&sent, `SELECT chat_id FROM outbox WHERE state = 'sent' AND text = 'replica'`); err != nil {
		t.Fatal(err)
	}
	present := map[int64]string{}
	for _, c := range sent {
		present[c] = "sent"
	}
	var rsvps []struct {
		Member int64  `db:"member_id"`
		Answer string `db:"answer"`
	}
	if err := rdb.Select(&rsvps, `SELECT member_id, answer FROM event_invitations WHERE answer <> 'invited'`); err != nil {
		t.Fatal(err)
	}
	kept := map[int64]string{}
	for _, r := range rsvps {
		kept[r.Member] = r.Answer
	}
	run.mu.Lock()
	defer run.mu.Unlock()
	// A write is recorded within a few hundred ms of what the test sees
	// (an RSVP before its answer, a delivery after it).
	bound := monitor + interval + 500*time.Millisecond
	lost := map[string]time.Duration{}
	older := 0
	for what, seen := range map[string]map[int64]time.Time{"delivery": run.delivered, "RSVP": run.answered} {
		for chat, at := range seen {
			want, have := "sent", present[chat]
			if what == "RSVP" {
				want, have = run.answer[chat], kept[chat]
			}
			if have == want {
				continue
			}
			lost[what] = max(lost[what], killed.Sub(at))
			if killed.Sub(at) > interval {
				older++
			}
			if killed.Sub(at) > bound {
				t.Errorf("chat %d: %s seen %v before the kill, not in the replica (%q)", chat, what, killed.Sub(at).Round(time.Millisecond), have)
			}
		}
	}
	t.Logf("litestream (monitor-interval %v, sync-interval %v): %d deliveries and %d RSVPs seen before the kill, %d and %d in the replica; lost at most the last %v of deliveries and %v of RSVPs; %d writes lost were older than the sync interval",
		monitor, interval, len(run.delivered), len(run.answered), len(sent), len(rsvps), lost["delivery"].Round(time.Millisecond), lost["RSVP"].Round(time.Millisecond), older)
}

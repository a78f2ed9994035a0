package network

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// refEnv is the feature on a real store with two branches: Ballerup (1)
// with coordinators Mette (Danish) and Rania (Arabic), network families
// Lars (Tigrinya, a valid child certificate) and Sara (none), a
// participant; and Herlev with its coordinator Hanne.
type refEnv struct {
	b                                     chattest.Branches
	f                                     *Feature
	herlev                                int64
	mette, rania, lars, sara, part, hanne domain.Member
	now                                   time.Time
}

func newRefEnv(t testing.TB) *refEnv {
	t.Helper()
	loc := chattest.Loc(t)
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, loc)
	b, herlev := chattest.TwoBranches(t, chattest.At(now))
	e := &refEnv{b: b, f: New(b.Env), herlev: herlev, now: now}
	e.mette = chattest.RegisterNamed(t, b.Env, 1, "Mette", "da", domain.RoleCoordinator)
	e.rania = chattest.RegisterNamed(t, b.Env, 2, "Rania", "ar", domain.RoleCoordinator)
	e.lars = chattest.RegisterNamed(t, b.Env, 3, "Lars", "da", domain.RoleVolunteer)
	e.sara = chattest.RegisterNamed(t, b.Env, 4, "Sara", "da", domain.RoleVolunteer)
	e.part = chattest.RegisterNamed(t, b.Env, 5, "Amina", "ti", domain.RoleParticipant)
	e.hanne = b.Join(t, 6, "Hanne", herlev, domain.RoleCoordinator)
	e.offer(t, e.lars.ID, 1, `'family', '["da","ti"]', 2750, '["weekend"]', '["school"]'`)
	e.offer(t, e.sara.ID, 1, `'woman', '["da","ar"]', 2740, '["weekend"]', '[]'`)
	if err := b.Store.SetCertificate(context.Background(), []int64{1}, e.lars.ID, e.mette.ID, time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC), now, false); err != nil {
		t.Fatal(err)
	}
	return e
}

// offer makes member a network family of branch: cols are kind,
// languages, postcode, free and help.
func (e *refEnv) offer(t testing.TB, member, branch int64, cols string) {
	t.Helper()
	e.b.Exec(t, `INSERT INTO network_offers (member_id, branch_id, kind, languages, postcode, free, help, capacity, hello, created_at, updated_at)
		VALUES (?, ?, `+cols+`, 2, 'Hej', ?, ?)`, member, branch, e.now.UTC(), e.now.UTC())
}

// referral stores a Tigrinya-speaking family with two children that has
// waited since since, in branch.
func (e *refEnv) referral(t testing.TB, branch int64, since time.Time) int64 {
	t.Helper()
	id, err := e.b.Store.CreateReferral(context.Background(), branch, domain.Referral{Adults: 2, ChildAges: []int{4, 9}, Languages: []string{"ti"},
		Postcode: 2750, Town: "Ballerup", Help: []string{"school"}, Free: []string{"weekend"}, Wish: domain.WishFamily,
		Consent: domain.Consent{FirstName: true, Date: since, How: "form"}}, storage.ReferralContact{Name: "Selam"}, e.mette.ID, since)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// press is m pressing a button of message 50 handled by h.
func (e *refEnv) press(m domain.Member, h func(*chat.Request), args ...string) *chat.Request {
	r := chattest.Press(e.f.Env, m, args...)
	r.CbMsgID = 50
	h(r)
	return r
}

// typed is m typing text into their /newreferral chat.
func (e *refEnv) typed(t *testing.T, m domain.Member, text string) *chat.Request {
	t.Helper()
	r := chattest.Typed(e.f.Env, m, text)
	e.f.Routes().Flows[refFlow.Name].Handle(r)
	return r
}

// shown is the last text a reply sent or edited, and its keyboard.
func shown(r *chat.Request) (string, chat.Keyboard) {
	for i := len(r.Reply.Effects) - 1; i >= 0; i-- {
		if e := r.Reply.Effects[i]; e.Kind == chat.Send || e.Kind == chat.Edit {
			return e.Text, e.Keyboard
		}
	}
	return "", nil
}

// alert is the pop-up that answered a press, if any.
func alert(r *chat.Request) string {
	for _, e := range r.Reply.Effects {
		if e.Kind == chat.Answer {
			return e.Text
		}
	}
	return ""
}

func hasData(k chat.Keyboard, act chat.Action, args ...string) bool {
	want := chat.Payload(act, args...)
	for _, row := range k {
		for _, b := range row {
			if b.Data == want {
				return true
			}
		}
	}
	return false
}

func mustContain(t *testing.T, what, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Errorf("%s lacks %q:\n%s", what, p, text)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

package branches

import (
	"context"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// A national broadcast reaches every member of every branch once (a member
// of two branches too), in their language, under the Red Cross's name with
// no branch named; a second 📣 Send queues nothing.
func TestNationalBroadcast(t *testing.T) {
	env, f, herlev := setup(t)
	ctx := context.Background()
	if err := env.Store.JoinBranch(ctx, 11, herlev.ID, domain.RoleParticipant, env.Now()); err != nil {
		t.Fatal(err)
	}
	a := member(t, env, admin)
	steps := []struct {
		r    func() *chat.Request
		want string
	}{
		{func() *chat.Request { return press(env, f, a, actNat) }, "Skriv beskeden på dansk"},
		{func() *chat.Request { return typed(env, f, a, "   ") }, "Beskeden må ikke være tom"},
		{func() *chat.Request { return typed(env, f, a, "Generalforsamling den 3. maj.") }, "📣 Til 5 medlemmer i alle afdelinger"},
		{func() *chat.Request { return press(env, f, a, actNatLng, "ar") }, "Skriv beskeden på arabisk."},
		{func() *chat.Request { return typed(env, f, a, "الجمعية العامة في 3 أيار/مايو.") }, "Tryk 📣 Send"},
		{func() *chat.Request { return press(env, f, a, actNatGo) }, "✅ Sendes nu til 5 medlemmer."},
	}
	for i, s := range steps {
		if got := said(s.r()); !strings.Contains(got, s.want) {
			t.Fatalf("step %d said %q, want %q", i, got, s.want)
		}
	}
	msgs, err := env.Store.DueMessages(ctx, env.Now().Add(time.Hour), 100)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]string{}
	for _, m := range msgs {
		if _, twice := got[m.ChatID]; twice {
			t.Errorf("member %d gets it twice", m.ChatID)
		}
		got[m.ChatID] = m.Text
		for _, name := range []string{"Ballerup", "Herlev"} {
			if strings.Contains(m.Text, name) {
				t.Errorf("member %d's message names a branch: %q", m.ChatID, m.Text)
			}
		}
	}
	if len(got) != 5 || !strings.HasPrefix(got[11], "الصليب الأحمر الدنماركي\n\nالجمعية العامة") ||
		!strings.HasPrefix(got[12], "Dansk Røde Kors\n\nGeneralforsamling") || !strings.Contains(got[21], "Generalforsamling") {
		t.Errorf("the messages: %v", got)
	}
	if r := press(env, f, a, actNatGo); len(r.Reply.Effects) != 1 || !r.Reply.Effects[0].Alert {
		t.Errorf("a second 📣 Send: %+v, want the stale button's alert", r.Reply.Effects)
	}
}

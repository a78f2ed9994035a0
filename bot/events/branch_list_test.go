package events

import (
	"strconv"
	"strings"
	"testing"

	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// TestEventsListedWithTheirBranch: a person in two branches sees the events
// of both, each under its branch's name; a person in one branch sees no
// branch names and nothing of the other branch.
func TestEventsListedWithTheirBranch(t *testing.T) {
	m := newMatrix(t)
	st := m.f.Store
	herlev, err := st.Branch(m.ctx, m.herlev)
	if err != nil {
		t.Fatal(err)
	}
	m.member(20, "da", domain.RoleCoordinator)
	m.join(20, domain.RoleCoordinator) // coordinates both
	label := "🏠 " + m.f.Cat.For("da").Isolate(herlev.Name)
	D := m.f.Cat.For("da")
	mine := D.WrittenButton("BtnManageEvent", nil, "Title", m.mine.TitleTexts())
	theirs := D.WrittenButton("BtnManageEvent", nil, "Title", m.event.TitleTexts())
	invited := D.WrittenButton("BtnEventOpen", nil, "Title", m.event.TitleTexts())
	cases := []struct {
		name     string
		who      int64
		want     []string // in the text or on a button
		wantNot  []string
		labelled bool
	}{
		{"a participant of one branch", 3, []string{"Ballerupfest"}, []string{herlevTitle, mine}, false},
		{"a participant of the other branch", 12, []string{herlevTitle}, []string{"Ballerupfest"}, false},
		{"a coordinator of one branch", 1, []string{"Ballerupfest", mine}, []string{herlevTitle, theirs}, false},
		{"a coordinator here, invited there", 4, []string{"Ballerupfest", mine, herlevTitle, invited}, []string{theirs}, true},
		{"a coordinator of both", 20, []string{"Ballerupfest", herlevTitle, mine, theirs}, nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rp := m.command(m.get(c.who), "events", "")
			all := strings.Join(rp.Texts(), "\n")
			for _, e := range rp.Effects {
				for _, row := range e.Keyboard {
					for _, b := range row {
						all += "\n" + b.Text
					}
				}
			}
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("missing %q in\n%s", w, all)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(all, w) {
					t.Errorf("shows %q in\n%s", w, all)
				}
			}
			if got := strings.Count(all, label); c.labelled != (got == 1) || (!c.labelled && strings.Contains(all, "🏠")) {
				t.Errorf("Herlev's label %d times, want labelled %v:\n%s", got, c.labelled, all)
			}
		})
	}
	t.Run("the card of a coordinator of both names the branch", func(t *testing.T) {
		rp := m.press(m.get(20), actEvOpen, strconv.FormatInt(m.event.ID, 10))
		if txt := strings.Join(rp.Texts(), "\n"); !strings.Contains(txt, label) {
			t.Errorf("card without its branch:\n%s", txt)
		}
		rp = m.press(m.get(1), actEvOpen, strconv.FormatInt(m.mine.ID, 10))
		if txt := strings.Join(rp.Texts(), "\n"); strings.Contains(txt, "🏠") {
			t.Errorf("a coordinator of one branch sees a branch on the card:\n%s", txt)
		}
	})
}

// TestInvitationNamesItsBranch: the invitation a member of two branches
// gets says which branch invites (rendered in their language when it
// leaves); a member of one branch gets it without a branch.
func TestInvitationNamesItsBranch(t *testing.T) {
	m := newMatrix(t)
	n := chat.NewNotices(m.f.Env)
	m.f.Notices(n)
	due, err := m.f.Store.DueMessages(m.ctx, m.f.Now(), 100)
	if err != nil {
		t.Fatal(err)
	}
	label := "🏠 " + m.f.Cat.For("da").Isolate("Røde Kors Herlev")
	seen := 0
	for _, msg := range due {
		if msg.Notice != domain.NoticeEventInvitation || !msg.MemberID.Valid {
			continue
		}
		got, err := n.Render(m.ctx, msg)
		if err != nil {
			t.Fatal(err)
		}
		member := msg.MemberID.Int64
		want := member == 4 && strings.Contains(got.Text, herlevTitle) // in both branches, invited by Herlev
		if strings.Contains(got.Text, label) != want || (!want && strings.Contains(got.Text, "🏠")) {
			t.Errorf("invitation to member %d, branch named %v:\n%s", member, want, got.Text)
		}
		if want {
			seen++
		}
	}
	if seen != 1 {
		t.Fatalf("%d invitations from Herlev to the member of both branches, want 1", seen)
	}
}

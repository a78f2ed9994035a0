package askus

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// /inbox in a private chat: the open questions oldest first (by when they
// were asked, not by their number), pages of eight, a button per question
// that sends its card again, the refusals of a question that is gone, and
// the way back to private chats while a group is the inbox.
func TestInboxListHandlers(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2027, 1, 13, 10, 0, 0, 0, chattest.Loc(t))
	env := chattest.Env(t, chattest.At(now))
	f := New(env, 10, 90*24*time.Hour)
	rt := f.Routes()
	mette := chattest.RegisterNamed(t, env, 1, "Mette", "da", domain.RoleCoordinator)
	rami := chattest.RegisterNamed(t, env, 2, "Rami", "ar", domain.RoleCoordinator)
	amina := chattest.RegisterNamed(t, env, 3, "Amina Said", "ar", domain.RoleParticipant)
	omar := chattest.RegisterNamed(t, env, 4, "Omar", "en", domain.RoleParticipant)
	da, ar := env.Cat.For("da"), env.Cat.For("ar")
	run := func(who domain.Member, route chat.Route, args ...string) *chat.Request {
		t.Helper()
		r := chattest.Press(env, who, args...)
		if len(args) == 0 {
			r = chattest.Typed(env, who, "/inbox")
		}
		if chat.Authorize(r, route) {
			route.Handle(r)
		}
		return r
	}
	inbox := rt.Commands["inbox"]

	r := run(mette, inbox)
	chattest.Check(t, "none open", r, []string{da.T("InboxOpenNone", nil)}, "", "")

	ask := func(m domain.Member, text string, at time.Time) int64 {
		t.Helper()
		it, _, _, err := env.Store.Ask(ctx, m.ID, domain.AskMessage{Kind: domain.AskText, Text: text}, 100, 0, at)
		if err != nil {
			t.Fatal(err)
		}
		return it.ID
	}
	later := ask(omar, "When is the party?", now.Add(-time.Hour))
	first := ask(amina, "أين المقهى؟", now.Add(-2*time.Hour)) // asked first, stored second
	r = run(mette, inbox)
	text := strings.Join(r.Reply.Texts(), "")
	wantFirst := da.T("InboxOpenLine", locales.Data{"N": 1, "Name": "Amina", "When": da.DateTime(now.Add(-2 * time.Hour)), "Text": "أين المقهى؟"})
	wantLater := da.T("InboxOpenLine", locales.Data{"N": 2, "Name": "Omar", "When": da.DateTime(now.Add(-time.Hour)), "Text": "When is the party?"})
	if !strings.HasPrefix(text, da.N("InboxOpenTitle", 2, locales.Data{"Page": 1, "Pages": 1})) ||
		!strings.Contains(text, wantFirst+"\n\n"+wantLater) {
		t.Errorf("the list reads %q, want Amina's question first", text)
	}
	if got, want := strings.Join(buttonData(r), " "), chat.Payload(actOpenAsk, strconv.FormatInt(first, 10))+" "+
		chat.Payload(actOpenAsk, strconv.FormatInt(later, 10)); got != want {
		t.Errorf("buttons %q, want %q", got, want)
	}

	r = run(amina, rt.Buttons[actOpenAsk], strconv.FormatInt(first, 10))
	chattest.Check(t, "a participant pressing it", r, nil, ar.T("CoordinatorsOnly", nil), "")
	r = run(mette, rt.Buttons[actOpenAsk], "999")
	chattest.Check(t, "a question that is gone", r, nil, da.T("AskGone", nil), "")
	cards := func(m domain.Member, item int64) int {
		t.Helper()
		due, err := env.Store.DueMessages(ctx, now, 100)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, o := range due {
			if o.ChatID == m.ChatID && o.Notice == domain.NoticeAskRelay && strings.Contains(o.Values, fmt.Sprintf(`"Item":%d,`, item)) {
				n++
			}
		}
		return n
	}
	before := cards(rami, first)
	r = run(rami, rt.Buttons[actOpenAsk], strconv.FormatInt(first, 10))
	chattest.Check(t, "the card again", r, nil, "", ar.T("InboxOpenSent", nil))
	if got := cards(rami, first); got != before+1 {
		t.Errorf("%d cards of the question queued to Rami, want %d", got, before+1)
	}

	// Answered and closed questions leave the list.
	if _, _, err := env.Store.AskReply(ctx, first, []int64{1}, mette, domain.AskMessage{Kind: domain.AskText, Text: "På biblioteket."}, nil, now); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Store.AskDone(ctx, later, []int64{1}, mette, now); err != nil {
		t.Fatal(err)
	}
	chattest.Check(t, "all answered or closed", run(rami, inbox), []string{ar.T("InboxOpenNone", nil)}, "", "")

	// Pages of eight: the ninth question is on page 2, with ◀️ back.
	for i := range 9 {
		ask(omar, fmt.Sprintf("Question %d", i+1), now.Add(time.Duration(i)*time.Minute))
	}
	r = run(mette, inbox)
	if n := strings.Count(strings.Join(buttonData(r), " "), "1:"+string(actOpenAsk)+":"); n != 8 ||
		!strings.Contains(strings.Join(buttonData(r), " "), chat.Payload(actOpenPage, "1")) {
		t.Errorf("page 1 has %d questions and buttons %q", n, buttonData(r))
	}
	r = run(mette, rt.Buttons[actOpenPage], "1")
	if text := strings.Join(r.Reply.Texts(), ""); !strings.Contains(text, "9. Omar") || strings.Contains(text, "8. Omar") ||
		!strings.Contains(strings.Join(buttonData(r), " "), chat.Payload(actOpenPage, "0")) {
		t.Errorf("page 2 reads %q with %q", text, buttonData(r))
	}

	// While a group is the inbox, the list offers the private chats again.
	if err := env.Store.SetInbox(ctx, 1, -100, "Koordinatorer", "da", rami, now); err != nil {
		t.Fatal(err)
	}
	if r = run(mette, inbox); !strings.Contains(strings.Join(buttonData(r), " "), chat.Payload(actOpenPrivate)) {
		t.Errorf("no way back to private chats among %q", buttonData(r))
	}
	run(mette, rt.Buttons[actOpenPrivate], []string{}...)
	if _, _, ok, err := env.Store.Inbox(ctx, 1); ok || err != nil {
		t.Errorf("the group is still the inbox (%v)", err)
	}
}

func buttonData(r *chat.Request) []string {
	var out []string
	for _, e := range r.Reply.Effects {
		for _, row := range e.Keyboard {
			for _, b := range row {
				out = append(out, b.Data)
			}
		}
	}
	return out
}

// TestGoldenInboxScreens renders the list of open questions per language
// (inbox.*.txt) so wording and layout show up in review.
func TestGoldenInboxScreens(t *testing.T) {
	loc := chattest.Loc(t)
	f := New(&chat.Env{Cat: chattest.Catalog(t), Now: time.Now}, 10, time.Hour)
	at := time.Date(2027, 1, 12, 18, 5, 0, 0, loc)
	asks := []storage.OpenAsk{
		{AskItem: domain.AskItem{ID: 17, Kind: domain.AskText, Text: "متى يفتح مقهى اللغة الدنماركية يوم الخميس في مكتبة Ballerup؟ وهل يمكنني إحضار أطفالي؟", CreatedAt: at}, Name: "Amina Said"},
		{AskItem: domain.AskItem{ID: 18, Kind: domain.AskVoice, CreatedAt: at.Add(20 * time.Minute)}, Name: "Tesfay"},
		{AskItem: domain.AskItem{ID: 23, Kind: domain.AskText, Text: "Kan  jeg\ntage min nabo med til julefesten?", CreatedAt: at.AddDate(0, 0, 1)}, Name: "Lars"},
	}
	for _, lang := range locales.Languages {
		L := f.Cat.For(lang)
		var out []string
		text, k := openScreen(L, asks, 11, 0, false)
		out = append(out, "== open questions, page 1 of 2 ==\n"+chattest.Screen(text, k))
		text, k = openScreen(L, asks[:1], 9, 1, true)
		out = append(out, "== page 2 of 2, a group is the inbox ==\n"+chattest.Screen(text, k))
		text, k = openScreen(L, nil, 0, 0, false)
		out = append(out, "== none open ==\n"+chattest.Screen(text, k))
		chattest.Golden(t, filepath.Join("testdata", "golden", fmt.Sprintf("inbox.%s.txt", lang)), strings.Join(out, "\n\n")+"\n")
	}
}

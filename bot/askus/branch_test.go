package askus

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// TestBranchMatrix tries every route of Ask us as the first branch's
// participant, volunteer and coordinator, and as a coordinator of the first
// branch who takes part in Herlev, against Herlev's question, its asker and
// its coordinators' group: nothing of Herlev changes, nothing of it is
// shown. A route neither tried nor listed fails the test.
func TestBranchMatrix(t *testing.T) {
	env, herlev := chattest.TwoBranches(t)
	ctx := context.Background()
	f := New(env.Env, 10, 90*24*time.Hour)
	rt := f.Routes()
	first := domain.DefaultBranchID
	actors := []domain.Member{
		env.Join(t, 101, "Amal", first, domain.RoleParticipant),
		env.Join(t, 102, "Sara", first, domain.RoleVolunteer),
		env.Join(t, 103, "Carla", first, domain.RoleCoordinator),
	}
	both := env.Join(t, 104, "Mette", first, domain.RoleCoordinator)
	lars := env.Join(t, 7001, "Lars Herlevsen", herlev, domain.RoleCoordinator)
	hana := env.Join(t, 7002, "Hana Herlevsen", herlev, domain.RoleParticipant)
	if err := env.Store.JoinBranch(ctx, both.ID, herlev, domain.RoleParticipant, env.Now()); err != nil {
		t.Fatal(err)
	}
	both, _ = env.Store.Member(ctx, both.ID)
	actors = append(actors, both)
	const group = -7000
	if err := env.Store.SetInbox(ctx, herlev, group, "Herlev", "da", lars, env.Now()); err != nil {
		t.Fatal(err)
	}
	item, _, _, err := env.Store.Ask(ctx, hana.ID, domain.AskMessage{Kind: domain.AskText, Text: "Herlev's secret question"}, 10, 0, env.Now())
	if err != nil || item.BranchID != herlev {
		t.Fatalf("Hana's question: %+v, %v", item, err)
	}
	itemArg, hanaArg := strconv.FormatInt(item.ID, 10), strconv.FormatInt(hana.ID, 10)
	cards := func() int { // Herlev's question's card, to anyone (sent again to an actor, say)
		var n int
		if err := env.DB.QueryRow(`SELECT count(*) FROM outbox WHERE ask_item = ?`, item.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	state := func() string {
		it, err := env.Store.AskItem(ctx, item.ID, []int64{herlev})
		h, _ := env.Store.AskHistory(ctx, hana.ID, []int64{herlev}, 50)
		muted, _ := env.Store.Muted(ctx, hana.ID)
		chat, _, ok, _ := env.Store.Inbox(ctx, herlev)
		return fmt.Sprintf("%v %v %v %d %v %d %v %d %d", it.AnsweredAt, it.DoneAt, err, len(h), muted, chat, ok,
			env.Queued(t, lars.ChatID, hana.ChatID, group), cards())
	}
	tries := []chattest.Try{
		chattest.Cmd("ask"), chattest.Cmd("inbox"),
		chattest.Button(actReply, itemArg), chattest.Button(actDone, itemArg),
		chattest.Button(actHistory, hanaArg), chattest.Button(actMute, hanaArg, "1"),
		chattest.Button(actInboxUse, strconv.Itoa(group)), chattest.Button(actInboxUndo, strconv.Itoa(group)),
		chattest.Button(actOpenPage, "0"), chattest.Button(actOpenAsk, itemArg), chattest.Button(actOpenPrivate),
		chattest.Text(replyFlow.Name, "a forged answer", func(r *chat.Request) { replyFlow.Save(r, replyDraft{Item: item.ID}) }),
	}
	noBranchData := map[string]string{
		"button " + string(actInboxNo): "✖️ under the question whether to use a group: it only takes the buttons away",
	}
	n := chattest.Matrix(t, env.Env, rt, actors, tries, noBranchData, state,
		[]string{"Herlev", "Hana", "secret"}, func(r *chat.Request) { _ = replyFlow.End(r) })
	t.Logf("%d routes × roles tried, 0 changes across branches", n)
}

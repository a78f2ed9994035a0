package network

import (
	"context"
	"database/sql"
	"testing"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// TestHouseholdSeesAndCorrectsItsReferral: Amina (Tigrinya) opens her
// household's personal link; she is linked and reads what was recorded in
// Tigrinya, corrects the languages (one at least) and free times with
// buttons, and withdraws the consent: the contact details are gone, the
// proposal to Lars ends with reason "consent" and Lars is told only that
// it ended. A second person opening the same link is not linked; a
// member with no referral meets a stale button.
func TestHouseholdSeesAndCorrectsItsReferral(t *testing.T) {
	e := newRefEnv(t)
	ctx := context.Background()
	e.f.Routes() // registers the start code handler with the Env, once
	e.f.Routes()
	id := e.referral(t, 1, e.now)
	card, err := e.b.Store.Referral(ctx, []int64{1}, id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.b.Store.ProposeMatch(ctx, 1, id, e.lars.ID, e.mette.ID, e.now); err != nil {
		t.Fatal(err)
	}
	L := e.f.Cat.For("ti")
	r := chattest.Typed(e.f.Env, e.part, "/start "+card.JoinCode)
	if !e.f.StartCode(r, card.JoinCode) {
		t.Fatal("the referral's code was not taken")
	}
	text, k := shown(r)
	mustContain(t, "household view", text, L.T("HhLinked", nil), L.T("HhTitle", nil), "ትግርኛ", "ቀዳማይ ስም እወ")
	if len(r.Reply.Effects) == 0 || contains(text, "Selam") || !hasData(k, actHousehold, "withdraw", "ask") {
		t.Fatalf("view %q %v", text, k)
	}
	if other := chattest.Typed(e.f.Env, e.sara, ""); e.f.StartCode(other, card.JoinCode) {
		t.Fatal("a second person was linked")
	}
	if e.f.StartCode(chattest.Typed(e.f.Env, e.sara, ""), "rdeadbeef0000") {
		t.Fatal("an unknown code was taken")
	}
	press := func(args ...string) *chat.Request { return e.press(e.part, e.f.onHousehold, args...) }
	if a := alert(press("lang", "ti")); a != L.T("RefPickOneLanguage", nil) {
		t.Fatalf("removing the only language: %q", a)
	}
	press("lang", "en")
	press("lang", "ti")
	_, k = shown(press("free", "weekday_evening"))
	if k[0][1].Text != "✓ "+freeName(L, "weekday_evening") {
		t.Fatalf("free times %v", k)
	}
	got, _ := e.b.Store.HouseholdReferral(ctx, e.part.ID)
	if len(got.Languages) != 1 || got.Languages[0] != "en" || len(got.Free) != 2 {
		t.Fatalf("corrected %v %v", got.Languages, got.Free)
	}
	press("withdraw", "ask")
	text, _ = shown(press("withdraw", "yes"))
	if text != L.T("HhWithdrawn", nil) {
		t.Fatalf("withdrawn: %q", text)
	}
	var name, reason, kind string
	var withdrawn bool
	if err := e.b.DB.QueryRow(`SELECT contact_name, withdrawn_at IS NOT NULL FROM referrals WHERE id = ?`, id).Scan(&name, &withdrawn); err != nil || name != "" || !withdrawn {
		t.Fatalf("referral after: %q %v %v", name, withdrawn, err)
	}
	if err := e.b.DB.QueryRow(`SELECT end_reason FROM network_matches WHERE referral_id = ?`, id).Scan(&reason); err != nil || reason != "consent" {
		t.Fatalf("the proposal: %q %v", reason, err)
	}
	if err := e.b.DB.QueryRow(`SELECT notice FROM outbox WHERE member_id = ? ORDER BY id DESC LIMIT 1`, e.lars.ID).Scan(&kind); err != nil || kind != domain.NoticeNetworkConsentEnded {
		t.Fatalf("Lars told: %q %v", kind, err)
	}
	if a := alert(press("view", "0")); a != L.T("ButtonExpired", nil) {
		t.Fatalf("after withdrawing: %q", a)
	}
	n := chat.NewNotices(e.f.Env)
	e.f.Notices(n)
	out, err := n.Render(ctx, outboxMsg(t, e, e.lars.ID))
	if err != nil || out.Text != e.f.Cat.For("da").T("NetConsentEndedNotice", nil) {
		t.Fatalf("Lars reads %q, %v", out.Text, err)
	}
}

// outboxMsg is the newest outbox row to member, as the sender reads it.
func outboxMsg(t *testing.T, e *refEnv, member int64) storage.OutboxMessage {
	t.Helper()
	m := storage.OutboxMessage{MemberID: sql.NullInt64{Int64: member, Valid: true}}
	if err := e.b.DB.QueryRow(`SELECT chat_id, notice, notice_values FROM outbox WHERE member_id = ? ORDER BY id DESC LIMIT 1`, member).Scan(&m.ChatID, &m.Notice, &m.Values); err != nil {
		t.Fatal(err)
	}
	return m
}

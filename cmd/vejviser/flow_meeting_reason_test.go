package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// TestMeetingMessageInEachLanguage: the message with a cancelled date
// reaches every follower in their language, marked where it is another.
// Written in Danish only, the preview says the Arabic reader gets Danish and
// the notice marks it for them; with the Arabic added through ➕, the Arabic
// reader reads it unmarked, a Tigrinya reader without a second language the
// Danish marked, one who reads Arabic second the Arabic marked. Nothing is
// sent before ✅, and /cancel on the preview sends nothing.
func TestMeetingMessageInEachLanguage(t *testing.T) {
	clock := &testClock{t: time.Date(2027, 1, 13, 10, 0, 0, 0, cph)}
	coordID := int64(9001)
	f := startFlow(t, withCoordinators(coordID), withClock(clock))
	ctx := context.Background()
	plan := filepath.Join(t.TempDir(), "plan.toml")
	if err := os.WriteFile(plan, []byte(cafePlan), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if err := runIO(ctx, []string{"import", "-db", f.db, plan}, func(string) string { return "" }, nil, &out, &errs); err != nil {
		t.Fatalf("import: %v\n%s", err, &errs)
	}
	a, err := f.store.ActivityByKey(ctx, domain.DefaultBranchID, "tal-dansk")
	if err != nil {
		t.Fatal(err)
	}
	coord := tgfake.User{ID: coordID, FirstName: "Mette", LanguageCode: "da"}
	amina := tgfake.User{ID: 9101, FirstName: "Amina", LanguageCode: "ar"}
	yonas := tgfake.User{ID: 9102, FirstName: "Yonas", LanguageCode: "ti"}
	selam := tgfake.User{ID: 9103, FirstName: "Selam", LanguageCode: "ti"}
	f.join(coord, "da")
	for _, u := range []tgfake.User{amina, yonas, selam} {
		m := f.join(u, u.LanguageCode)
		if err := f.store.Follow(ctx, []int64{1}, a.ID, m.ID, clock.now()); err != nil {
			t.Fatal(err)
		}
		if u == selam {
			if _, err := f.store.SetSecondLanguage(ctx, m.ID, "ar"); err != nil {
				t.Fatal(err)
			}
		}
	}
	D, A, T := f.cat.For("da"), f.cat.For("ar"), f.cat.For("ti")
	TA := f.cat.Reader(domain.Reader{Lang: "ti", Second: "ar"})
	thu := func(day int) time.Time { return time.Date(2027, 1, day, 15, 0, 0, 0, cph) }
	notices := func() int {
		return f.count(`SELECT count(*) FROM outbox WHERE notice = ?`, domain.NoticeMeetingChanged)
	}
	reason := func(L *locales.Localizer, t domain.Texts) string {
		return L.T("MeetingReason", locales.Data{"Reason": L.Written(t)})
	}
	addAr := D.Button("BtnAddLanguage", locales.Data{"Language": autonyms["ar"]})

	// Danish only: the preview says who gets Danish; the Arabic reader sees it marked.
	f.openDate(coord, a, thu(21))
	f.waitButton(coord, D.T("BtnCancelMeeting", nil))
	f.tap(coord, D.T("BtnCancelMeeting", nil))
	p := f.send(coord, "Biblioteket er lukket", D.T("MeetingPreview", nil))
	arGetsDa := D.T("WrittenReadersLine", locales.Data{"Language": D.Name("ar"), "Count": 1, "In": locales.Isolated(D.In("da"))})
	if !strings.Contains(p.Text, arGetsDa) || !hasLabel(p, addAr) {
		t.Errorf("the preview lacks %q or the button %q: %q %q", arGetsDa, addAr, p.Text, labels(p))
	}
	if n := notices(); n != 0 {
		t.Fatalf("%d followers told before ✅", n)
	}
	f.tap(coord, D.T("BtnSend", nil))
	f.waitText(coord, D.N("MeetingChangedTold", 3, nil))
	da := domain.Texts{"da": "Biblioteket er lukket"}
	if m := f.waitText(amina, reason(A, da)); !strings.Contains(m.Text, A.Mark("da")) {
		t.Errorf("the Arabic reader's notice lacks the mark: %q", m.Text)
	}

	// The Arabic added with ➕: each reader by the one rule.
	f.openDate(coord, a, thu(28))
	f.waitButton(coord, D.T("BtnCancelMeeting", nil))
	f.tap(coord, D.T("BtnCancelMeeting", nil))
	f.send(coord, "Læreren er syg", D.T("MeetingPreview", nil))
	f.tap(coord, addAr)
	f.waitText(coord, D.T("MeetingAskReasonIn", locales.Data{"Language": D.Name("ar")}))
	p = f.send(coord, "المعلمة مريضة", D.T("MeetingPreview", nil))
	if hasLabel(p, addAr) || !strings.Contains(p.Text, "المعلمة مريضة") {
		t.Errorf("the preview after ➕ still offers Arabic or lacks it: %q %q", p.Text, labels(p))
	}
	f.tap(coord, D.T("BtnSend", nil))
	f.waitText(coord, D.N("MeetingChangedTold", 3, nil))
	both := domain.Texts{"da": "Læreren er syg", "ar": "المعلمة مريضة"}
	if m := f.waitText(amina, reason(A, both)); strings.Contains(m.Text, A.Mark("da")) || strings.Contains(m.Text, A.Mark("ar")) {
		t.Errorf("the Arabic reader's own text is marked: %q", m.Text)
	}
	if m := f.waitText(yonas, reason(T, both)); !strings.Contains(m.Text, "Læreren er syg "+T.Mark("da")) {
		t.Errorf("the Tigrinya reader does not get the Danish marked: %q", m.Text)
	}
	if m := f.waitText(selam, reason(TA, both)); !strings.Contains(m.Text, T.Mark("ar")) || !strings.Contains(m.Text, "المعلمة مريضة") {
		t.Errorf("the Tigrinya reader reading Arabic second does not get the Arabic marked: %q", m.Text)
	}

	// /cancel on the preview: nobody is told.
	before := notices()
	f.openDate(coord, a, thu(14).AddDate(0, 0, 21))
	f.waitButton(coord, D.T("BtnCancelMeeting", nil))
	f.tap(coord, D.T("BtnCancelMeeting", nil))
	f.send(coord, "Lukket", D.T("MeetingPreview", nil))
	f.send(coord, "/cancel", D.T("Cancelled", nil))
	if n := notices(); n != before {
		t.Errorf("/cancel on the preview told %d followers", n-before)
	}
}

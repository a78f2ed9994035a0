package main

import (
	"strings"
	"testing"

	"vejviser/bot/tgfake"
	"vejviser/locales"
)

// /inbox in a coordinator's private chat lists the questions no one has
// answered or closed, oldest first, in the coordinator's language; a
// question's button brings its card back to be answered as when it came.
func TestInboxListsOpenQuestions(t *testing.T) {
	const base = 7300
	f := startFlow(t, withCoordinators(base, base+1))
	mette := tgfake.User{ID: base, FirstName: "Mette", LanguageCode: "da"}
	rami := tgfake.User{ID: base + 1, FirstName: "Rami", LanguageCode: "ar"}
	amina := tgfake.User{ID: base + 2, FirstName: "Amina Said", LanguageCode: "ar"}
	tes := tgfake.User{ID: base + 3, FirstName: "Tesfay", LanguageCode: "ti"}
	f.join(mette, "da")
	f.join(rami, "ar")
	f.join(amina, "ar")
	f.join(tes, "ti")
	da, ar := f.cat.For("da"), f.cat.For("ar")

	t.Run("none open: a clear line", func(t *testing.T) {
		f.use(t)
		f.send(mette, "/inbox", da.T("InboxOpenNone", nil))
		f.send(rami, "/inbox", ar.T("InboxOpenNone", nil))
	})

	const question = "متى يفتح مقهى اللغة الدنماركية يوم الخميس في مكتبة Ballerup؟ وهل يمكنني إحضار أطفالي معي؟"
	f.ask(amina, question, f.T("ar", "AskReceived", locales.Data{"Group": groupIn("ar")}))
	f.ask(tes, "ሰላም", f.T("ti", "AskReceived", locales.Data{"Group": groupIn("ti")}))
	f.settle()

	t.Run("oldest first, first words, one button each", func(t *testing.T) {
		f.use(t)
		list := f.send(mette, "/inbox", da.N("InboxOpenTitle", 2, locales.Data{"Page": 1, "Pages": 1}))
		first, second := strings.Index(list.Text, "1. Amina ·"), strings.Index(list.Text, "2. Tesfay ·")
		if first < 0 || second < first || strings.Contains(list.Text, question) || !strings.Contains(list.Text, "متى يفتح") {
			t.Errorf("the list reads %q", list.Text)
		}
		relays := f.deliveredContaining(mette, question)
		text, alert := f.tap(mette, da.T("BtnInboxOpen", locales.Data{"N": 1, "Name": "Amina"}))
		expectAnswer(t, "open Amina's question", text, alert, da.T("InboxOpenSent", nil), false)
		f.waitFor("the card again", func() bool { return f.deliveredContaining(mette, question) == relays+1 })
		f.tap(mette, da.T("BtnAskReply", nil))
		f.waitText(mette, da.T("AskReplyReads", locales.Data{"Name": "Amina Said", "Language": da.Name("ar")}))
		f.send(mette, "Klokken 15, og børn er velkomne.", da.T("AskReplySent", locales.Data{"Name": "Amina Said"}))
		f.waitText(amina, "Klokken 15")
	})

	t.Run("in Arabic, what is still open", func(t *testing.T) {
		f.use(t)
		list := f.send(rami, "/inbox", ar.N("InboxOpenTitle", 1, locales.Data{"Page": 1, "Pages": 1}))
		if strings.Contains(list.Text, "Amina") || !strings.Contains(list.Text, "Tesfay") || !strings.Contains(list.Text, "ሰላም") {
			t.Errorf("the Arabic list reads %q", list.Text)
		}
		cards := f.deliveredContaining(rami, "ሰላም")
		text, alert := f.tap(rami, ar.T("BtnInboxOpen", locales.Data{"N": 1, "Name": "Tesfay"}))
		expectAnswer(t, "open Tesfay's question", text, alert, ar.T("InboxOpenSent", nil), false)
		f.waitFor("Tesfay's card again", func() bool { return f.deliveredContaining(rami, "ሰላም") == cards+1 })
		f.tap(rami, ar.T("BtnAskDone", nil))
		f.send(mette, "/inbox", da.T("InboxOpenNone", nil))
	})
}

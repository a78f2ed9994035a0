package main

import (
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
)

// TestRetypedCommandAsksContinueOrStartOver: /newevent typed again in the
// middle of a draft keeps it and asks; ▶️ continues where it stopped and
// 🔄 starts afresh. Another chat's command asks too, rather than dropping
// the draft.
func TestRetypedCommandAsksContinueOrStartOver(t *testing.T) {
	clock := &testClock{t: time.Date(2027, 1, 10, 10, 0, 0, 0, cph)}
	coordID := int64(9001)
	f := startFlow(t, withCoordinators(coordID), withClock(clock))
	coord := tgfake.User{ID: coordID, FirstName: "Mette", LanguageCode: "da"}
	f.join(coord, "da")
	D := f.cat.For("da")
	titles := D.T("NewEventTitles", locales.Data{"Title": "Sommerfest"})

	f.send(coord, "/newevent", D.T("NewEventAskTitle", nil))
	f.send(coord, "Sommerfest", titles)
	f.send(coord, "/newevent", D.T("FlowContinueAsk", nil))
	f.tap(coord, D.T("BtnFlowContinue", nil))
	f.waitText(coord, titles)

	f.send(coord, "/newshift", D.T("FlowContinueAsk", nil))
	f.tap(coord, D.T("BtnFlowContinue", nil))
	f.waitText(coord, titles)

	f.send(coord, "/newevent", D.T("FlowContinueAsk", nil))
	f.tap(coord, D.T("BtnFlowStartOver", nil))
	f.waitText(coord, D.T("NewEventAskTitle", nil))
	f.send(coord, "Vinterfest", D.T("NewEventTitles", locales.Data{"Title": "Vinterfest"}))
}

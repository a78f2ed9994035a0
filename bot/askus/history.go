package askus

import (
	"strconv"
	"strings"
	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// A coordinator's view of one member's "Ask us": the last messages both
// ways, and muting a member whose messages are not welcome.

// historyLen is how many messages the history shows.
const historyLen = 10

// onHistory: "1:ah:<member>" shows the last messages both ways.
func (f *Feature) onHistory(r *chat.Request) {
	m, ok := memberArg(r, r.Args[0])
	if !ok {
		return
	}
	items, err := f.Store.AskHistory(r.Ctx, m.ID, coordinated(r), historyLen)
	if err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	if len(items) == 0 {
		r.Say(r.L.T("AskHistoryEmpty", locales.Data{"Name": m.DisplayName}))
		return
	}
	text, k := History(r.L, m, items)
	r.Say(text, k...)
}

// History is the conversation with m, oldest first, with buttons to
// answer or close the newest message from them.
func History(L *locales.Localizer, m domain.Member, items []domain.AskItem) (string, chat.Keyboard) {
	return historyText(L, m, items), historyButtons(L, items)
}

// historyText is pure: the conversation with m, oldest first.
func historyText(L *locales.Localizer, m domain.Member, items []domain.AskItem) string {
	var b strings.Builder
	b.WriteString(L.T("AskHistoryTitle", locales.Data{"Name": m.DisplayName}))
	for _, it := range items {
		who, arrow := domain.FirstName(m.DisplayName), "➡️"
		if it.Direction == "out" {
			who, arrow = it.CoordinatorName, "⬅️"
		}
		text := strings.TrimSpace(it.Text)
		if key, media := askKindKey[it.Kind]; media {
			text = strings.TrimSpace(L.T(key, nil) + " " + text)
		}
		if rs := []rune(text); len(rs) > 300 {
			text = string(rs[:300]) + " …"
		}
		b.WriteString("\n\n" + L.LineMark() + arrow + " " + L.Isolate(who) + " · " + L.DateTime(it.CreatedAt) + "\n" + text)
	}
	return b.String()
}

// historyButtons answer or close the newest message from the member.
func historyButtons(L *locales.Localizer, items []domain.AskItem) chat.Keyboard {
	for i := len(items) - 1; i >= 0; i-- {
		if items[i].Direction == "in" {
			id := strconv.FormatInt(items[i].ID, 10)
			return chat.Keyboard{chat.Row(chat.Btn(L.T("BtnAskReply", nil), actReply, id), chat.Btn(L.T("BtnAskDone", nil), actDone, id))}
		}
	}
	return nil
}

// onMute: "1:au:<member>:1|0" mutes or unmutes a member.
func (f *Feature) onMute(r *chat.Request) {
	mute := r.Args[1] == "1"
	m, ok := memberArg(r, r.Args[0])
	if !ok {
		return
	}
	if err := f.Store.SetMuted(r.Ctx, m.ID, coordinated(r), r.Member.ID, mute, f.Now()); err != nil {
		r.Fail(err)
		return
	}
	key := "AskUnmutedNow"
	if mute {
		key = "AskMutedNow"
	}
	r.Alert(r.L.T(key, locales.Data{"Name": m.DisplayName}))
}

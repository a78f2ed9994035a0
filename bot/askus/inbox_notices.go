package askus

import (
	"strconv"

	"vejviser/bot/chat"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The notices to the other coordinators when where questions go changes.

// inboxSet renders domain.NoticeInboxSet, with ↩️.
func (f *Feature) inboxSet(L *locales.Localizer, _ domain.Member, v domain.InboxValues) outbox.Rendered {
	text := L.T("InboxSetNotice", locales.Data{"By": v.By, "Title": v.Title})
	if v.Chat == 0 {
		text = L.T("InboxPrivateNotice", locales.Data{"By": v.By})
	}
	return chat.Text(text, chat.Keyboard{chat.Row(chat.Btn(L.T("BtnInboxUndo", nil), actInboxUndo, strconv.FormatInt(v.Chat, 10)))})
}

// inboxUndone renders domain.NoticeInboxUndone.
func (f *Feature) inboxUndone(L *locales.Localizer, _ domain.Member, v domain.InboxValues) outbox.Rendered {
	return chat.Text(L.T("InboxUndoneNotice", locales.Data{"By": v.By}), nil)
}

// inboxLost renders domain.NoticeInboxLost.
func (f *Feature) inboxLost(L *locales.Localizer, _ domain.Member, _ domain.InboxValues) outbox.Rendered {
	return chat.Text(L.T("InboxLostNotice", locales.Data{"Command": "/inbox@" + f.Username()}), nil)
}

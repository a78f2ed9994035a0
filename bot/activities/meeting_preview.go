package activities

import (
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The preview of a cancelled or moved date: the notice as followers will
// read it, who reads the coordinator's message in which language, ➕ for
// the languages whose readers would get another one, ✏️ for those written,
// ✅ to send and ✖️ to drop it. Nothing is sent before ✅.

// change is the meeting change the draft describes, made by member by.
func (d meetingDraft) change(by int64) domain.MeetingChange {
	c := domain.MeetingChange{ActivityID: d.ActivityID, Slot: time.Unix(d.Slot, 0).UTC(), Cancel: d.Cancel, Reason: domain.Texts{}, By: by}
	for k, v := range d.Reasons {
		if v != "" {
			c.Reason[k] = v
		}
	}
	if !d.Cancel && d.MovedTo != 0 {
		c.MovedTo = time.Unix(d.MovedTo, 0).UTC()
	}
	return c
}

// meetingPreview shows what followers will read and the buttons to add the
// message in other languages, change it, send or cancel.
func meetingPreview(r *chat.Request, d meetingDraft) {
	if !d.Cancel && d.MovedTo == 0 {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	act, was, ok := meetingOf(r, strconv.FormatInt(d.ActivityID, 10), strconv.FormatInt(d.Slot, 10), domain.RoleCoordinator)
	if !ok {
		return
	}
	d.Op, d.Writing = opPreview, ""
	if !meetingFlow.Save(r, d) {
		return
	}
	c := d.change(r.Member.ID)
	now := domain.Occurrence{Slot: c.Slot, Start: c.Slot, Cancelled: c.Cancel, Reason: c.Reason}
	if !c.MovedTo.IsZero() {
		now.Moved, now.Start = true, c.MovedTo
	}
	L, cat := r.L, r.Env.Cat
	lines := []string{L.T("MeetingPreview", nil), "", MeetingNotice(L, domain.MeetingChanged{Activity: act, Was: was, Now: now})}
	if len(c.Reason) > 1 {
		lines = append(lines, "")
		for _, lang := range locales.Languages {
			if t := c.Reason[lang]; t != "" {
				lines = append(lines, L.Name(lang)+": "+L.Isolate(t))
			}
		}
	}
	readers, err := r.Env.Store.MeetingReaders(r.Ctx, act.ID, c.Slot)
	if err != nil {
		r.Env.Log.Warn("count readers", "err", err)
	}
	if rl := chat.ReadersLines(cat, L, c.Reason, readers); len(rl) > 0 {
		lines = append(append(lines, ""), rl...)
	}
	k := chat.Keyboard{chat.Row(chat.Btn(L.T("BtnSend", nil), actMeetingFlow, "send", "ok"))}
	if c.Reason[domain.DefaultLanguage] == "" {
		k = append(k, chat.Row(chat.LanguageButton(cat, L, domain.DefaultLanguage, false, actMeetingFlow, "lang", domain.DefaultLanguage)))
	} else {
		k = append(k, chat.AddRows(cat, L, chat.Missing(c.Reason, readers), actMeetingFlow, "lang")...)
		var row []domain.Button
		for _, lang := range locales.Languages {
			if c.Reason[lang] != "" {
				row = append(row, chat.LanguageButton(cat, L, lang, true, actMeetingFlow, "lang", lang))
			}
			if len(row) == 2 {
				k, row = append(k, row), nil
			}
		}
		if len(row) > 0 {
			k = append(k, row)
		}
	}
	r.Show(strings.Join(lines, "\n"), append(k, chat.CancelRow(L))...)
}

// onMeetingFlow handles the preview's buttons: "1:mf:lang:<lang>" (➕/✏️:
// write the message in that language; others only once there is a Danish
// one to fall back on) and "1:mf:send:ok".
func (f *Feature) onMeetingFlow(r *chat.Request) {
	d, ok := meetingFlow.Load(r)
	if !ok {
		return
	}
	op, val := r.Args[0], r.Args[1]
	switch {
	case op == "lang" && d.Op == opPreview && locales.Supported(val) &&
		(val == domain.DefaultLanguage || d.Reasons[domain.DefaultLanguage] != ""):
		d.Op, d.Writing = opReason, val
		if meetingFlow.Save(r, d) {
			r.Toast("")
			r.Show(r.L.T("MeetingAskReasonIn", locales.Data{"Language": r.L.Name(val)}), chat.CancelRow(r.L))
		}
	case op == "send" && d.Op == opPreview && (d.Cancel || d.MovedTo != 0):
		if err := meetingFlow.End(r); err != nil {
			r.Fail(err)
			return
		}
		changeMeeting(r, d.change(r.Member.ID))
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
	}
}

package bot

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// /volunteers (coordinators): every volunteer and coordinator with the
// languages they speak and their child protection certificate; a card per
// person where a coordinator records the certificate's valid-until date
// (typed as a date; /cancel or ✖️ ends it with nothing saved).

const flowCert = "certificate"

type certDraft struct {
	MemberID int64 `json:"member"`
}

func (a *App) cmdVolunteers(r *chat.Request) { a.showVolunteers(r) }

func (a *App) onVolunteers(r *chat.Request) {
	r.Toast("")
	a.showVolunteers(r)
}

func (a *App) showVolunteers(r *chat.Request) {
	vs, err := a.Store.Volunteers(r.Ctx)
	if err != nil {
		r.Fail(err)
		return
	}
	k := chat.Keyboard{}
	for _, v := range vs {
		if len(k) == 40 {
			break
		}
		label := v.DisplayName
		if v.CertValidUntil != nil && v.CertValidOn(a.Now(), a.Loc()) {
			label += " · 🪪 " + r.L.Date(certDate(*v.CertValidUntil, a.Loc()))
		}
		k = append(k, chat.Row(chat.Btn(label, actVolCard, strconv.FormatInt(v.ID, 10))))
	}
	r.Show(r.L.N("VolunteersTitle", len(vs), nil), k...)
}

// volunteerArg loads the volunteer a button names, answering clearly when
// they are gone.
func (a *App) volunteerArg(r *chat.Request, idArg string) (domain.Volunteer, bool) {
	id, _ := strconv.ParseInt(idArg, 10, 64)
	v, err := a.Store.Volunteer(r.Ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		r.Deny(r.L.T("MemberGone", nil))
		return v, false
	}
	if err != nil {
		r.Fail(err)
		return v, false
	}
	return v, true
}

// onVolCard opens a volunteer's card: "1:vc:<member>".
func (a *App) onVolCard(r *chat.Request) {
	v, ok := a.volunteerArg(r, r.Args[0])
	if !ok {
		return
	}
	r.Toast("")
	a.showVolCard(r, v)
}

func (a *App) showVolCard(r *chat.Request, v domain.Volunteer) {
	L := r.L
	var langs []string
	for _, l := range v.Languages {
		langs = append(langs, a.Cat.For(l).T("LanguageName", nil))
	}
	spoken := locales.Isolated("—")
	if len(langs) > 0 {
		spoken = L.List(langs)
	}
	text := strings.Join([]string{
		"👤 " + L.Isolate(v.DisplayName) + " · " + L.T(chat.RoleKey[v.Role], nil),
		L.T("VolunteerLanguages", locales.Data{"Languages": spoken}),
		a.certLine(L, v),
	}, "\n")
	id := strconv.FormatInt(v.ID, 10)
	r.Show(text, chat.Row(chat.Btn(L.T("BtnRecordCertificate", nil), actVolCert, id)), chat.Row(chat.Btn(L.T("BtnBack", nil), actVolList)))
}

// onVolCert asks for the certificate's valid-until date: "1:vt:<member>".
func (a *App) onVolCert(r *chat.Request) {
	v, ok := a.volunteerArg(r, r.Args[0])
	if !ok || !chat.SaveDraft(r, flowCert, certDraft{MemberID: v.ID}) {
		return
	}
	r.Toast("")
	r.Show(r.L.T("CertAskDate", locales.Data{"Name": v.DisplayName}), chat.CancelRow(r.L))
}

// onCertText takes the typed date.
func (a *App) onCertText(r *chat.Request) {
	var d certDraft
	if !chat.LoadDraft(r, flowCert, &d) {
		return
	}
	day, ok := parseDay(r.Text, a.Loc(), a.Now())
	if !ok {
		r.Say(r.L.T("CertBadDate", nil), chat.CancelRow(r.L))
		return
	}
	if day.Before(domain.DayOf(a.Now(), a.Loc())) {
		r.Say(r.L.T("InPast", nil), chat.CancelRow(r.L))
		return
	}
	err := a.Store.SetCertificate(r.Ctx, d.MemberID, r.Member.ID, day, a.Now(), func(m domain.Member) domain.Outgoing {
		L := a.Cat.For(m.Language)
		return notice(m, L.T("CertRecordedNotice", locales.Data{"Date": L.Date(certDate(day, a.Loc()))}), domain.PriorityNotice, nil)
	})
	if errors.Is(err, domain.ErrNotFound) {
		r.Say(r.L.T("MemberGone", nil))
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	if _, err := a.Store.EndConversation(r.Ctx, r.Member.ID); err != nil {
		a.Log.Warn("end certificate draft", "err", err)
	}
	a.Wake()
	v, err := a.Store.Volunteer(r.Ctx, d.MemberID)
	if err != nil {
		r.Fail(err)
		return
	}
	r.Say(r.L.T("CertRecorded", locales.Data{"Name": v.DisplayName, "Date": r.L.Date(certDate(day, a.Loc()))}))
	a.showVolCard(r, v)
}

// parseDay reads a date as coordinators type it ("31.12.2027",
// "2027-12-31") as midnight UTC of that date.
func parseDay(s string, loc *time.Location, now time.Time) (time.Time, bool) {
	t, err := domain.ParseLocalDateTime(strings.TrimSpace(s)+" 12:00", loc, now)
	if err != nil {
		return time.Time{}, false
	}
	return domain.DayOf(t, loc), true
}

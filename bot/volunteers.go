package bot

import (
	"errors"
	"strconv"
	"strings"
	"time"

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

func (a *App) cmdVolunteers(r *req) { a.showVolunteers(r) }

func (a *App) onVolunteers(r *req) {
	r.toast("")
	a.showVolunteers(r)
}

func (a *App) showVolunteers(r *req) {
	vs, err := a.store.Volunteers(r.ctx)
	if err != nil {
		r.fail(err)
		return
	}
	k := kb{}
	for _, v := range vs {
		if len(k) == 40 {
			break
		}
		label := v.DisplayName
		if v.CertValidUntil != nil && v.CertValidOn(a.now(), a.loc()) {
			label += " · 🪪 " + r.L.Date(certDate(*v.CertValidUntil, a.loc()))
		}
		k = append(k, row(btn(label, actVolCard, strconv.FormatInt(v.ID, 10))))
	}
	r.show(r.L.N("VolunteersTitle", len(vs), nil), k...)
}

// volunteerArg loads the volunteer a button names, answering clearly when
// they are gone.
func (a *App) volunteerArg(r *req, idArg string) (domain.Volunteer, bool) {
	id, _ := strconv.ParseInt(idArg, 10, 64)
	v, err := a.store.Volunteer(r.ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		r.deny(r.L.T("MemberGone", nil))
		return v, false
	}
	if err != nil {
		r.fail(err)
		return v, false
	}
	return v, true
}

// onVolCard opens a volunteer's card: "1:vc:<member>".
func (a *App) onVolCard(r *req) {
	v, ok := a.volunteerArg(r, r.args[0])
	if !ok {
		return
	}
	r.toast("")
	a.showVolCard(r, v)
}

func (a *App) showVolCard(r *req, v domain.Volunteer) {
	L := r.L
	var langs []string
	for _, l := range v.Languages {
		langs = append(langs, a.cat.For(l).T("LanguageName", nil))
	}
	spoken := locales.Isolated("—")
	if len(langs) > 0 {
		spoken = L.List(langs)
	}
	text := strings.Join([]string{
		"👤 " + L.Isolate(v.DisplayName) + " · " + L.T(roleKey[v.Role], nil),
		L.T("VolunteerLanguages", locales.Data{"Languages": spoken}),
		a.certLine(L, v),
	}, "\n")
	id := strconv.FormatInt(v.ID, 10)
	r.show(text, row(btn(L.T("BtnRecordCertificate", nil), actVolCert, id)), row(btn(L.T("BtnBack", nil), actVolList)))
}

// onVolCert asks for the certificate's valid-until date: "1:vt:<member>".
func (a *App) onVolCert(r *req) {
	v, ok := a.volunteerArg(r, r.args[0])
	if !ok || !a.saveFlow(r, flowCert, certDraft{MemberID: v.ID}) {
		return
	}
	r.toast("")
	r.show(r.L.T("CertAskDate", locales.Data{"Name": v.DisplayName}), flowCancelRow(r.L))
}

// onCertText takes the typed date.
func (a *App) onCertText(r *req) {
	var d certDraft
	if !a.loadFlow(r, flowCert, &d) {
		return
	}
	day, ok := parseDay(r.text, a.loc(), a.now())
	if !ok {
		r.say(r.L.T("CertBadDate", nil), flowCancelRow(r.L))
		return
	}
	if day.Before(domain.DayOf(a.now(), a.loc())) {
		r.say(r.L.T("InPast", nil), flowCancelRow(r.L))
		return
	}
	err := a.store.SetCertificate(r.ctx, d.MemberID, r.member.ID, day, a.now(), func(m domain.Member) domain.Outgoing {
		L := a.cat.For(m.Language)
		return notice(m, L.T("CertRecordedNotice", locales.Data{"Date": L.Date(certDate(day, a.loc()))}), domain.PriorityNotice, nil)
	})
	if errors.Is(err, domain.ErrNotFound) {
		r.say(r.L.T("MemberGone", nil))
		return
	}
	if err != nil {
		r.fail(err)
		return
	}
	if _, err := a.store.EndConversation(r.ctx, r.member.ID); err != nil {
		a.log.Warn("end certificate draft", "err", err)
	}
	a.wake()
	v, err := a.store.Volunteer(r.ctx, d.MemberID)
	if err != nil {
		r.fail(err)
		return
	}
	r.say(r.L.T("CertRecorded", locales.Data{"Name": v.DisplayName, "Date": r.L.Date(certDate(day, a.loc()))}))
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

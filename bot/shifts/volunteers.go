package shifts

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

type certDraft struct {
	MemberID int64 `json:"member"`
}

// stepCertDate is the chat's one question: until when the certificate is valid.
const stepCertDate chat.Step = "date"

// certFlow is the chat that records a certificate; its name is stored with
// every draft.
var certFlow = &chat.Flow[certDraft]{
	Name:   "certificate",
	StepOf: func(*certDraft) chat.Step { return stepCertDate },
}

// The typed date is set here rather than in certFlow's initializer: its
// handler ends the chat through certFlow, which its own initializer may not
// refer to.
func init() {
	certFlow.Text = map[chat.Step]func(*chat.Request, *certDraft, string){stepCertDate: onCertText}
}

func (f *Feature) cmdVolunteers(r *chat.Request) { f.showVolunteers(r) }

func (f *Feature) onVolunteers(r *chat.Request) {
	r.Toast("")
	f.showVolunteers(r)
}

func (f *Feature) showVolunteers(r *chat.Request) {
	vs, err := f.Store.Volunteers(r.Ctx, coordinating(r))
	if err != nil {
		r.Fail(err)
		return
	}
	k := chat.Keyboard{}
	several := len(coordinating(r)) > 1 // whose volunteer each is, when the list spans branches
	for _, v := range vs {
		if len(k) == 40 {
			break
		}
		label := v.DisplayName
		if several {
			var names []string
			for _, b := range v.Branches {
				names = append(names, r.BranchName(b))
			}
			label += " · " + r.L.Isolate(strings.Join(names, ", "))
		}
		if v.CertValidUntil != nil && v.CertValidOn(f.Now(), f.Loc()) {
			label += " · 🪪 " + r.L.Date(certDate(*v.CertValidUntil, f.Loc()))
		}
		k = append(k, chat.Row(chat.Btn(label, actVolCard, strconv.FormatInt(v.ID, 10))))
	}
	r.Show(r.L.N("VolunteersTitle", len(vs), nil), k...)
}

// volunteerArg loads the volunteer a button names, answering clearly when
// they are gone.
func (f *Feature) volunteerArg(r *chat.Request, idArg string) (domain.Volunteer, bool) {
	id, _ := strconv.ParseInt(idArg, 10, 64)
	v, err := f.Store.BranchVolunteer(r.Ctx, coordinating(r), id)
	if r.Failed(err, "MemberGone") {
		return v, false
	}
	return v, true
}

// onVolCard opens a volunteer's card: "1:vc:<member>".
func (f *Feature) onVolCard(r *chat.Request) {
	v, ok := f.volunteerArg(r, r.Args[0])
	if !ok {
		return
	}
	r.Toast("")
	showVolCard(r, v)
}

// showVolCard is a volunteer's card: languages, certificate, and the
// button that records one.
func showVolCard(r *chat.Request, v domain.Volunteer) {
	L := r.L
	var langs []string
	for _, l := range v.Languages {
		langs = append(langs, r.L.Name(l))
	}
	spoken := locales.Isolated("—")
	if len(langs) > 0 {
		spoken = L.List(langs)
	}
	text := strings.Join([]string{
		"👤 " + L.Isolate(v.DisplayName) + " · " + L.T(chat.RoleKey[v.Role], nil),
		L.T("VolunteerLanguages", locales.Data{"Languages": spoken}),
		certLine(r.Env, L, v),
	}, "\n")
	id := strconv.FormatInt(v.ID, 10)
	r.Show(text, chat.Row(chat.Btn(L.T("BtnRecordCertificate", nil), actVolCert, id)), chat.Row(chat.Btn(L.T("BtnBack", nil), actVolList)))
}

// onVolCert asks for the certificate's valid-until date: "1:vt:<member>".
func (f *Feature) onVolCert(r *chat.Request) {
	v, ok := f.volunteerArg(r, r.Args[0])
	if !ok || !certFlow.Save(r, certDraft{MemberID: v.ID}) {
		return
	}
	r.Toast("")
	r.Show(r.L.T("CertAskDate", locales.Data{"Name": v.DisplayName}), chat.CancelRow(r.L))
}

// onCertText takes the typed date.
func onCertText(r *chat.Request, d *certDraft, text string) {
	env := r.Env
	day, ok := parseDay(text, env.Loc(), env.Now())
	if !ok {
		r.Say(r.L.T("CertBadDate", nil), chat.CancelRow(r.L))
		return
	}
	if day.Before(domain.DayOf(env.Now(), env.Loc())) {
		r.Say(r.L.T("InPast", nil), chat.CancelRow(r.L))
		return
	}
	err := env.Store.SetCertificate(r.Ctx, coordinating(r), d.MemberID, r.Member.ID, day, env.Now(), true)
	if errors.Is(err, domain.ErrNotFound) {
		r.Say(r.L.T("MemberGone", nil))
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	certFlow.Finish(r)
	env.Wake()
	v, err := env.Store.BranchVolunteer(r.Ctx, coordinating(r), d.MemberID)
	if err != nil {
		r.Fail(err)
		return
	}
	r.Say(r.L.T("CertRecorded", locales.Data{"Name": v.DisplayName, "Date": r.L.Date(certDate(day, env.Loc()))}))
	showVolCard(r, v)
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

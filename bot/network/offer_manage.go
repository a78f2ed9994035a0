package network

import (
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// A saved offer: /networkfamily shows it with ✏️ to change it, ⏸ to pause
// ("not now, until …") and ⏹ to stop; a paused or stopped offer can be
// resumed. Stopping ends no match: the family is never suggested again,
// and matches proposed or active stay until they end. The buttons name no
// offer: they act on the presser's own.

// pauseMonths are the pause buttons, in months.
var pauseMonths = []int{1, 3, 6}

// maxPause is how far ahead a typed date may be.
const maxPause = 2 * 365 * 24 * time.Hour

const stepUntil chat.Step = "until"

type pauseDraft struct {
	Step chat.Step `json:"step"`
}

// pauseFlow is the one question of a pause until a typed date.
var pauseFlow = &chat.Flow[pauseDraft]{
	Name:   "networkpause",
	StepOf: func(d *pauseDraft) chat.Step { return d.Step },
}

func init() {
	pauseFlow.Text = map[chat.Step]func(*chat.Request, *pauseDraft, string){stepUntil: onPauseDate}
}

// showOffer shows the member's saved offer.
func (f *Feature) showOffer(r *chat.Request, c domain.OfferCard) { f.showOfferWith(r, "", c) }

// showOfferWith shows the offer under head (a line saying what just
// happened, or ""): its fields, whether it is paused or stopped, how many
// households they have now and their child protection certificate.
func (f *Feature) showOfferWith(r *chat.Request, head string, c domain.OfferCard) {
	L := r.L
	var lines []string
	if head != "" {
		lines = append(lines, head, "")
	}
	lines = append(lines, L.T("NetfamOfferTitle", nil), "")
	lines = append(append(lines, offerLines(L, c)...), "")
	now := f.Now()
	switch {
	case c.Stopped:
		lines = append(lines, L.T("NetfamStatusStopped", nil))
	case c.Paused(now):
		lines = append(lines, L.T("NetfamStatusPaused", locales.Data{"Date": L.Date(*c.PausedUntil)}))
	case c.Active >= c.Capacity:
		lines = append(lines, L.T("NetfamStatusFull", nil))
	default:
		lines = append(lines, L.T("NetfamStatusOpen", nil))
	}
	if c.Active > 0 {
		lines = append(lines, L.N("NetfamActive", c.Active, nil))
	}
	lines = append(lines, f.certLines(r)...)
	btn := func(key, op string) domain.Button { return chat.Btn(L.T(key, nil), actOfferManage, op, "ok") }
	k := chat.Keyboard{chat.Row(btn("BtnNetfamChange", "change"))}
	if c.Stopped || c.Paused(now) {
		k = append(k, chat.Row(btn("BtnNetfamResume", "resume")))
	}
	if !c.Stopped {
		if !c.Paused(now) {
			k = append(k, chat.Row(btn("BtnNetfamPause", "pause")))
		}
		k = append(k, chat.Row(btn("BtnNetfamStop", "stop")))
	}
	r.Show(strings.Join(lines, "\n"), k...)
}

// certLines say whether the member's child protection certificate is
// recorded and valid, and, when it is not, what that means here.
func (f *Feature) certLines(r *chat.Request) []string {
	v, err := f.Store.Volunteer(r.Ctx, r.Member.ID)
	if err != nil {
		f.Log.Warn("read volunteer profile", "err", err)
		return nil
	}
	L, loc := r.L, f.Loc()
	if v.CertValidUntil == nil {
		return []string{L.T("ProfileNoCertificate", nil), L.T("NetfamCertNeeded", nil)}
	}
	day := *v.CertValidUntil
	date := L.Date(time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, loc))
	if !v.CertValidOn(f.Now(), loc) {
		return []string{L.T("ProfileCertificateExpired", locales.Data{"Date": date}), L.T("NetfamCertNeeded", nil)}
	}
	return []string{L.T("ProfileCertificate", locales.Data{"Date": date})}
}

// onOfferManage handles the saved offer's buttons: "1:o2:<op>:<value>".
func (f *Feature) onOfferManage(r *chat.Request) {
	c, err := f.Store.Offer(r.Ctx, r.Member.ID)
	if r.Failed(err, "ButtonExpired") {
		return
	}
	L := r.L
	back := chat.Row(chat.Btn(L.T("BtnNetfamBack", nil), actOfferManage, "show", "ok"))
	switch op, val := r.Args[0], r.Args[1]; op {
	case "show":
		r.Toast("")
		f.showOffer(r, c)
	case "change":
		r.Toast("")
		offerPreview(r, offerDraftOf(c))
	case "pause":
		k := chat.Keyboard{}
		for _, m := range pauseMonths {
			k = append(k, chat.Row(chat.Btn(L.N("BtnNetfamPauseMonths", m, nil), actOfferManage, "until", strconv.Itoa(m))))
		}
		r.Toast("")
		r.Show(L.T("NetfamPauseAsk", nil), append(k, chat.Row(chat.Btn(L.T("BtnNetfamPauseDate", nil), actOfferManage, "until", "date")), back)...)
	case "until":
		f.onPauseUntil(r, val)
	case "stop":
		r.Toast("")
		r.Show(L.T("NetfamStopAsk", nil), chat.Row(chat.Btn(L.T("BtnNetfamStopYes", nil), actOfferManage, "stopyes", "ok")), back)
	case "stopyes":
		f.changeOffer(r, f.Store.StopOffer(r.Ctx, r.Member.ID, f.Now()), "NetfamStopped", nil)
	case "resume":
		f.changeOffer(r, f.Store.ResumeOffer(r.Ctx, r.Member.ID, f.Now()), "NetfamResumed", nil)
	default:
		r.Expired()
	}
}

// onPauseUntil pauses for some months, or asks for the date.
func (f *Feature) onPauseUntil(r *chat.Request, val string) {
	if val == "date" {
		if pauseFlow.Save(r, pauseDraft{Step: stepUntil}) {
			r.Toast("")
			r.Show(r.L.T("NetfamAskPauseDate", nil), chat.CancelRow(r.L))
		}
		return
	}
	m, err := strconv.Atoi(val)
	if err != nil || m < 1 || m > 12 {
		r.Expired()
		return
	}
	until := domain.PauseEnd(f.Now(), m, f.Loc())
	f.pauseUntil(r, until)
}

// onPauseDate takes the typed date the pause ends on.
func onPauseDate(r *chat.Request, _ *pauseDraft, text string) {
	now, loc := r.Env.Now(), r.Env.Loc()
	until, err := domain.ParseDate(text, loc)
	if err != nil || !until.After(now) || until.Sub(now) > maxPause {
		r.Say(r.L.T("NetfamPauseDateInvalid", nil), chat.CancelRow(r.L))
		return
	}
	pauseFlow.Finish(r)
	New(r.Env).pauseUntil(r, until)
}

// pauseUntil pauses the offer until the start of until's day.
func (f *Feature) pauseUntil(r *chat.Request, until time.Time) {
	err := f.Store.PauseOffer(r.Ctx, r.Member.ID, until, f.Now())
	f.changeOffer(r, err, "NetfamPaused", locales.Data{"Date": r.L.Date(until)})
}

// changeOffer answers a pause, stop or resume: the offer again, under
// what changed.
func (f *Feature) changeOffer(r *chat.Request, err error, head string, data locales.Data) {
	if r.Failed(err, "ButtonExpired") {
		return
	}
	c, err := f.Store.Offer(r.Ctx, r.Member.ID)
	if r.Failed(err, "ButtonExpired") {
		return
	}
	r.Toast("")
	f.showOfferWith(r, r.L.T(head, data), c)
}

// offerDraftOf opens a saved offer as a draft at its preview.
func offerDraftOf(c domain.OfferCard) offerDraft {
	d := offerDraft{Step: offerStepPreview, Editing: true, Kind: c.Kind, Languages: c.Languages, Postcode: c.Postcode,
		Free: c.Free, Help: c.Help, Capacity: c.Capacity, Hello: c.Hello, Hellos: map[string]string{}, Contact: c.Contact}
	for k, v := range c.Hellos {
		d.Hellos[k] = v
	}
	return d
}

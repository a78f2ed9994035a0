package network

import (
	"strconv"
	"time"
	"unicode/utf8"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// onRefFlow handles the buttons of /newreferral: each is taken only at the
// step that showed it, else it is a stale button.
func (f *Feature) onRefFlow(r *chat.Request) {
	d, ok := refFlow.Load(r)
	if !ok {
		return
	}
	op, val := r.Args[0], r.Args[1]
	switch {
	case op == "adults" && d.Step == stepAdults && atoi(val) >= 1 && atoi(val) <= 6:
		d.Adults = atoi(val)
		askRefStep(r, d, d.after(stepAdults))
	case op == "age" && d.Step == stepChildren && atoi(val) >= 0 && atoi(val) <= 17 && len(d.Ages) < 12:
		d.Ages = append(d.Ages, atoi(val))
		askRefStep(r, d, stepChildren)
	case op == "kids" && d.Step == stepChildren:
		if val == "none" {
			d.Ages = nil
		}
		askRefStep(r, d, d.after(stepChildren))
	case op == "lang" && d.Step == stepLangs && inList(domain.NetworkLanguages, val):
		d.Langs = inOrder(toggle(d.Langs, val), domain.NetworkLanguages)
		askRefStep(r, d, stepLangs)
	case op == "help" && d.Step == stepHelp && inList(domain.HelpKinds, val):
		d.Help = inOrder(toggle(d.Help, val), domain.HelpKinds)
		askRefStep(r, d, stepHelp)
	case op == "free" && d.Step == stepFree && inList(domain.FreeTimes, val):
		d.Free = inOrder(toggle(d.Free, val), domain.FreeTimes)
		askRefStep(r, d, stepFree)
	case op == "done" && string(d.Step) == map[string]string{"lang": "langs", "help": "help", "free": "free"}[val]:
		if d.Step == stepLangs && len(d.Langs) == 0 {
			r.Alert(r.L.T("RefPickOneLanguage", nil))
			return
		}
		askRefStep(r, d, d.after(d.Step))
	case op == "town" && d.Step == stepTown:
		d.Town = ""
		askRefStep(r, d, d.after(stepTown))
	case op == "wish" && d.Step == stepWish && (val == domain.WishWoman || val == domain.WishFamily || val == "none"):
		d.Wish, d.WishText = val, ""
		if val == "none" {
			d.Wish = ""
		}
		askRefStep(r, d, d.after(stepWish))
	case (op == "yes" || op == "no") && string(d.Step) == val && (val == "cname" || val == "cphone" || val == "caddress"):
		f.onConsentAnswer(r, d, op == "yes")
	case op == "date" && d.Step == stepDate:
		d.Date = today(f.Now(), f.Loc()).Unix()
		askRefStep(r, d, d.after(stepDate))
	case op == "how" && d.Step == stepHow && inList(domain.ConsentWays, val):
		d.How = val
		askRefStep(r, d, d.after(stepHow))
	case d.Step == stepPreview:
		f.onRefPreviewButton(r, d, op, val)
	default:
		r.Expired()
	}
}

// onConsentAnswer takes a yes or no to passing on one contact detail; a no
// forgets the detail typed before.
func (f *Feature) onConsentAnswer(r *chat.Request, d refDraft, yes bool) {
	switch d.Step {
	case stepCName:
		d.CName = yes
		if !yes {
			d.Name = ""
		}
	case stepCPhone:
		d.CPhone = yes
		if !yes {
			d.Phone = ""
		}
	default:
		d.CAddress = yes
		if !yes {
			d.Address = ""
		}
	}
	askRefStep(r, d, d.after(d.Step))
}

// onPostcodeText takes a Danish postcode.
func onPostcodeText(r *chat.Request, d *refDraft, text string) {
	n, err := strconv.Atoi(text)
	if err != nil || !domain.ValidPostcode(n) {
		r.Say(r.L.T("RefPostcodeInvalid", nil), chat.CancelRow(r.L))
		return
	}
	d.Postcode = n
	askRefStep(r, *d, d.after(stepPostcode))
}

// onTownText takes the town's name.
func onTownText(r *chat.Request, d *refDraft, text string) {
	if text == "" || utf8.RuneCountInString(text) > 100 {
		r.Say(r.L.T("RefTownInvalid", nil), chat.CancelRow(r.L))
		return
	}
	d.Town = text
	askRefStep(r, *d, d.after(stepTown))
}

// onWishText takes a wish in the coordinator's own words.
func onWishText(r *chat.Request, d *refDraft, text string) {
	if text == "" || utf8.RuneCountInString(text) > 200 {
		r.Say(r.L.T("RefWishTooLong", nil), chat.CancelRow(r.L))
		return
	}
	d.Wish, d.WishText = "", text
	askRefStep(r, *d, d.after(stepWish))
}

// onContactText takes the first name, phone number or address the
// household agreed may be passed on.
func onContactText(r *chat.Request, d *refDraft, text string) {
	max := map[chat.Step]int{stepName: 64, stepPhone: 32, stepAddress: 200}[d.Step]
	if text == "" || utf8.RuneCountInString(text) > max {
		r.Say(r.L.T("RefContactInvalid", locales.Data{"Max": max}), chat.CancelRow(r.L))
		return
	}
	switch d.Step {
	case stepName:
		d.Name = text
	case stepPhone:
		d.Phone = text
	default:
		d.Address = text
	}
	askRefStep(r, *d, d.after(d.Step))
}

// onDateText takes the day the consent was given: not in the future.
func onDateText(r *chat.Request, d *refDraft, text string) {
	loc := r.Env.Loc()
	t, err := domain.ParseDate(text, loc)
	if err != nil || t.After(r.Env.Now()) || t.Before(r.Env.Now().AddDate(-5, 0, 0)) {
		r.Say(r.L.T("RefConsentDateInvalid", locales.Data{"Example": r.Env.Now().In(loc).Format("02.01.2006")}), chat.CancelRow(r.L))
		return
	}
	d.Date = t.Unix()
	askRefStep(r, *d, d.after(stepDate))
}

// today is local midnight of now's day.
func today(now time.Time, loc *time.Location) time.Time {
	y, m, dd := now.In(loc).Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}

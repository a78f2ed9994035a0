package network

import (
	"strconv"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The buttons of /newreferral: "1:r1:<op>:<value>".
var actRefFlow = chat.NewAction("r1", chat.Word, chat.Code)

// refFlow is the /newreferral chat; its name is stored with every draft.
var refFlow = &chat.Flow[refDraft]{
	Name:    "referral",
	Command: "newreferral",
	StepOf:  func(d *refDraft) chat.Step { return d.Step },
}

// The typed answers are set here: they save the draft through refFlow,
// which its own initializer may not refer to.
func init() {
	refFlow.Text = map[chat.Step]func(*chat.Request, *refDraft, string){
		stepPostcode: onPostcodeText,
		stepTown:     onTownText,
		stepWish:     onWishText,
		stepName:     onContactText,
		stepPhone:    onContactText,
		stepAddress:  onContactText,
		stepDate:     onDateText,
	}
	refFlow.Ask = func(r *chat.Request, d *refDraft) {
		if d.Step == "" {
			d.Step = stepAdults
		}
		askRefStep(r, *d, d.Step)
	}
}

// cmdNewReferral starts a new referral.
func cmdNewReferral(r *chat.Request) {
	if refFlow.Begin(r, refDraft{Step: stepAdults}) {
		askRefStep(r, refDraft{}, stepAdults)
	}
}

// yesNo is the row of Yes and No for a consent question.
func yesNo(L *locales.Localizer, step chat.Step) []domain.Button {
	return chat.Row(chat.Btn(L.T("BtnRefYes", nil), actRefFlow, "yes", string(step)), chat.Btn(L.T("BtnRefNo", nil), actRefFlow, "no", string(step)))
}

// pickRows are the buttons of a multi-select: ✓ on those chosen, then Done.
func pickRows(L *locales.Localizer, op string, all, chosen []string, name func(string) string) chat.Keyboard {
	k := chat.Keyboard{}
	var row []domain.Button
	for _, x := range all {
		label := name(x)
		if inList(chosen, x) {
			label = "✓ " + label
		}
		row = append(row, chat.Btn(label, actRefFlow, op, x))
		if len(row) == 2 {
			k, row = append(k, row), nil
		}
	}
	if row != nil {
		k = append(k, row)
	}
	return append(k, chat.Row(chat.Btn(L.T("BtnRefDone", nil), actRefFlow, "done", op)), chat.CancelRow(L))
}

func inList(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// askRefStep moves the draft to step and asks its question.
func askRefStep(r *chat.Request, d refDraft, step chat.Step) {
	d.Step = step
	if !refFlow.Save(r, d) {
		return
	}
	L := r.L
	switch step {
	case stepAdults:
		var row []domain.Button
		for n := 1; n <= 6; n++ {
			row = append(row, chat.Btn(strconv.Itoa(n), actRefFlow, "adults", strconv.Itoa(n)))
		}
		r.Show(L.T("RefAskAdults", nil), row, chat.CancelRow(L))
	case stepChildren:
		askChildren(r, d)
	case stepLangs:
		r.Show(L.T("RefAskLanguages", nil), pickRows(L, "lang", domain.NetworkLanguages, d.Langs, func(x string) string { return langName(L, x) })...)
	case stepPostcode:
		r.Show(L.T("RefAskPostcode", nil), chat.CancelRow(L))
	case stepTown:
		r.Show(L.T("RefAskTown", nil), chat.Row(chat.Btn(L.T("BtnSkip", nil), actRefFlow, "town", "none")), chat.CancelRow(L))
	case stepHelp:
		r.Show(L.T("RefAskHelp", nil), pickRows(L, "help", domain.HelpKinds, d.Help, func(x string) string { return helpName(L, x) })...)
	case stepFree:
		r.Show(L.T("RefAskFree", nil), pickRows(L, "free", domain.FreeTimes, d.Free, func(x string) string { return freeName(L, x) })...)
	case stepWish:
		r.Show(L.T("RefAskWish", nil), chat.Row(chat.Btn(wishName(L, domain.WishWoman), actRefFlow, "wish", domain.WishWoman)),
			chat.Row(chat.Btn(wishName(L, domain.WishFamily), actRefFlow, "wish", domain.WishFamily)),
			chat.Row(chat.Btn(L.T("BtnRefNoWish", nil), actRefFlow, "wish", "none")), chat.CancelRow(L))
	case stepCName, stepCPhone, stepCAddress:
		r.Show(L.T(map[chat.Step]string{stepCName: "RefAskConsentName", stepCPhone: "RefAskConsentPhone", stepCAddress: "RefAskConsentAddress"}[step], nil),
			yesNo(L, step), chat.CancelRow(L))
	case stepName, stepPhone, stepAddress:
		r.Show(L.T(map[chat.Step]string{stepName: "RefAskName", stepPhone: "RefAskPhone", stepAddress: "RefAskAddress"}[step], nil), chat.CancelRow(L))
	case stepDate:
		r.Show(L.T("RefAskConsentDate", locales.Data{"Example": r.Env.Now().In(r.Env.Loc()).Format("02.01.2006")}),
			chat.Row(chat.Btn(L.T("BtnRefToday", nil), actRefFlow, "date", "today")), chat.CancelRow(L))
	case stepHow:
		k := chat.Keyboard{}
		for _, w := range domain.ConsentWays {
			k = append(k, chat.Row(chat.Btn(howName(L, w), actRefFlow, "how", w)))
		}
		r.Show(L.T("RefAskConsentHow", nil), append(k, chat.CancelRow(L))...)
	default:
		refPreview(r, d)
	}
}

// askChildren asks for each child's age, showing those added so far.
func askChildren(r *chat.Request, d refDraft) {
	L := r.L
	text := L.T("RefAskChildren", nil)
	if len(d.Ages) > 0 {
		text += "\n\n" + L.T("RefChildrenSoFar", locales.Data{"Ages": agesText(L, d.Ages)})
	}
	k := chat.Keyboard{}
	var row []domain.Button
	for age := 0; age <= 17; age++ {
		row = append(row, chat.Btn(strconv.Itoa(age), actRefFlow, "age", strconv.Itoa(age)))
		if len(row) == 6 {
			k, row = append(k, row), nil
		}
	}
	last := chat.Btn(L.T("BtnRefNoChildren", nil), actRefFlow, "kids", "none")
	if len(d.Ages) > 0 {
		last = chat.Btn(L.T("BtnRefDone", nil), actRefFlow, "kids", "done")
	}
	r.Show(text, append(k, chat.Row(last), chat.CancelRow(L))...)
}

// agesText lists children's ages: "4, 9".
func agesText(L *locales.Localizer, ages []int) locales.Isolated {
	s := make([]string, len(ages))
	for i, a := range ages {
		s[i] = strconv.Itoa(a)
	}
	return L.List(s)
}

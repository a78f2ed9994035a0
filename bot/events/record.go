package events

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// A household without Telegram, recorded by hand from the event's card: a
// step-by-step chat of one typed line ("Familien Ali 2 3").

// recordDraft is the household being recorded by hand. It has one step
// only, so it stores none.
type recordDraft struct {
	EventID   int64  `json:"event"`
	Household int64  `json:"household,omitempty"` // a household being corrected (households.go)
	Name      string `json:"name,omitempty"`      // its name before
}

// stepHousehold is the record chat's one step.
const stepHousehold chat.Step = "household"

// recordFlow is the recording of a household. Its name is stored with
// every draft, so it never changes.
var recordFlow = &chat.Flow[recordDraft]{
	Name:   "eventrecord",
	StepOf: func(*recordDraft) chat.Step { return stepHousehold },
}

// The typed step is set in init: it ends the chat through recordFlow,
// which a package-level initializer may not refer back to.
func init() {
	recordFlow.Text = map[chat.Step]func(*chat.Request, *recordDraft, string){stepHousehold: onHouseholdText}
}

// onEventRecord starts recording a household without Telegram: "1:er:<id>".
func (f *Feature) onEventRecord(r *chat.Request) {
	e, ok := f.event(r, r.Args[0])
	if !ok {
		return
	}
	if !recordFlow.Save(r, recordDraft{EventID: e.ID}) {
		return
	}
	r.Toast("")
	r.Show(r.L.T("EventRecordAsk", locales.Data{"Title": r.L.Written(e.TitleTexts())}), chat.CancelRow(r.L))
}

// reHousehold is "a name or note, adults, children": "Familien Ali 2 3".
var reHousehold = regexp.MustCompile(`^(.{1,100}?)[\s,;]+([0-9]{1,2})[\s,;+]+([0-9]{1,2})$`)

// onHouseholdText takes the typed household.
func onHouseholdText(r *chat.Request, d *recordDraft, text string) {
	m := reHousehold.FindStringSubmatch(text)
	if m == nil {
		r.Say(r.L.T("EventRecordInvalid", nil), chat.CancelRow(r.L))
		return
	}
	adults, _ := strconv.Atoi(m[2])
	children, _ := strconv.Atoi(m[3])
	name := strings.TrimSpace(m[1])
	if adults < 1 {
		r.Say(r.L.T("EventRecordInvalid", nil), chat.CancelRow(r.L))
		return
	}
	done, back := "EventRecorded", chat.Btn(r.L.T("BtnBack", nil), actEvOpen, strconv.FormatInt(d.EventID, 10))
	if d.Household != 0 {
		n, err := r.Env.Store.EditRecorded(r.Ctx, coordinated(r), d.EventID, d.Household, name, adults, children, r.Env.Now())
		if errors.Is(err, domain.ErrNotFound) { // removed meanwhile
			recordFlow.Finish(r)
			r.Say(r.L.T("ButtonExpired", nil))
			return
		}
		if err != nil {
			r.Fail(err)
			return
		}
		if n > 0 {
			r.Env.Wake()
		}
		done, back = "EventHouseholdChanged", chat.Btn(r.L.T("BtnBack", nil), actEvNames, strconv.FormatInt(d.EventID, 10))
	} else if err := r.Env.Store.RecordHousehold(r.Ctx, coordinated(r), d.EventID, name, adults, children, r.Env.Now()); err != nil {
		if errors.Is(err, domain.ErrNotFound) { // gone meanwhile, or not of their branches
			recordFlow.Finish(r)
			r.Say(r.L.T("ButtonExpired", nil))
			return
		}
		r.Fail(err)
		return
	}
	recordFlow.Finish(r)
	r.Say(r.L.T(done, locales.Data{"Name": name, "Adults": adults, "Children": children}), chat.Row(back))
}

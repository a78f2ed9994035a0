package network

import (
	"errors"
	"slices"
	"strconv"
	"unicode/utf8"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// /networkfamily: a volunteer's offer to be a network family, one question
// per message — who they are, languages, postcode, free times, what they
// like helping with, how many households, a hello in Danish (and in other
// languages), how the household may reach them — then a preview with ✏️
// per field and ✅ Save. /cancel or ✖️ at any step ends it with nothing
// saved. Run again, it shows the saved offer (offer_manage.go).

// The steps of the offer chat. Typed text answers postcode, hello,
// hellolang and contact; the others wait for a button.
const (
	stepKind          chat.Step = "kind"
	offerStepLangs    chat.Step = "langs"
	offerStepPostcode chat.Step = "postcode"
	offerStepFree     chat.Step = "free"
	offerStepHelp     chat.Step = "help"
	stepCapacity      chat.Step = "capacity"
	stepHello         chat.Step = "hello"
	stepHelloLang     chat.Step = "hellolang" // the hello in the language being written
	stepHellos        chat.Step = "hellos"
	stepContact       chat.Step = "contact"
	offerStepPreview  chat.Step = "preview"
)

type offerDraft struct {
	Step      chat.Step         `json:"step"`
	Editing   bool              `json:"editing,omitempty"` // an answer goes back to the preview
	Kind      string            `json:"kind,omitempty"`
	Languages []string          `json:"languages,omitempty"`
	Postcode  int               `json:"postcode,omitempty"`
	Free      []string          `json:"free,omitempty"`
	Help      []string          `json:"help,omitempty"`
	Capacity  int               `json:"capacity,omitempty"`
	Hello     string            `json:"hello,omitempty"`
	Hellos    map[string]string `json:"hellos,omitempty"`
	Writing   string            `json:"writing,omitempty"` // the language of the hello being typed
	Contact   string            `json:"contact,omitempty"`
}

// offerFlow is the chat of a new or changed offer.
var offerFlow = &chat.Flow[offerDraft]{
	Name:    "networkfamily",
	Command: "networkfamily",
	StepOf:  func(d *offerDraft) chat.Step { return d.Step },
	Init: func(d *offerDraft) {
		if d.Hellos == nil {
			d.Hellos = map[string]string{}
		}
	},
}

// The step handlers save through offerFlow, so they join it in init.
func init() {
	offerFlow.Text = map[chat.Step]func(*chat.Request, *offerDraft, string){
		offerStepPostcode: offerOnPostcodeText,
		stepHello:         onHelloText,
		stepHelloLang:     onHelloText,
		stepContact:       offerOnContactText,
	}
	offerFlow.Ask = func(r *chat.Request, d *offerDraft) { askOffer(r, *d, d.Step) }
}

// cmdNetworkFamily shows the member's offer, or starts one.
func (f *Feature) cmdNetworkFamily(r *chat.Request) {
	c, err := f.Store.Offer(r.Ctx, r.Member.ID)
	switch {
	case err == nil:
		// A pause date asked for and never typed: the offer is shown afresh.
		if name, _, err := f.Store.Conversation(r.Ctx, r.Member.ID); err == nil && name == pauseFlow.Name {
			pauseFlow.Finish(r)
		}
		f.showOffer(r, c)
		return
	case !errors.Is(err, domain.ErrNotFound):
		r.Fail(err)
		return
	}
	d := offerDraft{Step: stepKind, Languages: []string{"da"}, Hellos: map[string]string{}}
	if offerFlow.Begin(r, d) {
		askOffer(r, d, stepKind)
	}
}

// offerOnPostcodeText takes the typed postcode.
func offerOnPostcodeText(r *chat.Request, d *offerDraft, text string) {
	p, err := strconv.Atoi(text)
	if err != nil || !domain.ValidPostcode(p) {
		r.Say(r.L.T("NetfamPostcodeInvalid", nil), chat.CancelRow(r.L))
		return
	}
	d.Postcode = p
	nextOfferStep(r, *d, offerStepFree)
}

// onHelloText takes the hello, in Danish or in the language being written.
func onHelloText(r *chat.Request, d *offerDraft, text string) {
	if text == "" || domain.Blank(text) || utf8.RuneCountInString(text) > domain.MaxHello {
		r.Say(r.L.T("NetfamHelloInvalid", nil), chat.CancelRow(r.L))
		return
	}
	if d.Step == stepHello {
		d.Hello = text
	} else {
		d.Hellos[d.Writing] = text
	}
	d.Writing = ""
	askOffer(r, *d, stepHellos)
}

// offerOnContactText takes how the household may reach them.
func offerOnContactText(r *chat.Request, d *offerDraft, text string) {
	if text == "" || domain.Blank(text) || utf8.RuneCountInString(text) > domain.MaxContact {
		r.Say(r.L.T("NetfamContactInvalid", nil), chat.CancelRow(r.L))
		return
	}
	d.Contact = text
	askOffer(r, *d, offerStepPreview)
}

// nextOfferStep moves on to step, or back to the preview when editing.
func nextOfferStep(r *chat.Request, d offerDraft, step chat.Step) {
	if d.Editing {
		step = offerStepPreview
	}
	askOffer(r, d, step)
}

// onOfferFlow handles the chat's buttons: "1:o1:<op>:<value>".
func (f *Feature) onOfferFlow(r *chat.Request) {
	d, ok := offerFlow.Load(r)
	if !ok {
		return
	}
	op, val := r.Args[0], r.Args[1]
	switch {
	case op == "kind" && d.Step == stepKind && slices.Contains(domain.FamilyKinds, val):
		d.Kind = val
		r.Toast("")
		nextOfferStep(r, d, offerStepLangs)
	case op == "lang" && d.Step == offerStepLangs && slices.Contains(domain.NetworkLanguages, val):
		d.Languages = offerToggle(d.Languages, val)
		r.Toast("")
		askOffer(r, d, offerStepLangs)
	case op == "free" && d.Step == offerStepFree && slices.Contains(domain.FreeTimes, val):
		d.Free = offerToggle(d.Free, val)
		r.Toast("")
		askOffer(r, d, offerStepFree)
	case op == "help" && d.Step == offerStepHelp && slices.Contains(domain.HelpKinds, val):
		d.Help = offerToggle(d.Help, val)
		r.Toast("")
		askOffer(r, d, offerStepHelp)
	case op == "done":
		onOfferDone(r, d, val)
	case op == "cap" && d.Step == stepCapacity:
		n, err := strconv.Atoi(val)
		if err != nil || n < 1 || n > 3 {
			r.Expired()
			return
		}
		d.Capacity = n
		r.Toast("")
		nextOfferStep(r, d, stepHello)
	case op == "hello" && (d.Step == stepHellos || d.Step == offerStepPreview) && locales.Supported(val) && val != locales.Default:
		// ➕ on the preview: the hellos screen's Continue returns to it.
		d.Editing = d.Editing || d.Step == offerStepPreview
		d.Step, d.Writing = stepHelloLang, val
		if offerFlow.Save(r, d) {
			r.Toast("")
			r.Show(r.L.T("NetfamAskHelloIn", locales.Data{"Language": r.L.Name(val)}), chat.CancelRow(r.L))
		}
	case op == "edit" && d.Step == offerStepPreview:
		onOfferEdit(r, d, val)
	case op == "save" && d.Step == offerStepPreview:
		f.saveOffer(r, d)
	default:
		r.Expired()
	}
}

// onOfferDone goes on from a multiple choice, once at least one is chosen
// (none is needed for the hellos in other languages).
func onOfferDone(r *chat.Request, d offerDraft, val string) {
	var chosen []string
	next := chat.Step("")
	switch chat.Step(val) {
	case offerStepLangs:
		chosen, next = d.Languages, offerStepPostcode
	case offerStepFree:
		chosen, next = d.Free, offerStepHelp
	case offerStepHelp:
		chosen, next = d.Help, stepCapacity
	case stepHellos:
		chosen, next = []string{d.Hello}, stepContact
	}
	if next == "" || d.Step != chat.Step(val) {
		r.Expired()
		return
	}
	if len(chosen) == 0 {
		r.Deny(r.L.T("NetfamChooseOne", nil))
		return
	}
	r.Toast("")
	nextOfferStep(r, d, next)
}

// onOfferEdit asks one value again from the preview.
func onOfferEdit(r *chat.Request, d offerDraft, field string) {
	step := chat.Step(field)
	switch step {
	case stepKind, offerStepLangs, offerStepPostcode, offerStepFree, offerStepHelp, stepCapacity, stepHello, stepContact:
	default:
		r.Expired()
		return
	}
	d.Editing = true
	r.Toast("")
	askOffer(r, d, step)
}

func offerToggle(xs []string, x string) []string {
	if i := slices.Index(xs, x); i >= 0 {
		return slices.Delete(slices.Clone(xs), i, i+1)
	}
	return append(xs, x)
}

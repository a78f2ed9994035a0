package chat

import (
	"strings"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// Step names one question of a step-by-step chat. A draft records the step
// whose answer the member's next typed text is.
type Step string

// Flow is the one step-by-step engine: a chat of several questions whose
// draft (of type D) is kept in the database between updates, so it
// survives restarts. It loads and saves the draft, routes typed text to the
// step the draft is at, ends with /cancel or ✖️ (CancelRow), and offers
// the ➕/✏️ language buttons (LanguageButton). A button or text whose chat
// has ended, or belongs to another one, is answered "this button no longer
// works".
type Flow[D any] struct {
	// Name is stored with the draft; it must be unique among flows.
	Name string
	// Kept is the note a command typed in the middle of this chat adds
	// after its own answer ("" for none: the draft is simply kept).
	Kept string
	// StepOf is the step a draft is at.
	StepOf func(*D) Step
	// Init fills in what an empty or loaded draft needs (maps); may be nil.
	Init func(*D)
	// Text answers typed text at each step, with the text trimmed; a step
	// without an entry is answered with Other (or "use the buttons").
	Text map[Step]func(r *Request, d *D, text string)
	// Other answers typed text at a step Text does not name; may be nil.
	Other func(r *Request, d *D)
	// Command is the command that starts this chat ("" for none), and Ask
	// shows the question a draft is at: with both, the command typed again
	// while a draft exists asks "continue or start over?" (Begin).
	Command string
	Ask     func(r *Request, d *D)
}

// Load reads the member's draft of this chat.
func (f *Flow[D]) Load(r *Request) (D, bool) {
	var d D
	if !LoadDraft(r, f.Name, &d) {
		return d, false
	}
	if f.Init != nil {
		f.Init(&d)
	}
	return d, true
}

// Save stores the member's draft of this chat (starting the chat if need be).
func (f *Flow[D]) Save(r *Request, d D) bool {
	return SaveDraft(r, f.Name, d)
}

// End ends the chat, keeping nothing of the draft.
func (f *Flow[D]) End(r *Request) error {
	_, err := r.Env.Store.EndConversation(r.Ctx, r.Member.ID)
	return err
}

// Routes is the flow's part of the index: typed text at role.
func (f *Flow[D]) Routes(role domain.Role) Routes {
	rs := resumable{command: f.Command, kept: f.Kept != ""}
	if f.Ask != nil {
		rs.resume = f.resume
	}
	registerFlow(f.Name, rs)
	rt := Routes{Flows: map[string]Route{f.Name: {Handle: f.onText, Role: role}}}
	if f.Kept != "" {
		rt.Kept = map[string]string{f.Name: f.Kept}
	}
	return rt
}

func (f *Flow[D]) onText(r *Request) {
	d, ok := f.Load(r)
	if !ok {
		return
	}
	if h, ok := f.Text[f.StepOf(&d)]; ok {
		h(r, &d, strings.TrimSpace(domain.CleanText(r.Text)))
		return
	}
	if f.Other != nil {
		f.Other(r, &d)
		return
	}
	r.Say(r.L.T("UseTheButtons", nil))
}

// CancelRow is the ✖️ button that ends any step-by-step chat, like /cancel.
func CancelRow(L *locales.Localizer) []domain.Button {
	return Row(Btn(L.T("BtnCancel", nil), ActFlowCancel))
}

// LanguageButton is the ➕ (no text yet) or ✏️ (has one) button for the
// text of one language in a step-by-step chat, pressing act with args.
func LanguageButton(cat *locales.Catalog, L *locales.Localizer, lang string, has bool, act Action, args ...string) domain.Button {
	key := "BtnAddLanguage"
	if has {
		key = "BtnEditLanguage"
	}
	return Btn(L.T(key, locales.Data{"Language": cat.For(lang).T("LanguageName", nil)}), act, args...)
}

func parts0(parts []Routes) string {
	for _, p := range parts {
		if p.Feature != "" {
			return p.Feature
		}
	}
	return ""
}

// Merge joins several features' (or flows') routes into one (the first
// name given is the feature's).
func Merge(parts ...Routes) Routes {
	out := Routes{Feature: parts0(parts), Commands: map[string]Route{}, Buttons: map[Action]Route{}, Flows: map[string]Route{}, Kept: map[string]string{}}
	for _, p := range parts {
		for k, v := range p.Commands {
			out.Commands[k] = v
		}
		for k, v := range p.Buttons {
			out.Buttons[k] = v
		}
		for k, v := range p.Flows {
			out.Flows[k] = v
		}
		for k, v := range p.Kept {
			out.Kept[k] = v
		}
		out.Group = append(out.Group, p.Group...)
	}
	return out
}

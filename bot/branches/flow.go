package branches

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The step-by-step chats of /branches: a new branch (its key, its Danish
// name, then ✅), a new Danish name, and a coordinator named or removed by
// Telegram ID. /cancel or ✖️ ends each with nothing changed.

type branchDraft struct {
	Step   chat.Step `json:"step"`
	Branch int64     `json:"branch,omitempty"` // the branch renamed or whose coordinators change
	Key    string    `json:"key,omitempty"`    // a new branch's key
	Name   string    `json:"name,omitempty"`   // a new branch's Danish name
	// A national broadcast: its texts so far, and the language whose
	// text is typed next.
	Texts domain.Texts `json:"texts,omitempty"`
	Lang  string       `json:"lang,omitempty"`
}

const (
	stepKey     chat.Step = "key"     // a new branch's key
	stepName    chat.Step = "name"    // a new branch's Danish name
	stepConfirm chat.Step = "confirm" // a new branch: ✅ creates it
	stepRename  chat.Step = "rename"  // a branch's new Danish name
	stepCoord   chat.Step = "coord"   // a coordinator's Telegram ID
	stepNatText chat.Step = "nattext" // a national broadcast's text in Lang
	stepNatSend chat.Step = "natsend" // a national broadcast's preview: 📣 sends it
)

var branchFlow = &chat.Flow[branchDraft]{
	Name:   "branch",
	StepOf: func(d *branchDraft) chat.Step { return d.Step },
}

// The typed answers are set here: their handlers end the chat through
// branchFlow, which its own initializer may not refer to.
func init() {
	branchFlow.Text = map[chat.Step]func(*chat.Request, *branchDraft, string){
		stepKey: onKeyText, stepName: onNameText, stepRename: onRenameText, stepCoord: onCoordText,
		stepNatText: onNationalText,
	}
}

// onAdd starts a new branch: "bA".
func (f *Feature) onAdd(r *chat.Request) {
	if !branchFlow.Save(r, branchDraft{Step: stepKey}) {
		return
	}
	r.Toast("")
	r.Show(r.L.T("BranchAskKey", nil), chat.CancelRow(r.L))
}

func onKeyText(r *chat.Request, d *branchDraft, text string) {
	key := strings.ToLower(text)
	if !domain.ValidBranchKey(key) {
		r.Say(r.L.T("BranchKeyBad", nil))
		return
	}
	if _, err := r.Env.Store.BranchByKey(r.Ctx, key); err == nil {
		r.Say(r.L.T("BranchKeyTaken", locales.Data{"Key": key}))
		return
	} else if !errors.Is(err, domain.ErrNotFound) {
		r.Fail(err)
		return
	}
	d.Key, d.Step = key, stepName
	if branchFlow.Save(r, *d) {
		r.Show(r.L.T("BranchAskName", nil), chat.CancelRow(r.L))
	}
}

func onNameText(r *chat.Request, d *branchDraft, text string) {
	if domain.CheckBranchNames(domain.Texts{"da": text}) != nil {
		r.Say(r.L.T("BranchNameBad", nil))
		return
	}
	d.Name, d.Step = text, stepConfirm
	if branchFlow.Save(r, *d) {
		r.Show(r.L.T("BranchAddPreview", locales.Data{"Key": d.Key, "Name": d.Name}),
			chat.Row(chat.Btn(r.L.T("BtnBranchCreate", nil), actCreate)), chat.CancelRow(r.L))
	}
}

// onCreate creates the branch the draft holds: "bK". A second tap finds
// the chat ended and is answered as a stale button.
func (f *Feature) onCreate(r *chat.Request) {
	d, ok := branchFlow.Load(r)
	if !ok {
		return
	}
	if d.Step != stepConfirm {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	b, err := f.Store.AddBranch(r.Ctx, domain.NewBranch{Key: d.Key, Names: domain.Texts{"da": d.Name}}, f.Now())
	if errors.Is(err, domain.ErrBranchExists) {
		r.Deny(r.L.T("BranchKeyTaken", locales.Data{"Key": d.Key}))
		return
	}
	if err != nil || branchFlow.End(r) != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	r.Show(r.L.T("BranchAdded", locales.Data{"Name": b.Name, "Link": f.joinLink(b.JoinCode)}))
}

// branchArg is the branch a button names; a branch that is gone is
// answered as a stale button.
func (f *Feature) branchArg(r *chat.Request) (domain.Branch, bool) {
	id, _ := strconv.ParseInt(r.Args[0], 10, 64)
	b, err := f.Store.Branch(r.Ctx, id)
	return b, !r.Failed(err, "ButtonExpired")
}

// onRename asks for a branch's new Danish name: "bR:<branch>".
func (f *Feature) onRename(r *chat.Request) {
	b, ok := f.branchArg(r)
	if !ok || !branchFlow.Save(r, branchDraft{Step: stepRename, Branch: b.ID}) {
		return
	}
	r.Toast("")
	id := strconv.FormatInt(b.ID, 10)
	var langs []domain.Button
	for _, lang := range locales.Languages {
		if lang != domain.DefaultLanguage {
			langs = append(langs, chat.LanguageButton(r.Env.Cat, r.L, lang, b.Names[lang] != "", actRenLng, id, lang))
		}
	}
	r.Show(r.L.T("BranchAskRename", locales.Data{"Name": b.Name, "Key": b.Key}), langs, chat.CancelRow(r.L))
}

// onRenameLang asks for the branch's name in another language:
// "bT:<branch>:<lang>".
func (f *Feature) onRenameLang(r *chat.Request) {
	b, ok := f.branchArg(r)
	lang := r.Args[1]
	if !ok {
		return
	}
	if lang == domain.DefaultLanguage || !slices.Contains(locales.Languages, lang) {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	if !branchFlow.Save(r, branchDraft{Step: stepRename, Branch: b.ID, Lang: lang}) {
		return
	}
	r.Toast("")
	r.Show(r.L.T("BranchAskRenameIn", locales.Data{"Name": b.Name, "Language": r.L.Name(lang)}), chat.CancelRow(r.L))
}

// onRenameText takes a branch's new name: Danish, or the language the
// draft names.
func onRenameText(r *chat.Request, d *branchDraft, text string) {
	lang := d.Lang
	if lang == "" {
		lang = domain.DefaultLanguage
	}
	if domain.CheckBranchNames(domain.Texts{"da": "-", lang: text}) != nil || (lang == domain.DefaultLanguage && domain.Blank(text)) {
		r.Say(r.L.T("BranchNameBad", nil))
		return
	}
	b, err := r.Env.Store.Branch(r.Ctx, d.Branch)
	if err == nil {
		b, err = r.Env.Store.RenameBranch(r.Ctx, b.Key, domain.Texts{lang: text})
	}
	if r.Failed(err, "ButtonExpired") || r.Failed(branchFlow.End(r), "ButtonExpired") {
		return
	}
	if lang != domain.DefaultLanguage {
		r.Say(r.L.T("BranchRenamedIn", locales.Data{"Key": b.Key, "Name": b.Names[lang], "Language": r.L.Name(lang)}))
		return
	}
	r.Say(r.L.T("BranchRenamed", locales.Data{"Key": b.Key, "Name": b.Name}))
}

// onCoords asks for a coordinator's Telegram ID: "bC:<branch>".
func (f *Feature) onCoords(r *chat.Request) {
	b, ok := f.branchArg(r)
	if !ok || !branchFlow.Save(r, branchDraft{Step: stepCoord, Branch: b.ID}) {
		return
	}
	r.Toast("")
	r.Show(r.L.T("BranchAskCoordinator", locales.Data{"Name": b.Name}), chat.CancelRow(r.L))
}

// onCoordText names the coordinator whose Telegram ID is typed, or with a
// minus before it removes one (who stays a volunteer).
func onCoordText(r *chat.Request, d *branchDraft, text string) {
	remove := strings.HasPrefix(text, "-") || strings.HasPrefix(text, "−")
	id, err := strconv.ParseInt(strings.TrimSpace(strings.TrimLeft(text, "-−")), 10, 64)
	if err != nil || id <= 0 {
		r.Say(r.L.T("BranchNotTelegramID", nil))
		return
	}
	b, err := r.Env.Store.Branch(r.Ctx, d.Branch)
	if r.Failed(err, "ButtonExpired") {
		return
	}
	add, drop := []int64{id}, []int64(nil)
	if remove {
		add, drop = nil, add
	}
	err = r.Env.Store.SetBranchCoordinators(r.Ctx, b.Key, add, drop, r.Env.Now())
	if errors.Is(err, domain.ErrLastCoordinator) {
		r.Say(r.L.T("BranchLastCoordinator", nil))
		return
	}
	if r.Failed(err, "ButtonExpired") || r.Failed(branchFlow.End(r), "ButtonExpired") {
		return
	}
	msg := "BranchCoordinatorAdded"
	if remove {
		msg = "BranchCoordinatorRemoved"
	}
	r.Say(r.L.T(msg, locales.Data{"Name": b.Name, "ID": strconv.FormatInt(id, 10)}))
}

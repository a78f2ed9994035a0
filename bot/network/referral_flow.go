package network

import (
	"slices"
	"strconv"
	"time"

	"vejviser/bot/chat"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// /newreferral: a coordinator records a household the municipality
// referred, one question per message (the household, languages, area, help
// wanted, free times, a wish, the consent per detail and its date and way),
// then a preview with ✏️ per part before it is saved in the branch they act
// in. The draft lives in the conversations table; /cancel or ✖️ at any
// step ends it with nothing saved.

type refDraft struct {
	ID       int64     `json:"id,omitempty"` // 0: a new referral
	Step     chat.Step `json:"step"`
	Edit     bool      `json:"edit,omitempty"` // a part changed from the preview returns to it
	Adults   int       `json:"adults,omitempty"`
	Ages     []int     `json:"ages,omitempty"`
	Langs    []string  `json:"langs,omitempty"`
	Postcode int       `json:"postcode,omitempty"`
	Town     string    `json:"town,omitempty"`
	Help     []string  `json:"help,omitempty"`
	Free     []string  `json:"free,omitempty"`
	Wish     string    `json:"wish,omitempty"`
	WishText string    `json:"wish_text,omitempty"`
	CName    bool      `json:"cname,omitempty"`
	CPhone   bool      `json:"cphone,omitempty"`
	CAddress bool      `json:"caddress,omitempty"`
	Name     string    `json:"name,omitempty"`
	Phone    string    `json:"phone,omitempty"`
	Address  string    `json:"address,omitempty"`
	Date     int64     `json:"date,omitempty"` // unix seconds, local midnight
	How      string    `json:"how,omitempty"`
}

// The steps of the chat.
const (
	stepAdults   chat.Step = "adults"
	stepChildren chat.Step = "children"
	stepLangs    chat.Step = "langs"
	stepPostcode chat.Step = "postcode"
	stepTown     chat.Step = "town"
	stepHelp     chat.Step = "help"
	stepFree     chat.Step = "free"
	stepWish     chat.Step = "wish"
	stepCName    chat.Step = "cname"
	stepName     chat.Step = "name"
	stepCPhone   chat.Step = "cphone"
	stepPhone    chat.Step = "phone"
	stepCAddress chat.Step = "caddress"
	stepAddress  chat.Step = "address"
	stepDate     chat.Step = "date"
	stepHow      chat.Step = "how"
	stepPreview  chat.Step = "preview"
)

// partEnds are the steps that end a part of the referral: changed from
// the preview, the chat goes back to it after them.
var partEnds = map[chat.Step]bool{stepChildren: true, stepLangs: true, stepTown: true, stepHelp: true, stepFree: true, stepWish: true, stepHow: true}

// after is the step that follows step in d.
func (d *refDraft) after(step chat.Step) chat.Step {
	if d.Edit && partEnds[step] {
		return stepPreview
	}
	next := map[chat.Step]chat.Step{stepAdults: stepChildren, stepChildren: stepLangs, stepLangs: stepPostcode, stepPostcode: stepTown,
		stepTown: stepHelp, stepHelp: stepFree, stepFree: stepWish, stepWish: stepCName, stepName: stepCPhone, stepPhone: stepCAddress,
		stepAddress: stepDate, stepDate: stepHow, stepHow: stepPreview}
	switch step {
	case stepCName:
		if d.CName {
			return stepName
		}
		return stepCPhone
	case stepCPhone:
		if d.CPhone {
			return stepPhone
		}
		return stepCAddress
	case stepCAddress:
		if d.CAddress {
			return stepAddress
		}
		return stepDate
	}
	return next[step]
}

// referral is the draft as the store takes it.
func (d refDraft) referral(loc *time.Location) (domain.Referral, storage.ReferralContact) {
	ref := domain.Referral{ID: d.ID, Adults: d.Adults, ChildAges: d.Ages, Languages: d.Langs, Postcode: d.Postcode, Town: d.Town,
		Help: d.Help, Free: d.Free, Wish: d.Wish, WishText: d.WishText,
		Consent: domain.Consent{FirstName: d.CName, Phone: d.CPhone, Address: d.CAddress, Date: time.Unix(d.Date, 0).In(loc), How: d.How}}
	return ref, storage.ReferralContact{Name: d.Name, Phone: d.Phone, Address: d.Address}
}

// draftOf is a stored referral as a draft, to change it from its card.
func draftOf(c storage.ReferralCard) refDraft {
	return refDraft{ID: c.ID, Step: stepPreview, Adults: c.Adults, Ages: c.ChildAges, Langs: c.Languages, Postcode: c.Postcode, Town: c.Town,
		Help: c.Help, Free: c.Free, Wish: c.Wish, WishText: c.WishText, CName: c.Consent.FirstName, CPhone: c.Consent.Phone,
		CAddress: c.Consent.Address, Name: c.Contact.Name, Phone: c.Contact.Phone, Address: c.Contact.Address,
		Date: c.Consent.Date.Unix(), How: c.Consent.How}
}

// toggle adds x to xs, or takes it out if there.
func toggle(xs []string, x string) []string {
	if i := slices.Index(xs, x); i >= 0 {
		return slices.Delete(slices.Clone(xs), i, i+1)
	}
	return append(slices.Clone(xs), x)
}

// inOrder is xs in the order of the fixed list all (as buttons show them).
func inOrder(xs, all []string) []string {
	var out []string
	for _, x := range all {
		if slices.Contains(xs, x) {
			out = append(out, x)
		}
	}
	return out
}

// atoi reads a button's number, -1 when it is none.
func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

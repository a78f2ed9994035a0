package people

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// storedFields is what the privacy note lists, each line with the columns of
// the members table it speaks for (nil: data kept in other tables). A test
// holds this list, the note and the schema together: a new column that is not
// listed here fails it. A line with a role is shown only to members of at
// least that role: each reader sees what is stored about them.
var storedFields = []struct {
	msg     string
	columns []string
	role    domain.Role
}{
	{"PrivacyStoredName", []string{"display_name"}, ""},
	{"PrivacyStoredID", []string{"id", "chat_id", "ref"}, ""},                    // ref: our own number standing for the id in the notices ledger
	{"PrivacyStoredLanguageRole", []string{"language", "role", "menu_role"}, ""}, // menu_role: the role whose command menu Telegram shows
	{"PrivacyStoredSecondLanguage", []string{"second_language"}, ""},
	{"PrivacyStoredBranches", []string{"branch_id"}, ""}, // the branch they act in; their others are in member_branches
	{"PrivacyStoredDates", []string{"consented_at", "created_at", "last_seen_at"}, ""},
	{"PrivacyStoredReachable", []string{"reachable"}, ""},
	{"PrivacyStoredAnswers", nil, ""},
	{"PrivacyStoredMessages", nil, ""},
	{"PrivacyStoredNetworkHousehold", nil, ""},                // referrals
	{"PrivacyStoredNetworkFamily", nil, domain.RoleVolunteer}, // network_offers, network_matches, network_checkins
	{"PrivacyStoredCoordinator", nil, domain.RoleCoordinator},
	{"PrivacyStoredVolunteer", nil, domain.RoleVolunteer},
}

// privacyNote is the whole privacy note for a member of role: what is stored
// about them, as a list (with extra items, each a line of its own), who sees
// it (the coordinators of group), and how to see and delete it.
func privacyNote(L *locales.Localizer, role domain.Role, group string, extra ...string) string {
	return privacyNoteWho(L, role, L.T("PrivacyWhoSees", locales.Data{"Group": group}), extra...)
}

// privacyNoteWho is privacyNote with who sees the data said by who.
func privacyNoteWho(L *locales.Localizer, role domain.Role, who string, extra ...string) string {
	var b strings.Builder
	b.WriteString(L.T("PrivacyBody", nil))
	for _, f := range storedFields {
		if role.Rank() >= f.role.Rank() {
			b.WriteString("\n• " + L.T(f.msg, nil))
		}
	}
	for _, e := range extra {
		b.WriteString("\n" + e)
	}
	b.WriteString("\n\n" + who)
	b.WriteString("\n\n" + L.T("PrivacyRights", nil))
	return b.String()
}

// cmdPrivacy shows what is stored, who sees it and how to see or delete it.
func (f *Feature) cmdPrivacy(r *chat.Request) {
	role := domain.RoleParticipant
	if r.Member != nil {
		role = r.Member.Role
	}
	text := f.privacyTextWho(r.Ctx, r.L, role, r.Scope.Working, f.whoSees(r))
	if r.Member == nil {
		r.Say(text)
		return
	}
	text += "\n\n" + r.L.T("PrivacyConsentedOn", locales.Data{"Date": r.L.Date(r.Member.ConsentedAt)})
	r.Say(text,
		chat.Row(chat.Btn(r.L.T("BtnMyData", nil), actMyData)),
		chat.Row(chat.Btn(r.L.T("BtnForget", nil), actForget, "ask")))
}

func (f *Feature) cmdMyData(r *chat.Request) { f.sendMyData(r) }

func (f *Feature) onMyData(r *chat.Request) {
	r.Toast("")
	f.sendMyData(r)
}

// sendMyData sends a short summary in the member's language, then
// everything stored about them as a JSON document.
func (f *Feature) sendMyData(r *chat.Request) {
	export, err := f.Store.ExportMember(r.Ctx, r.Member.ID, f.Now())
	if err != nil {
		r.Fail(err)
		return
	}
	summary := f.MyDataSummary(r.L, export)
	if who := f.whoSees(r); who != "" {
		summary += "\n\n" + who
	}
	r.Say(summary)
	body, err := json.MarshalIndent(export, "", "  ")
	if err != nil {
		r.Fail(err)
		return
	}
	err = r.SendDocument("vejviser-my-data.json", body, r.L.T("MyDataCaption", nil))
	if err != nil {
		r.Fail(err)
	}
}

func (f *Feature) cmdForget(r *chat.Request) {
	text, k := ForgetConfirm(r.L)
	r.Say(text, k...)
}

// ForgetConfirm asks whether to delete everything stored about the member.
func ForgetConfirm(L *locales.Localizer) (string, chat.Keyboard) {
	return L.T("ForgetConfirm", nil), chat.Keyboard{
		chat.Row(chat.Btn(L.T("BtnForgetYes", nil), actForget, "yes")),
		chat.Row(chat.Btn(L.T("BtnForgetNo", nil), actForget, "no")),
	}
}

// onForget asks, deletes or keeps: "1:f:ask|yes|no".
func (f *Feature) onForget(r *chat.Request) {
	switch r.Args[0] {
	case "ask":
		r.Toast("")
		f.cmdForget(r)
	case "yes":
		err := f.Store.Forget(r.Ctx, r.Member.ID, f.Now())
		switch {
		case errors.Is(err, domain.ErrLastCoordinator):
			r.Toast("")
			r.Show(r.L.T("ForgetLastCoordinator", nil))
			return
		case err != nil && !errors.Is(err, domain.ErrNotFound):
			r.Fail(err)
			return
		}
		f.Wake() // seats they held may have been offered to others
		r.DropMenu(r.ChatID)
		r.Toast("")
		r.Show(r.L.T("Forgotten", nil))
	case "no":
		r.Toast("")
		r.Show(r.L.T("ForgetKept", nil))
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
	}
}

var answerKey = map[string]string{"yes": "MyDataAnswerYes", "no": "MyDataAnswerNo"}

// MyDataSummary is pure: what /mydata holds, in words a member reads at a
// glance (what we hold, since when, their follows and answers); the file
// after it has every field.
func (f *Feature) MyDataSummary(L *locales.Localizer, e storage.Export) string {
	m := e.Member
	parts := []string{L.T("MyDataSummary", locales.Data{
		"Name": m.DisplayName, "Language": L.Name(m.Language),
		"Role": L.T(chat.RoleKey[m.Role], nil), "Since": L.Date(m.CreatedAt),
	})}
	if len(e.Follows) > 0 {
		parts = append(parts, L.T("MyDataFollows", locales.Data{"Activities": L.List(e.Follows)}))
	}
	if len(e.Invitations) > 0 {
		lines := []string{L.T("MyDataAnswersTitle", nil)}
		for _, inv := range e.Invitations {
			key, ok := answerKey[inv.Answer]
			if !ok {
				key = "MyDataAnswerNone"
			}
			lines = append(lines, "• "+L.T("MyDataAnswer", locales.Data{"Event": inv.Event, "Date": L.Date(inv.StartsAt), "Answer": L.T(key, nil)}))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	var counts []string
	counts = append(counts, L.T("MyDataMessages", locales.Data{"Count": len(e.Messages)}))
	if len(e.Invites) > 0 {
		counts = append(counts, L.T("MyDataLinks", locales.Data{"Count": len(e.Invites)}))
	}
	if len(e.Broadcasts) > 0 {
		counts = append(counts, L.T("MyDataBroadcasts", locales.Data{"Count": len(e.Broadcasts)}))
	}
	parts = append(parts, strings.Join(counts, "\n"))
	if e.OpenStepByStep != nil {
		parts = append(parts, L.T("MyDataDraft", nil))
	}
	parts = append(parts, L.T("MyDataFileNext", nil))
	return strings.Join(parts, "\n\n")
}

// privacyTextFor is the privacy note naming group (the branch being
// joined), with the items on what happens to what a member writes to "Ask
// us": kept for the configured days, read where the coordinators chose (a
// group, or each privately), copies of media that stay in their chats.
func (f *Feature) privacyTextFor(ctx context.Context, L *locales.Localizer, role domain.Role, group string) string {
	return f.privacyTextWho(ctx, L, role, domain.DefaultBranchID, L.T("PrivacyWhoSees", locales.Data{"Group": group}))
}

// privacyTextWho is the privacy note for a member acting in branch, with who sees
// their data said by who ("": the group's coordinators).
func (f *Feature) privacyTextWho(ctx context.Context, L *locales.Localizer, role domain.Role, branch int64, who string) string {
	where := "PrivacyAskWherePrivate"
	if f.Store != nil { // nil: a screen rendered without a store (golden files)
		if _, _, ok, err := f.Store.Inbox(ctx, max(branch, domain.DefaultBranchID)); err == nil && ok {
			where = "PrivacyAskWhereGroup"
		}
	}
	if who == "" {
		who = L.T("PrivacyWhoSees", locales.Data{"Group": f.Group(L.Lang())})
	}
	return privacyNoteWho(L, role, who, L.N("PrivacyAskUs", int(f.askKeep.Hours()/24), nil), "• "+L.T(where, nil), "• "+L.T("PrivacyAskCopiesForget", nil))
}

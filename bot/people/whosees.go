package people

import (
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage"
)

// WhoSees is pure: who can see a member's data, for /privacy and /mydata:
// the coordinators of each branch they belong to, by first name, under the
// branch's name in the reader's language, and that the national
// administrators see counts only.
func WhoSees(L *locales.Localizer, branches []storage.BranchCoordinators) string {
	lines := []string{L.T("PrivacyWhoSeesTitle", nil)}
	for _, b := range branches {
		name := b.Branch.NameFor(L.Lang())
		if len(b.Names) == 0 {
			lines = append(lines, "• "+L.T("PrivacyWhoSeesNone", locales.Data{"Branch": name}))
			continue
		}
		lines = append(lines, "• "+L.T("PrivacyWhoSeesLine", locales.Data{"Branch": name, "Names": L.List(b.Names)}))
	}
	return strings.Join(lines, "\n") + "\n\n" + L.T("PrivacyAdminsCounts", nil)
}

// whoSees is WhoSees for the sender, or "" when it cannot be read (the
// note then names the group's coordinators, as before anyone joins).
func (f *Feature) whoSees(r *chat.Request) string {
	if r.Member == nil || f.Store == nil {
		return ""
	}
	bs, err := f.Store.WhoSees(r.Ctx, r.Member.ID)
	if err != nil || len(bs) == 0 {
		if err != nil {
			f.Log.Warn("who sees", "err", err)
		}
		return ""
	}
	return WhoSees(r.L, bs)
}

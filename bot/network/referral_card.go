package network

import (
	"errors"
	"strconv"
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// The referral card: what was recorded, the proposals and matches in play,
// up to three suggestions with their reasons and 🤝 Propose, the network
// families left out and why, and the household's personal link.

var (
	actRefCard    = chat.NewAction("r2", chat.ID)          // open a referral's card
	actRefPropose = chat.NewAction("r3", chat.ID, chat.ID) // referral, volunteer
	actRefEdit    = chat.NewAction("r5", chat.ID)          // change a referral
	actRefQR      = chat.NewAction("r6", chat.ID)          // the household's link as a QR code
)

// suggestions is how many network families a card suggests; leftOutMax
// how many left-out families it names (a branch may have many).
const (
	suggestions = 3
	leftOutMax  = 8
)

// showCard shows referral c's card, head (if any) on top.
func (f *Feature) showCard(r *chat.Request, c storage.ReferralCard, head string) {
	L := r.L
	var lines []string
	if head != "" {
		lines = append(lines, head, "")
	}
	lines = append(lines, L.T("RefCardTitle", locales.Data{"ID": c.ID, "Date": L.Date(c.WaitingSince)}))
	lines = append(lines, recordedLines(L, c.Referral)...)
	if c.Withdrawn {
		r.Show(strings.Join(append(lines, "", L.T("RefCardWithdrawn", nil)), "\n"), chat.Row(chat.Btn(L.T("BtnRefMatches", nil), actMatches, "0")))
		return
	}
	if len(c.Open) > 0 {
		lines = append(lines, "", L.T("RefOpenTitle", nil))
		for _, m := range c.Open {
			lines = append(lines, L.T(map[string]string{"proposed": "RefOpenProposed", "active": "RefOpenActive"}[m.State], locales.Data{"Name": m.Name}))
		}
	}
	k := chat.Keyboard{}
	if len(c.Open) == 0 {
		sugg, left, names, err := f.suggest(r, c)
		if err != nil {
			r.Fail(err)
			return
		}
		lines = append(lines, suggestionLines(L, sugg, left, names)...)
		for _, s := range sugg {
			id := strconv.FormatInt(s.Offer.MemberID, 10)
			k = append(k, chat.Row(chat.Btn(L.T("BtnRefPropose", locales.Data{"Name": names[s.Offer.MemberID]}), actRefPropose, strconv.FormatInt(c.ID, 10), id)))
		}
	}
	if c.MemberID == 0 && c.JoinCode != "" {
		lines = append(lines, "", L.T("RefJoinLink", locales.Data{"Link": f.householdLink(c.JoinCode)}))
	}
	id := strconv.FormatInt(c.ID, 10)
	k = append(k, chat.Row(chat.Btn(L.T("BtnRefChange", nil), actRefEdit, id), chat.Btn(L.T("BtnRefQR", nil), actRefQR, id)),
		chat.Row(chat.Btn(L.T("BtnRefMatches", nil), actMatches, "0")))
	r.Show(strings.Join(lines, "\n"), k...)
}

// suggest runs the matching rule for c among its branch's network families.
func (f *Feature) suggest(r *chat.Request, c storage.ReferralCard) ([]domain.Suggestion, []domain.Excluded, map[int64]string, error) {
	offers, names, err := f.Store.SuggestOffers(r.Ctx, c.BranchID, f.Now())
	if err != nil {
		return nil, nil, nil, err
	}
	sugg, left := domain.Suggest(c.Referral, offers, f.Now(), suggestions)
	return sugg, left, names, nil
}

// suggestionLines are the suggestions, best first, each with its reasons
// on one line, then the families left out and why.
func suggestionLines(L *locales.Localizer, sugg []domain.Suggestion, left []domain.Excluded, names map[int64]string) []string {
	lines := []string{"", L.T("RefSuggestTitle", nil)}
	if len(sugg) == 0 {
		lines = append(lines, L.T("RefSuggestNone", nil))
	}
	for i, s := range sugg {
		lines = append(lines, L.T("RefSuggestLine", locales.Data{"N": i + 1, "Name": names[s.Offer.MemberID], "Reasons": reasonsText(L, s.Reasons)}))
	}
	if len(left) > 0 {
		lines = append(lines, "", L.T("RefLeftOutTitle", nil))
	}
	for i, e := range left {
		if i == leftOutMax {
			lines = append(lines, L.N("RefLeftOutMore", len(left)-leftOutMax, nil))
			break
		}
		lines = append(lines, L.T("RefLeftOutLine", locales.Data{"Name": names[e.Offer.MemberID], "Why": whyText(L, e.Why)}))
	}
	return lines
}

// onRefCard opens a referral's card: "1:r2:<referral>".
func (f *Feature) onRefCard(r *chat.Request) {
	if c, ok := f.card(r, r.Args[0]); ok {
		f.showCard(r, c, "")
	}
}

// onRefPropose proposes a suggested network family: "1:r3:<referral>:<volunteer>".
// The volunteer gets a card without names or contacts; the referral's
// card then shows the proposal.
func (f *Feature) onRefPropose(r *chat.Request) {
	c, ok := f.card(r, r.Args[0])
	if !ok {
		return
	}
	vol, _ := strconv.ParseInt(r.Args[1], 10, 64)
	_, err := f.Store.ProposeMatch(r.Ctx, c.BranchID, c.ID, vol, r.Member.ID, f.Now())
	if errors.Is(err, domain.ErrProposalClosed) {
		r.Alert(r.L.T("RefAlreadyProposed", nil))
		return
	}
	if r.Failed(err, "ButtonExpired") {
		return
	}
	f.Wake()
	if c, err = f.Store.Referral(r.Ctx, r.Scope.Branches(domain.RoleCoordinator), c.ID); r.Failed(err, "ButtonExpired") {
		return
	}
	f.showCard(r, c, r.L.T("RefProposed", nil))
}

// onRefQR sends the household's personal link as a QR code to print or
// show: "1:r6:<referral>".
func (f *Feature) onRefQR(r *chat.Request) {
	c, ok := f.card(r, r.Args[0])
	if !ok {
		return
	}
	if c.Withdrawn || c.JoinCode == "" || c.MemberID != 0 {
		r.Expired()
		return
	}
	link := f.householdLink(c.JoinCode)
	png, err := qrcode.Encode(link, qrcode.High, 1024)
	if err != nil {
		r.Fail(err)
		return
	}
	if err := r.SendPhoto("vejviser-referral.png", png, r.L.T("RefQRCaption", locales.Data{"Link": link})); err != nil {
		r.Fail(err)
	}
}

// householdLink is the household's personal join link.
func (f *Feature) householdLink(code string) string {
	return "https://t.me/" + f.Username() + "?start=" + code
}

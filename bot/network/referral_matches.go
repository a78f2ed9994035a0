package network

import (
	"strconv"
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// /matches: first the active matches that need attention (🆘, no meeting
// for four weeks, two check-ins unanswered, a lapsed certificate), then
// the households waiting for a network family, those waiting longest
// first, each with the score of its best suggestion; a button opens each
// card.

var actMatches = chat.NewAction("r4", chat.ID) // page

// matchesPage is how many waiting households a page lists.
const matchesPage = 8

// cmdMatches shows the first page.
func (f *Feature) cmdMatches(r *chat.Request) { f.showMatches(r, 0) }

// onMatches turns the page: "1:r4:<page>".
func (f *Feature) onMatches(r *chat.Request) {
	page, _ := strconv.Atoi(r.Args[0])
	f.showMatches(r, page)
}

// showMatches shows page of the list.
func (f *Feature) showMatches(r *chat.Request, page int) {
	L, branches := r.L, r.Scope.Branches(domain.RoleCoordinator)
	waiting, err := f.Store.WaitingReferrals(r.Ctx, branches)
	if err != nil {
		r.Fail(err)
		return
	}
	var lines []string
	k := chat.Keyboard{}
	if page == 0 {
		att, err := f.Store.NeedAttention(r.Ctx, branches, f.Loc(), f.Now())
		if err != nil {
			r.Fail(err)
			return
		}
		lines, k = attentionPart(L, att)
	}
	pages := max(1, (len(waiting)+matchesPage-1)/matchesPage)
	page = min(max(page, 0), pages-1)
	if len(waiting) == 0 {
		lines = append(lines, L.T("MatchesNone", nil))
	} else {
		lines = append(lines, L.N("MatchesTitle", len(waiting), locales.Data{"Page": page + 1, "Pages": pages}))
	}
	shown := waiting[page*matchesPage : min(len(waiting), (page+1)*matchesPage)]
	more, err := f.waitingLines(r, shown)
	if err != nil {
		r.Fail(err)
		return
	}
	lines = append(lines, more...)
	var row []domain.Button
	for _, ref := range shown {
		row = append(row, chat.Btn(L.T("BtnMatchesOpen", locales.Data{"ID": ref.ID}), actRefCard, strconv.FormatInt(ref.ID, 10)))
		if len(row) == 4 {
			k, row = append(k, row), nil
		}
	}
	if row != nil {
		k = append(k, row)
	}
	var prev, next *domain.Button
	if page > 0 {
		b := chat.Btn(L.T("BtnPrev", nil), actMatches, strconv.Itoa(page-1))
		prev = &b
	}
	if page+1 < pages {
		b := chat.Btn(L.T("BtnNext", nil), actMatches, strconv.Itoa(page+1))
		next = &b
	}
	if pn := chat.PrevNext(L, prev, next); len(pn) > 0 {
		k = append(k, pn)
	}
	r.Show(strings.Join(lines, "\n"), k...)
}

// attentionPart is the lines and buttons of the matches needing attention.
func attentionPart(L *locales.Localizer, att []storage.MatchAttention) ([]string, chat.Keyboard) {
	if len(att) == 0 {
		return nil, chat.Keyboard{}
	}
	lines := []string{L.T("MatchesAttentionTitle", nil)}
	k := chat.Keyboard{}
	for _, a := range att {
		var why []string
		for _, w := range []struct {
			on  bool
			key string
		}{{a.Help, "MatchesWhyHelp"}, {a.NoMeeting, "MatchesWhyNoMeeting"}, {a.Unanswered, "MatchesWhyUnanswered"}, {a.CertLapsed, "MatchesWhyCertificate"}} {
			if w.on {
				why = append(why, L.T(w.key, nil))
			}
		}
		lines = append(lines, L.T("MatchesAttentionLine", locales.Data{"ID": a.ReferralID, "Name": a.Name, "Why": locales.Isolated(strings.Join(why, " · "))}))
		k = append(k, chat.Row(chat.Btn(L.T("BtnMatchesAttention", locales.Data{"ID": a.ReferralID, "Name": a.Name}), actRefCard, strconv.FormatInt(a.ReferralID, 10))))
	}
	return append(lines, ""), k
}

// waitingLines is a line per waiting household: its number, area, since
// when it waits and its best suggestion's score (the rule is run for the
// households shown only, with each branch's families read once).
func (f *Feature) waitingLines(r *chat.Request, refs []domain.Referral) ([]string, error) {
	L := r.L
	type branchOffers struct {
		offers []domain.Offer
		names  map[int64]string
	}
	byBranch := map[int64]branchOffers{}
	var lines []string
	for _, ref := range refs {
		bo, ok := byBranch[ref.BranchID]
		if !ok {
			offers, names, err := f.Store.SuggestOffers(r.Ctx, ref.BranchID, f.Now())
			if err != nil {
				return nil, err
			}
			bo = branchOffers{offers, names}
			byBranch[ref.BranchID] = bo
		}
		area := strconv.Itoa(ref.Postcode)
		if ref.Town != "" {
			area += " " + ref.Town
		}
		data := locales.Data{"ID": ref.ID, "Area": locales.Isolated(L.Isolate(area)), "Date": L.Date(ref.WaitingSince)}
		best, _ := domain.Suggest(ref, bo.offers, f.Now(), 1)
		if len(best) == 0 {
			lines = append(lines, L.T("MatchesLineNone", data))
			continue
		}
		data["Score"], data["Name"] = best[0].Score, bo.names[best[0].Offer.MemberID]
		lines = append(lines, L.T("MatchesLine", data))
	}
	return lines, nil
}

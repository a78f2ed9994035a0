package branches

import (
	"strconv"
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// perPage is how many branches one screen of /branches lists: with their
// lines, eight fit well within Telegram's 4,096 characters.
const perPage = 8

func (f *Feature) cmdBranches(r *chat.Request) { f.showList(r, 0) }

// onList turns the list's page: "bL:<page>".
func (f *Feature) onList(r *chat.Request) {
	page, _ := strconv.Atoi(r.Args[0])
	r.Toast("")
	f.showList(r, page)
}

// showList is one page of every branch: its name, key, members per role
// (counts, never names) and join link, with ✏️ (rename) and 👤
// (coordinators) per branch and ➕ for a new one.
func (f *Feature) showList(r *chat.Request, page int) {
	bs, err := f.Store.Branches(r.Ctx)
	if err != nil {
		r.Fail(err)
		return
	}
	pages := max(1, (len(bs)+perPage-1)/perPage)
	page = min(max(page, 0), pages-1)
	L := r.L
	lines := []string{L.N("BranchesTitle", len(bs), nil)}
	k := chat.Keyboard{}
	for _, b := range bs[min(page*perPage, len(bs)):min((page+1)*perPage, len(bs))] {
		lines = append(lines, "", f.item(L, b))
		id := strconv.FormatInt(b.ID, 10)
		k = append(k, chat.Row(chat.Btn(L.T("BtnBranchRename", locales.Data{"Key": b.Key}), actRename, id),
			chat.Btn(L.T("BtnBranchCoordinators", locales.Data{"Key": b.Key}), actCoords, id)))
	}
	k = append(k, chat.Row(chat.Btn(L.T("BtnBranchAdd", nil), actAdd), chat.Btn(L.T("BtnNationalBroadcast", nil), actNat)))
	var prev, next *domain.Button
	if page > 0 {
		b := chat.Btn(L.T("BtnPrev", nil), actList, strconv.Itoa(page-1))
		prev = &b
	}
	if page < pages-1 {
		b := chat.Btn(L.T("BtnNext", nil), actList, strconv.Itoa(page+1))
		next = &b
	}
	if row := chat.PrevNext(L, prev, next); len(row) > 0 {
		k = append(k, row)
	}
	r.Show(strings.Join(lines, "\n"), k...)
}

// item is one branch in the list.
func (f *Feature) item(L *locales.Localizer, b storage.BranchSummary) string {
	name := b.NameFor(L.Lang())
	if name == "" {
		name = b.Key // the first branch before the bot has named it
	}
	text := L.T("BranchesItem", locales.Data{"Name": name, "Key": b.Key, "Participants": b.Participants,
		"Volunteers": b.Volunteers, "Coordinators": b.Coordinators, "Link": f.joinLink(b.JoinCode)})
	if b.Pending > 0 {
		text += "\n" + L.N("BranchesPending", b.Pending, nil)
	}
	if b.Hidden {
		text += "\n" + L.T("BranchesHidden", nil)
	}
	return text
}

// joinLink is the link that joins the branch (its poster's QR code holds it).
func (f *Feature) joinLink(code string) string {
	return "https://t.me/" + f.Username() + "?start=" + code
}

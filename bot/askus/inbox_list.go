package askus

import (
	"errors"
	"strconv"
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// /inbox in a coordinator's private chat: the questions no one has answered
// or closed yet, oldest first, one page at a time; a button per question
// sends its card again, to be answered as when it came in.

// The open questions' screen: a page, one question's card, and questions
// back to each coordinator privately (shown while a group is the inbox).
var (
	actOpenPage    = chat.NewAction("ql", chat.ID) // page
	actOpenAsk     = chat.NewAction("qo", chat.ID) // item id
	actOpenPrivate = chat.NewAction("qp")          // -
)

const (
	openPerPage = 8
	// openSnippet is how many characters of a question the list shows: a
	// line on a phone and a half, enough to tell the questions apart.
	openSnippet = 60
)

// cmdInbox lists the open questions (in a group, onGroupMessage makes the
// group the inbox instead).
func (f *Feature) cmdInbox(r *chat.Request) { f.showOpen(r, 0) }

// onOpenPage: "1:ql:<page>".
func (f *Feature) onOpenPage(r *chat.Request) {
	page, _ := strconv.Atoi(r.Args[0])
	r.Toast("")
	f.showOpen(r, page)
}

func (f *Feature) showOpen(r *chat.Request, page int) {
	asks, total, err := f.Store.OpenAsks(r.Ctx, r.Scope.Branches(domain.RoleCoordinator), page*openPerPage, openPerPage)
	if err != nil {
		r.Fail(err)
		return
	}
	pages := max(1, (total+openPerPage-1)/openPerPage)
	if page >= pages && page > 0 { // answered since the button was made
		f.showOpen(r, pages-1)
		return
	}
	_, _, group, err := f.Store.Inbox(r.Ctx, r.Acting(domain.RoleCoordinator))
	if err != nil {
		r.Fail(err)
		return
	}
	text, k := openScreen(r.L, asks, total, page, group)
	r.Show(text, k...)
}

// openScreen is pure: one page of open questions (page counts from 0) with
// a button per question, prev/next, and, while a group is the inbox, the
// button that sends questions to each coordinator privately again.
func openScreen(L *locales.Localizer, asks []storage.OpenAsk, total, page int, group bool) (string, chat.Keyboard) {
	pages := max(1, (total+openPerPage-1)/openPerPage)
	k := chat.Keyboard{}
	text := L.T("InboxOpenNone", nil)
	if total > 0 {
		lines := []string{L.N("InboxOpenTitle", total, locales.Data{"Page": page + 1, "Pages": pages})}
		for i, a := range asks {
			n, name := page*openPerPage+i+1, domain.FirstName(a.Name)
			lines = append(lines, L.T("InboxOpenLine", locales.Data{"N": n, "Name": name, "When": L.DateTime(a.CreatedAt), "Text": snippet(L, a.AskItem)}))
			k = append(k, chat.Row(chat.Btn(L.Button("BtnInboxOpen", locales.Data{"N": n, "Name": name}), actOpenAsk, strconv.FormatInt(a.ID, 10))))
		}
		text = strings.Join(lines, "\n\n")
	}
	var prev, next *domain.Button
	if page > 0 {
		b := chat.Btn(L.T("BtnPrev", nil), actOpenPage, strconv.Itoa(page-1))
		prev = &b
	}
	if page+1 < pages {
		b := chat.Btn(L.T("BtnNext", nil), actOpenPage, strconv.Itoa(page+1))
		next = &b
	}
	if nav := chat.PrevNext(L, prev, next); len(nav) > 0 {
		k = append(k, nav)
	}
	if group {
		k = append(k, chat.Row(chat.Btn(L.T("BtnInboxPrivate", nil), actOpenPrivate)))
	}
	return text, k
}

// snippet is the first words of a question, on one line, cut between
// words with "…" when longer than openSnippet; media say what they are.
func snippet(L *locales.Localizer, it domain.AskItem) string {
	words := strings.Fields(it.Text)
	if key, media := askKindKey[it.Kind]; media {
		words = append(strings.Fields(L.T(key, nil)), words...)
	}
	var b strings.Builder
	for i, w := range words {
		sep := ""
		if i > 0 {
			sep = " "
		}
		if len([]rune(b.String()+sep+w)) > openSnippet {
			if b.Len() == 0 { // one long word: cut inside it
				b.WriteString(string([]rune(w)[:openSnippet]))
			}
			return b.String() + " …"
		}
		b.WriteString(sep + w)
	}
	return b.String()
}

// onOpenAsk: "1:qo:<item>" sends the question's card (with its voice note
// or photo) to the coordinator again, through the outbox like the first.
func (f *Feature) onOpenAsk(r *chat.Request) {
	id, _ := strconv.ParseInt(r.Args[0], 10, 64)
	err := f.Store.ResendAsk(r.Ctx, r.Scope.Branches(domain.RoleCoordinator), id, *r.Member, f.Now())
	if errors.Is(err, domain.ErrNotFound) {
		r.Deny(r.L.T("AskGone", nil))
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	f.Wake()
	r.Toast(r.L.T("InboxOpenSent", nil))
}

// onOpenPrivate sends members' questions to each coordinator privately
// again instead of the group; the other coordinators are told, with ↩️.
func (f *Feature) onOpenPrivate(r *chat.Request) {
	if err := f.Store.SetInbox(r.Ctx, r.Acting(domain.RoleCoordinator), 0, "", "", *r.Member, f.Now()); err != nil {
		r.Fail(err)
		return
	}
	f.Wake()
	r.Toast("")
	f.showOpen(r, 0) // without this button now
	r.Say(r.L.T("InboxPrivate", locales.Data{"Command": "/inbox@" + f.Username()}))
}

package activities

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// /activities: the recurring activities (Tal Dansk Café, homework help)
// with their next date and a follow button each; coordinators also get a
// ⚙️ button per activity that opens its card (dates, edit, archive).

func (f *Feature) cmdActivities(r *chat.Request) { f.showActivities(r) }

func (f *Feature) onActivityList(r *chat.Request) {
	r.Toast("")
	f.showActivities(r)
}

// showActivities renders the list for the member (edited in place when a
// button of it was pressed).
func (f *Feature) showActivities(r *chat.Request) {
	acts, err := f.Store.Activities(r.Ctx, belonging(r))
	if err != nil {
		r.Fail(err)
		return
	}
	following, err := f.Store.Following(r.Ctx, r.Member.ID)
	if err != nil {
		r.Fail(err)
		return
	}
	now := f.Now()
	nexts, err := f.byNextMeeting(r, acts, now)
	if err != nil {
		r.Fail(err)
		return
	}
	var blocks []string
	k := chat.Keyboard{}
	for _, n := range nexts {
		act := n.act
		block, err := f.activityBlock(r, act, n.next, n.ok, following[act.ID], now)
		if err != nil {
			r.Fail(err)
			return
		}
		blocks = append(blocks, block)
		id := strconv.FormatInt(act.ID, 10)
		title := act.TitleTexts()
		var b []domain.Button
		if following[act.ID] {
			b = append(b, chat.Btn(r.L.WrittenButton("BtnUnfollow", nil, "Title", title), actActFollow, id, "off"))
		} else {
			b = append(b, chat.Btn(r.L.WrittenButton("BtnFollow", nil, "Title", title), actActFollow, id, "on"))
		}
		if l := r.BranchLabel(act.BranchID); l != "" {
			b[0].Text += " · " + r.L.Isolate(l) // two branches' cafés may share a title
		}
		k = append(k, b)
		if r.Scope.Has(act.BranchID, domain.RoleCoordinator) {
			k = append(k, chat.Row(chat.Btn(r.L.WrittenButton("BtnManageActivity", nil, "Title", title), actActOpen, id)))
		}
	}
	if r.Role() == domain.RoleCoordinator {
		k = append(k, chat.Row(chat.Btn(r.L.T("BtnNewActivity", nil), chat.ActMenu, "newactivity")))
	}
	text := r.L.T("ActivitiesNone", nil)
	if len(blocks) > 0 {
		text = r.L.T("ActivitiesTitle", nil) + "\n\n" + strings.Join(blocks, "\n\n")
	}
	r.Show(text, k...)
}

// nextOf is an activity with its next meeting (ok false: none).
type nextOf struct {
	act  domain.Activity
	next domain.Occurrence
	ok   bool
}

// byNextMeeting orders the activities as a calendar reads: the soonest
// next meeting first, those without one last (by title, as stored).
func (f *Feature) byNextMeeting(r *chat.Request, acts []domain.Activity, now time.Time) ([]nextOf, error) {
	out := make([]nextOf, 0, len(acts))
	for _, act := range acts {
		next, ok, err := f.Store.NextMeeting(r.Ctx, act, f.Loc(), now)
		if err != nil {
			return nil, err
		}
		out = append(out, nextOf{act: act, next: next, ok: ok})
	}
	slices.SortStableFunc(out, func(a, b nextOf) int {
		switch {
		case a.ok != b.ok:
			if a.ok {
				return -1
			}
			return 1
		case !a.ok:
			return 0
		}
		return a.next.Start.Compare(b.next.Start)
	})
	return out, nil
}

// activityBlock is one activity in the list: title, next date, place, and
// a cancelled date before it, if any.
func (f *Feature) activityBlock(r *chat.Request, act domain.Activity, next domain.Occurrence, ok, following bool, now time.Time) (string, error) {
	L := r.L
	lines := []string{"▪️ " + string(L.Written(act.TitleTexts()))}
	if b := r.BranchLabel(act.BranchID); b != "" {
		lines[0] += " · " + L.Isolate(b) // whose it is, for someone in several branches
	}
	if ok {
		// A cancelled date before the next one is worth saying: people remember the usual day.
		skipped, err := f.Store.Meetings(r.Ctx, act, f.Loc(), now, next.Start)
		if err != nil {
			return "", err
		}
		for _, o := range skipped {
			if o.Cancelled {
				lines = append(lines, cancelledLine(L, o))
			}
		}
		lines = append(lines, L.T("ActivityNext", locales.Data{"When": L.DateTime(next.Start)}))
	} else {
		lines = append(lines, L.T("ActivityNoDates", nil))
	}
	if act.Place != "" {
		lines = append(lines, "📍 "+L.Isolate(act.Place))
	}
	if following {
		lines = append(lines, L.T("ActivityFollowing", nil))
	}
	return strings.Join(lines, "\n"), nil
}

func cancelledLine(L *locales.Localizer, o domain.Occurrence) string {
	line := L.T("ActivityCancelledOn", locales.Data{"Date": L.DateTime(o.Slot)})
	if r := reasonLine(L, o.Reason); r != "" {
		line += " " + r
	}
	return line
}

// reasonLine is the coordinator's message with a cancelled or moved date in
// the reader's language (own, second, Danish; marked when it is another
// one), or "" when there is none.
func reasonLine(L *locales.Localizer, reason domain.Texts) string {
	w := L.Written(reason)
	if w == "" {
		return ""
	}
	return L.T("MeetingReason", locales.Data{"Reason": w})
}

// onActivityFollow follows or unfollows: "1:af:<id>:on|off|stop" (stop:
// the button under a reminder, which leaves that message as it is).
func (f *Feature) onActivityFollow(r *chat.Request) {
	act, ok := chat.LiveActivity(r, r.Args[0], domain.RoleParticipant)
	if !ok {
		return
	}
	id := act.ID
	title := r.L.Written(act.TitleTexts())
	var err error
	switch r.Args[1] {
	case "on":
		err = f.Store.Follow(r.Ctx, belonging(r), id, r.Member.ID, f.Now())
		if err == nil {
			r.Toast(r.L.T("FollowedToast", locales.Data{"Title": title}))
		}
	case "off", "stop":
		err = f.Store.Unfollow(r.Ctx, belonging(r), id, r.Member.ID)
		if err == nil {
			r.Toast(r.L.T("UnfollowedToast", locales.Data{"Title": title}))
		}
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	if r.Failed(err, "ActivityGone") {
		return
	}
	f.Wake() // a follow just before a reminder is due still gets it
	if r.Args[1] == "stop" {
		return // the 🔕 button under a reminder: the reminder stays as it is, the toast confirms
	}
	f.showActivities(r)
}

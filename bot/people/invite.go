package people

import (
	"errors"
	"strconv"
	"strings"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// inviteKinds are the links a coordinator can make.
var inviteKinds = map[string]struct {
	role    domain.Role
	maxUses int // 0: unlimited until expiry
	valid   time.Duration
	msg     string
}{
	"vol":  {domain.RoleVolunteer, 1, 14 * 24 * time.Hour, "InviteLinkVolunteerOnce"},
	"vols": {domain.RoleVolunteer, 0, 7 * 24 * time.Hour, "InviteLinkVolunteerWeek"},
	"coor": {domain.RoleCoordinator, 1, 3 * 24 * time.Hour, "InviteLinkCoordinatorOnce"},
}

func (f *Feature) cmdInvite(r *chat.Request) {
	r.Say(r.L.T("InvitePrompt", nil),
		chat.Row(chat.Btn(r.L.T("BtnInviteVolunteerOnce", nil), actInvite, "vol")),
		chat.Row(chat.Btn(r.L.T("BtnInviteVolunteerWeek", nil), actInvite, "vols")),
		chat.Row(chat.Btn(r.L.T("BtnInviteCoordinatorOnce", nil), actInvite, "coor")),
		chat.Row(chat.Btn(r.L.T("BtnInvitePoster", nil), actInvite, "poster")),
		chat.Row(chat.Btn(r.L.T("BtnInviteLinks", nil), actInvite, "links")))
}

// onInvite makes a link: "1:i:vol|vols|coor|poster".
func (f *Feature) onInvite(r *chat.Request) {
	kind := r.Args[0]
	switch kind {
	case "poster":
		r.Toast("")
		f.sendPoster(r)
		return
	case "links":
		r.Toast("")
		f.showLinks(r)
		return
	}
	k, ok := inviteKinds[kind]
	if !ok {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	code, err := chat.NewCode()
	if err != nil {
		r.Fail(err)
		return
	}
	now := f.Now()
	inv := domain.Invite{Code: code, Role: k.role, CreatedBy: &r.Member.ID, ExpiresAt: now.Add(k.valid), BranchID: r.Acting(domain.RoleCoordinator)}
	if k.maxUses > 0 {
		inv.MaxUses = &k.maxUses
	}
	if err := f.Store.CreateInvite(r.Ctx, inv, now); err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	r.Say(r.L.T(k.msg, locales.Data{"Expires": r.L.Date(inv.ExpiresAt), "Link": f.deepLink(code)}))
}

// sendPoster sends a printable QR code PNG of the participant link of the
// branch the coordinator acts in.
func (f *Feature) sendPoster(r *chat.Request) {
	names, code := f.posterBranch(r)
	link := f.deepLink(code)
	png, err := qrcode.Encode(link, qrcode.High, 1024)
	if err != nil {
		r.Fail(err)
		return
	}
	if err := f.sendPosterPage(r, names, link, png); err != nil { // the A4 poster to print, beside the bare QR code
		r.Fail(err)
		return
	}
	err = r.SendPhoto("vejviser-qr.png", png, r.L.T("InvitePosterCaption", locales.Data{"Link": link}))
	if err != nil {
		r.Fail(err)
	}
}

func (f *Feature) deepLink(code string) string {
	return "https://t.me/" + f.Username() + "?start=" + code
}

var inviteRoleKey = map[domain.Role]string{domain.RoleVolunteer: "RoleVolunteer", domain.RoleCoordinator: "RoleCoordinator"}

// showLinks lists the invite links that still work, each with a button that
// stops it, so a coordinator can take back a link sent to the wrong person.
func (f *Feature) showLinks(r *chat.Request) {
	links, err := f.Store.WorkingInvites(r.Ctx, r.Acting(domain.RoleCoordinator), f.Now())
	if err != nil {
		r.Fail(err)
		return
	}
	if len(links) == 0 {
		r.Show(r.L.T("InviteLinksNone", nil))
		return
	}
	lines := []string{r.L.T("InviteLinksTitle", nil)}
	k := chat.Keyboard{}
	for i, l := range links {
		n := strconv.Itoa(i + 1)
		lines = append(lines, r.L.T("InviteLinkLine", locales.Data{
			"N": n, "Role": r.L.T(inviteRoleKey[l.Role], nil), "Creator": l.CreatorName, "Expires": r.L.Date(l.ExpiresAt),
		}))
		k = append(k, chat.Row(chat.Btn(r.L.Button("BtnRevokeInvite", locales.Data{"N": n}), ActRevoke, l.Code)))
	}
	r.Show(strings.Join(lines, "\n\n"), k...)
}

// onRevokeInvite stops a link: "1:ir:<code>". A second tap is harmless.
func (f *Feature) onRevokeInvite(r *chat.Request) {
	err := f.Store.RevokeInvite(r.Ctx, r.Acting(domain.RoleCoordinator), r.Args[0], f.Now())
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		r.Fail(err)
		return
	}
	r.Toast(r.L.T("InviteRevoked", nil))
	f.showLinks(r)
}

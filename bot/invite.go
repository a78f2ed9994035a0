package bot

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	qrcode "github.com/skip2/go-qrcode"

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

func (a *App) cmdInvite(r *req) {
	r.say(r.L.T("InvitePrompt", nil),
		row(btn(r.L.T("BtnInviteVolunteerOnce", nil), actInvite, "vol")),
		row(btn(r.L.T("BtnInviteVolunteerWeek", nil), actInvite, "vols")),
		row(btn(r.L.T("BtnInviteCoordinatorOnce", nil), actInvite, "coor")),
		row(btn(r.L.T("BtnInvitePoster", nil), actInvite, "poster")),
		row(btn(r.L.T("BtnInviteLinks", nil), actInvite, "links")))
}

// onInvite makes a link: "1:i:vol|vols|coor|poster".
func (a *App) onInvite(r *req) {
	kind := r.args[0]
	switch kind {
	case "poster":
		r.toast("")
		a.sendPoster(r)
		return
	case "links":
		r.toast("")
		a.showLinks(r)
		return
	}
	k, ok := inviteKinds[kind]
	if !ok {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	code, err := newCode()
	if err != nil {
		r.fail(err)
		return
	}
	now := a.now()
	inv := domain.Invite{Code: code, Role: k.role, CreatedBy: &r.member.ID, ExpiresAt: now.Add(k.valid)}
	if k.maxUses > 0 {
		inv.MaxUses = &k.maxUses
	}
	if err := a.store.CreateInvite(r.ctx, inv, now); err != nil {
		r.fail(err)
		return
	}
	r.toast("")
	r.say(r.L.T(k.msg, locales.Data{"Expires": r.L.Date(inv.ExpiresAt), "Link": a.deepLink(code)}))
}

// sendPoster sends a printable QR code PNG of the participant link.
func (a *App) sendPoster(r *req) {
	link := a.deepLink(posterCode)
	png, err := qrcode.Encode(link, qrcode.High, 1024)
	if err != nil {
		r.fail(err)
		return
	}
	if err := a.sendPosterPage(r, link, png); err != nil { // the A4 poster to print (issue 11)
		r.fail(err)
		return
	}
	err = a.counted(r.ctx, r.chatID, func(ctx context.Context) error {
		_, err := r.b.SendPhoto(ctx, &tg.SendPhotoParams{
			ChatID:  r.chatID,
			Photo:   &models.InputFileUpload{Filename: "vejviser-qr.png", Data: bytes.NewReader(png)},
			Caption: r.L.T("InvitePosterCaption", locales.Data{"Link": link}),
		})
		return err
	})
	if err != nil {
		r.fail(err)
	}
}

func (a *App) deepLink(code string) string {
	return "https://t.me/" + a.botUsername() + "?start=" + code
}

// newCode is 16 random URL-safe characters (96 bits): unguessable, and short
// enough to ride in callback data through onboarding.
func newCode() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

var inviteRoleKey = map[domain.Role]string{domain.RoleVolunteer: "RoleVolunteer", domain.RoleCoordinator: "RoleCoordinator"}

// showLinks lists the invite links that still work, each with a button that
// stops it, so a coordinator can take back a link sent to the wrong person.
func (a *App) showLinks(r *req) {
	links, err := a.store.WorkingInvites(r.ctx, a.now())
	if err != nil {
		r.fail(err)
		return
	}
	if len(links) == 0 {
		r.show(r.L.T("InviteLinksNone", nil))
		return
	}
	lines := []string{r.L.T("InviteLinksTitle", nil)}
	k := kb{}
	for i, l := range links {
		n := strconv.Itoa(i + 1)
		lines = append(lines, r.L.T("InviteLinkLine", locales.Data{
			"N": n, "Role": r.L.T(inviteRoleKey[l.Role], nil), "Creator": l.CreatorName, "Expires": r.L.Date(l.ExpiresAt),
		}))
		k = append(k, row(btn(r.L.T("BtnRevokeInvite", locales.Data{"N": n}), actRevoke, l.Code)))
	}
	r.show(strings.Join(lines, "\n\n"), k...)
}

// onRevokeInvite stops a link: "1:ir:<code>". A second tap is harmless.
func (a *App) onRevokeInvite(r *req) {
	err := a.store.RevokeInvite(r.ctx, r.args[0], a.now())
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		r.fail(err)
		return
	}
	r.toast(r.L.T("InviteRevoked", nil))
	a.showLinks(r)
}

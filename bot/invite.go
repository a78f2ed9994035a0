package bot

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	qrcode "github.com/skip2/go-qrcode"

	"vejviser/locales"
	"vejviser/storage"
)

// inviteKinds are the links a coordinator can make.
var inviteKinds = map[string]struct {
	role    storage.Role
	maxUses int // 0: unlimited until expiry
	valid   time.Duration
	msg     string
}{
	"vol":  {storage.RoleVolunteer, 1, 14 * 24 * time.Hour, "InviteLinkVolunteerOnce"},
	"vols": {storage.RoleVolunteer, 0, 7 * 24 * time.Hour, "InviteLinkVolunteerWeek"},
	"coor": {storage.RoleCoordinator, 1, 3 * 24 * time.Hour, "InviteLinkCoordinatorOnce"},
}

func (a *App) cmdInvite(r *req) {
	r.say(r.L.T("InvitePrompt", nil),
		row(btn(r.L.T("BtnInviteVolunteerOnce", nil), actInvite, "vol")),
		row(btn(r.L.T("BtnInviteVolunteerWeek", nil), actInvite, "vols")),
		row(btn(r.L.T("BtnInviteCoordinatorOnce", nil), actInvite, "coor")),
		row(btn(r.L.T("BtnInvitePoster", nil), actInvite, "poster")))
}

// onInvite makes a link: "1:i:vol|vols|coor|poster".
func (a *App) onInvite(r *req) {
	kind := r.args[0]
	if kind == "poster" {
		r.toast("")
		a.sendPoster(r)
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
	inv := storage.Invite{Code: code, Role: k.role, CreatedBy: &r.member.ID, ExpiresAt: now.Add(k.valid)}
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

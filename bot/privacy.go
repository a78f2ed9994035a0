package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/locales"
	"vejviser/storage"
)

// cmdPrivacy shows what is stored, who sees it and how to see or delete it.
func (a *App) cmdPrivacy(r *req) {
	text := r.L.T("PrivacyBody", nil)
	if r.member == nil {
		r.say(text)
		return
	}
	text += "\n\n" + r.L.T("PrivacyConsentedOn", locales.Data{"Date": r.L.Date(r.member.ConsentedAt)})
	r.say(text,
		row(btn(r.L.T("BtnMyData", nil), actMyData)),
		row(btn(r.L.T("BtnForget", nil), actForget, "ask")))
}

func (a *App) cmdMyData(r *req) { a.sendMyData(r) }

func (a *App) onMyData(r *req) {
	r.toast("")
	a.sendMyData(r)
}

// sendMyData sends everything stored about the member as a JSON document.
func (a *App) sendMyData(r *req) {
	export, err := a.store.ExportMember(r.ctx, r.member.ID, a.now())
	if err != nil {
		r.fail(err)
		return
	}
	body, err := json.MarshalIndent(export, "", "  ")
	if err != nil {
		r.fail(err)
		return
	}
	err = a.counted(r.ctx, r.chatID, func(ctx context.Context) error {
		_, err := r.b.SendDocument(ctx, &tg.SendDocumentParams{
			ChatID:   r.chatID,
			Document: &models.InputFileUpload{Filename: "vejviser-my-data.json", Data: bytes.NewReader(body)},
			Caption:  r.L.T("MyDataCaption", nil),
		})
		return err
	})
	if err != nil {
		r.fail(err)
	}
}

func (a *App) cmdForget(r *req) {
	r.say(r.L.T("ForgetConfirm", nil),
		row(btn(r.L.T("BtnForgetYes", nil), actForget, "yes")),
		row(btn(r.L.T("BtnForgetNo", nil), actForget, "no")))
}

// onForget asks, deletes or keeps: "1:f:ask|yes|no".
func (a *App) onForget(r *req) {
	switch r.args[0] {
	case "ask":
		r.toast("")
		r.say(r.L.T("ForgetConfirm", nil),
			row(btn(r.L.T("BtnForgetYes", nil), actForget, "yes")),
			row(btn(r.L.T("BtnForgetNo", nil), actForget, "no")))
	case "yes":
		if err := a.store.Forget(r.ctx, r.member.ID); err != nil && !errors.Is(err, storage.ErrNotFound) {
			r.fail(err)
			return
		}
		a.dropCommands(r.ctx, r.b, r.chatID)
		r.toast("")
		r.show(r.L.T("Forgotten", nil))
	case "no":
		r.toast("")
		r.show(r.L.T("ForgetKept", nil))
	default:
		r.deny(r.L.T("ButtonExpired", nil))
	}
}

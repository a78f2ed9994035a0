package bot

import (
	"context"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage"
)

// SetupCommands registers the command menu for every language (participants'
// menu for all private chats) and the coordinators' menu for each
// coordinator's chat in their language. Failures are logged, not fatal.
func (a *App) SetupCommands(ctx context.Context, b *tg.Bot) {
	for _, lang := range locales.Languages {
		_, err := b.SetMyCommands(ctx, &tg.SetMyCommandsParams{
			Commands:     a.menu(storage.RoleParticipant, a.cat.For(lang)),
			Scope:        &models.BotCommandScopeAllPrivateChats{},
			LanguageCode: lang,
		})
		if err != nil {
			a.log.Warn("set command menu", "lang", lang, "err", outbox.ErrorClass(err))
		}
	}
	// Users whose Telegram language we do not support see the Danish menu.
	if _, err := b.SetMyCommands(ctx, &tg.SetMyCommandsParams{
		Commands: a.menu(storage.RoleParticipant, a.cat.For(locales.Default)),
		Scope:    &models.BotCommandScopeAllPrivateChats{},
	}); err != nil {
		a.log.Warn("set default command menu", "err", outbox.ErrorClass(err))
	}
	coordinators, err := a.store.MembersWithRole(ctx, storage.RoleCoordinator)
	if err != nil {
		a.log.Warn("list coordinators for menus", "err", err)
		return
	}
	volunteers, err := a.store.MembersWithRole(ctx, storage.RoleVolunteer) // their menu has the shifts (issue 8)
	if err != nil {
		a.log.Warn("list volunteers for menus", "err", err)
	}
	for _, m := range append(coordinators, volunteers...) {
		a.syncCommands(ctx, b, m)
	}
}

func (a *App) menu(role storage.Role, L *locales.Localizer) []models.BotCommand {
	items := commandMenu[role]
	if items == nil {
		items = commandMenu[storage.RoleParticipant]
	}
	out := make([]models.BotCommand, 0, len(items))
	for _, it := range items {
		out = append(out, models.BotCommand{Command: it.cmd, Description: L.T(it.desc, nil)})
	}
	return out
}

// syncCommands gives a member's chat the menu of their role in their
// language: Telegram allows per-chat menus, which is how roles get their own.
func (a *App) syncCommands(ctx context.Context, b *tg.Bot, m storage.Member) {
	if commandMenu[m.Role] == nil || m.Role == storage.RoleParticipant {
		a.dropCommands(ctx, b, m.ChatID)
		return
	}
	_, err := b.SetMyCommands(ctx, &tg.SetMyCommandsParams{
		Commands: a.menu(m.Role, a.cat.For(m.Language)),
		Scope:    &models.BotCommandScopeChat{ChatID: m.ChatID},
	})
	if err != nil {
		a.log.Warn("set chat command menu", "err", outbox.ErrorClass(err))
	}
}

// dropCommands removes a chat's own menu so the language menus apply again.
func (a *App) dropCommands(ctx context.Context, b *tg.Bot, chatID int64) {
	_, err := b.DeleteMyCommands(ctx, &tg.DeleteMyCommandsParams{Scope: &models.BotCommandScopeChat{ChatID: chatID}})
	if err != nil {
		a.log.Debug("delete chat command menu", "err", outbox.ErrorClass(err))
	}
}

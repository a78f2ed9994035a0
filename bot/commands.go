package bot

import (
	"context"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// SetupCommands registers the command menu for every language (participants'
// menu for all private chats) and the coordinators' menu for each
// coordinator's chat in their language. Failures are logged, not fatal.
func (a *App) SetupCommands(ctx context.Context, b *tg.Bot) {
	for _, lang := range locales.Languages {
		_, err := b.SetMyCommands(ctx, &tg.SetMyCommandsParams{
			Commands:     a.menu(domain.RoleParticipant, a.cat.For(lang)),
			Scope:        &models.BotCommandScopeAllPrivateChats{},
			LanguageCode: lang,
		})
		if err != nil {
			a.log.Warn("set command menu", "lang", lang, "err", outbox.ErrorClass(err))
		}
	}
	// Users whose Telegram language we do not support see the Danish menu.
	if _, err := b.SetMyCommands(ctx, &tg.SetMyCommandsParams{
		Commands: a.menu(domain.RoleParticipant, a.cat.For(locales.Default)),
		Scope:    &models.BotCommandScopeAllPrivateChats{},
	}); err != nil {
		a.log.Warn("set default command menu", "err", outbox.ErrorClass(err))
	}
	a.mendMenus(ctx, b)
}

// mendMenus brings every chat menu in line with its member's role: each
// coordinator's, each chat whose recorded menu differs from the role (a crash
// between a role change and the menu update), and the chats of forgotten
// members whose menu removal Telegram never confirmed.
func (a *App) mendMenus(ctx context.Context, b *tg.Bot) {
	chats, err := a.store.MenusToCheck(ctx)
	if err != nil {
		a.log.Warn("list chats for menus", "err", err)
		return
	}
	for _, c := range chats {
		a.syncCommands(ctx, b, domain.Member{ID: c.MemberID, ChatID: c.ChatID, Language: c.Language, Role: c.Role})
	}
	gone, err := a.store.MenuCleanups(ctx)
	if err != nil {
		a.log.Warn("list menus to remove", "err", err)
		return
	}
	for _, chatID := range gone {
		a.dropForgottenMenu(ctx, b, chatID)
	}
}

// dropForgottenMenu removes a forgotten member's chat menu and, once Telegram
// confirms, the last trace of their chat id.
func (a *App) dropForgottenMenu(ctx context.Context, b *tg.Bot, chatID int64) {
	if !a.dropCommands(ctx, b, chatID) {
		return // kept in menu_cleanup: tried again at the next start
	}
	if err := a.store.MenuCleaned(ctx, chatID); err != nil {
		a.log.Warn("menu cleaned", "err", err)
	}
}

func (a *App) menu(role domain.Role, L *locales.Localizer) []models.BotCommand {
	items := commandMenu[role]
	if items == nil {
		items = commandMenu[domain.RoleParticipant]
	}
	out := make([]models.BotCommand, 0, len(items))
	for _, it := range items {
		out = append(out, models.BotCommand{Command: it.cmd, Description: L.T(it.desc, nil)})
	}
	return out
}

// syncCommands gives a member's chat the menu of their role in their
// language: Telegram allows per-chat menus, which is how roles get their own.
// What Telegram confirmed is recorded, so start-up can mend a menu a crash
// left behind.
func (a *App) syncCommands(ctx context.Context, b *tg.Bot, m domain.Member) {
	var shown domain.Role // "": the chat has no menu of its own
	if commandMenu[m.Role] == nil || m.Role == domain.RoleParticipant {
		if !a.dropCommands(ctx, b, m.ChatID) {
			return
		}
	} else {
		_, err := b.SetMyCommands(ctx, &tg.SetMyCommandsParams{
			Commands: a.menu(m.Role, a.cat.For(m.Language)),
			Scope:    &models.BotCommandScopeChat{ChatID: m.ChatID},
		})
		if err != nil {
			a.log.Warn("set chat command menu", "err", outbox.ErrorClass(err))
			return
		}
		shown = m.Role
	}
	if err := a.store.SetMenuRole(ctx, m.ID, shown); err != nil {
		a.log.Warn("record chat command menu", "err", err)
	}
}

// dropCommands removes a chat's own menu so the language menus apply again,
// and reports whether Telegram confirmed it.
func (a *App) dropCommands(ctx context.Context, b *tg.Bot, chatID int64) bool {
	_, err := b.DeleteMyCommands(ctx, &tg.DeleteMyCommandsParams{Scope: &models.BotCommandScopeChat{ChatID: chatID}})
	if err != nil {
		a.log.Debug("delete chat command menu", "err", outbox.ErrorClass(err))
		return false
	}
	return true
}

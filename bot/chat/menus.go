package chat

import (
	"context"
	"strings"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// CommandMenu is the command menu per role, in Telegram's order.
var CommandMenu = map[domain.Role][]struct{ Cmd, Desc string }{
	domain.RoleParticipant: {
		{"start", "CmdStart"}, {"activities", "CmdActivities"}, {"events", "CmdEvents"}, {"ask", "CmdAsk"},
		{"help", "CmdHelp"}, {"language", "CmdLanguage"},
		{"branch", "CmdBranch"}, {"privacy", "CmdPrivacy"}, {"mydata", "CmdMyData"}, {"forget", "CmdForget"}, {"cancel", "CmdCancel"},
	},
	domain.RoleVolunteer: {
		{"shifts", "CmdShifts"}, {"myshifts", "CmdMyShifts"}, {"profile", "CmdProfile"}, {"activities", "CmdActivities"},
		{"events", "CmdEvents"}, {"count", "CmdCount"}, {"ask", "CmdAsk"}, {"start", "CmdStart"}, {"help", "CmdHelp"},
		{"language", "CmdLanguage"}, {"branch", "CmdBranch"}, {"privacy", "CmdPrivacy"}, {"mydata", "CmdMyData"}, {"forget", "CmdForget"},
		{"cancel", "CmdCancel"},
	},
	domain.RoleCoordinator: {
		{"broadcast", "CmdBroadcast"}, {"activities", "CmdActivities"}, {"newactivity", "CmdNewActivity"},
		{"events", "CmdEvents"}, {"newevent", "CmdNewEvent"}, {"report", "CmdReport"},
		{"count", "CmdCount"}, {"invite", "CmdInvite"}, {"members", "CmdMembers"},
		{"staffing", "CmdStaffing"}, {"newshift", "CmdNewShift"}, {"volunteers", "CmdVolunteers"}, {"inbox", "CmdInbox"},
		{"shifts", "CmdShifts"}, {"myshifts", "CmdMyShifts"}, {"profile", "CmdProfile"},
		{"start", "CmdStart"}, {"help", "CmdHelp"}, {"language", "CmdLanguage"}, {"branch", "CmdBranch"},
		{"privacy", "CmdPrivacy"}, {"mydata", "CmdMyData"}, {"forget", "CmdForget"}, {"cancel", "CmdCancel"},
	},
}

// SetupCommands registers the command menu for every language (participants'
// menu for all private chats) and brings every chat's own menu in line with
// its member's role. Failures are logged, not fatal.
func (env *Env) SetupCommands(ctx context.Context, b *tg.Bot) {
	for _, lang := range locales.Languages {
		_, err := b.SetMyCommands(ctx, &tg.SetMyCommandsParams{
			Commands:     env.menu(domain.RoleParticipant, env.Cat.For(lang)),
			Scope:        &models.BotCommandScopeAllPrivateChats{},
			LanguageCode: lang,
		})
		if err != nil {
			env.Log.Warn("set command menu", "lang", lang, "err", ErrorClass(err))
		}
	}
	// Users whose Telegram language we do not support see the Danish menu.
	if _, err := b.SetMyCommands(ctx, &tg.SetMyCommandsParams{
		Commands: env.menu(domain.RoleParticipant, env.Cat.For(locales.Default)),
		Scope:    &models.BotCommandScopeAllPrivateChats{},
	}); err != nil {
		env.Log.Warn("set default command menu", "err", ErrorClass(err))
	}
	env.mendMenus(ctx, b)
}

// mendMenus brings every chat menu in line with its member's role: each
// coordinator's, each chat whose recorded menu differs from the role (a crash
// between a role change and the menu update), and the chats of forgotten
// members whose menu removal Telegram never confirmed.
func (env *Env) mendMenus(ctx context.Context, b *tg.Bot) {
	chats, err := env.Store.MenusToCheck(ctx)
	if err != nil {
		env.Log.Warn("list chats for menus", "err", err)
		return
	}
	for _, c := range chats {
		env.SyncCommands(ctx, b, domain.Member{ID: c.MemberID, ChatID: c.ChatID, Language: c.Language, Role: c.Role})
	}
	gone, err := env.Store.MenuCleanups(ctx)
	if err != nil {
		env.Log.Warn("list menus to remove", "err", err)
		return
	}
	for _, chatID := range gone {
		env.DropForgottenMenu(ctx, b, chatID)
	}
}

// DropForgottenMenu removes a forgotten member's chat menu and, once Telegram
// confirms, the last trace of their chat id.
func (env *Env) DropForgottenMenu(ctx context.Context, b *tg.Bot, chatID int64) {
	if !env.dropCommands(ctx, b, chatID) {
		return // kept in menu_cleanup: tried again at the next start
	}
	if err := env.Store.MenuCleaned(ctx, chatID); err != nil {
		env.Log.Warn("menu cleaned", "err", err)
	}
}

func (env *Env) menu(role domain.Role, L *locales.Localizer) []models.BotCommand {
	items := CommandMenu[role]
	if items == nil {
		items = CommandMenu[domain.RoleParticipant]
	}
	out := make([]models.BotCommand, 0, len(items))
	for _, it := range items {
		out = append(out, models.BotCommand{Command: it.Cmd, Description: L.T(it.Desc, nil)})
	}
	return out
}

// SyncCommands gives a member's chat the menu of their role in their
// language: Telegram allows per-chat menus, which is how roles get their own.
// What Telegram confirmed is recorded, so start-up can mend a menu a crash
// left behind.
func (env *Env) SyncCommands(ctx context.Context, b *tg.Bot, m domain.Member) {
	var shown domain.Role // "": the chat has no menu of its own
	if CommandMenu[m.Role] == nil || m.Role == domain.RoleParticipant {
		if !env.dropCommands(ctx, b, m.ChatID) {
			return
		}
	} else {
		_, err := b.SetMyCommands(ctx, &tg.SetMyCommandsParams{
			Commands: env.menu(m.Role, env.Cat.For(m.Language)),
			Scope:    &models.BotCommandScopeChat{ChatID: m.ChatID},
		})
		if err != nil {
			env.Log.Warn("set chat command menu", "err", ErrorClass(err))
			return
		}
		shown = m.Role
	}
	if err := env.Store.SetMenuRole(ctx, m.ID, shown); err != nil {
		env.Log.Warn("record chat command menu", "err", err)
	}
}

// dropCommands removes a chat's own menu so the language menus apply again,
// and reports whether Telegram confirmed it.
func (env *Env) dropCommands(ctx context.Context, b *tg.Bot, chatID int64) bool {
	_, err := b.DeleteMyCommands(ctx, &tg.DeleteMyCommandsParams{Scope: &models.BotCommandScopeChat{ChatID: chatID}})
	if err != nil {
		env.Log.Debug("delete chat command menu", "err", ErrorClass(err))
		return false
	}
	return true
}

// Help is /help for a role, written from CommandMenu so it lists exactly the
// commands of the role's menu (a test checks each against the route index):
// what everyone has first, then what volunteers add, then what coordinators
// add, each under its heading.
func Help(L *locales.Localizer, role domain.Role) string {
	if CommandMenu[role] == nil {
		role = domain.RoleParticipant
	}
	seen := map[string]bool{}
	var b strings.Builder
	b.WriteString(L.T("HelpIntro", nil))
	for _, part := range []struct {
		role    domain.Role
		heading string
	}{{domain.RoleParticipant, ""}, {domain.RoleVolunteer, "HelpForVolunteers"}, {domain.RoleCoordinator, "HelpForCoordinators"}} {
		if part.role.Rank() > role.Rank() {
			break
		}
		var lines []string
		for _, it := range CommandMenu[part.role] {
			if !seen[it.Cmd] {
				seen[it.Cmd] = true
				lines = append(lines, L.T("HelpLine", locales.Data{"Command": "/" + it.Cmd, "Text": L.T(it.Desc, nil)}))
			}
		}
		if len(lines) == 0 {
			continue
		}
		b.WriteString("\n\n")
		if part.heading != "" {
			b.WriteString(L.T(part.heading, nil) + "\n")
		}
		b.WriteString(strings.Join(lines, "\n"))
	}
	return b.String()
}

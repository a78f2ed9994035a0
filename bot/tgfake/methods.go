package tgfake

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

type methodFunc func(s *Server, ctx context.Context, req *request) response

type methodInfo struct {
	name string
	fn   methodFunc
}

// methodTable maps lower-cased method names (the API is case-insensitive)
// to their handlers.
var methodTable = map[string]methodInfo{}

func init() {
	for name, fn := range map[string]methodFunc{
		"getMe":                  (*Server).getMe,
		"getUpdates":             (*Server).getUpdates,
		"sendMessage":            (*Server).sendMessage,
		"editMessageText":        (*Server).editMessageText,
		"editMessageReplyMarkup": (*Server).editMessageReplyMarkup,
		"deleteMessage":          (*Server).deleteMessage,
		"answerCallbackQuery":    (*Server).answerCallbackQuery,
		"sendPhoto":              (*Server).sendPhoto,
		"sendDocument":           (*Server).sendDocument,
		"setMyCommands":          (*Server).setMyCommands,
		"deleteMyCommands":       (*Server).deleteMyCommands,
		"getMyCommands":          (*Server).getMyCommands,
		"setWebhook":             (*Server).setWebhook,
		"deleteWebhook":          (*Server).deleteWebhook,
		"getWebhookInfo":         (*Server).getWebhookInfo,
		"setChatMenuButton":      (*Server).setChatMenuButton,
		"sendChatAction":         (*Server).sendChatAction,
		"copyMessage":            (*Server).copyMessage,
		"getChatMemberCount":     (*Server).getChatMemberCount,
		"getChatAdministrators":  (*Server).getChatAdministrators,
	} {
		methodTable[strings.ToLower(name)] = methodInfo{name: name, fn: fn}
	}
}

const (
	maxTextRunes    = 4096
	maxCaptionRunes = 1024
	errNotModified  = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"
)

func (s *Server) getMe(_ context.Context, _ *request) response {
	return okResult(apiMe{apiUser: s.bot, CanJoinGroups: true})
}

// chatIDParam parses the chat_id parameter.
func chatIDParam(req *request) (int64, *response) {
	v, ok := req.params["chat_id"]
	if !ok || v == "" {
		r := badRequest("chat_id is empty")
		return 0, &r
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		r := badRequest("chat not found")
		return 0, &r
	}
	return id, nil
}

func messageIDParam(req *request) (int, *response) {
	id, err := strconv.Atoi(req.params["message_id"])
	if err != nil {
		r := badRequest("message identifier is not specified")
		return 0, &r
	}
	return id, nil
}

// targetLocked returns the known, unblocked chat id or an error response.
func (s *Server) targetLocked(id int64) (*chat, *response) {
	c := s.chats[id]
	if c == nil {
		r := badRequest("chat not found")
		return nil, &r
	}
	if c.migratedTo != 0 {
		r := badRequest("group chat was upgraded to a supergroup chat")
		r.migrateTo = c.migratedTo
		return nil, &r
	}
	if c.blocked {
		desc := "Forbidden: bot was blocked by the user"
		if id < 0 {
			desc = "Forbidden: bot was kicked from the group chat"
		}
		r := errResp(http.StatusForbidden, desc)
		return nil, &r
	}
	return c, nil
}

// visibleText approximates the text Telegram counts: HTML markup is
// stripped for parse_mode HTML; other modes are counted as sent.
func visibleText(text, parseMode string) string {
	if !strings.EqualFold(parseMode, "HTML") || !strings.ContainsAny(text, "<&") {
		return text
	}
	var b strings.Builder
	inTag := false
	for _, r := range text {
		switch {
		case r == '<':
			inTag = true
		case r == '>' && inTag:
			inTag = false
		case !inTag:
			b.WriteRune(r)
		}
	}
	return html.UnescapeString(b.String())
}

func checkText(req *request) (string, *response) {
	text := req.params["text"]
	vis := visibleText(text, req.params["parse_mode"])
	if strings.TrimSpace(vis) == "" {
		r := badRequest("message text is empty")
		return "", &r
	}
	if utf8.RuneCountInString(vis) > maxTextRunes {
		r := badRequest("message is too long")
		return "", &r
	}
	return text, nil
}

type wireButton struct {
	Text                         string          `json:"text"`
	URL                          string          `json:"url"`
	CallbackData                 *string         `json:"callback_data"`
	WebApp                       json.RawMessage `json:"web_app"`
	LoginURL                     json.RawMessage `json:"login_url"`
	SwitchInlineQuery            *string         `json:"switch_inline_query"`
	SwitchInlineQueryCurrentChat *string         `json:"switch_inline_query_current_chat"`
	SwitchInlineQueryChosenChat  json.RawMessage `json:"switch_inline_query_chosen_chat"`
	CallbackGame                 json.RawMessage `json:"callback_game"`
	Pay                          bool            `json:"pay"`
	CopyText                     *struct {
		Text string `json:"text"`
	} `json:"copy_text"`
}

func (b *wireButton) hasAction() bool {
	return b.URL != "" || b.CallbackData != nil || b.SwitchInlineQuery != nil ||
		b.SwitchInlineQueryCurrentChat != nil || isSet(b.WebApp) || isSet(b.LoginURL) ||
		isSet(b.SwitchInlineQueryChosenChat) || isSet(b.CallbackGame) || b.Pay ||
		(b.CopyText != nil && b.CopyText.Text != "")
}

func isSet(r json.RawMessage) bool { return len(r) > 0 && string(r) != "null" }

// parseMarkup validates reply_markup and returns its inline buttons (nil
// for no inline keyboard; reply keyboards are accepted and ignored).
func parseMarkup(raw string) ([][]Button, *response) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	var mk struct {
		InlineKeyboard [][]wireButton `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(raw), &mk); err != nil {
		r := badRequest("can't parse reply keyboard markup JSON object")
		return nil, &r
	}
	var out [][]Button
	for _, row := range mk.InlineKeyboard {
		if len(row) == 0 {
			continue
		}
		r := make([]Button, 0, len(row))
		for i := range row {
			b := &row[i]
			if b.Text == "" {
				e := badRequest("can't parse inline keyboard button: Text must be non-empty")
				return nil, &e
			}
			if b.CallbackData != nil && (len(*b.CallbackData) < 1 || len(*b.CallbackData) > 64) {
				e := badRequest("BUTTON_DATA_INVALID")
				return nil, &e
			}
			if !b.hasAction() {
				e := badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
				return nil, &e
			}
			nb := Button{Text: b.Text, URL: b.URL}
			if b.CallbackData != nil {
				nb.Data = *b.CallbackData
			}
			r = append(r, nb)
		}
		out = append(out, r)
	}
	return out, nil
}

func buttonsEqual(a, b [][]Button) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

func parseBool(v string) bool {
	b, _ := strconv.ParseBool(v)
	return b
}

func (s *Server) sendMessage(_ context.Context, req *request) response {
	chatID, e := chatIDParam(req)
	if e != nil {
		return *e
	}
	text, e := checkText(req)
	if e != nil {
		return *e
	}
	buttons, e := parseMarkup(req.params["reply_markup"])
	if e != nil {
		return *e
	}
	ents, e := parseEntities(req.params["entities"], text)
	if e != nil {
		return *e
	}
	s.mu.Lock()
	c, e := s.targetLocked(chatID)
	if e == nil {
		e = s.takeTokensLocked(c, true)
	}
	if e != nil {
		s.mu.Unlock()
		return *e
	}
	m := &message{id: len(c.msgs) + 1, kind: kindText, text: text, buttons: buttons, date: s.now(), entities: ents}
	c.msgs = append(c.msgs, m)
	c.delivered++
	c.texts = append(c.texts, text)
	am := s.apiMessageLocked(c, m)
	s.mu.Unlock()
	return okResult(am)
}

func (s *Server) sendPhoto(_ context.Context, req *request) response {
	return s.sendFile(req, "photo", kindPhoto)
}

func (s *Server) sendDocument(_ context.Context, req *request) response {
	return s.sendFile(req, "document", kindDocument)
}

func (s *Server) sendFile(req *request, field string, kind msgKind) response {
	chatID, e := chatIDParam(req)
	if e != nil {
		return *e
	}
	caption := req.params["caption"]
	if utf8.RuneCountInString(visibleText(caption, req.params["parse_mode"])) > maxCaptionRunes {
		return badRequest("message caption is too long")
	}
	buttons, e := parseMarkup(req.params["reply_markup"])
	if e != nil {
		return *e
	}
	m := &message{kind: kind, caption: caption, buttons: buttons}
	if up, ok := req.files[field]; ok {
		if len(up.data) == 0 {
			return badRequest("file must be non-empty")
		}
		m.file, m.fileName = up.data, up.name
	} else if ref := req.params[field]; ref != "" && !strings.HasPrefix(ref, "attach://") {
		m.fileID = ref
	} else {
		return badRequest("there is no " + field + " in the request")
	}
	s.mu.Lock()
	c, e := s.targetLocked(chatID)
	if e == nil {
		e = s.takeTokensLocked(c, true)
	}
	if e != nil {
		s.mu.Unlock()
		return *e
	}
	m.id = len(c.msgs) + 1
	m.date = s.now()
	if m.fileID == "" {
		m.fileID = "fake-" + field + "-" + strconv.FormatInt(c.id, 10) + "-" + strconv.Itoa(m.id)
	}
	c.msgs = append(c.msgs, m)
	c.delivered++
	am := s.apiMessageLocked(c, m)
	s.mu.Unlock()
	return okResult(am)
}

func (s *Server) editMessageText(_ context.Context, req *request) response {
	return s.edit(req, true)
}

func (s *Server) editMessageReplyMarkup(_ context.Context, req *request) response {
	return s.edit(req, false)
}

func (s *Server) edit(req *request, withText bool) response {
	if _, ok := req.params["chat_id"]; !ok && req.params["inline_message_id"] != "" {
		return badRequest("message to edit not found")
	}
	chatID, e := chatIDParam(req)
	if e != nil {
		return *e
	}
	msgID, e := messageIDParam(req)
	if e != nil {
		return *e
	}
	var text string
	var ents []Entity
	if withText {
		if text, e = checkText(req); e != nil {
			return *e
		}
		if ents, e = parseEntities(req.params["entities"], text); e != nil {
			return *e
		}
	}
	buttons, e := parseMarkup(req.params["reply_markup"])
	if e != nil {
		return *e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.targetLocked(chatID)
	if e != nil {
		return *e
	}
	m := c.msg(msgID)
	if m == nil || m.deleted {
		return badRequest("message to edit not found")
	}
	if !withText {
		text = m.text
	} else if m.kind != kindText {
		return badRequest("there is no text in the message to edit")
	}
	if text == m.text && buttonsEqual(buttons, m.buttons) {
		return badRequest(errNotModified)
	}
	if e := s.takeTokensLocked(c, false); e != nil {
		return *e
	}
	if withText {
		m.entities = ents
	}
	m.text = text
	m.buttons = buttons
	m.edits++
	m.editDate = s.now()
	return okResult(s.apiMessageLocked(c, m))
}

func (s *Server) deleteMessage(_ context.Context, req *request) response {
	chatID, e := chatIDParam(req)
	if e != nil {
		return *e
	}
	msgID, e := messageIDParam(req)
	if e != nil {
		return *e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.targetLocked(chatID)
	if e != nil {
		return *e
	}
	// Telegram's rules: a message can only be deleted if it was sent less
	// than 48 hours ago; bots delete their own messages in private chats and
	// groups, and incoming messages only in private chats (the fake's bot is
	// no group administrator).
	if m := c.msg(msgID); m != nil && !m.deleted {
		if !s.now().Before(m.date.Add(deleteWindow)) {
			return badRequest(errCantDelete)
		}
		m.deleted = true
		return okRaw(trueJSON)
	}
	if m := c.userMsgs[msgID]; m != nil {
		if c.id < 0 || !s.now().Before(m.date.Add(deleteWindow)) {
			return badRequest(errCantDelete)
		}
		delete(c.userMsgs, msgID)
		return okRaw(trueJSON)
	}
	return badRequest("message to delete not found")
}

// deleteWindow: deleteMessage refuses messages sent this long ago or more.
const deleteWindow = 48 * time.Hour

const errCantDelete = "message can't be deleted"

func (s *Server) answerCallbackQuery(_ context.Context, req *request) response {
	id := req.params["callback_query_id"]
	s.mu.Lock()
	defer s.mu.Unlock()
	cb := s.callbacks[id]
	if cb == nil || cb.answered {
		return badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	cb.answered = true
	cb.text = req.params["text"]
	cb.showAlert = parseBool(req.params["show_alert"])
	return okRaw(trueJSON)
}

func (s *Server) sendChatAction(_ context.Context, req *request) response {
	chatID, e := chatIDParam(req)
	if e != nil {
		return *e
	}
	if req.params["action"] == "" {
		return badRequest("parameter \"action\" is required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, e := s.targetLocked(chatID); e != nil {
		return *e
	}
	return okRaw(trueJSON)
}

func (s *Server) setChatMenuButton(_ context.Context, req *request) response {
	if mb := req.params["menu_button"]; mb != "" && !json.Valid([]byte(mb)) {
		return badRequest("can't parse menu button JSON object")
	}
	if _, ok := req.params["chat_id"]; ok {
		chatID, e := chatIDParam(req)
		if e != nil {
			return *e
		}
		s.mu.Lock()
		_, known := s.chats[chatID]
		s.mu.Unlock()
		if !known {
			return badRequest("chat not found")
		}
	}
	return okRaw(trueJSON)
}

// commandsKey normalizes a scope JSON text and a language code. A missing
// or "default" scope is the empty scope.
func commandsKey(scopeJSON, lang string) string {
	scope := ""
	if strings.TrimSpace(scopeJSON) != "" {
		dec := json.NewDecoder(strings.NewReader(scopeJSON))
		dec.UseNumber()
		var m map[string]any
		if dec.Decode(&m) == nil {
			if t, _ := m["type"].(string); t != "default" || len(m) > 1 {
				b, _ := json.Marshal(m) // sorted keys
				scope = string(b)
			}
		} else {
			scope = scopeJSON
		}
	}
	return scope + "\x00" + lang
}

func (s *Server) setMyCommands(_ context.Context, req *request) response {
	raw, ok := req.params["commands"]
	if !ok {
		return badRequest("parameter \"commands\" is required")
	}
	var cmds []models.BotCommand
	if err := json.Unmarshal([]byte(raw), &cmds); err != nil {
		return badRequest("can't parse commands JSON array")
	}
	if len(cmds) > 100 {
		return badRequest("BOT_COMMANDS_TOO_MUCH")
	}
	for _, c := range cmds {
		if !validCommand(c.Command) {
			return badRequest("BOT_COMMAND_INVALID")
		}
		if n := utf8.RuneCountInString(strings.TrimSpace(c.Description)); n < 1 || n > 256 {
			return badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	key := commandsKey(req.params["scope"], req.params["language_code"])
	s.mu.Lock()
	if len(cmds) == 0 {
		delete(s.commands, key)
	} else {
		s.commands[key] = cmds
	}
	s.mu.Unlock()
	return okRaw(trueJSON)
}

func validCommand(c string) bool {
	if len(c) < 1 || len(c) > 32 {
		return false
	}
	for _, r := range c {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}

func (s *Server) deleteMyCommands(_ context.Context, req *request) response {
	key := commandsKey(req.params["scope"], req.params["language_code"])
	s.mu.Lock()
	delete(s.commands, key)
	s.mu.Unlock()
	return okRaw(trueJSON)
}

func (s *Server) getMyCommands(_ context.Context, req *request) response {
	key := commandsKey(req.params["scope"], req.params["language_code"])
	s.mu.Lock()
	cmds := s.commands[key]
	s.mu.Unlock()
	if cmds == nil {
		cmds = []models.BotCommand{}
	}
	return okResult(cmds)
}

func (s *Server) setWebhook(_ context.Context, req *request) response {
	s.mu.Lock()
	s.webhookURL = req.params["url"]
	if parseBool(req.params["drop_pending_updates"]) {
		s.dropAllUpdatesLocked()
	}
	s.mu.Unlock()
	return okRaw(trueJSON)
}

func (s *Server) deleteWebhook(_ context.Context, req *request) response {
	s.mu.Lock()
	s.webhookURL = ""
	if parseBool(req.params["drop_pending_updates"]) {
		s.dropAllUpdatesLocked()
	}
	s.mu.Unlock()
	return okRaw(trueJSON)
}

func (s *Server) dropAllUpdatesLocked() {
	for i := range s.updates {
		s.updates[i] = queuedUpdate{}
	}
	s.updates = nil
}

func (s *Server) getWebhookInfo(_ context.Context, _ *request) response {
	s.mu.Lock()
	info := models.WebhookInfo{URL: s.webhookURL, PendingUpdateCount: len(s.updates)}
	s.mu.Unlock()
	return okResult(info)
}

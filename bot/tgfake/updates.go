package tgfake

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// User is a simulated Telegram user. Its private chat with the bot has the
// same id as the user. An empty FirstName is sent as "User".
type User struct {
	ID           int64
	FirstName    string
	LastName     string
	Username     string
	LanguageCode string
}

// SendText queues a message update from u in its private chat and returns
// the update id. Text starting with "/" gets a bot_command entity covering
// the command (up to the first whitespace). User messages get ids from
// 1,000,001 upwards per chat so they never collide with the bot's messages.
func (s *Server) SendText(u User, text string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.userChatLocked(u)
	mid := c.nextUserID
	c.nextUserID++
	if c.userMsgs == nil {
		c.userMsgs = make(map[int]*message)
	}
	c.userMsgs[mid] = &message{id: mid, kind: kindText, text: text, date: s.now()}
	from := userToAPI(u)
	m := &apiMessage{MessageID: mid, From: &from, Chat: c.api(), Date: unixDate(s.now()), Text: text}
	if strings.HasPrefix(text, "/") {
		cmd := text
		if i := strings.IndexFunc(text, isSpace); i >= 0 {
			cmd = text[:i]
		}
		m.Entities = []apiEntity{{Type: "bot_command", Offset: 0, Length: len(utf16.Encode([]rune(cmd)))}}
	}
	return s.enqueueLocked(&apiUpdate{Message: m}, "")
}

func isSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' }

// PressButton queues a callback_query update from u for the bot message
// messageID in u's chat, carrying data verbatim (so tests can forge data),
// and returns the callback query id. The full message object is included;
// for an unknown message id a minimal message is synthesized.
func (s *Server) PressButton(u User, messageID int, data string) (callbackID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pressLocked(u, messageID, data)
}

func (s *Server) pressLocked(u User, messageID int, data string) string {
	return s.pressInLocked(s.userChatLocked(u), u, messageID, data)
}

// pressInLocked presses a button of message messageID in chat c (a user's
// private chat or a group) as u.
func (s *Server) pressInLocked(c *chat, u User, messageID int, data string) string {
	var am apiMessage
	if m := c.msg(messageID); m != nil {
		am = s.apiMessageLocked(c, m)
	} else {
		bot := s.bot
		am = apiMessage{MessageID: messageID, From: &bot, Chat: c.api(), Date: unixDate(s.now())}
	}
	s.lastCallback++
	id := strconv.FormatInt(4_000_000_000_000_000+s.lastCallback, 10)
	s.callbacks[id] = &callbackState{}
	s.callbackOrder = append(s.callbackOrder, id)
	cb := &apiCallback{ID: id, From: userToAPI(u), Message: &am, ChatInstance: c.chatInstance(), Data: data}
	s.enqueueLocked(&apiUpdate{CallbackQuery: cb}, id)
	return id
}

// Press finds the newest non-deleted bot message in u's chat having an
// inline callback button whose text equals label (or, failing that within
// the same message, contains label) and presses it like PressButton. It
// returns an error when no such button exists.
func (s *Server) Press(u User, label string) (callbackID string, err error) {
	return s.PressIn(u.ID, u, label)
}

// PressIn is Press in chat chatID, which may be a group u is in.
func (s *Server) PressIn(chatID int64, u User, label string) (callbackID string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return "", fmt.Errorf("tgfake: chat %d has no bot messages", chatID)
	}
	var newest []string
	for i := len(c.msgs) - 1; i >= 0; i-- {
		m := c.msgs[i]
		if m.deleted || len(m.buttons) == 0 {
			continue
		}
		if newest == nil {
			for _, row := range m.buttons {
				for _, b := range row {
					newest = append(newest, b.Text)
				}
			}
		}
		for _, match := range []func(string) bool{
			func(t string) bool { return t == label },
			func(t string) bool { return strings.Contains(t, label) },
		} {
			for _, row := range m.buttons {
				for _, b := range row {
					if b.Data != "" && match(b.Text) {
						if chatID == u.ID {
							return s.pressLocked(u, m.id, b.Data), nil
						}
						return s.pressInLocked(c, u, m.id, b.Data), nil
					}
				}
			}
		}
	}
	return "", fmt.Errorf("tgfake: no callback button %q in chat %d (newest keyboard: %q)", label, chatID, newest)
}

var memberStatuses = map[string]bool{
	"creator": true, "administrator": true, "member": true,
	"restricted": true, "left": true, "kicked": true,
}

// SetChatMember queues a my_chat_member update for u's private chat with
// new status status ("kicked" when the user blocks the bot, "member" when
// they unblock it); the old status is "member" for "kicked" and "kicked"
// otherwise. Unknown statuses are sent as "member". It also blocks the chat
// for sending when status is "kicked" or "left" and unblocks it otherwise.
// It returns the update id.
func (s *Server) SetChatMember(u User, status string) int64 {
	if !memberStatuses[status] {
		status = "member"
	}
	old := "kicked"
	if status == "kicked" {
		old = "member"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.userChatLocked(u)
	c.blocked = status == "kicked" || status == "left"
	upd := &apiChatMemberUpdated{
		Chat:          c.api(),
		From:          userToAPI(u),
		Date:          unixDate(s.now()),
		OldChatMember: apiChatMember{Status: old, User: s.bot},
		NewChatMember: apiChatMember{Status: status, User: s.bot},
	}
	return s.enqueueLocked(&apiUpdate{MyChatMember: upd}, "")
}

// QueueUpdate queues an arbitrary update; the server sets its update_id
// (raw itself is not modified) and returns it. A callback_query with a
// string "id" is tracked like PressButton's, and chat ids found in
// message.chat, callback_query.message.chat or my_chat_member.chat become
// known chats. If raw cannot be JSON-encoded, an update holding only the
// update_id is queued.
func (s *Server) QueueUpdate(raw map[string]any) int64 {
	m := make(map[string]any, len(raw)+1)
	for k, v := range raw {
		m[k] = v
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastUpdateID++
	id := s.lastUpdateID
	m["update_id"] = id
	b, err := json.Marshal(m)
	if err != nil {
		b = []byte(`{"update_id":` + strconv.FormatInt(id, 10) + `}`)
	}
	cbID := ""
	if cq, ok := raw["callback_query"].(map[string]any); ok {
		if v, ok := cq["id"].(string); ok && v != "" {
			cbID = v
			if s.callbacks[v] == nil {
				s.callbacks[v] = &callbackState{}
				s.callbackOrder = append(s.callbackOrder, v)
			}
		}
		if cid, ok := lookupInt(cq, "message", "chat", "id"); ok {
			s.ensureChatLocked(cid)
		}
	}
	for _, path := range [][]string{{"message", "chat", "id"}, {"my_chat_member", "chat", "id"}} {
		if cid, ok := lookupInt(raw, path...); ok {
			s.ensureChatLocked(cid)
		}
	}
	kind := ""
	for _, k := range updateKinds {
		if _, ok := raw[k]; ok {
			kind = k
			break
		}
	}
	s.pushLocked(queuedUpdate{id: id, raw: b, callbackID: cbID, kind: kind})
	return id
}

// updateKinds are the update types allowed_updates can name.
var updateKinds = []string{
	"message", "edited_message", "channel_post", "edited_channel_post",
	"business_connection", "business_message", "edited_business_message",
	"deleted_business_messages", "message_reaction", "message_reaction_count",
	"inline_query", "chosen_inline_result", "callback_query", "shipping_query",
	"pre_checkout_query", "purchased_paid_media", "poll", "poll_answer",
	"my_chat_member", "chat_member", "chat_join_request", "chat_boost",
	"removed_chat_boost",
}

func lookupInt(m map[string]any, path ...string) (int64, bool) {
	var cur any = m
	for _, p := range path {
		mm, ok := cur.(map[string]any)
		if !ok {
			return 0, false
		}
		cur = mm[p]
	}
	switch v := cur.(type) {
	case int:
		return int64(v), true
	case int64:
		return v, true
	case int32:
		return int64(v), true
	case float64:
		return int64(v), true
	case json.Number:
		n, err := v.Int64()
		return n, err == nil
	}
	return 0, false
}

// PendingUpdates returns how many queued updates were not yet confirmed by
// a getUpdates offset.
func (s *Server) PendingUpdates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

func (s *Server) enqueueLocked(u *apiUpdate, callbackID string) int64 {
	s.lastUpdateID++
	u.UpdateID = s.lastUpdateID
	b, err := json.Marshal(u)
	if err != nil {
		b = []byte(`{"update_id":` + strconv.FormatInt(u.UpdateID, 10) + `}`)
	}
	kind := "message"
	switch {
	case u.CallbackQuery != nil:
		kind = "callback_query"
	case u.MyChatMember != nil:
		kind = "my_chat_member"
	}
	s.pushLocked(queuedUpdate{id: u.UpdateID, raw: b, callbackID: callbackID, kind: kind})
	return u.UpdateID
}

func (s *Server) pushLocked(q queuedUpdate) {
	s.updates = append(s.updates, q)
	close(s.notify)
	s.notify = make(chan struct{})
}

// confirmLocked drops updates with id < offset (offset > 0), or all but the
// last -offset ones (offset < 0), like the real API.
func (s *Server) confirmLocked(offset int64) {
	n := 0
	switch {
	case offset > 0:
		for n < len(s.updates) && s.updates[n].id < offset {
			n++
		}
	case offset < 0:
		keep := -offset
		if int64(len(s.updates)) > keep {
			n = len(s.updates) - int(keep)
		}
	}
	if n == 0 {
		return
	}
	for i := 0; i < n; i++ {
		s.updates[i] = queuedUpdate{}
	}
	s.updates = s.updates[n:]
	if len(s.updates) == 0 {
		s.updates = nil
	}
}

// filterAllowedLocked drops queued updates whose type the bot excluded
// with allowed_updates (the real API never creates them).
func (s *Server) filterAllowedLocked() {
	if s.allowed == nil {
		return
	}
	kept := s.updates[:0]
	for _, u := range s.updates {
		if u.kind == "" || s.allowed[u.kind] {
			kept = append(kept, u)
		}
	}
	for i := len(kept); i < len(s.updates); i++ {
		s.updates[i] = queuedUpdate{}
	}
	s.updates = kept
}

func (s *Server) getUpdates(ctx context.Context, req *request) response {
	offset, _ := strconv.ParseInt(req.params["offset"], 10, 64)
	limit := 100
	if v, err := strconv.Atoi(req.params["limit"]); err == nil && v >= 1 && v <= 100 {
		limit = v
	}
	timeout := time.Duration(0)
	if v, err := strconv.Atoi(req.params["timeout"]); err == nil && v > 0 {
		timeout = min(time.Duration(v)*time.Second, maxPollTimeout)
	}
	if raw := req.params["allowed_updates"]; raw != "" {
		var list []string
		if err := json.Unmarshal([]byte(raw), &list); err != nil {
			return badRequest("can't parse allowed updates")
		}
		s.mu.Lock()
		s.allowed = nil
		if len(list) > 0 {
			s.allowed = make(map[string]bool, len(list))
			for _, k := range list {
				s.allowed[k] = true
			}
		}
		s.mu.Unlock()
	}
	deadline := time.Now().Add(timeout)
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		s.mu.Lock()
		if s.webhookURL != "" {
			s.mu.Unlock()
			return errResp(http.StatusConflict, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
		}
		s.confirmLocked(offset)
		s.filterAllowedLocked()
		if len(s.updates) > 0 {
			batch := s.updates[:min(limit, len(s.updates))]
			size := 2
			for _, u := range batch {
				size += len(u.raw) + 1
			}
			out := make([]byte, 0, size)
			out = append(out, '[')
			for i, u := range batch {
				if i > 0 {
					out = append(out, ',')
				}
				out = append(out, u.raw...)
				if cb := s.callbacks[u.callbackID]; cb != nil {
					cb.delivered = true
				}
			}
			out = append(out, ']')
			s.mu.Unlock()
			return okRaw(out)
		}
		wake := s.notify
		s.mu.Unlock()

		remaining := time.Until(deadline)
		if remaining <= 0 {
			return okRaw([]byte("[]"))
		}
		if timer == nil {
			timer = time.NewTimer(remaining)
		}
		select {
		case <-wake:
			// An update arrived; loop to collect it.
		case <-timer.C:
			return okRaw([]byte("[]"))
		case <-ctx.Done():
			return okRaw([]byte("[]"))
		case <-s.done:
			return okRaw([]byte("[]"))
		}
	}
}

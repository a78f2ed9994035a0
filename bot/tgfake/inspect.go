package tgfake

import (
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

// Button is an inline keyboard button of a bot message.
type Button struct {
	Text string
	Data string // callback_data ("" for URL buttons)
	URL  string
}

// Message is a snapshot of a message the bot sent, with edits applied.
type Message struct {
	ID       int
	ChatID   int64
	Text     string     // as sent by the bot (markup not stripped); "" for photos/documents
	Buttons  [][]Button // inline keyboard, nil if none
	Edits    int        // successful editMessageText/editMessageReplyMarkup calls
	Photo    []byte     // uploaded photo bytes (sendPhoto with an upload)
	Document []byte     // uploaded document bytes (sendDocument with an upload)
	FileName string     // file name of the upload
	FileID   string     // file_id/URL the bot sent instead of an upload, or the generated file_id
	Caption  string
	Deleted  bool
	Date     time.Time // server clock when sent
	// Kind is "text", "photo", "document", "voice" or "location".
	Kind     string
	Entities []Entity // of Text, or of Caption for media
	// Latitude and Longitude of a location; Duration of a voice message.
	Latitude, Longitude float64
	Duration            int
	// CopyOf is "<chat id>/<message id>" of the original when the message
	// was made by copyMessage.
	CopyOf string
}

var kindNames = map[msgKind]string{kindText: "text", kindPhoto: "photo", kindDocument: "document", kindVoice: "voice", kindLocation: "location"}

// Call is one recorded API call.
type Call struct {
	Method string            // canonical method name (as requested if unknown)
	Params map[string]string // form values; JSON fields as raw strings; shared, do not modify
	At     time.Time         // server clock when the call arrived
	Status int               // code answered: 200, 4xx, 5xx, or 0 for a dropped connection
}

// OnCall installs f, called after each recorded call without the server's
// lock held (so f may call other Server methods). nil removes it.
func (s *Server) OnCall(f func(Call)) {
	s.mu.Lock()
	s.onCall = f
	s.mu.Unlock()
}

func (s *Server) record(c Call) {
	if c.Params == nil {
		c.Params = map[string]string{}
	}
	s.mu.Lock()
	s.calls = append(s.calls, c)
	s.callCounts[strings.ToLower(c.Method)]++
	f := s.onCall
	s.mu.Unlock()
	if f != nil {
		f(c)
	}
}

// ForgetCalls drops the record of calls (Calls, and what OnCall has been
// given is untouched), keeping the counts, so a long benchmark can measure
// memory without the fake's own log in it.
func (s *Server) ForgetCalls() {
	s.mu.Lock()
	s.calls = nil
	s.mu.Unlock()
}

func snapshot(chatID int64, m *message) Message {
	out := Message{
		ID:       m.id,
		ChatID:   chatID,
		Text:     m.text,
		Edits:    m.edits,
		FileName: m.fileName,
		FileID:   m.fileID,
		Caption:  m.caption,
		Deleted:  m.deleted,
		Date:     m.date,
		Kind:     kindNames[m.kind],
		Entities: append([]Entity(nil), m.entities...),
		Latitude: m.lat, Longitude: m.lon, Duration: m.duration,
		CopyOf: m.copyOf,
	}
	if m.buttons != nil {
		out.Buttons = make([][]Button, len(m.buttons))
		for i, row := range m.buttons {
			out.Buttons[i] = append([]Button(nil), row...)
		}
	}
	switch m.kind {
	case kindPhoto:
		out.Photo = append([]byte(nil), m.file...)
	case kindDocument:
		out.Document = append([]byte(nil), m.file...)
	}
	return out
}

// Messages returns copies of the bot's messages in chatID, oldest first,
// with edits applied; deleted messages are included with Deleted set.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return nil
	}
	out := make([]Message, len(c.msgs))
	for i, m := range c.msgs {
		out[i] = snapshot(chatID, m)
	}
	return out
}

// LastMessage returns the newest message the bot sent in chatID (even if
// it was deleted since; see Deleted).
func (s *Server) LastMessage(chatID int64) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil || len(c.msgs) == 0 {
		return Message{}, false
	}
	return snapshot(chatID, c.msgs[len(c.msgs)-1]), true
}

// Calls returns a copy of every recorded API call in the order their
// answers were decided (a long poll is recorded when it returns).
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// CallCount returns how many calls of method (case-insensitive) were
// recorded, whatever their outcome.
func (s *Server) CallCount(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callCounts[strings.ToLower(method)]
}

// Delivered returns the number of successful sendMessage, sendPhoto,
// sendDocument and copyMessage calls to chatID.
func (s *Server) Delivered(chatID int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.chats[chatID]; c != nil {
		return c.delivered
	}
	return 0
}

// DeliveredTexts returns the texts of successful sendMessage calls to
// chatID in order, duplicates kept (later edits are not applied).
func (s *Server) DeliveredTexts(chatID int64) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.chats[chatID]; c != nil {
		return append([]string(nil), c.texts...)
	}
	return nil
}

// CallbackAnswer reports how the callback query callbackID was answered.
func (s *Server) CallbackAnswer(callbackID string) (text string, showAlert bool, answered bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cb := s.callbacks[callbackID]; cb != nil && cb.answered {
		return cb.text, cb.showAlert, true
	}
	return "", false, false
}

// UnansweredCallbacks returns, in creation order, the ids of callback
// queries that were delivered through getUpdates but never answered.
func (s *Server) UnansweredCallbacks() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, id := range s.callbackOrder {
		if cb := s.callbacks[id]; cb.delivered && !cb.answered {
			out = append(out, id)
		}
	}
	return out
}

// Commands returns the commands stored by setMyCommands for the scope (its
// JSON text as sent, e.g. `{"type":"all_private_chats"}`; "" or a default
// scope for the default one; key order and spacing do not matter) and
// language code, or nil.
func (s *Server) Commands(scopeJSON, lang string) []models.BotCommand {
	key := commandsKey(scopeJSON, lang)
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]models.BotCommand(nil), s.commands[key]...)
}

// TooManyRequests returns how many 429 answers the configured Limits
// produced (FailNext/SetFaultFunc 429s are not counted).
func (s *Server) TooManyRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tooMany
}

// AddChat makes chatID known without queuing any update, so the bot may
// send to it. Negative ids are group chats.
func (s *Server) AddChat(chatID int64) {
	s.mu.Lock()
	s.ensureChatLocked(chatID)
	s.mu.Unlock()
}

// WaitFor calls cond every ~5ms (without the server's lock held) until it
// returns true or timeout elapses, and reports whether it became true.
func (s *Server) WaitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for {
		if cond() {
			return true
		}
		if !time.Now().Before(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
}

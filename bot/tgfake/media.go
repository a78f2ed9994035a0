package tgfake

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// Entity is a message entity (bold, italic, text_link …): offsets and
// lengths count UTF-16 code units, as in the Bot API.
type Entity struct {
	Type   string
	Offset int
	Length int
	URL    string // text_link only
}

func entitiesToAPI(es []Entity) []apiEntity {
	if len(es) == 0 {
		return nil
	}
	out := make([]apiEntity, len(es))
	for i, e := range es {
		out[i] = apiEntity(e)
	}
	return out
}

// parseEntities reads the "entities" (or "caption_entities") parameter: a
// JSON array of MessageEntity. The documentation gives no rule for entities
// outside the text, so they are recorded as sent; tests check where they point.
func parseEntities(raw, _ string) ([]Entity, *response) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	var es []apiEntity
	if err := json.Unmarshal([]byte(raw), &es); err != nil {
		r := badRequest("can't parse entities JSON object")
		return nil, &r
	}
	out := make([]Entity, len(es))
	for i, e := range es {
		if e.Type == "" || e.Offset < 0 || e.Length < 1 {
			r := badRequest("can't parse entities: entity type, offset or length is invalid")
			return nil, &r
		}
		out[i] = Entity(e)
	}
	return out, nil
}

// Slice returns the part of text that e covers (offsets in UTF-16 units),
// or "" when e lies outside text.
func (e Entity) Slice(text string) string {
	u := utf16.Encode([]rune(text))
	if e.Offset < 0 || e.Length < 0 || e.Offset+e.Length > len(u) {
		return ""
	}
	return string(utf16.Decode(u[e.Offset : e.Offset+e.Length]))
}

// Media is something a simulated user sends other than plain text: exactly
// one of Voice (seconds), Photo, DocumentName or Location should be set.
type Media struct {
	Caption      string
	Voice        int         // a voice message of this many seconds
	Photo        bool        // a photo
	DocumentName string      // a file of this name
	Location     *[2]float64 // latitude, longitude
}

// SendMedia queues a message update from u in its private chat carrying a
// voice message, photo, document or location, and returns the message id
// (which copyMessage can refer to) and the update id.
func (s *Server) SendMedia(u User, md Media) (messageID int, updateID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.userChatLocked(u)
	m := &message{caption: md.Caption}
	switch {
	case md.Voice > 0:
		m.kind, m.duration = kindVoice, md.Voice
	case md.Photo:
		m.kind = kindPhoto
	case md.DocumentName != "":
		m.kind, m.fileName = kindDocument, md.DocumentName
	case md.Location != nil:
		m.kind, m.lat, m.lon, m.caption = kindLocation, md.Location[0], md.Location[1], ""
	default:
		m.kind = kindText
		m.text = md.Caption
	}
	return s.userMessageLocked(c, u, m)
}

// SendTextWithEntities queues a text message from u in its private chat
// with formatting (as Telegram apps send what a person typed in bold, say),
// and returns the update id.
func (s *Server) SendTextWithEntities(u User, text string, es []Entity) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.userChatLocked(u)
	_, id := s.userMessageLocked(c, u, &message{kind: kindText, text: text, entities: es})
	return id
}

// SendGroupText queues a text message from u in the group chat groupID (a
// negative id) and returns the update id. A text starting with "/" gets a
// bot_command entity.
func (s *Server) SendGroupText(groupID int64, u User, text string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.ensureChatLocked(groupID)
	c.join(u, "member")
	m := &message{kind: kindText, text: text}
	if strings.HasPrefix(text, "/") {
		cmd := text
		if i := strings.IndexFunc(text, isSpace); i >= 0 {
			cmd = text[:i]
		}
		m.entities = []Entity{{Type: "bot_command", Offset: 0, Length: len(utf16.Encode([]rune(cmd)))}}
	}
	_, id := s.userMessageLocked(c, u, m)
	return id
}

// userMessageLocked stores m as a message from u in c and queues its update.
func (s *Server) userMessageLocked(c *chat, u User, m *message) (int, int64) {
	m.id = c.nextUserID
	c.nextUserID++
	m.date = s.now()
	if m.kind != kindText && m.kind != kindLocation {
		m.fileID = "user-file-" + strconv.FormatInt(c.id, 10) + "-" + strconv.Itoa(m.id)
	}
	if c.userMsgs == nil {
		c.userMsgs = make(map[int]*message)
	}
	c.userMsgs[m.id] = m
	from := userToAPI(u)
	am := s.userAPIMessageLocked(c, m)
	am.From = &from
	return m.id, s.enqueueLocked(&apiUpdate{Message: &am}, "")
}

// userAPIMessageLocked renders a user's message like a bot message, without sender.
func (s *Server) userAPIMessageLocked(c *chat, m *message) apiMessage {
	am := s.apiMessageLocked(c, m)
	am.From = nil
	if m.kind == kindPhoto {
		for i := range am.Photo {
			am.Photo[i].FileSize = 2048
		}
	}
	return am
}

// copyMessage implements copyMessage: a copy of any message the bot can
// see (a user's or its own) in chat_id, without a link to the original;
// caption replaces the caption of media when given; returns a MessageId.
func (s *Server) copyMessage(_ context.Context, req *request) response {
	chatID, e := chatIDParam(req)
	if e != nil {
		return *e
	}
	fromID, err := strconv.ParseInt(req.params["from_chat_id"], 10, 64)
	if err != nil {
		return badRequest("chat not found")
	}
	msgID, e := messageIDParam(req)
	if e != nil {
		return *e
	}
	buttons, e := parseMarkup(req.params["reply_markup"])
	if e != nil {
		return *e
	}
	caption, hasCaption := req.params["caption"]
	if hasCaption && utf8.RuneCountInString(visibleText(caption, req.params["parse_mode"])) > maxCaptionRunes {
		return badRequest("message caption is too long")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	from := s.chats[fromID]
	if from == nil {
		return badRequest("chat not found")
	}
	src := from.userMsgs[msgID]
	if src == nil {
		if m := from.msg(msgID); m != nil && !m.deleted {
			src = m
		}
	}
	if src == nil {
		return badRequest("message to copy not found")
	}
	c, e := s.targetLocked(chatID)
	if e == nil {
		e = s.takeTokensLocked(c, true)
	}
	if e != nil {
		return *e
	}
	cp := *src
	cp.id, cp.buttons, cp.edits, cp.deleted = len(c.msgs)+1, buttons, 0, false
	cp.date, cp.editDate = s.now(), time.Time{}
	cp.copyOf = strconv.FormatInt(fromID, 10) + "/" + strconv.Itoa(msgID)
	if hasCaption && cp.kind != kindText && cp.kind != kindLocation {
		cp.caption, cp.entities = caption, nil
	}
	c.msgs = append(c.msgs, &cp)
	c.delivered++
	return okResult(struct {
		MessageID int `json:"message_id"`
	}{cp.id})
}

package tgfake

import (
	"strconv"
	"time"
)

// Wire types: the subset of the Bot API objects the fake produces. They
// decode into the corresponding github.com/go-telegram/bot/models types.

type apiUser struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name,omitempty"`
	LastName     string `json:"last_name,omitempty"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

type apiMe struct {
	apiUser
	CanJoinGroups           bool `json:"can_join_groups"`
	CanReadAllGroupMessages bool `json:"can_read_all_group_messages"`
	SupportsInlineQueries   bool `json:"supports_inline_queries"`
}

type apiChat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	Username  string `json:"username,omitempty"`
}

type apiEntity struct {
	Type   string `json:"type"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
	URL    string `json:"url,omitempty"`
}

type apiPhotoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int    `json:"file_size,omitempty"`
}

type apiDocument struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	FileSize     int64  `json:"file_size,omitempty"`
}

type apiButton struct {
	Text         string `json:"text"`
	URL          string `json:"url,omitempty"`
	CallbackData string `json:"callback_data,omitempty"`
}

type apiMarkup struct {
	InlineKeyboard [][]apiButton `json:"inline_keyboard"`
}

type apiVoice struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Duration     int    `json:"duration"`
	MimeType     string `json:"mime_type,omitempty"`
}

type apiLocation struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type apiMessage struct {
	MessageID   int            `json:"message_id"`
	From        *apiUser       `json:"from,omitempty"`
	Chat        apiChat        `json:"chat"`
	Date        int64          `json:"date"`
	EditDate    int64          `json:"edit_date,omitempty"`
	Text        string         `json:"text,omitempty"`
	Entities    []apiEntity    `json:"entities,omitempty"`
	Photo       []apiPhotoSize `json:"photo,omitempty"`
	Document    *apiDocument   `json:"document,omitempty"`
	Caption     string         `json:"caption,omitempty"`
	ReplyMarkup *apiMarkup     `json:"reply_markup,omitempty"`
	// CaptionEntities, Voice and Location: media members send (see media.go).
	CaptionEntities []apiEntity  `json:"caption_entities,omitempty"`
	Voice           *apiVoice    `json:"voice,omitempty"`
	Location        *apiLocation `json:"location,omitempty"`
}

type apiCallback struct {
	ID           string      `json:"id"`
	From         apiUser     `json:"from"`
	Message      *apiMessage `json:"message,omitempty"`
	ChatInstance string      `json:"chat_instance"`
	Data         string      `json:"data"`
}

type apiChatMember struct {
	Status    string  `json:"status"`
	User      apiUser `json:"user"`
	UntilDate int64   `json:"until_date"`
}

type apiChatMemberUpdated struct {
	Chat          apiChat       `json:"chat"`
	From          apiUser       `json:"from"`
	Date          int64         `json:"date"`
	OldChatMember apiChatMember `json:"old_chat_member"`
	NewChatMember apiChatMember `json:"new_chat_member"`
}

type apiUpdate struct {
	UpdateID      int64                 `json:"update_id"`
	Message       *apiMessage           `json:"message,omitempty"`
	CallbackQuery *apiCallback          `json:"callback_query,omitempty"`
	MyChatMember  *apiChatMemberUpdated `json:"my_chat_member,omitempty"`
}

// Server-side state.

const firstUserMessageID = 1_000_001 // user messages live in their own id range

type msgKind int

const (
	kindText msgKind = iota
	kindPhoto
	kindDocument
	kindVoice
	kindLocation
)

// message is a message the bot sent. Fields that are slices are replaced,
// never mutated, so they may be shared with snapshots.
type message struct {
	id       int
	kind     msgKind
	text     string
	caption  string
	buttons  [][]Button
	edits    int
	file     []byte
	fileName string
	fileID   string
	deleted  bool
	date     time.Time
	editDate time.Time
	entities []Entity // of text (or of caption for media)
	lat, lon float64  // kindLocation
	duration int      // kindVoice
	copyOf   string   // "<chat>/<message>" when made by copyMessage
}

type chat struct {
	id         int64
	firstName  string
	lastName   string
	username   string
	blocked    bool
	migratedTo int64                 // a group upgraded to this supergroup
	people     map[int64]groupMember // a group's members other than the bot (SetGroupMembers, SendGroupText)

	msgs       []*message       // bot messages; msgs[i].id == i+1
	userMsgs   map[int]*message // messages users sent here (kept for copyMessage)
	nextUserID int
	delivered  int
	texts      []string
	window     slidingLog // sending calls let through, for Limits
	bucket     bucket     // the same with PerChatBurst
}

type callbackState struct {
	delivered bool
	answered  bool
	text      string
	showAlert bool
}

type queuedUpdate struct {
	id         int64
	raw        []byte
	callbackID string
	kind       string // "message", "callback_query", ... (first key of a raw update)
}

func (s *Server) ensureChatLocked(id int64) *chat {
	c := s.chats[id]
	if c == nil {
		c = &chat{id: id, nextUserID: firstUserMessageID}
		if id >= 0 {
			c.firstName = "User"
		}
		s.chats[id] = c
	}
	return c
}

// userChatLocked returns u's private chat, updating the names it shows.
func (s *Server) userChatLocked(u User) *chat {
	c := s.ensureChatLocked(u.ID)
	c.firstName = firstNameOf(u)
	c.lastName = u.LastName
	c.username = u.Username
	return c
}

func firstNameOf(u User) string {
	if u.FirstName != "" {
		return u.FirstName
	}
	return "User"
}

func userToAPI(u User) apiUser {
	return apiUser{ID: u.ID, FirstName: firstNameOf(u), LastName: u.LastName, Username: u.Username, LanguageCode: u.LanguageCode}
}

func (c *chat) api() apiChat {
	if c.id < 0 {
		return apiChat{ID: c.id, Type: "group", Title: "Group " + strconv.FormatInt(-c.id, 10)}
	}
	return apiChat{ID: c.id, Type: "private", FirstName: c.firstName, LastName: c.lastName, Username: c.username}
}

// msg returns the bot message with the given id, or nil.
func (c *chat) msg(id int) *message {
	if id < 1 || id > len(c.msgs) {
		return nil
	}
	return c.msgs[id-1]
}

func (c *chat) chatInstance() string {
	return strconv.FormatInt(c.id*7919+1_000_003, 10)
}

func unixDate(t time.Time) int64 {
	if d := t.Unix(); d > 0 {
		return d
	}
	return 1 // a zero date would make clients treat the message as inaccessible
}

// apiMessageLocked renders a bot message as the API object.
func (s *Server) apiMessageLocked(c *chat, m *message) apiMessage {
	bot := s.bot
	am := apiMessage{
		MessageID: m.id,
		From:      &bot,
		Chat:      c.api(),
		Date:      unixDate(m.date),
		Text:      m.text,
		Caption:   m.caption,
	}
	if !m.editDate.IsZero() {
		am.EditDate = unixDate(m.editDate)
	}
	uid := "u" + strconv.FormatInt(c.id, 10) + "_" + strconv.Itoa(m.id)
	switch m.kind {
	case kindPhoto:
		am.Photo = []apiPhotoSize{{FileID: m.fileID, FileUniqueID: uid, Width: 320, Height: 320, FileSize: len(m.file)}}
	case kindDocument:
		am.Document = &apiDocument{FileID: m.fileID, FileUniqueID: uid, FileName: m.fileName, FileSize: int64(len(m.file))}
	case kindVoice:
		am.Voice = &apiVoice{FileID: m.fileID, FileUniqueID: uid, Duration: m.duration, MimeType: "audio/ogg"}
	case kindLocation:
		am.Location = &apiLocation{Latitude: m.lat, Longitude: m.lon}
	}
	if es := entitiesToAPI(m.entities); len(es) > 0 {
		if m.kind == kindText {
			am.Entities = es
		} else {
			am.CaptionEntities = es
		}
	}
	if len(m.buttons) > 0 {
		mk := &apiMarkup{InlineKeyboard: make([][]apiButton, len(m.buttons))}
		for i, row := range m.buttons {
			r := make([]apiButton, len(row))
			for j, b := range row {
				r[j] = apiButton{Text: b.Text, URL: b.URL, CallbackData: b.Data}
			}
			mk.InlineKeyboard[i] = r
		}
		am.ReplyMarkup = mk
	}
	return am
}

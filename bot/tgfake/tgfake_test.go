package tgfake

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

var alice = User{ID: 1001, FirstName: "Alice", Username: "alice", LanguageCode: "da"}

func newBot(t testing.TB, s *Server, opts ...bot.Option) *bot.Bot {
	t.Helper()
	all := append([]bot.Option{
		bot.WithServerURL(s.URL()),
		bot.WithSkipGetMe(),
		bot.WithErrorsHandler(func(error) {}),
	}, opts...)
	b, err := bot.New(s.Token(), all...)
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	return b
}

func newServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := New(opts...)
	t.Cleanup(s.Close)
	return s
}

type apiReply struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// post sends a multipart request like the go-telegram client does.
func post(t testing.TB, url string, fields map[string]string) (int, apiReply) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return postRaw(t, url, w.FormDataContentType(), buf.Bytes())
}

func postRaw(t testing.TB, url, contentType string, body []byte) (int, apiReply) {
	t.Helper()
	resp, err := http.Post(url, contentType, bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var r apiReply
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("response %q is not JSON: %v", data, err)
	}
	return resp.StatusCode, r
}

func methodURL(s *Server, method string) string { return s.URL() + "/bot" + s.Token() + "/" + method }

func keyboard(rows ...[]models.InlineKeyboardButton) *models.InlineKeyboardMarkup {
	return &models.InlineKeyboardMarkup{InlineKeyboard: rows}
}

func TestGetMeAndUnauthorized(t *testing.T) {
	s := newServer(t, WithBotUser("TestBot"))
	b, err := bot.New(s.Token(), bot.WithServerURL(s.URL()))
	if err != nil {
		t.Fatalf("bot.New with getMe: %v", err)
	}
	me, err := b.GetMe(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if me.ID != 123456 || me.Username != "TestBot" || !me.IsBot || me.FirstName != "Vejviser" {
		t.Fatalf("getMe = %+v", me)
	}
	_, err = bot.New("999:wrong", bot.WithServerURL(s.URL()))
	if !errors.Is(err, bot.ErrorUnauthorized) {
		t.Fatalf("wrong token: got %v, want ErrorUnauthorized", err)
	}
	if got := s.CallCount("getMe"); got != 3 {
		t.Fatalf("CallCount(getMe) = %d, want 3", got)
	}
	calls := s.Calls()
	if last := calls[len(calls)-1]; last.Status != http.StatusUnauthorized {
		t.Fatalf("last call status = %d, want 401", last.Status)
	}
}

func TestUnknownMethodAndBadPaths(t *testing.T) {
	s := newServer(t)
	code, r := post(t, methodURL(s, "sendSticker"), map[string]string{"chat_id": "1"})
	if code != 404 || r.OK || r.ErrorCode != 404 || r.Description != "Not Found" {
		t.Fatalf("unknown method: %d %+v", code, r)
	}
	code, r = post(t, s.URL()+"/nothing", nil)
	if code != 404 || r.ErrorCode != 404 {
		t.Fatalf("bad path: %d %+v", code, r)
	}
	// Method names are case-insensitive, like the real API.
	code, r = post(t, methodURL(s, "GETME"), nil)
	if code != 200 || !r.OK {
		t.Fatalf("GETME: %d %+v", code, r)
	}
}

func TestSendMessageMultipartAndMarkup(t *testing.T) {
	s := newServer(t)
	s.SendText(alice, "hi")
	b := newBot(t, s)
	ctx := context.Background()

	msg, err := b.SendMessage(ctx, &bot.SendMessageParams{
		ChatID:    alice.ID,
		Text:      "Choose <b>one</b>",
		ParseMode: models.ParseModeHTML,
		ReplyMarkup: keyboard(
			[]models.InlineKeyboardButton{{Text: "Yes", CallbackData: "ans:yes"}, {Text: "No", CallbackData: "ans:no"}},
			[]models.InlineKeyboardButton{{Text: "Site", URL: "https://example.org"}},
		),
	})
	if err != nil {
		t.Fatal(err)
	}
	if msg.ID != 1 || msg.Chat.ID != alice.ID || msg.Chat.Type != models.ChatTypePrivate || msg.Text != "Choose <b>one</b>" {
		t.Fatalf("returned message = %+v", msg)
	}
	if msg.From == nil || msg.From.ID != 123456 || !msg.From.IsBot || msg.Date == 0 {
		t.Fatalf("returned from/date = %+v %d", msg.From, msg.Date)
	}
	if msg.ReplyMarkup == nil || len(msg.ReplyMarkup.InlineKeyboard) != 2 ||
		msg.ReplyMarkup.InlineKeyboard[0][1].CallbackData != "ans:no" ||
		msg.ReplyMarkup.InlineKeyboard[1][0].URL != "https://example.org" {
		t.Fatalf("returned markup = %+v", msg.ReplyMarkup)
	}

	msg2, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "second"})
	if err != nil {
		t.Fatal(err)
	}
	if msg2.ID != 2 || msg2.ReplyMarkup != nil {
		t.Fatalf("second message = %+v", msg2)
	}

	msgs := s.Messages(alice.ID)
	if len(msgs) != 2 {
		t.Fatalf("Messages = %d, want 2", len(msgs))
	}
	want := [][]Button{{{Text: "Yes", Data: "ans:yes"}, {Text: "No", Data: "ans:no"}}, {{Text: "Site", URL: "https://example.org"}}}
	if !buttonsEqual(msgs[0].Buttons, want) {
		t.Fatalf("stored buttons = %+v, want %+v", msgs[0].Buttons, want)
	}
	if got := s.DeliveredTexts(alice.ID); len(got) != 2 || got[0] != "Choose <b>one</b>" || got[1] != "second" {
		t.Fatalf("DeliveredTexts = %q", got)
	}
	if s.Delivered(alice.ID) != 2 {
		t.Fatalf("Delivered = %d", s.Delivered(alice.ID))
	}
	var sendCall Call
	for _, c := range s.Calls() {
		if c.Method == "sendMessage" {
			sendCall = c
			break
		}
	}
	if sendCall.Status != 200 || sendCall.Params["chat_id"] != "1001" || sendCall.Params["parse_mode"] != "HTML" ||
		!strings.Contains(sendCall.Params["reply_markup"], `"callback_data":"ans:yes"`) {
		t.Fatalf("recorded call = %+v", sendCall)
	}
	// Mutating a snapshot must not affect the server.
	msgs[0].Buttons[0][0].Text = "changed"
	if again := s.Messages(alice.ID); again[0].Buttons[0][0].Text != "Yes" {
		t.Fatal("Messages did not return copies")
	}
}

func TestTextValidation(t *testing.T) {
	s := newServer(t)
	s.AddChat(alice.ID)
	b := newBot(t, s)
	ctx := context.Background()
	cases := []struct {
		text, mode, wantErr string
	}{
		{"", "", "message text is empty"},
		{"  \n", "", "message text is empty"},
		{"<b></b>", "HTML", "message text is empty"},
		{strings.Repeat("ø", 4097), "", "message is too long"},
		{strings.Repeat("ø", 4096), "", ""},
		{"<b>" + strings.Repeat("x", 4096) + "</b>", "HTML", ""},
	}
	for i, c := range cases {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: c.text, ParseMode: models.ParseMode(c.mode)})
		if c.wantErr == "" {
			if err != nil {
				t.Errorf("case %d: unexpected error %v", i, err)
			}
			continue
		}
		if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("case %d: err = %v, want bad request %q", i, err, c.wantErr)
		}
	}
	if s.Delivered(alice.ID) != 2 {
		t.Fatalf("Delivered = %d, want 2", s.Delivered(alice.ID))
	}
}

func TestCallbackDataLimit(t *testing.T) {
	s := newServer(t)
	s.AddChat(alice.ID)
	b := newBot(t, s)
	ctx := context.Background()
	send := func(data string) error {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{
			ChatID: alice.ID, Text: "x",
			ReplyMarkup: keyboard([]models.InlineKeyboardButton{{Text: "b", CallbackData: data}}),
		})
		return err
	}
	if err := send(strings.Repeat("a", 64)); err != nil {
		t.Fatalf("64 bytes: %v", err)
	}
	for _, data := range []string{strings.Repeat("a", 65), strings.Repeat("æ", 33)} { // 65 and 66 bytes
		err := send(data)
		if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), "BUTTON_DATA_INVALID") {
			t.Fatalf("%d bytes: err = %v", len(data), err)
		}
	}
	// Empty callback data is omitted by the client, leaving a plain text button.
	if err := send(""); !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), "Text buttons are unallowed") {
		t.Fatalf("empty data: err = %v", err)
	}
	if s.Delivered(alice.ID) != 1 {
		t.Fatalf("Delivered = %d, want 1", s.Delivered(alice.ID))
	}
}

func TestEditMessage(t *testing.T) {
	s := newServer(t)
	s.AddChat(alice.ID)
	b := newBot(t, s)
	ctx := context.Background()
	kb := keyboard([]models.InlineKeyboardButton{{Text: "Go", CallbackData: "go"}})
	m, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "v1", ReplyMarkup: kb})
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: m.ID, Text: "v1", ReplyMarkup: kb})
	if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), "message is not modified") {
		t.Fatalf("identical edit: err = %v", err)
	}
	kb2 := keyboard([]models.InlineKeyboardButton{{Text: "Stop", CallbackData: "stop"}})
	em, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: m.ID, Text: "v2", ReplyMarkup: kb2})
	if err != nil {
		t.Fatal(err)
	}
	if em.Text != "v2" || em.EditDate == 0 || em.ReplyMarkup.InlineKeyboard[0][0].CallbackData != "stop" {
		t.Fatalf("edited = %+v", em)
	}
	if _, err := b.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{ChatID: alice.ID, MessageID: m.ID}); err != nil {
		t.Fatalf("remove keyboard: %v", err)
	}
	_, err = b.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{ChatID: alice.ID, MessageID: m.ID})
	if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), "not modified") {
		t.Fatalf("identical markup edit: err = %v", err)
	}
	_, err = b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: 99, Text: "x"})
	if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), "message to edit not found") {
		t.Fatalf("unknown message: err = %v", err)
	}
	last, ok := s.LastMessage(alice.ID)
	if !ok || last.Text != "v2" || last.Edits != 2 || last.Buttons != nil {
		t.Fatalf("LastMessage = %+v", last)
	}
	if got := s.DeliveredTexts(alice.ID); len(got) != 1 || got[0] != "v1" {
		t.Fatalf("DeliveredTexts = %q", got)
	}
	ok2, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: alice.ID, MessageID: m.ID})
	if err != nil || !ok2 {
		t.Fatalf("delete: %v %v", ok2, err)
	}
	if _, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: alice.ID, MessageID: m.ID}); !errors.Is(err, bot.ErrorBadRequest) {
		t.Fatalf("second delete: err = %v", err)
	}
	if last, _ := s.LastMessage(alice.ID); !last.Deleted {
		t.Fatal("message not marked deleted")
	}
	_, err = b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: m.ID, Text: "v3"})
	if !errors.Is(err, bot.ErrorBadRequest) {
		t.Fatalf("edit deleted: err = %v", err)
	}
}

func TestSendFiles(t *testing.T) {
	s := newServer(t)
	s.AddChat(alice.ID)
	b := newBot(t, s)
	ctx := context.Background()
	content := []byte("id,name\n1,Alice\n")
	m, err := b.SendDocument(ctx, &bot.SendDocumentParams{
		ChatID:      alice.ID,
		Document:    &models.InputFileUpload{Filename: "members.csv", Data: bytes.NewReader(content)},
		Caption:     "Export",
		ReplyMarkup: keyboard([]models.InlineKeyboardButton{{Text: "Again", CallbackData: "again"}}),
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.Document == nil || m.Document.FileName != "members.csv" || m.Document.FileSize != int64(len(content)) || m.Caption != "Export" {
		t.Fatalf("returned document message = %+v / %+v", m, m.Document)
	}
	png := []byte{0x89, 'P', 'N', 'G', 0, 1, 2, 3}
	p, err := b.SendPhoto(ctx, &bot.SendPhotoParams{
		ChatID: alice.ID,
		Photo:  &models.InputFileUpload{Filename: "qr.png", Data: bytes.NewReader(png)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Photo) != 1 || p.Photo[0].FileID == "" || p.ID != 2 {
		t.Fatalf("returned photo message = %+v", p)
	}
	if _, err := b.SendPhoto(ctx, &bot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileString{Data: "AgACfileid"}}); err != nil {
		t.Fatalf("photo by file_id: %v", err)
	}
	_, err = b.SendDocument(ctx, &bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileUpload{Filename: "empty.txt", Data: bytes.NewReader(nil)}})
	if !errors.Is(err, bot.ErrorBadRequest) {
		t.Fatalf("empty upload: err = %v", err)
	}

	msgs := s.Messages(alice.ID)
	if len(msgs) != 3 {
		t.Fatalf("Messages = %d", len(msgs))
	}
	if !bytes.Equal(msgs[0].Document, content) || msgs[0].FileName != "members.csv" || msgs[0].Caption != "Export" ||
		len(msgs[0].Buttons) != 1 || msgs[0].Buttons[0][0].Data != "again" {
		t.Fatalf("stored document = %+v", msgs[0])
	}
	if !bytes.Equal(msgs[1].Photo, png) || msgs[1].FileName != "qr.png" || msgs[1].Document != nil {
		t.Fatalf("stored photo = %+v", msgs[1])
	}
	if msgs[2].FileID != "AgACfileid" || msgs[2].Photo != nil {
		t.Fatalf("stored photo by id = %+v", msgs[2])
	}
	if s.Delivered(alice.ID) != 3 || len(s.DeliveredTexts(alice.ID)) != 0 {
		t.Fatalf("Delivered = %d, texts = %q", s.Delivered(alice.ID), s.DeliveredTexts(alice.ID))
	}
	// Editing the text of a document is impossible; its markup is not.
	_, err = b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: 1, Text: "x"})
	if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), "no text in the message") {
		t.Fatalf("edit text of document: err = %v", err)
	}
}

func TestSetMyCommands(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := context.Background()
	cmds := []models.BotCommand{{Command: "start", Description: "Start"}, {Command: "help", Description: "Hjælp"}}
	if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: cmds, Scope: &models.BotCommandScopeAllPrivateChats{}, LanguageCode: "da"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: cmds[:1]}); err != nil {
		t.Fatal(err)
	}
	got := s.Commands(`{ "type": "all_private_chats" }`, "da")
	if len(got) != 2 || got[1] != cmds[1] {
		t.Fatalf("Commands(private, da) = %+v", got)
	}
	if got := s.Commands("", ""); len(got) != 1 || got[0].Command != "start" {
		t.Fatalf("Commands(default) = %+v", got)
	}
	if got := s.Commands(`{"type":"default"}`, ""); len(got) != 1 {
		t.Fatalf("Commands(explicit default) = %+v", got)
	}
	if got := s.Commands(`{"type":"all_private_chats"}`, "en"); got != nil {
		t.Fatalf("Commands(private, en) = %+v", got)
	}
	_, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "bad command", Description: "x"}}})
	if !errors.Is(err, bot.ErrorBadRequest) {
		t.Fatalf("invalid command: err = %v", err)
	}
	if _, err := b.DeleteMyCommands(ctx, &bot.DeleteMyCommandsParams{}); err != nil {
		t.Fatal(err)
	}
	if got := s.Commands("", ""); got != nil {
		t.Fatalf("after delete = %+v", got)
	}
}

func TestBotReceivesUpdatesExactlyOnce(t *testing.T) {
	s := newServer(t)
	var (
		mu   sync.Mutex
		seen []*models.Update
	)
	b := newBot(t, s,
		bot.WithHTTPClient(3*time.Second, &http.Client{Timeout: 10 * time.Second}),
		bot.WithDefaultHandler(func(ctx context.Context, b *bot.Bot, u *models.Update) {
			mu.Lock()
			seen = append(seen, u)
			mu.Unlock()
			if u.CallbackQuery != nil {
				_, _ = b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: u.CallbackQuery.ID, Text: "ok"})
			}
		}))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { b.Start(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	count := func() int { mu.Lock(); defer mu.Unlock(); return len(seen) }
	// Give the bot time to start a long poll that must be woken up.
	time.Sleep(50 * time.Millisecond)
	id1 := s.SendText(alice, "/start@VejviserBot ref42")
	if !s.WaitFor(3*time.Second, func() bool { return count() == 1 }) {
		t.Fatalf("message update not received, got %d", count())
	}
	sent, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "Menu",
		ReplyMarkup: keyboard([]models.InlineKeyboardButton{{Text: "📋 Members", CallbackData: "menu:members"}})})
	if err != nil {
		t.Fatal(err)
	}
	cbID, err := s.Press(alice, "Members")
	if err != nil {
		t.Fatal(err)
	}
	if !s.WaitFor(3*time.Second, func() bool { _, _, ok := s.CallbackAnswer(cbID); return ok }) {
		t.Fatal("callback not answered")
	}
	// The next poll confirms everything; then nothing may be redelivered.
	if !s.WaitFor(3*time.Second, func() bool { return s.PendingUpdates() == 0 }) {
		t.Fatalf("updates not confirmed, pending %d", s.PendingUpdates())
	}
	time.Sleep(100 * time.Millisecond)
	if n := count(); n != 2 {
		t.Fatalf("handler saw %d updates, want exactly 2", n)
	}

	mu.Lock()
	u1, u2 := seen[0], seen[1]
	mu.Unlock()
	if u1.ID != id1 || u1.Message == nil || u1.Message.Text != "/start@VejviserBot ref42" ||
		u1.Message.From.ID != alice.ID || u1.Message.From.LanguageCode != "da" || u1.Message.Chat.ID != alice.ID ||
		u1.Message.Chat.Type != models.ChatTypePrivate || u1.Message.Chat.FirstName != "Alice" || u1.Message.Date == 0 {
		t.Fatalf("message update = %+v / %+v", u1, u1.Message)
	}
	if len(u1.Message.Entities) != 1 || u1.Message.Entities[0].Type != models.MessageEntityTypeBotCommand ||
		u1.Message.Entities[0].Offset != 0 || u1.Message.Entities[0].Length != len("/start@VejviserBot") {
		t.Fatalf("entities = %+v", u1.Message.Entities)
	}
	cq := u2.CallbackQuery
	if u2.ID != id1+1 || cq == nil || cq.ID != cbID || cq.Data != "menu:members" || cq.From.ID != alice.ID || cq.ChatInstance == "" {
		t.Fatalf("callback update = %+v / %+v", u2, cq)
	}
	if cq.Message.Message == nil || cq.Message.Message.ID != sent.ID || cq.Message.Message.Text != "Menu" || cq.Message.Message.Chat.ID != alice.ID {
		t.Fatalf("callback message = %+v", cq.Message)
	}
	if text, alert, ok := s.CallbackAnswer(cbID); !ok || text != "ok" || alert {
		t.Fatalf("CallbackAnswer = %q %v %v", text, alert, ok)
	}
	if un := s.UnansweredCallbacks(); len(un) != 0 {
		t.Fatalf("UnansweredCallbacks = %v", un)
	}
}

func TestLongPollingRaw(t *testing.T) {
	s := newServer(t)
	url := methodURL(s, "getUpdates")

	start := time.Now()
	code, r := post(t, url, map[string]string{"timeout": "1"})
	if el := time.Since(start); code != 200 || string(r.Result) != "[]" || el < 900*time.Millisecond {
		t.Fatalf("empty poll: %d %s after %v", code, r.Result, el)
	}

	go func() {
		time.Sleep(100 * time.Millisecond)
		s.SendText(alice, "hello")
	}()
	start = time.Now()
	code, r = post(t, url, map[string]string{"timeout": "5", "offset": "1"})
	var ups []models.Update
	if err := json.Unmarshal(r.Result, &ups); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); code != 200 || len(ups) != 1 || ups[0].ID != 1 || el > 2*time.Second {
		t.Fatalf("woken poll: %d %s after %v", code, r.Result, el)
	}

	s.SendText(alice, "two")
	s.QueueUpdate(map[string]any{"message": map[string]any{"message_id": 5, "date": 1, "chat": map[string]any{"id": -77, "type": "group", "title": "G"}, "text": "raw"}})
	if s.PendingUpdates() != 3 {
		t.Fatalf("PendingUpdates = %d, want 3", s.PendingUpdates())
	}
	_, r = post(t, url, map[string]string{"offset": "2", "limit": "1"})
	ups = nil
	_ = json.Unmarshal(r.Result, &ups)
	if len(ups) != 1 || ups[0].ID != 2 || ups[0].Message.Text != "two" || s.PendingUpdates() != 2 {
		t.Fatalf("offset 2 limit 1: %s, pending %d", r.Result, s.PendingUpdates())
	}
	_, r = post(t, url, map[string]string{"offset": "3"})
	ups = nil
	_ = json.Unmarshal(r.Result, &ups)
	if len(ups) != 1 || ups[0].ID != 3 || ups[0].Message.Chat.ID != -77 {
		t.Fatalf("offset 3: %s", r.Result)
	}
	_, r = post(t, url, map[string]string{"offset": "4"})
	if string(r.Result) != "[]" || s.PendingUpdates() != 0 {
		t.Fatalf("offset 4: %s pending %d", r.Result, s.PendingUpdates())
	}
	// allowed_updates drops excluded update types and is remembered.
	s.SendText(alice, "kept")
	cb := s.PressButton(alice, 1, "dropped")
	s.SetChatMember(alice, "member")
	_, r = post(t, url, map[string]string{"offset": "4", "allowed_updates": `["message","my_chat_member"]`})
	ups = nil
	_ = json.Unmarshal(r.Result, &ups)
	if len(ups) != 2 || ups[0].Message == nil || ups[0].Message.Text != "kept" || ups[1].MyChatMember == nil {
		t.Fatalf("allowed_updates: %s", r.Result)
	}
	s.PressButton(alice, 1, "dropped too")
	_, r = post(t, url, map[string]string{"offset": "7"})
	if string(r.Result) != "[]" || s.PendingUpdates() != 0 || len(s.UnansweredCallbacks()) != 0 {
		t.Fatalf("remembered allowed_updates: %s pending %d, unanswered %v (%s)", r.Result, s.PendingUpdates(), s.UnansweredCallbacks(), cb)
	}
	s.PressButton(alice, 1, "back")
	_, r = post(t, url, map[string]string{"offset": "7", "allowed_updates": `[]`})
	ups = nil
	_ = json.Unmarshal(r.Result, &ups)
	if len(ups) != 1 || ups[0].CallbackQuery == nil || ups[0].CallbackQuery.Data != "back" {
		t.Fatalf("reset allowed_updates: %s", r.Result)
	}
	// The raw update's group chat became known.
	code, _ = post(t, methodURL(s, "sendMessage"), map[string]string{"chat_id": "-77", "text": "hi group"})
	if code != 200 {
		t.Fatalf("send to group from raw update: %d", code)
	}
}

func TestCloseWakesLongPoll(t *testing.T) {
	s := New()
	done := make(chan time.Duration, 1)
	go func() {
		start := time.Now()
		resp, err := http.Post(methodURL(s, "getUpdates")+"?timeout=30", "", nil)
		if err == nil {
			resp.Body.Close()
		}
		done <- time.Since(start)
	}()
	time.Sleep(100 * time.Millisecond)
	s.Close()
	select {
	case el := <-done:
		if el > 3*time.Second {
			t.Fatalf("poll returned after %v", el)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("long poll not woken by Close")
	}
	s.Close() // idempotent
}

func TestFailNext429(t *testing.T) {
	s := newServer(t)
	s.AddChat(alice.ID)
	b := newBot(t, s)
	ctx := context.Background()
	s.FailNext("sendMessage", 2, Fault{Status: 429, RetryAfter: 3})
	for i := 0; i < 2; i++ {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "x"})
		var tm *bot.TooManyRequestsError
		if !errors.As(err, &tm) || tm.RetryAfter != 3 || !strings.Contains(tm.Message, "Too Many Requests: retry after 3") {
			t.Fatalf("call %d: err = %v", i, err)
		}
	}
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "x"}); err != nil {
		t.Fatalf("third call: %v", err)
	}
	if s.Delivered(alice.ID) != 1 || s.TooManyRequests() != 0 {
		t.Fatalf("Delivered = %d, TooManyRequests = %d", s.Delivered(alice.ID), s.TooManyRequests())
	}
	// Raw wire format.
	s.FailNext("", 1, Fault{RetryAfter: 7})
	code, r := post(t, methodURL(s, "sendChatAction"), map[string]string{"chat_id": "1001", "action": "typing"})
	if code != 429 || r.ErrorCode != 429 || r.Parameters.RetryAfter != 7 || r.Description != "Too Many Requests: retry after 7" {
		t.Fatalf("raw 429: %d %+v", code, r)
	}
}

func TestFaultFunc5xx(t *testing.T) {
	s := newServer(t)
	s.AddChat(alice.ID)
	s.AddChat(2002)
	s.SetFaultFunc(func(method string, chatID int64) *Fault {
		if method == "sendMessage" && chatID == 2002 {
			return &Fault{Status: 502}
		}
		return nil
	})
	code, r := post(t, methodURL(s, "sendMessage"), map[string]string{"chat_id": "2002", "text": "x"})
	if code != 502 || r.OK || r.ErrorCode != 502 || r.Description != "Bad Gateway" {
		t.Fatalf("raw 502: %d %+v", code, r)
	}
	b := newBot(t, s)
	if _, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: 2002, Text: "x"}); err == nil || !strings.Contains(err.Error(), "502 Bad Gateway") {
		t.Fatalf("bot 502: err = %v", err)
	}
	if _, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: alice.ID, Text: "x"}); err != nil {
		t.Fatalf("other chat: %v", err)
	}
	s.SetFaultFunc(nil)
	if _, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: 2002, Text: "x"}); err != nil {
		t.Fatalf("after removing fault func: %v", err)
	}
	if s.Delivered(2002) != 1 {
		t.Fatalf("Delivered(2002) = %d", s.Delivered(2002))
	}
}

func TestDropGivesTransportError(t *testing.T) {
	s := newServer(t)
	s.AddChat(alice.ID)
	b := newBot(t, s)
	s.FailNext("sendMessage", 1, Fault{Drop: true})
	_, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: alice.ID, Text: "x"})
	if err == nil {
		t.Fatal("expected an error")
	}
	var tm *bot.TooManyRequestsError
	for _, apiErr := range []error{bot.ErrorBadRequest, bot.ErrorForbidden, bot.ErrorNotFound, bot.ErrorUnauthorized, bot.ErrorConflict} {
		if errors.Is(err, apiErr) {
			t.Fatalf("drop produced API error %v", err)
		}
	}
	if errors.As(err, &tm) || !strings.Contains(err.Error(), "error do request") {
		t.Fatalf("drop: err = %v", err)
	}
	calls := s.Calls()
	if last := calls[len(calls)-1]; last.Method != "sendMessage" || last.Status != 0 || last.Params["text"] != "x" {
		t.Fatalf("recorded = %+v", last)
	}
	if s.Delivered(alice.ID) != 0 {
		t.Fatal("dropped call was delivered")
	}
	if _, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: alice.ID, Text: "y"}); err != nil {
		t.Fatalf("after drop: %v", err)
	}
}

func TestBlockAndUnknownChat(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := context.Background()
	_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 5555, Text: "x"})
	if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), "chat not found") {
		t.Fatalf("unknown chat: err = %v", err)
	}
	s.SendText(alice, "hi")
	s.Block(alice.ID, true)
	_, err = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "x"})
	if !errors.Is(err, bot.ErrorForbidden) || !strings.Contains(err.Error(), "bot was blocked by the user") {
		t.Fatalf("blocked: err = %v", err)
	}
	s.Block(alice.ID, false)
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "x"}); err != nil {
		t.Fatalf("unblocked: %v", err)
	}
	s.SetChatMember(alice, "kicked")
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "x"}); !errors.Is(err, bot.ErrorForbidden) {
		t.Fatalf("after my_chat_member kicked: err = %v", err)
	}
	s.SetChatMember(alice, "member")
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "x"}); err != nil {
		t.Fatalf("after my_chat_member member: %v", err)
	}
	code, r := post(t, methodURL(s, "getUpdates"), nil)
	var ups []models.Update
	if err := json.Unmarshal(r.Result, &ups); err != nil || code != 200 || len(ups) != 3 {
		t.Fatalf("updates: %d %s %v", code, r.Result, err)
	}
	mcm := ups[1].MyChatMember
	if mcm == nil || mcm.NewChatMember.Type != models.ChatMemberTypeBanned || mcm.OldChatMember.Type != models.ChatMemberTypeMember ||
		mcm.Chat.ID != alice.ID || mcm.From.ID != alice.ID || mcm.NewChatMember.Banned.User.ID != 123456 {
		t.Fatalf("my_chat_member kicked = %+v", mcm)
	}
	if ups[2].MyChatMember.NewChatMember.Type != models.ChatMemberTypeMember || ups[2].MyChatMember.OldChatMember.Type != models.ChatMemberTypeBanned {
		t.Fatalf("my_chat_member member = %+v", ups[2].MyChatMember)
	}
	if s.Delivered(alice.ID) != 2 {
		t.Fatalf("Delivered = %d, want 2", s.Delivered(alice.ID))
	}
}

func TestLimits(t *testing.T) {
	var (
		mu  sync.Mutex
		now = time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	s := newServer(t, WithClock(clock), WithLimits(Limits{GlobalPerSecond: 30, PerChatPerSecond: 1, GroupPerMinute: 20}))
	b := newBot(t, s)
	ctx := context.Background()
	s.AddChat(alice.ID)
	send := func(chatID int64) error {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: chatID, Text: "x"})
		return err
	}
	var tm *bot.TooManyRequestsError

	t.Run("one per second in a private chat", func(t *testing.T) {
		if err := send(alice.ID); err != nil {
			t.Fatal(err)
		}
		advance(999 * time.Millisecond)
		if err := send(alice.ID); !errors.As(err, &tm) || tm.RetryAfter != 1 {
			t.Fatalf("second message 999ms later: err = %v, want 429 retry after 1", err)
		}
		advance(time.Millisecond) // the first call is now exactly 1s old: out of the window
		if err := send(alice.ID); err != nil {
			t.Fatalf("1s later: %v (the 429 must not count)", err)
		}
		for i := range 10 {
			advance(time.Second)
			if err := send(alice.ID); err != nil {
				t.Fatalf("respecting the limit, message %d: %v", i, err)
			}
		}
		if s.TooManyRequests() != 1 || s.Delivered(alice.ID) != 12 {
			t.Fatalf("TooManyRequests = %d, Delivered = %d; want 1, 12", s.TooManyRequests(), s.Delivered(alice.ID))
		}
	})

	t.Run("30 per second overall, in any window", func(t *testing.T) {
		advance(time.Minute)
		for id := int64(1); id <= 40; id++ {
			s.AddChat(id)
		}
		before := s.TooManyRequests()
		// 30 at once are allowed; the 31st within the same second is not.
		for id := int64(1); id <= 30; id++ {
			if err := send(id); err != nil {
				t.Fatalf("chat %d: %v", id, err)
			}
		}
		advance(500 * time.Millisecond)
		if err := send(31); !errors.As(err, &tm) {
			t.Fatalf("31st within a second: err = %v", err)
		}
		advance(500 * time.Millisecond)
		if err := send(31); err != nil {
			t.Fatalf("a second after the first 30: %v", err)
		}
		if got := s.TooManyRequests() - before; got != 1 {
			t.Fatalf("429s = %d, want 1", got)
		}
	})

	t.Run("edits count", func(t *testing.T) {
		advance(time.Minute)
		m, _ := s.LastMessage(alice.ID)
		if _, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: m.ID, Text: "ea"}); err != nil {
			t.Fatal(err)
		}
		advance(100 * time.Millisecond)
		if _, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: m.ID, Text: "eb"}); !errors.As(err, &tm) {
			t.Fatalf("second edit within a second: err = %v", err)
		}
	})

	t.Run("20 per minute in a group, never 21 in any 60s", func(t *testing.T) {
		advance(time.Minute)
		s.AddChat(-100)
		for i := range 20 {
			if err := send(-100); err != nil {
				t.Fatalf("group message %d: %v", i, err)
			}
			advance(time.Second)
		}
		// 20 calls in the last 20 s: the next fits only when the first is 60 s old.
		if err := send(-100); !errors.As(err, &tm) || tm.RetryAfter != 40 {
			t.Fatalf("21st: err = %v, want 429 retry after 40", err)
		}
		advance(39 * time.Second)
		if err := send(-100); !errors.As(err, &tm) {
			t.Fatalf("21st after 59 s: err = %v", err)
		}
		advance(time.Second)
		if err := send(-100); err != nil {
			t.Fatalf("21st after 60 s: %v", err)
		}
		if got := s.Delivered(-100); got != 21 {
			t.Fatalf("group delivered %d, want 21", got)
		}
	})
}

func TestLatency(t *testing.T) {
	s := newServer(t, WithLatency(80*time.Millisecond))
	s.AddChat(alice.ID)
	b := newBot(t, s)
	start := time.Now()
	if _, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: alice.ID, Text: "x"}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Fatalf("call took %v, want at least the 80ms latency", d)
	}
	s.SetLatency(0)
}

func TestGroupMigration(t *testing.T) {
	s := newServer(t)
	s.AddChat(-100)
	s.MigrateGroup(-100, -1001234)
	b := newBot(t, s)
	_, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: -100, Text: "x"})
	var me *bot.MigrateError
	if !errors.As(err, &me) || me.MigrateToChatID != -1001234 {
		t.Fatalf("err = %v, want a MigrateError to -1001234", err)
	}
	if _, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: -1001234, Text: "x"}); err != nil {
		t.Fatal(err)
	}
}

func TestRawBodyFault(t *testing.T) {
	s := newServer(t)
	s.AddChat(alice.ID)
	s.FailNext("sendMessage", 1, Fault{Status: 200, Body: "<html>proxy</html>"})
	b := newBot(t, s)
	_, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: alice.ID, Text: "x"})
	if err == nil || !strings.Contains(err.Error(), "decode") {
		t.Fatalf("err = %v, want a decode error", err)
	}
	if s.Delivered(alice.ID) != 0 {
		t.Fatal("a faulted call must have no effect")
	}
}

func TestNoLimitsByDefault(t *testing.T) {
	s := newServer(t)
	s.AddChat(alice.ID)
	b := newBot(t, s)
	for i := 0; i < 50; i++ {
		if _, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: alice.ID, Text: "x"}); err != nil {
			t.Fatalf("msg %d: %v", i, err)
		}
	}
	if s.TooManyRequests() != 0 || s.Delivered(alice.ID) != 50 {
		t.Fatalf("TooManyRequests = %d, Delivered = %d", s.TooManyRequests(), s.Delivered(alice.ID))
	}
}

func TestAnswerCallbackQuery(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := context.Background()
	id := s.PressButton(alice, 42, "forged:data")
	if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: "nope"}); !errors.Is(err, bot.ErrorBadRequest) ||
		!strings.Contains(err.Error(), "query ID is invalid") {
		t.Fatalf("unknown id: err = %v", err)
	}
	// Not yet delivered through getUpdates: not "unanswered".
	if un := s.UnansweredCallbacks(); len(un) != 0 {
		t.Fatalf("UnansweredCallbacks before delivery = %v", un)
	}
	id2 := s.PressButton(alice, 43, "other")
	_, r := post(t, methodURL(s, "getUpdates"), nil)
	var ups []models.Update
	if err := json.Unmarshal(r.Result, &ups); err != nil || len(ups) != 2 || ups[0].CallbackQuery.Data != "forged:data" ||
		ups[0].CallbackQuery.Message.Message == nil || ups[0].CallbackQuery.Message.Message.ID != 42 {
		t.Fatalf("updates = %s (%v)", r.Result, err)
	}
	if un := s.UnansweredCallbacks(); len(un) != 2 || un[0] != id || un[1] != id2 {
		t.Fatalf("UnansweredCallbacks = %v", un)
	}
	if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: id, Text: "Nope!", ShowAlert: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: id}); !errors.Is(err, bot.ErrorBadRequest) {
		t.Fatalf("answered twice: err = %v", err)
	}
	if text, alert, ok := s.CallbackAnswer(id); !ok || text != "Nope!" || !alert {
		t.Fatalf("CallbackAnswer = %q %v %v", text, alert, ok)
	}
	if un := s.UnansweredCallbacks(); len(un) != 1 || un[0] != id2 {
		t.Fatalf("UnansweredCallbacks = %v", un)
	}
}

func TestPress(t *testing.T) {
	s := newServer(t)
	s.AddChat(alice.ID)
	b := newBot(t, s)
	ctx := context.Background()
	for _, data := range []string{"old", "new"} {
		if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: data,
			ReplyMarkup: keyboard([]models.InlineKeyboardButton{{Text: "✅ Yes", CallbackData: data + ":yes"}, {Text: "Yes", CallbackData: data + ":exact"}})}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "no buttons"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Press(alice, "Yes"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Press(alice, "✅"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Press(alice, "Maybe"); err == nil || !strings.Contains(err.Error(), "Maybe") {
		t.Fatalf("missing label: err = %v", err)
	}
	if _, err := s.Press(User{ID: 9}, "Yes"); err == nil {
		t.Fatal("unknown chat: expected error")
	}
	_, r := post(t, methodURL(s, "getUpdates"), nil)
	var ups []models.Update
	if err := json.Unmarshal(r.Result, &ups); err != nil || len(ups) != 2 {
		t.Fatalf("updates = %s (%v)", r.Result, err)
	}
	if ups[0].CallbackQuery.Data != "new:exact" || ups[0].CallbackQuery.Message.Message.ID != 2 || ups[1].CallbackQuery.Data != "new:yes" {
		t.Fatalf("pressed %q (msg %d) and %q", ups[0].CallbackQuery.Data, ups[0].CallbackQuery.Message.Message.ID, ups[1].CallbackQuery.Data)
	}
}

func TestWebhookAndMisc(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := context.Background()
	s.SendText(alice, "x")
	if _, err := b.SetWebhook(ctx, &bot.SetWebhookParams{URL: "https://example.org/hook"}); err != nil {
		t.Fatal(err)
	}
	info, err := b.GetWebhookInfo(ctx)
	if err != nil || info.URL != "https://example.org/hook" || info.PendingUpdateCount != 1 {
		t.Fatalf("webhook info = %+v, %v", info, err)
	}
	if code, r := post(t, methodURL(s, "getUpdates"), nil); code != 409 || r.ErrorCode != 409 {
		t.Fatalf("getUpdates with webhook: %d %+v", code, r)
	}
	if _, err := b.DeleteWebhook(ctx, &bot.DeleteWebhookParams{DropPendingUpdates: true}); err != nil {
		t.Fatal(err)
	}
	if s.PendingUpdates() != 0 {
		t.Fatalf("PendingUpdates = %d after drop", s.PendingUpdates())
	}
	if _, err := b.SetChatMenuButton(ctx, &bot.SetChatMenuButtonParams{MenuButton: models.MenuButtonCommands{Type: models.MenuButtonTypeCommands}}); err != nil {
		t.Fatalf("setChatMenuButton: %v", err)
	}
	if _, err := b.SendChatAction(ctx, &bot.SendChatActionParams{ChatID: alice.ID, Action: models.ChatActionTyping}); err != nil {
		t.Fatalf("sendChatAction: %v", err)
	}
	if _, err := b.SendChatAction(ctx, &bot.SendChatActionParams{ChatID: 31337, Action: models.ChatActionTyping}); !errors.Is(err, bot.ErrorBadRequest) {
		t.Fatalf("sendChatAction unknown chat: %v", err)
	}
	var hooked int
	var hmu sync.Mutex
	s.OnCall(func(c Call) { hmu.Lock(); hooked++; hmu.Unlock(); _ = s.CallCount(c.Method) })
	_, _ = b.GetMe(ctx)
	hmu.Lock()
	defer hmu.Unlock()
	if hooked != 1 || s.CallCount("getme") != 1 {
		t.Fatalf("OnCall hooked %d, getMe count %d", hooked, s.CallCount("getMe"))
	}
}

func TestRobustness(t *testing.T) {
	s := newServer(t)
	s.AddChat(alice.ID)
	url := methodURL(s, "sendMessage")
	cases := []struct {
		name   string
		ct     string
		body   string
		status int
	}{
		{"broken multipart", "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n1001", 400},
		{"no boundary", "multipart/form-data", "garbage", 400},
		{"bad json body", "application/json", "{", 400},
		{"json body ok", "application/json", `{"chat_id":1001,"text":"hi","reply_markup":{"inline_keyboard":[[{"text":"a","callback_data":"b"}]]}}`, 200},
		{"urlencoded ok", "application/x-www-form-urlencoded", "chat_id=1001&text=hey", 200},
		{"bad chat id", "application/x-www-form-urlencoded", "chat_id=%40channel&text=hey", 400},
		{"no chat id", "application/x-www-form-urlencoded", "text=hey", 400},
		{"bad markup", "application/x-www-form-urlencoded", "chat_id=1001&text=x&reply_markup=%7Bnope", 400},
		{"markup wrong type", "application/x-www-form-urlencoded", "chat_id=1001&text=x&reply_markup=%7B%22inline_keyboard%22%3A5%7D", 400},
		{"no content type", "", "whatever", 400},
	}
	for _, c := range cases {
		code, r := postRaw(t, url, c.ct, []byte(c.body))
		if code != c.status || r.OK != (c.status == 200) || (c.status != 200 && (r.ErrorCode != c.status || !strings.HasPrefix(r.Description, "Bad Request"))) {
			t.Errorf("%s: %d %+v", c.name, code, r)
		}
	}
	for _, m := range []string{"editMessageText", "editMessageReplyMarkup", "deleteMessage", "answerCallbackQuery", "sendPhoto", "sendDocument", "setMyCommands", "sendChatAction", "getUpdates", "setChatMenuButton"} {
		code, r := post(t, methodURL(s, m), map[string]string{"chat_id": "1001", "message_id": "999999999999", "offset": "x", "commands": "[{", "menu_button": "{"})
		if code == 200 && m != "getUpdates" {
			t.Errorf("%s accepted garbage: %+v", m, r)
		}
		if code >= 500 {
			t.Errorf("%s: server error %d %+v", m, code, r)
		}
	}
	if got := s.DeliveredTexts(alice.ID); len(got) != 2 || got[0] != "hi" || got[1] != "hey" {
		t.Fatalf("DeliveredTexts = %q", got)
	}
}

func BenchmarkSendMessage(b *testing.B) {
	s := New()
	defer s.Close()
	const chats = 5000
	for i := int64(1); i <= chats; i++ {
		s.AddChat(i)
	}
	client := newBot(b, s, bot.WithHTTPClient(time.Minute, &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}))
	ctx := context.Background()
	b.ResetTimer()
	var n int64
	var mu sync.Mutex
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			n++
			id := n%chats + 1
			mu.Unlock()
			if _, err := client.SendMessage(ctx, &bot.SendMessageParams{ChatID: id, Text: "benchmark message"}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// deleteMessage follows Telegram's documented rules: a message sent 48 hours
// ago or more cannot be deleted; a bot deletes its own messages anywhere and
// incoming ones only in private chats.
func TestDeleteMessageRules(t *testing.T) {
	var (
		mu  sync.Mutex
		now = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	s := newServer(t, WithClock(clock))
	b := newBot(t, s)
	ctx := context.Background()
	s.AddChat(alice.ID)
	const group = -500
	s.SendGroupText(group, alice, "hello group")
	send := func(chatID int64) int {
		m, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: chatID, Text: "x"})
		if err != nil {
			t.Fatal(err)
		}
		return m.ID
	}
	del := func(chatID int64, id int) error {
		_, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: chatID, MessageID: id})
		return err
	}
	cant := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), "message can't be deleted") {
			t.Errorf("%s: err = %v, want \"message can't be deleted\"", what, err)
		}
	}
	early, late, inGroup := send(alice.ID), send(alice.ID), send(group)
	incoming, _ := s.SendMedia(alice, Media{Voice: 3})
	cant("someone else's message in a group", del(group, firstUserMessageID))
	advance(48*time.Hour - time.Second)
	for what, err := range map[string]error{
		"own message after 47:59:59": del(alice.ID, early),
		"own message in a group":     del(group, inGroup),
		"incoming in a private chat": del(alice.ID, incoming),
	} {
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
	}
	advance(time.Second)
	cant("own message after 48 hours", del(alice.ID, late))
	if m := s.Messages(alice.ID); m[0].Deleted == false || m[1].Deleted {
		t.Errorf("deleted flags: %v %v, want true false", m[0].Deleted, m[1].Deleted)
	}
}

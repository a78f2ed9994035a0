package tgfake

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// getUpdate reads the next update through the real client's types.
func getUpdate(t *testing.T, s *Server) models.Update {
	t.Helper()
	code, r := post(t, s.URL()+"/bot"+s.Token()+"/getUpdates", map[string]string{"timeout": "1"})
	if code != 200 {
		t.Fatalf("getUpdates: %d %s", code, r.Description)
	}
	var ups []models.Update
	if err := json.Unmarshal(r.Result, &ups); err != nil || len(ups) == 0 {
		t.Fatalf("updates %s: %v", r.Result, err)
	}
	post(t, s.URL()+"/bot"+s.Token()+"/getUpdates", map[string]string{"offset": "999999", "timeout": "0"})
	return ups[len(ups)-1]
}

func TestUserMediaUpdates(t *testing.T) {
	s := newServer(t)
	for _, tc := range []struct {
		name  string
		media Media
		check func(m *models.Message) bool
	}{
		{"voice", Media{Voice: 7}, func(m *models.Message) bool { return m.Voice != nil && m.Voice.Duration == 7 && m.Voice.FileID != "" }},
		{"photo", Media{Photo: true, Caption: "look"}, func(m *models.Message) bool { return len(m.Photo) > 0 && m.Caption == "look" }},
		{"document", Media{DocumentName: "brev.pdf"}, func(m *models.Message) bool { return m.Document != nil && m.Document.FileName == "brev.pdf" }},
		{"location", Media{Location: &[2]float64{55.7, 12.36}}, func(m *models.Message) bool {
			return m.Location != nil && m.Location.Latitude == 55.7 && m.Location.Longitude == 12.36
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, _ := s.SendMedia(alice, tc.media)
			u := getUpdate(t, s)
			if u.Message == nil || u.Message.ID != id || u.Message.From == nil || u.Message.From.ID != alice.ID || !tc.check(u.Message) {
				t.Fatalf("update: %+v", u.Message)
			}
		})
	}
}

func TestCopyMessage(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := context.Background()
	bob := User{ID: 1002, FirstName: "Bob"}
	s.SendText(bob, "hi") // Bob's chat exists
	getUpdate(t, s)
	voice, _ := s.SendMedia(alice, Media{Voice: 3, Caption: "hør"})
	getUpdate(t, s)

	t.Run("a user's voice message", func(t *testing.T) {
		id, err := b.CopyMessage(ctx, &bot.CopyMessageParams{ChatID: bob.ID, FromChatID: alice.ID, MessageID: voice,
			ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "ok", CallbackData: "x"}}}}})
		if err != nil {
			t.Fatal(err)
		}
		m, _ := s.LastMessage(bob.ID)
		if m.ID != id.ID || m.Kind != "voice" || m.Duration != 3 || m.Caption != "hør" || m.CopyOf != "1001/"+strconv.Itoa(voice) || len(m.Buttons) != 1 {
			t.Fatalf("copy: %+v", m)
		}
	})
	t.Run("new caption", func(t *testing.T) {
		if _, err := b.CopyMessage(ctx, &bot.CopyMessageParams{ChatID: bob.ID, FromChatID: alice.ID, MessageID: voice, Caption: "ny"}); err != nil {
			t.Fatal(err)
		}
		if m, _ := s.LastMessage(bob.ID); m.Caption != "ny" {
			t.Fatalf("caption %q", m.Caption)
		}
	})
	t.Run("unknown message", func(t *testing.T) {
		_, err := b.CopyMessage(ctx, &bot.CopyMessageParams{ChatID: bob.ID, FromChatID: alice.ID, MessageID: 42})
		if err == nil {
			t.Fatal("copied a message that does not exist")
		}
	})
	t.Run("blocked target", func(t *testing.T) {
		s.SetChatMember(bob, "kicked")
		getUpdate(t, s)
		_, err := b.CopyMessage(ctx, &bot.CopyMessageParams{ChatID: bob.ID, FromChatID: alice.ID, MessageID: voice})
		if err == nil {
			t.Fatal("copied to a user who blocked the bot")
		}
	})
}

func TestEntitiesKeptAndSliced(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	s.SendText(alice, "hi")
	getUpdate(t, s)
	text := "مرحبا 🎉 Husk festen"
	u16 := len([]rune("مرحبا ")) + 2 // the emoji is two UTF-16 units
	_, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: alice.ID, Text: text,
		Entities: []models.MessageEntity{{Type: models.MessageEntityTypeBold, Offset: u16 + 1, Length: 4}}})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := s.LastMessage(alice.ID)
	if len(m.Entities) != 1 || m.Entities[0].Slice(m.Text) != "Husk" {
		t.Fatalf("entities %+v slice %q", m.Entities, m.Entities[0].Slice(m.Text))
	}
	_, err = b.EditMessageText(context.Background(), &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: m.ID, Text: "Ny tekst",
		Entities: []models.MessageEntity{{Type: models.MessageEntityTypeItalic, Offset: 3, Length: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	if m, _ = s.LastMessage(alice.ID); len(m.Entities) != 1 || m.Entities[0].Type != "italic" || m.Entities[0].Slice(m.Text) != "tekst" {
		t.Fatalf("entities after edit %+v", m.Entities)
	}
	s.SendTextWithEntities(alice, "**fed**", []Entity{{Type: "bold", Offset: 0, Length: 3}})
	if up := getUpdate(t, s); len(up.Message.Entities) != 1 || up.Message.Entities[0].Type != models.MessageEntityTypeBold {
		t.Fatalf("update entities %+v", up.Message.Entities)
	}
}

func TestGroupText(t *testing.T) {
	s := newServer(t)
	s.SendGroupText(-500, alice, "/inbox@VejviserBot")
	u := getUpdate(t, s)
	if u.Message == nil || u.Message.Chat.ID != -500 || u.Message.Chat.Type != models.ChatTypeGroup || u.Message.From.ID != alice.ID ||
		len(u.Message.Entities) != 1 || u.Message.Entities[0].Type != models.MessageEntityTypeBotCommand {
		t.Fatalf("group update: %+v", u.Message)
	}
}

package askus

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// A member's question is one card per coordinator (or in the group): the
// relay of its first message, with the messages that followed it in the
// same burst (domain.JoinsBurst) and whether it was answered or closed.
// The card is always drawn from what is stored when it leaves: the outbox
// renders it when it is first sent, and every later change (a message
// joining it, an answer, a close) edits it through the chat's lane as the
// edit leaves, so whoever caused the change, it never shows an older state
// after a newer one.

// cardWait bounds how long an edit waits for the card being sent at that
// moment to get its message id.
const cardWait = 5 * time.Second

// relay renders a member's message relayed (domain.NoticeAskRelay) for a
// coordinator or the group, in L (a copy of any media goes before it).
func (f *Feature) relay(L *locales.Localizer, _ domain.Member, v domain.AskRelayValues) outbox.Rendered {
	if f.Store == nil { // a screen drawn from its values alone
		return chat.Text(card(L, v, nil))
	}
	ctx, cancel := context.WithTimeout(context.Background(), cardWait)
	defer cancel()
	parts, err := f.Store.AskBurst(ctx, v.Item)
	if err != nil {
		f.Log.Warn("burst of a card", "err", err)
	}
	return chat.Text(card(L, v, parts))
}

// card is the card in L: the relay of the first message (v), the messages
// of its burst (parts, oldest first, none when not known), and its state.
func card(L *locales.Localizer, v domain.AskRelayValues, parts []domain.AskItem) (string, chat.Keyboard) {
	if len(parts) < 2 {
		text, k := relayText(L, v)
		if len(parts) == 1 {
			return withState(L, text, k, parts[0])
		}
		return text, k
	}
	var b strings.Builder
	for _, p := range parts {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		if key, media := askKindKey[p.Kind]; media {
			b.WriteString(L.T(key, nil))
			if strings.TrimSpace(p.Text) != "" {
				b.WriteString("\n")
			}
		}
		b.WriteString(strings.TrimSpace(p.Text))
	}
	head := v
	head.Kind, head.Text = domain.AskText, L.N("AskBurstCount", len(parts), nil)+"\n\n"+b.String()
	text, k := relayText(L, head)
	return withState(L, text, k, parts[len(parts)-1])
}

// withState adds who answered or closed the question (last is its latest
// message) and leaves only History and Mute on a closed one.
func withState(L *locales.Localizer, text string, k chat.Keyboard, last domain.AskItem) (string, chat.Keyboard) {
	switch {
	case last.DoneAt != nil:
		text += "\n\n" + L.T("AskClosedBy", locales.Data{"Coordinator": last.DoneByName})
		var kept chat.Keyboard
		for _, rw := range k {
			var row []domain.Button
			for _, b := range rw {
				if act, _, err := chat.DecodePayload(b.Data); err == nil && (act == actHistory || act == actMute) {
					row = append(row, b)
				}
			}
			if len(row) > 0 {
				kept = append(kept, row)
			}
		}
		return text, kept
	case last.AnsweredAt != nil:
		text += "\n\n" + L.T("AskAnsweredBy", locales.Data{"Coordinator": last.CoordinatorName})
	}
	return text, k
}

// editCards edits every card of the burst whose first message is head that
// has left or is leaving; one still waiting will be drawn when it leaves.
func editCards(r *chat.Request, head int64) {
	cards, err := r.Env.Store.AskCards(r.Ctx, head)
	if err != nil {
		r.Env.Log.Warn("cards to edit", "err", err)
		return
	}
	for _, c := range cards {
		if c.State == storage.StateSent || c.State == storage.StateSending {
			r.EditLater(c.ChatID, "askcard:"+strconv.FormatInt(c.Outbox, 10), cardEdit(r.Env, c.Outbox))
		}
	}
}

// cardEdit draws card outboxID as it is when the edit leaves, waiting a
// little for a card being sent to get its message id.
func cardEdit(env *chat.Env, outboxID int64) func(ctx context.Context) (chat.Effect, bool) {
	return func(ctx context.Context) (chat.Effect, bool) {
		deadline := time.Now().Add(cardWait)
		for {
			c, err := env.Store.AskCard(ctx, outboxID)
			if err != nil || c.State != storage.StateSending || time.Now().After(deadline) {
				if err != nil || c.State != storage.StateSent || c.TelegramID == 0 {
					return chat.Effect{}, false
				}
				L := env.Cat.For(c.Language)
				text, k, err := drawn(ctx, env, L, c)
				return chat.Effect{MessageID: c.TelegramID, Text: text, Keyboard: k}, err == nil
			}
			select {
			case <-ctx.Done():
				return chat.Effect{}, false
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
}

// drawn is a relay's card in L from what is stored now; a relay queued
// with its text (before relays were notices) has it.
func drawn(ctx context.Context, env *chat.Env, L *locales.Localizer, c storage.AskRelay) (string, chat.Keyboard, error) {
	if c.Notice != domain.NoticeAskRelay {
		buttons, err := c.Buttons()
		return c.Text, buttons, err
	}
	var v domain.AskRelayValues
	if err := json.Unmarshal([]byte(c.Values), &v); err != nil {
		return "", nil, err
	}
	parts, err := env.Store.AskBurst(ctx, v.Item)
	if err != nil {
		return "", nil, err
	}
	text, k := card(L, v, parts)
	return text, k, nil
}

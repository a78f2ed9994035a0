package outbox_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// sendOnly is an API without copyMessage.
type sendOnly struct{ b *tg.Bot }

func (s sendOnly) SendMessage(ctx context.Context, p *tg.SendMessageParams) (*models.Message, error) {
	return s.b.SendMessage(ctx, p)
}

// Rows that copy a member's message go out with copyMessage; entities
// travel with text; an API that cannot copy fails the row, not the sender.
func TestCopyAndEntities(t *testing.T) {
	r := newRig(t, false)
	r.members(1, 2)
	voice, _ := r.fake.SendMedia(tgfake.User{ID: 1, FirstName: "Amina"}, tgfake.Media{Voice: 6})
	copyRow := domain.Outgoing{MemberID: 2, ChatID: 2, Kind: domain.KindNotice, CopyChat: 1, CopyMessage: voice,
		Buttons: [][]domain.Button{{{Text: "💬", Data: "1:ar:1"}}}}
	bold := notice(2, "Hej alle")
	bold.Entities = `[{"type":"bold","offset":4,"length":4}]`
	r.enqueue(copyRow, bold)
	r.run(nil, fast)
	r.waitFor(5*time.Second, "both sent", func() bool { return r.counts()[storage.StateSent] == 2 })
	msgs := r.fake.Messages(2)
	if len(msgs) != 2 || msgs[0].Kind != "voice" || msgs[0].CopyOf != "1/"+strconv.Itoa(voice) || len(msgs[0].Buttons) != 1 {
		t.Fatalf("copy: %+v", msgs)
	}
	if len(msgs[1].Entities) != 1 || msgs[1].Entities[0].Slice(msgs[1].Text) != "alle" {
		t.Errorf("entities: %+v", msgs[1].Entities)
	}

	t.Run("an API that cannot copy fails the row", func(t *testing.T) {
		r := newRig(t, false)
		r.members(1, 2)
		r.enqueue(copyRow, notice(2, "after"))
		r.run(sendOnly{r.api}, fast)
		r.waitFor(5*time.Second, "settled", func() bool {
			c := r.counts()
			return c[storage.StateFailed] == 1 && c[storage.StateSent] == 1
		})
	})
}

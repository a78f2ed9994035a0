package chat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// NoticeRenderer renders one kind of notice (domain.NewNotice) for its
// recipient, in L's language, from the values the decision wrote.
type NoticeRenderer func(L *locales.Localizer, to domain.Member, values []byte) (outbox.Rendered, error)

// Notices is the one registry of notice renderers: each feature adds the
// kinds it renders at start-up, and the outbox sender calls Render when a
// notice row leaves, so the member reads it in the language they have then.
type Notices struct {
	env   *Env
	kinds map[string]NoticeRenderer
}

// NewNotices is an empty registry.
func NewNotices(env *Env) *Notices { return &Notices{env: env, kinds: map[string]NoticeRenderer{}} }

// Add registers the renderer of kind; a kind registered twice is a programming error.
func (n *Notices) Add(kind string, r NoticeRenderer) {
	if _, dup := n.kinds[kind]; dup {
		panic(fmt.Sprintf("notice kind %q rendered twice", kind))
	}
	n.kinds[kind] = r
}

// Render registers a renderer of kind whose values decode into V.
func Render[V any](n *Notices, kind string, render func(L *locales.Localizer, to domain.Member, v V) outbox.Rendered) {
	n.Add(kind, func(L *locales.Localizer, to domain.Member, values []byte) (outbox.Rendered, error) {
		var v V
		if err := json.Unmarshal(values, &v); err != nil {
			return outbox.Rendered{}, fmt.Errorf("values: %w", err)
		}
		return render(L, to, v), nil
	})
}

// Text is a rendered notice of text and buttons.
func Text(text string, k Keyboard) outbox.Rendered { return outbox.Rendered{Text: text, Buttons: k} }

// Missing lists the declared kinds (domain.NoticeKinds) no feature renders.
func (n *Notices) Missing() []string {
	var out []string
	for _, k := range domain.NoticeKinds() {
		if _, ok := n.kinds[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// errNoRenderer is a notice kind nobody renders.
var errNoRenderer = errors.New("no renderer for this kind")

// Render renders a notice row for its recipient as they are now (outbox.Renderer).
func (n *Notices) Render(ctx context.Context, msg storage.OutboxMessage) (outbox.Rendered, error) {
	r, ok := n.kinds[msg.Notice]
	if !ok {
		return outbox.Rendered{}, errNoRenderer
	}
	to := domain.Member{ChatID: msg.ChatID, Language: msg.Language}
	if msg.MemberID.Valid {
		m, err := n.env.Store.Member(ctx, msg.MemberID.Int64)
		if err != nil {
			return outbox.Rendered{}, fmt.Errorf("recipient: %w", err)
		}
		to = m
	}
	if !domain.SupportedLanguage(to.Language) {
		to.Language = domain.DefaultLanguage
	}
	return r(n.env.Cat.Reader(to.Reader()), to, []byte(msg.Values))
}

package locales

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"sort"
)

// Review state of a translation. Danish is the source; every other language
// records in each message's "hash" key (go-i18n's own key, the one its
// `goi18n merge` writes) the hash of the Danish message it was reviewed
// against. A message without a hash is a machine draft nobody has reviewed
// yet, which is also what a newly added message is; a hash that no longer
// matches means the Danish source changed after the review.
const (
	Reviewed       = "reviewed"
	MachineDrafted = "machine-drafted"
	Stale          = "stale"
	Missing        = "missing"
)

// SourceHash is go-i18n's hash of a source message: SHA-1 of its description
// followed by its "other" form, written "sha1-<hex>", exactly as
// `goi18n merge` computes it, so both tools agree on what is stale.
func SourceHash(description, other string) string {
	h := sha1.New()
	_, _ = io.WriteString(h, description)
	_, _ = io.WriteString(h, other)
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}

// MessageReview is the review state of one message in one language.
type MessageReview struct {
	ID    string
	State string
	// Hash is what the message's "hash" key must hold once a reviewer has
	// checked the translation against the current Danish text.
	Hash string
}

// ReviewCounts counts a language's messages by review state.
type ReviewCounts struct {
	Reviewed, MachineDrafted, Stale, Missing int
}

// Count tallies reviews by state.
func Count(reviews []MessageReview) ReviewCounts {
	var c ReviewCounts
	for _, r := range reviews {
		switch r.State {
		case Reviewed:
			c.Reviewed++
		case MachineDrafted:
			c.MachineDrafted++
		case Stale:
			c.Stale++
		case Missing:
			c.Missing++
		}
	}
	return c
}

// ReviewStatus reports, for every language but the source, the review state
// of each message of the source file, in id order. files maps a language to
// its message file (see Files).
func ReviewStatus(files map[string][]byte) (map[string][]MessageReview, error) {
	parsed := map[string]map[string]rawMessage{}
	for lang, raw := range files {
		var m map[string]rawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("%s.json: %w", lang, err)
		}
		parsed[lang] = m
	}
	source, ok := parsed[Default]
	if !ok {
		return nil, fmt.Errorf("no %s.json", Default)
	}
	ids := make([]string, 0, len(source))
	for id := range source {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := map[string][]MessageReview{}
	for lang, msgs := range parsed {
		if lang == Default {
			continue
		}
		reviews := make([]MessageReview, 0, len(ids))
		for _, id := range ids {
			want := SourceHash(source[id].Description, source[id].Other)
			r := MessageReview{ID: id, Hash: want}
			m, ok := msgs[id]
			switch {
			case !ok:
				r.State = Missing
			case m.Hash == "":
				r.State = MachineDrafted
			case m.Hash == want:
				r.State = Reviewed
			default:
				r.State = Stale
			}
			reviews = append(reviews, r)
		}
		out[lang] = reviews
	}
	return out, nil
}

// rawMessage is the part of a go-i18n message the review needs. A message
// may also be a bare string (go-i18n allows it): then it has only "other".
type rawMessage struct {
	Description string `json:"description"`
	Hash        string `json:"hash"`
	Other       string `json:"other"`
}

func (m *rawMessage) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*m = rawMessage{Other: s}
		return nil
	}
	type plain rawMessage
	return json.Unmarshal(b, (*plain)(m))
}

package storage

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
)

// Texts holds a text per language (titles, notes). Danish ("da") is the
// source and serves every language without its own text.
type Texts map[string]string

// In is the text in lang, or the Danish one.
func (t Texts) In(lang string) string {
	if s := strings.TrimSpace(t[lang]); s != "" {
		return t[lang]
	}
	return t["da"]
}

// Value stores the translations as JSON, leaving out empty ones.
func (t Texts) Value() (driver.Value, error) {
	clean := map[string]string{}
	for k, v := range t {
		if strings.TrimSpace(v) != "" {
			clean[k] = v
		}
	}
	b, err := json.Marshal(clean)
	return string(b), err
}

// Scan reads the JSON form.
func (t *Texts) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	case nil:
		*t = Texts{}
		return nil
	default:
		return fmt.Errorf("texts: cannot scan %T", src)
	}
	m := Texts{}
	if len(b) > 0 {
		if err := json.Unmarshal(b, &m); err != nil {
			return fmt.Errorf("texts: %w", err)
		}
	}
	*t = m
	return nil
}

// Equal reports whether two sets of texts say the same (empty = absent).
func (t Texts) Equal(o Texts) bool {
	a, _ := t.Value()
	b, _ := o.Value()
	return a == b
}

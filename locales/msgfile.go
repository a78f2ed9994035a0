package locales

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MessageFile is one language's go-i18n message file kept in its own order,
// so a tool that changes a few texts (the review import) rewrites the file
// with a diff of exactly those lines: the ids in the order translators know,
// each message's keys in the order they were written, invisible direction
// marks as the escapes the catalogue test asks for.
type MessageFile struct {
	Messages []*FileMessage
	index    map[string]*FileMessage
}

// FileMessage is one message: its keys ("hash", "description", "one",
// "other" …) and their values, in file order.
type FileMessage struct {
	ID     string
	Keys   []string
	Values map[string]string
}

// Get returns the value of key, "" when it is absent.
func (m *FileMessage) Get(key string) string { return m.Values[key] }

// Set sets key; a new key goes first when it is "hash" (where go-i18n's merge
// and en.json keep it) and last otherwise.
func (m *FileMessage) Set(key, value string) {
	if _, ok := m.Values[key]; !ok {
		if key == "hash" {
			m.Keys = append([]string{key}, m.Keys...)
		} else {
			m.Keys = append(m.Keys, key)
		}
	}
	m.Values[key] = value
}

// Delete removes key.
func (m *FileMessage) Delete(key string) {
	if _, ok := m.Values[key]; !ok {
		return
	}
	delete(m.Values, key)
	for i, k := range m.Keys {
		if k == key {
			m.Keys = append(m.Keys[:i], m.Keys[i+1:]...)
			break
		}
	}
}

// Plural reports whether the message has plural forms.
func (m *FileMessage) Plural() bool {
	_, ok := m.Values["one"]
	return ok
}

// Message returns the message with id, or nil.
func (f *MessageFile) Message(id string) *FileMessage { return f.index[id] }

// ParseMessageFile reads a go-i18n JSON message file, keeping its order. A
// message written as a bare string becomes one with only "other".
func ParseMessageFile(raw []byte) (*MessageFile, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("a message file is one JSON object")
	}
	f := &MessageFile{index: map[string]*FileMessage{}}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		id, _ := t.(string)
		if _, dup := f.index[id]; dup {
			return nil, fmt.Errorf("%s: twice in the file", id)
		}
		m := &FileMessage{ID: id, Values: map[string]string{}}
		if err := parseMessage(dec, m); err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		f.Messages = append(f.Messages, m)
		f.index[id] = m
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	return f, nil
}

func parseMessage(dec *json.Decoder, m *FileMessage) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if s, ok := t.(string); ok {
		m.Set("other", s)
		return nil
	}
	if t != json.Delim('{') {
		return fmt.Errorf("a message is a string or an object")
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return err
		}
		vt, err := dec.Token()
		if err != nil {
			return err
		}
		k, _ := kt.(string)
		v, ok := vt.(string)
		if !ok {
			return fmt.Errorf("%s: not a string", k)
		}
		if _, dup := m.Values[k]; dup {
			return fmt.Errorf("%s: twice in the message", k)
		}
		m.Keys = append(m.Keys, k)
		m.Values[k] = v
	}
	_, err = dec.Token()
	return err
}

// Bytes writes the file as the catalogue keeps it: two-space indentation,
// one key a line, a final newline.
func (f *MessageFile) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, m := range f.Messages {
		b.WriteString("  " + quote(m.ID) + ": {\n")
		for j, k := range m.Keys {
			b.WriteString("    " + quote(k) + ": " + quote(m.Values[k]))
			if j < len(m.Keys)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString("  }")
		if i < len(f.Messages)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// quote is a JSON string with every invisible control (bidiControls) and
// control character escaped and everything else, Arabic and Ge'ez included,
// written as itself.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || invisible(r) || r == utf8.RuneError:
			b.WriteString(`\u` + fmt.Sprintf("%04x", r))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// invisible reports the direction marks, isolates and zero-width characters
// a message file spells as escapes.
func invisible(r rune) bool {
	switch {
	case r == '\u200b', r == '\u200c', r == '\u200d', r == '\u200e', r == '\u200f':
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	case r == '\u2028', r == '\u2029', r == '\ufeff', r == '\u061c':
		return true
	}
	return false
}

package locales

import (
	"strings"
	"testing"
	"time"
	"unicode"
)

// A screen that tells the reader which button to press names a button it
// shows: each pair is a message and the button beside it on its screen. The
// label is compared without its leading emoji, as sentences name it.
func TestScreensNameTheirButtons(t *testing.T) {
	c, err := New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	pairs := [][2]string{
		{"NewEventPreview", "BtnSendEvent"},
		{"EventEditPreview", "BtnSaveEvent"},
		{"ActivityPreview", "BtnSaveActivity"},
		{"ShiftPreview", "BtnSaveShift"},
		{"NewEventTitles", "BtnContinue"},
		{"NewEventNotes", "BtnContinue"},
		{"NewActivityTitles", "BtnContinue"},
		{"NewActivityAskDays", "BtnContinue"},
		{"CountFirstNeedsPerson", "BtnCountFirst"},
	}
	for _, lang := range Languages {
		L := c.For(lang)
		for _, p := range pairs {
			label := L.T(p[1], nil)
			label = strings.TrimFunc(label, func(r rune) bool { return !unicode.IsLetter(r) })
			if text := L.T(p[0], nil); !strings.Contains(text, label) {
				t.Errorf("%s %s does not name %q (%s): %q", lang, p[0], label, p[1], text)
			}
		}
	}
}

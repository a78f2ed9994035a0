package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
)

// TestAskUsBurstIsOneCard: twelve messages written one right after another
// (ten lines, a voice note and a photo) reach each coordinator as one card,
// edited as they arrive, ending with every line in order and the media
// counted, beside copies of the voice note and the photo; the member is
// thanked once, and never asked to wait.
func TestAskUsBurstIsOneCard(t *testing.T) {
	const base = 7300
	f := startFlow(t, withCoordinators(base, base+1))
	c := newAskCast(f, base)
	amina, _ := f.member(c.amina.ID)
	D := f.cat.For("da")
	n0 := len(f.fake.Messages(c.amina.ID))
	m0 := map[int64]int{c.mette.ID: len(f.fake.Messages(c.mette.ID)), c.carl.ID: len(f.fake.Messages(c.carl.ID))}

	var parts []string // the card's body, as Mette reads it
	for i := 1; i <= 12; i++ {
		switch i {
		case 5:
			f.fake.SendMedia(c.amina, tgfake.Media{Voice: 4})
			parts = append(parts, D.T("AskKindVoice", nil))
		case 9:
			f.fake.SendMedia(c.amina, tgfake.Media{Photo: true, Caption: "صورة الرسالة"})
			parts = append(parts, D.T("AskKindPhoto", nil)+"\nصورة الرسالة")
		default:
			line := "سطر " + strconv.Itoa(i)
			parts = append(parts, line)
			f.fake.SendText(c.amina, line)
		}
	}
	body := D.N("AskBurstCount", 12, nil) + "\n\n" + strings.Join(parts, "\n\n")
	complete := func(text string) bool { return strings.Contains(text, body) }
	for _, coord := range []tgfake.User{c.mette, c.carl} {
		f.waitFor(coord.FirstName+"'s card with all twelve", func() bool {
			for _, m := range f.fake.Messages(coord.ID)[m0[coord.ID]:] {
				if complete(m.Text) {
					return true
				}
			}
			return false
		})
	}
	f.app.Wait()
	f.settle()

	for _, coord := range []tgfake.User{c.mette, c.carl} {
		var cards, voices, photos int
		for _, m := range f.fake.Messages(coord.ID)[m0[coord.ID]:] {
			switch {
			case strings.Contains(m.Text, f.relayHeader(amina)):
				cards++
				if !complete(m.Text) {
					t.Errorf("%s's card does not show every message in order:\n%s", coord.FirstName, m.Text)
				}
				button(t, m, D.T("BtnAskReply", nil))
			case m.Kind == "voice":
				voices++
			case m.Kind == "photo":
				photos++
			}
		}
		if cards != 1 || voices != 1 || photos != 1 {
			t.Errorf("%s got %d cards, %d voice notes, %d photos; want one of each", coord.FirstName, cards, voices, photos)
		}
	}
	got := f.fake.Messages(c.amina.ID)[n0:]
	if len(got) != 1 || !strings.Contains(got[0].Text, f.T("ar", "AskReceived", locales.Data{"Group": groupIn("ar")})) {
		var texts []string
		for _, m := range got {
			texts = append(texts, m.Text)
		}
		t.Errorf("Amina was told %q, want one thanks", texts)
	}
	if !f.quiet(c.amina, n0+1, 200*time.Millisecond) {
		t.Error("Amina was told more later")
	}
}

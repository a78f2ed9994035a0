package locales

import (
	"strings"
	"testing"
	"time"
)

// TestEveryButtonFits renders every Btn* message in every language with long
// values, as the code renders button labels (Localizer.Button), and fails on
// a label longer than MaxButton characters.
func TestEveryButtonFits(t *testing.T) {
	files := loadFiles(t)
	c, err := New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	long := "Lektiehjælper og tolk for familier med små børn"
	for _, lang := range Languages {
		L := c.For(lang)
		for _, id := range c.IDs() {
			if !strings.HasPrefix(id, "Btn") {
				continue
			}
			data := Data{}
			for _, m := range rePlaceholder.FindAllStringSubmatch(files[Default][id]["other"], -1) {
				data[m[1]] = long
			}
			var outs []string
			if isPlural(files[Default][id]) {
				for _, n := range pluralSamples {
					outs = append(outs, L.N(id, n, data))
				}
			} else {
				outs = append(outs, L.Button(id, data))
			}
			for _, out := range outs {
				if n := Width(out); n > MaxButton {
					t.Errorf("%s.%s is %d characters: %q", lang, id, n, out)
				}
			}
		}
	}
}

func TestButtonShortensTheLongestValue(t *testing.T) {
	c, err := New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	got := c.For("da").Button("BtnShiftSignUp", Data{"Date": "ons 11/11", "Role": "Lektiehjælper og tolk for familier"})
	if got != "✋ ons 11/11: Lektiehjælper og t…" {
		t.Errorf("got %q (%d characters)", got, Width(got))
	}
	if got := c.For("da").Button("BtnShiftSignUp", Data{"Date": "ons 11/11", "Role": "Vært"}); got != "✋ ons 11/11: Vært" {
		t.Errorf("a short label changed: %q", got)
	}
}

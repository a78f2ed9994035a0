package chat

import (
	"testing"
	"time"

	"vejviser/locales"
	"vejviser/storage/domain"
)

func TestPrevNextInReadingOrder(t *testing.T) {
	cat, err := locales.New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{"da": "prev,next", "en": "prev,next", "ti": "prev,next", "ar": "next,prev"} {
		row := PrevNext(cat.For(lang), &domain.Button{Text: "prev"}, &domain.Button{Text: "next"})
		if got := row[0].Text + "," + row[1].Text; got != want {
			t.Errorf("%s: %s, want %s", lang, got, want)
		}
	}
	if row := PrevNext(cat.For("ar"), nil, &domain.Button{Text: "next"}); len(row) != 1 || row[0].Text != "next" {
		t.Errorf("only next: %+v", row)
	}
}

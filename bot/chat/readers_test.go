package chat

import (
	"reflect"
	"testing"
	"time"

	"vejviser/locales"
	"vejviser/storage/domain"
)

func TestReadersLinesSayWhoGetsDanish(t *testing.T) {
	cat, err := locales.New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	L := cat.For("en")
	readers := map[domain.Reader]int{{Lang: "ar"}: 14, {Lang: "ti", Second: "en"}: 2, {Lang: "ti"}: 3, {Lang: "da"}: 5}
	got := ReadersLines(cat, L, domain.Texts{"da": "Sommerfest", "en": "Summer party"}, readers)
	line := func(lang string, n int, in string) string {
		return L.T("WrittenReadersLine", locales.Data{"Language": L.Name(lang), "Count": n, "In": locales.Isolated(L.In(in))})
	}
	want := []string{L.T("WrittenReadersHead", nil), line("da", 5, "da"), line("ar", 14, "da"), line("ti", 3, "da"), line("ti", 2, "en")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lines\n%q\nwant\n%q", got, want)
	}
	if want[2] != "Arabic: 14 – the text in Danish" {
		t.Errorf("the Arabic line reads %q", want[2])
	}
	if ReadersLines(cat, L, domain.Texts{"da": "x"}, nil) != nil {
		t.Error("lines for nobody")
	}
}

func TestMissingAreTheReadersWithoutTheirLanguage(t *testing.T) {
	readers := map[domain.Reader]int{{Lang: "ar"}: 14, {Lang: "ti", Second: "en"}: 2, {Lang: "en"}: 1, {Lang: "da"}: 5}
	if got := Missing(domain.Texts{"da": "Sommerfest", "en": "Summer party"}, readers); !reflect.DeepEqual(got, []string{"ar", "ti"}) {
		t.Errorf("missing %q, want ar and ti", got)
	}
	if got := Missing(domain.Texts{"da": "x", "ar": "y", "ti": "z", "en": "w"}, readers); got != nil {
		t.Errorf("missing %q with every language written", got)
	}
}

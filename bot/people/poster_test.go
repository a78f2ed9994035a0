package people

import (
	"strings"
	"testing"

	"vejviser/storage/domain"
)

func TestPosterHTML(t *testing.T) {
	f := testFeature(t)
	page, err := f.posterHTML(domain.Texts{"da": `Røde Kors <Ballerup> & "venner"`, "ar": "الصليب الأحمر في هيرليف", "en": `Røde Kors <Ballerup> & "venner"`},
		"https://t.me/VejviserBot?start=hej", []byte("\x89PNG fake"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, want := range []string{
		"@page { size: A4 portrait",
		`<meta charset="utf-8">`,
		"Røde Kors &lt;Ballerup&gt; &amp; &#34;venner&#34;", // escaped, never markup
		`<li lang="ar" dir="rtl">` + f.Cat.For("ar").T("PosterLine", nil) + "</li>",
		`<li lang="ti" dir="ltr">` + f.Cat.For("ti").T("PosterLine", nil) + "</li>",
		`<li lang="da" dir="ltr">` + f.Cat.For("da").T("PosterLine", nil) + "</li>",
		`<li lang="en" dir="ltr">` + f.Cat.For("en").T("PosterLine", nil) + "</li>",
		`<img src="data:image/png;base64,iVBORyBmYWtl"`,
		"https://t.me/VejviserBot?start=hej",
		`<p class="name" lang="ar" dir="rtl">الصليب الأحمر في هيرليف</p>`, // the name each reader knows
	} {
		if !strings.Contains(s, want) {
			t.Errorf("poster lacks %q", want)
		}
	}
	if strings.Contains(s, `<p class="name" lang="en"`) {
		t.Error("a name the same as the Danish one is repeated")
	}
	if strings.Contains(s, "<Ballerup>") {
		t.Error("the group's name is not escaped")
	}
}

package people

import (
	"bytes"
	"encoding/base64"
	"html/template"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The printable poster: an A4 HTML page with the group's name, one line in
// each language and the QR code. HTML because a browser shapes Arabic and
// Ge'ez script correctly; drawing them into a PNG or PDF here would need a
// text-shaping engine and fonts for both scripts, which the bot does not
// carry. The coordinator opens the file in any browser and prints it.

// posterLine is one language's sentence (or the branch's name) on the poster.
type posterLine struct {
	Lang, Dir, Text string
}

var posterTmpl = template.Must(template.New("poster").Parse(`<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>{{.Group}}</title>
<style>
@page { size: A4 portrait; margin: 15mm; }
html, body { margin: 0; padding: 0; }
body { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; color: #111; text-align: center; }
.page { width: 180mm; min-height: 262mm; margin: 0 auto; display: flex; flex-direction: column; justify-content: space-between; }
h1 { font-size: 30pt; margin: 4mm 0 0; color: #c00; }
.cross { display: inline-block; width: 14mm; height: 14mm; background:
  linear-gradient(#c00,#c00) center/4.6mm 100% no-repeat, linear-gradient(#c00,#c00) center/100% 4.6mm no-repeat; vertical-align: middle; margin-inline-end: 4mm; }
.qr img { width: 110mm; height: 110mm; image-rendering: pixelated; }
.name { font-size: 16pt; margin: 1mm 0; color: #c00; }
.link { font-size: 11pt; color: #444; word-break: break-all; }
ul { list-style: none; padding: 0; margin: 0; }
li { font-size: 17pt; line-height: 1.45; margin: 3mm 0; }
li[lang="ar"] { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Geeza Pro", "Segoe UI", Tahoma, sans-serif; font-size: 19pt; }
li[lang="ti"] { font-family: "Noto Sans Ethiopic", "Abyssinica SIL", "Nyala", "Kefa", sans-serif; }
@media screen { body { background: #eee; } .page { background: #fff; padding: 15mm; margin: 10mm auto; box-shadow: 0 0 4mm #999; } }
</style>
</head>
<body>
<div class="page">
<h1><span class="cross" aria-hidden="true"></span>{{.Group}}</h1>
{{range .Names}}<p class="name" lang="{{.Lang}}" dir="{{.Dir}}">{{.Text}}</p>
{{end}}<ul>
{{range .Lines}}<li lang="{{.Lang}}" dir="{{.Dir}}">{{.Text}}</li>
{{end}}</ul>
<div class="qr"><img src="{{.QR}}" alt="QR"></div>
<p class="link">{{.Link}}</p>
</div>
</body>
</html>
`))

// posterHTML is pure: the poster for the branch named names (Danish as
// the title, each other language's name under it where it differs), link
// and the QR code PNG, with the poster sentence in every language.
func (f *Feature) posterHTML(names domain.Texts, link string, qrPNG []byte) ([]byte, error) {
	var lines, others []posterLine
	for _, lang := range locales.Languages {
		dir := "ltr"
		if locales.RTL(lang) {
			dir = "rtl"
		}
		lines = append(lines, posterLine{Lang: lang, Dir: dir, Text: f.Cat.For(lang).T("PosterLine", nil)})
		if n := names[lang]; lang != domain.DefaultLanguage && n != "" && n != names[domain.DefaultLanguage] {
			others = append(others, posterLine{Lang: lang, Dir: dir, Text: n})
		}
	}
	var b bytes.Buffer
	err := posterTmpl.Execute(&b, struct {
		Group, Link  string
		QR           template.URL
		Lines, Names []posterLine
	}{names[domain.DefaultLanguage], link, template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(qrPNG)), lines, others})
	return b.Bytes(), err
}

// posterBranch is the branch whose poster a coordinator gets (the one they
// act in), its names in every language, and its join link's payload: the
// first branch keeps the code of the posters printed before there were
// branches.
func (f *Feature) posterBranch(r *chat.Request) (names domain.Texts, code string) {
	id := r.Acting(domain.RoleCoordinator)
	if id == 0 {
		id = domain.DefaultBranchID
	}
	b, err := f.Store.Branch(r.Ctx, id)
	if err != nil || b.ID == domain.DefaultBranchID || b.Name == "" {
		names = domain.Texts(f.GroupNames).With(f.GroupName)
		if err == nil && b.Name != "" {
			names = b.Names.With(b.Name)
		}
		return names, posterCode
	}
	return b.Names.With(b.Name), b.JoinCode
}

// sendPosterPage sends the printable poster as a document.
func (f *Feature) sendPosterPage(r *chat.Request, names domain.Texts, link string, qrPNG []byte) error {
	page, err := f.posterHTML(names, link, qrPNG)
	if err != nil {
		return err
	}
	err = r.SendDocument("vejviser-poster.html", page, r.L.T("PosterCaption", nil))
	return err
}

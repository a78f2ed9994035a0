package branches

import (
	"bytes"

	"vejviser/bot/chat"
	"vejviser/bot/report"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// cmdReport sends the national figures as an Excel workbook: "/report"
// (this year) or "/report 01.01.2027 30.06.2027". Per branch and in total,
// counts only, every count from 1 to 4 shown as "<5". An administrator
// who also coordinates a branch gets this one: the branch's own report is
// on the command line (vejviser report --branch KEY).
func (f *Feature) cmdReport(r *chat.Request) {
	loc := f.Loc()
	from, to, ok := chat.ReportPeriod(r)
	if !ok {
		return
	}
	bs, total, err := f.Store.NationalFigures(r.Ctx, loc, from, to, f.Now())
	if err != nil {
		r.Fail(err)
		return
	}
	lang := domain.DefaultLanguage // national staff read the file in Danish, or English
	if r.L.Lang() == "en" {
		lang = "en"
	}
	var b bytes.Buffer
	if err := (report.National{Branches: bs, Total: total, L: f.Cat.For(lang)}).WriteXLSX(&b); err != nil {
		r.Fail(err)
		return
	}
	last := to.AddDate(0, 0, -1)
	err = r.SendDocument("vejviser-national-"+from.Format("2006-01-02")+"-"+last.Format("2006-01-02")+".xlsx", b.Bytes(),
		r.L.T("NationalReportCaption", locales.Data{"From": r.L.Date(from), "To": r.L.Date(last), "Branches": len(bs)}))
	if err != nil {
		r.Fail(err)
	}
}

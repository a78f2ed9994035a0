package branches

import (
	"bytes"
	"strings"
	"time"

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
	now := f.Now().In(loc)
	from := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, loc)
	to := from.AddDate(1, 0, 0)
	if fields := strings.Fields(r.Text); len(fields) > 0 {
		var err1, err2 error
		if len(fields) == 2 {
			from, err1 = domain.ParseDate(fields[0], loc)
			to, err2 = domain.ParseDate(fields[1], loc)
			to = to.AddDate(0, 0, 1) // the last day counts whole
		}
		if len(fields) != 2 || err1 != nil || err2 != nil || domain.CheckReportPeriod(from, to) != nil {
			r.Say(r.L.T("ReportUsage", nil))
			return
		}
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

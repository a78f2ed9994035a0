package events

import (
	"bytes"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/report"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// /report in the chat: the § 18 report of the events and activities as an
// Excel workbook in Danish (for the municipality), with the volunteers'
// hours readable in the chat too.

// cmdReport sends the § 18 report as an Excel document: "/report" (this
// year) or "/report 01.01.2027 30.06.2027" (at most domain.MaxReportYears).
func (f *Feature) cmdReport(r *chat.Request) {
	loc := f.Loc()
	from, to, ok := chat.ReportPeriod(r)
	if !ok {
		return
	}
	rep, vol, err := f.gatherReport(r, loc, from, to)
	if err != nil {
		r.Fail(err)
		return
	}
	var b bytes.Buffer
	if err := rep.WriteXLSX(&b); err != nil {
		r.Fail(err)
		return
	}
	r.Say(report.RenderVolunteerHours(r.L, vol)) // the volunteers' part, readable in the chat too; the file follows
	last := to.AddDate(0, 0, -1)
	err = r.SendDocument("vejviser-rapport-"+from.Format("2006-01-02")+"-"+last.Format("2006-01-02")+".xlsx", b.Bytes(), r.L.T("ReportCaption", locales.Data{"From": r.L.Date(from), "To": r.L.Date(last)}))
	if err != nil {
		r.Fail(err)
	}
}

// gatherReport reads the report of [from, to) for the coordinator of r,
// in Danish for the municipality, with the volunteers' hours.
func (f *Feature) gatherReport(r *chat.Request, loc *time.Location, from, to time.Time) (report.Report, domain.VolunteerHours, error) {
	rows, err := f.Store.ReportRowsIn(r.Ctx, r.Scope.Branches(domain.RoleCoordinator), loc, from, to, f.Now())
	if err != nil {
		return report.Report{}, domain.VolunteerHours{}, err
	}
	vol, err := f.Store.VolunteerHoursBetween(r.Ctx, r.Scope.Branches(domain.RoleCoordinator), loc, from, to)
	if err != nil {
		return report.Report{}, vol, err
	}
	network, err := f.Store.NetworkFigures(r.Ctx, r.Scope.Branches(domain.RoleCoordinator), from, to, f.Now())
	if err != nil {
		return report.Report{}, vol, err
	}
	return report.Report{Rows: rows, Volunteers: vol.Report(), Network: &network, Loc: loc, L: r.Env.Cat.For(domain.DefaultLanguage)}, vol, nil
}

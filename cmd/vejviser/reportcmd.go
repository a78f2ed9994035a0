package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"vejviser/bot/report"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

const reportUsage = `Usage: vejviser report [--branch KEY | --national] --from DATE --to DATE [--format xlsx|csv|text]
                       [--out FILE] [--lang da|en] [--table meetings|totals|volunteers] [-db FILE]

Writes the § 18 report of the period (both days included, at most 2 years;
dates as 01.01.2027 or 2027-01-01): one row per event and per activity
meeting (date, kind, key, title, households and adults and children who
said yes, who came, first-time and returning), totals per month and for the
period, and the volunteers' hours. Counts only: no names, no Telegram ids.

  --format xlsx   an Excel workbook, one sheet per table (needs --out)
  --format csv    one table (--table, default meetings) as Danish Excel
                  opens it: semicolons, UTF-8 with a byte order mark (the default)
  --format text   every table aligned, for reading in a terminal
  --out FILE      write to FILE instead of standard output
  --lang en       English headers and values (default: Danish)
  --branch KEY    the branch whose report it is (see vejviser branch list);
                  needed when the bot serves several branches
  --national      every branch's figures instead, one row per branch and the
                  total: participants reached, first-timers, meetings held,
                  attendance, volunteers, volunteer hours. No names, and every
                  count from 1 to 4 shown as "<5" so that no one in a small
                  branch can be singled out (--table does not apply)
  --init          take an empty file as a new Vejviser database (any other
                  file that is not Vejviser's database is refused)

/report in the chat sends the same workbook. See the README for the columns.
`

// reportOpts are the report command's own flags.
type reportOpts struct {
	from, to, format, out, lang, table, branch string
	national                                   bool
}

// reportCmd is `vejviser report`: the § 18 report from the database.
func reportCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	args, init := takeInit(args)
	o := map[string]string{"format": "csv", "lang": "da", "table": report.TableMeetings}
	var rest []string
	for i := 0; i < len(args); i++ {
		name, val, hasVal := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		switch name {
		case "h", "help":
			fmt.Fprint(stdout, reportUsage)
			return nil
		case "national":
			o["national"] = "yes"
		case "from", "to", "format", "out", "lang", "table", "branch":
			if !hasVal {
				if i+1 >= len(args) {
					return &configError{name: "--" + name, msg: "needs a value"}
				}
				i++
				val = args[i]
			}
			o[name] = val
		default:
			rest = append(rest, args[i])
		}
	}
	cfg, extra, err := loadConfig(getenv, rest, "report", false, stderr)
	if err != nil {
		return err
	}
	if len(extra) > 0 {
		return &configError{name: "report", msg: fmt.Sprintf("unexpected argument %q (see vejviser report --help)", extra[0])}
	}
	opts := reportOpts{from: o["from"], to: o["to"], format: o["format"], out: o["out"], lang: o["lang"], table: o["table"],
		branch: o["branch"], national: o["national"] != ""}
	from, to, err := opts.check(cfg.Location)
	if err != nil {
		return err
	}
	store, err := openAdmin(ctx, cfg.DB, init)
	if err != nil {
		return err
	}
	defer store.Close()
	cat, err := locales.New(cfg.Location)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if opts.national {
		err = writeNational(ctx, store, cfg, cat.For(opts.lang), opts.format, from, to, &b)
	} else {
		err = writeBranchReport(ctx, store, cfg, cat.For(opts.lang), opts, from, to, &b)
	}
	if err != nil {
		return err
	}
	if opts.out == "" {
		_, err = stdout.Write(b.Bytes())
		return err
	}
	return os.WriteFile(opts.out, b.Bytes(), 0o644)
}

// check reads the period (the last day counts whole) and checks the options.
func (o reportOpts) check(loc *time.Location) (from, to time.Time, err error) {
	from, err1 := domain.ParseDate(o.from, loc)
	last, err2 := domain.ParseDate(o.to, loc)
	to = last.AddDate(0, 0, 1)
	switch {
	case err1 != nil:
		return from, to, &configError{name: "--from", msg: "a date like 01.01.2027 (or 2027-01-01) is required"}
	case err2 != nil:
		return from, to, &configError{name: "--to", msg: "a date like 31.12.2027 (or 2027-12-31) is required"}
	case last.Before(from):
		return from, to, &configError{name: "--to", msg: "must not be before --from"}
	case domain.CheckReportPeriod(from, to) != nil:
		return from, to, &configError{name: "--to", msg: fmt.Sprintf("a report covers at most %d years", domain.MaxReportYears)}
	case !slices.Contains([]string{"xlsx", "csv", "text"}, o.format):
		return from, to, &configError{name: "--format", msg: "must be xlsx, csv or text"}
	case o.format == "xlsx" && o.out == "":
		return from, to, &configError{name: "--out", msg: "an Excel file needs a file name: --out report.xlsx"}
	case o.lang != "da" && o.lang != "en":
		return from, to, &configError{name: "--lang", msg: "must be da or en"}
	case o.national && o.branch != "":
		return from, to, &configError{name: "--national", msg: "covers every branch: leave out --branch"}
	case !slices.Contains(report.Tables, o.table):
		return from, to, &configError{name: "--table", msg: "must be " + strings.Join(report.Tables, ", ")}
	}
	return from, to, nil
}

// writeBranchReport writes one branch's § 18 report in the format asked.
func writeBranchReport(ctx context.Context, store *storage.Store, cfg config, l *locales.Localizer, opts reportOpts, from, to time.Time, w io.Writer) error {
	branch, err := pickBranch(ctx, store, opts.branch)
	if err != nil {
		return err
	}
	rows, err := store.ReportRowsIn(ctx, []int64{branch.ID}, cfg.Location, from, to, time.Now())
	if err != nil {
		return err
	}
	vol, err := store.VolunteerHoursBetween(ctx, []int64{branch.ID}, cfg.Location, from, to)
	if err != nil {
		return err
	}
	network, err := store.NetworkFigures(ctx, []int64{branch.ID}, from, to, time.Now())
	if err != nil {
		return err
	}
	rep := report.Report{Rows: rows, Volunteers: vol.Report(), Network: &network, Loc: cfg.Location, L: l}
	switch opts.format {
	case "xlsx":
		return rep.WriteXLSX(w)
	case "text":
		return rep.WriteText(w)
	}
	return rep.WriteCSV(w, opts.table)
}

// writeNational writes every branch's figures, small counts hidden.
func writeNational(ctx context.Context, store *storage.Store, cfg config, l *locales.Localizer, format string, from, to time.Time, w io.Writer) error {
	bs, total, err := store.NationalFigures(ctx, cfg.Location, from, to, time.Now())
	if err != nil {
		return err
	}
	rep := report.National{Branches: bs, Total: total, L: l}
	switch format {
	case "xlsx":
		return rep.WriteXLSX(w)
	case "text":
		return rep.WriteText(w)
	}
	return rep.WriteCSV(w)
}

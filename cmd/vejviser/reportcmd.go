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
	"vejviser/storage/domain"
)

const reportUsage = `Usage: vejviser report --from DATE --to DATE [--format xlsx|csv|text] [--out FILE]
                       [--lang da|en] [--table meetings|totals|volunteers] [-db FILE]

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
  --init          take an empty file as a new Vejviser database (any other
                  file that is not Vejviser's database is refused)

/report in the chat sends the same workbook. See the README for the columns.
`

// reportOpts are the report command's own flags.
type reportOpts struct {
	from, to, format, out, lang, table string
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
		case "from", "to", "format", "out", "lang", "table":
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
	opts := reportOpts{from: o["from"], to: o["to"], format: o["format"], out: o["out"], lang: o["lang"], table: o["table"]}
	from, to, err := opts.check(cfg.Location)
	if err != nil {
		return err
	}
	store, err := openAdmin(ctx, cfg.DB, init)
	if err != nil {
		return err
	}
	defer store.Close()
	rows, err := store.ReportRows(ctx, cfg.Location, from, to, time.Now())
	if err != nil {
		return err
	}
	vol, err := store.VolunteerHoursBetween(ctx, cfg.Location, from, to)
	if err != nil {
		return err
	}
	cat, err := locales.New(cfg.Location)
	if err != nil {
		return err
	}
	network, err := store.NetworkFigures(ctx, nil, from, to, time.Now())
	if err != nil {
		return err
	}
	rep := report.Report{Rows: rows, Volunteers: vol.Report(), Network: &network, Loc: cfg.Location, L: cat.For(opts.lang)}
	var b bytes.Buffer
	switch opts.format {
	case "xlsx":
		err = rep.WriteXLSX(&b)
	case "text":
		err = rep.WriteText(&b)
	default:
		err = rep.WriteCSV(&b, opts.table)
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
	case !slices.Contains(report.Tables, o.table):
		return from, to, &configError{name: "--table", msg: "must be " + strings.Join(report.Tables, ", ")}
	}
	return from, to, nil
}

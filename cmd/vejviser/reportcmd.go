package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"vejviser/bot/report"
	"vejviser/storage"
	"vejviser/storage/domain"
)

const reportUsage = `Usage: vejviser report --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|text] [-db FILE]

Prints the § 18 report of the period (both days included): one row per
event and per activity meeting (date, kind, key, title, households and
adults and children who said yes, who came, first-time and returning), then
totals per month and for the period. Counts only: no names, no Telegram ids.
The same as /report in the chat. See the README for the columns.
`

// reportCmd is `vejviser report`: the § 18 report from the database.
func reportCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	opts := map[string]string{"format": "csv"}
	var rest []string
	for i := 0; i < len(args); i++ {
		name, val, hasVal := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		switch name {
		case "h", "help":
			fmt.Fprint(stdout, reportUsage)
			return nil
		case "from", "to", "format":
			if !hasVal {
				if i+1 >= len(args) {
					return &configError{name: "--" + name, msg: "needs a value"}
				}
				i++
				val = args[i]
			}
			opts[name] = val
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
	loc := cfg.Location
	from, err1 := time.ParseInLocation("2006-01-02", opts["from"], loc)
	to, err2 := time.ParseInLocation("2006-01-02", opts["to"], loc)
	switch {
	case err1 != nil:
		return &configError{name: "--from", msg: "a date like 2027-01-01 is required"}
	case err2 != nil:
		return &configError{name: "--to", msg: "a date like 2027-06-30 is required"}
	case to.Before(from):
		return &configError{name: "--to", msg: "must not be before --from"}
	case domain.CheckReportPeriod(from, to.AddDate(0, 0, 1)) != nil:
		return &configError{name: "--to", msg: fmt.Sprintf("a report covers at most %d years", domain.MaxReportYears)}
	case opts["format"] != "csv" && opts["format"] != "text":
		return &configError{name: "--format", msg: "must be csv or text"}
	}
	if _, err := os.Stat(cfg.DB); errors.Is(err, fs.ErrNotExist) {
		return &configError{name: "VEJVISER_DB", msg: fmt.Sprintf("%s does not exist; give the database of the bot with -db", cfg.DB)}
	}
	store, err := storage.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	rows, err := store.ReportRows(ctx, loc, from, to.AddDate(0, 0, 1), time.Now())
	if err != nil {
		return err
	}
	vol, err := store.VolunteerHoursBetween(ctx, loc, from, to.AddDate(0, 0, 1))
	if err != nil {
		return err
	}
	if opts["format"] == "text" {
		return report.WriteText(stdout, rows, vol.Report(), loc)
	}
	return report.WriteCSV(stdout, rows, vol.Report(), loc)
}

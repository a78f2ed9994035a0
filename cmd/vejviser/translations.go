package main

import (
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"vejviser/locales"
)

// translationsCmd runs `vejviser translations status [-v]`: per language, how
// many messages a reviewer has checked against the current Danish text, how
// many are machine drafts nobody has reviewed, and how many went stale
// because the Danish changed after the review. With -v it lists every message
// that needs a reviewer, with the hash to write into its "hash" key once it is
// reviewed.
func translationsCmd(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "status" {
		fmt.Fprintln(stderr, "usage: vejviser translations status [-v]")
		return &configError{name: "translations", msg: "the only subcommand is status"}
	}
	fs := flag.NewFlagSet("translations status", flag.ContinueOnError)
	fs.SetOutput(stderr)
	verbose := fs.Bool("v", false, "list each message that needs review, with the hash to record")
	if err := fs.Parse(args[1:]); err != nil {
		return &configError{name: "translations", msg: err.Error()}
	}
	status, err := locales.ReviewStatus(locales.Files())
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "language\treviewed\tmachine-drafted\tstale\tmissing")
	for _, lang := range locales.Languages {
		if lang == locales.Default {
			continue
		}
		c := locales.Count(status[lang])
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\n", lang, c.Reviewed, c.MachineDrafted, c.Stale, c.Missing)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if !*verbose {
		return nil
	}
	for _, lang := range locales.Languages {
		for _, r := range status[lang] {
			if r.State != locales.Reviewed {
				fmt.Fprintf(stdout, "%s\t%s\t%s\t\"hash\": %q\n", lang, r.ID, r.State, r.Hash)
			}
		}
	}
	return nil
}

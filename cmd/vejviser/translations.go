package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"vejviser/locales"
)

const translationsUsage = `usage:
  vejviser translations status [-v] [-dir DIR]
  vejviser translations export -lang LANG [-format xlsx] -out FILE [-dir DIR]
  vejviser translations import [-dir DIR] FILE`

// translationsCmd runs the translation review: status counts, per language,
// the messages a reviewer has checked against the current Danish text, the
// machine drafts nobody has reviewed, and the ones that went stale because
// the Danish changed after the review; export writes a spreadsheet a native
// speaker can review in; import takes the reviewed spreadsheet back into the
// message files.
//
// The message files are read from DIR, by default ./locales when it holds
// da.json (the repository's own files, which import writes), else the
// catalogue built into the program.
func translationsCmd(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, translationsUsage)
		return &configError{name: "translations", msg: "name a subcommand: status, export or import"}
	}
	switch args[0] {
	case "status":
		return translationsStatus(args[1:], stdout, stderr)
	case "export":
		return translationsExport(args[1:], stdout, stderr)
	case "import":
		return translationsImport(args[1:], stdout, stderr)
	}
	fmt.Fprintln(stderr, translationsUsage)
	return &configError{name: "translations", msg: "unknown subcommand " + args[0] + "; use status, export or import"}
}

func translationsFlags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("translations "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "", "the folder of the message files (default ./locales if it holds da.json, else the built-in catalogue)")
	return fs, dir
}

// localeFiles reads the message files of every language from dir, or from
// ./locales, or from the catalogue built into the program, and says where.
func localeFiles(dir string) (map[string][]byte, string, error) {
	if dir == "" {
		if _, err := os.Stat(filepath.Join("locales", locales.Default+".json")); err != nil {
			return locales.Files(), "", nil
		}
		dir = "locales"
	}
	out := map[string][]byte{}
	for _, lang := range locales.Languages {
		b, err := os.ReadFile(filepath.Join(dir, lang+".json"))
		if err != nil {
			return nil, "", err
		}
		out[lang] = b
	}
	return out, dir, nil
}

func translationsStatus(args []string, stdout, stderr io.Writer) error {
	fs, dir := translationsFlags("status", stderr)
	verbose := fs.Bool("v", false, "list each message that needs review, with the hash to record")
	if err := fs.Parse(args); err != nil {
		return &configError{name: "translations", msg: err.Error()}
	}
	files, _, err := localeFiles(*dir)
	if err != nil {
		return err
	}
	status, err := locales.ReviewStatus(files)
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

func translationsExport(args []string, stdout, stderr io.Writer) error {
	fs, dir := translationsFlags("export", stderr)
	lang := fs.String("lang", "", "the language to review: ar, ti or en")
	format := fs.String("format", "xlsx", "the file format; xlsx is the one there is")
	out := fs.String("out", "", "the spreadsheet to write")
	if err := fs.Parse(args); err != nil {
		return &configError{name: "translations", msg: err.Error()}
	}
	switch {
	case *format != "xlsx":
		return &configError{name: "translations", msg: "-format " + *format + ": only xlsx is supported"}
	case *out == "":
		return &configError{name: "translations", msg: "-out: name the spreadsheet to write"}
	case *lang == locales.Default || !locales.Supported(*lang):
		return &configError{name: "translations", msg: fmt.Sprintf("-lang %q: choose ar, ti or en (Danish is the source)", *lang)}
	}
	files, _, err := localeFiles(*dir)
	if err != nil {
		return err
	}
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		return err
	}
	cat, err := locales.New(loc)
	if err != nil {
		return err
	}
	rows, err := locales.ExportRows(files, *lang, cat)
	if err != nil {
		return err
	}
	if err := writeReviewSheet(*out, *lang, rows); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d rows of %s to review\n", *out, len(rows), *lang)
	return nil
}

func translationsImport(args []string, stdout, stderr io.Writer) error {
	fs, dir := translationsFlags("import", stderr)
	if err := fs.Parse(args); err != nil {
		return &configError{name: "translations", msg: err.Error()}
	}
	if fs.NArg() != 1 {
		return &configError{name: "translations", msg: "import: name the one reviewed spreadsheet"}
	}
	files, from, err := localeFiles(*dir)
	if err != nil {
		return err
	}
	if from == "" {
		return &configError{name: "translations", msg: "import: no ./locales here; run it in the repository or pass -dir"}
	}
	lang, rows, err := readReviewSheet(fs.Arg(0))
	if err != nil {
		return err
	}
	res, err := locales.ApplyReview(files, lang, rows)
	var refused locales.RowErrors
	if errors.As(err, &refused) {
		for _, e := range refused {
			fmt.Fprintln(stderr, e.Error())
		}
		return fmt.Errorf("%s: %d rows refused; nothing was changed", fs.Arg(0), len(refused))
	}
	if err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(from, lang+".json"), res.File); err != nil {
		return err
	}
	printImport(stdout, lang, from, res)
	return nil
}

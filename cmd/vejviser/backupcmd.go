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

	"vejviser/storage"
)

const backupUsage = `Usage: vejviser backup [-db FILE] [--to DIR]

Copies the database of a running bot without stopping it, checks the copy
(integrity check and a read of what it holds), names it with the time in
UTC and prints its path. DIR defaults to VEJVISER_BACKUP_DIR, or a
"backups" folder beside the database.
`

const restoreUsage = `Usage: vejviser restore --check FILE
       vejviser restore FILE [-db FILE]

--check opens a backup read-only and prints what it holds and whether it
passes the integrity check. Without --check the backup replaces the
database; the old file is kept beside it. Stop the bot first: restore
refuses while a bot runs on the database (the bot holds DB.lock).
`

// adminArgs takes the command's own flags (named in own; "check" takes no
// value) out of args and reads the configuration from the rest.
func adminArgs(name string, args []string, own map[string]bool, getenv func(string) string, stderr io.Writer) (config, map[string]string, []string, error) {
	opts := map[string]string{}
	var rest, positional []string
	for i := 0; i < len(args); i++ {
		flag, val, hasVal := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		takesValue, ok := own[flag]
		switch {
		case !strings.HasPrefix(args[i], "-"):
			positional = append(positional, args[i]) // a file: flags may come after it
			continue
		case !ok: // a setting's flag (-db FILE): every one takes a value
			rest = append(rest, args[i])
			if !hasVal && i+1 < len(args) {
				i++
				rest = append(rest, args[i])
			}
			continue
		}
		if takesValue && !hasVal {
			if i+1 >= len(args) {
				return config{}, nil, nil, &configError{name: "--" + flag, msg: "needs a value"}
			}
			i++
			val = args[i]
		}
		opts[flag] = val
	}
	cfg, extra, err := loadConfig(getenv, rest, name, false, stderr)
	return cfg, opts, append(extra, positional...), err
}

// backupCmd is `vejviser backup`.
func backupCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, opts, extra, err := adminArgs("backup", args, map[string]bool{"to": true, "h": false, "help": false}, getenv, stderr)
	if err != nil {
		return err
	}
	if hasKey(opts, "h") || hasKey(opts, "help") {
		fmt.Fprint(stdout, backupUsage)
		return nil
	}
	if len(extra) > 0 {
		return &configError{name: "backup", msg: fmt.Sprintf("unexpected argument %q (see vejviser backup --help)", extra[0])}
	}
	dir, given := opts["to"]
	if !given {
		dir = cfg.BackupDir
		if err := os.MkdirAll(dir, 0o700); err != nil { // the default folder is made on first use
			return fmt.Errorf("backup directory %s: %w", dir, errors.Unwrap(err))
		}
	}
	start := time.Now()
	path, err := storage.BackupFile(ctx, cfg.DB, dir)
	if err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil {
		fmt.Fprintf(stderr, "backup checked: %d bytes in %v\n", st.Size(), time.Since(start).Round(time.Millisecond))
	}
	fmt.Fprintln(stdout, path)
	return nil
}

func hasKey(m map[string]string, k string) bool { _, ok := m[k]; return ok }

// restoreCmd is `vejviser restore --check FILE` and `vejviser restore FILE`.
func restoreCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, opts, extra, err := adminArgs("restore", args, map[string]bool{"check": false, "h": false, "help": false}, getenv, stderr)
	if err != nil {
		return err
	}
	if hasKey(opts, "h") || hasKey(opts, "help") {
		fmt.Fprint(stdout, restoreUsage)
		return nil
	}
	if len(extra) != 1 {
		return &configError{name: "restore", msg: "give exactly one backup file (see vejviser restore --help)"}
	}
	file := extra[0]
	if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) {
		return &configError{name: "restore", msg: fmt.Sprintf("%s does not exist", file)}
	}
	if hasKey(opts, "check") {
		sum, err := storage.Inspect(ctx, file)
		if err != nil {
			return err
		}
		printSummary(stdout, file, sum)
		if !sum.OK() {
			return fmt.Errorf("%s fails the integrity check: %s", file, sum.Integrity)
		}
		return nil
	}
	old, err := storage.Restore(ctx, file, cfg.DB)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restored %s into %s\n", file, cfg.DB)
	if old != "" {
		fmt.Fprintf(stdout, "the database it replaced is kept as %s\n", old)
	}
	return nil
}

func printSummary(w io.Writer, file string, sum storage.Summary) {
	fmt.Fprintf(w, "backup:          %s\n", file)
	if !sum.OK() {
		fmt.Fprintf(w, "integrity check: FAILED: %s\n", sum.Integrity)
		return
	}
	fmt.Fprintf(w, "integrity check: ok\n")
	fmt.Fprintf(w, "schema version:  %d\n", sum.SchemaVersion)
	for _, c := range sum.Counts {
		fmt.Fprintf(w, "%-16s %d\n", c.What+":", c.N)
	}
}

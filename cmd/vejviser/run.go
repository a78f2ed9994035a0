package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
)

const usage = `Usage:
  vejviser [flags]              run the bot (long polling, or webhook when VEJVISER_WEBHOOK_URL is set)
  vejviser demo [-db FILE]      run the real bot offline against a fake Telegram, chatting in this terminal;
                                with -db the database is kept in FILE after :quit
  vejviser broadcast --audience all|participants|volunteers|coordinators|activity:KEY|event:KEY|language:xx
                     --text "…" [--text-ar "…"] [--text-ti "…"] [--text-en "…"] [--branch KEY | --national] [flags]
                                queue a broadcast in the database of a running bot (or for its next start);
                                --branch is needed when the bot serves several branches
  vejviser import [--branch KEY] [flags] plan.toml
                                create or update activities, events and shifts from a season plan file (see vejviser import --help)
  vejviser report [--branch KEY | --national] --from DD.MM.YYYY --to DD.MM.YYYY [--format xlsx|csv|text] [--out FILE] [--lang da|en] [flags]
                                the § 18 report: events and activity meetings with counts, volunteer hours; no names;
                                --national: every branch's counts, 1 to 4 shown as "<5"
  vejviser branch add KEY --name "…" [--name-ar …] [--coordinator ID]... | list | rename KEY --name… | coordinators KEY --add ID --remove ID
                                the branches one bot serves (see vejviser branch --help)
  vejviser backup [-db FILE] [--to DIR]
                                copy a running bot's database, checked, named with the time; prints its path
  vejviser restore --check FILE | restore FILE [-db FILE]
                                show what a backup holds and whether it is sound | put it in place (bot stopped)
  vejviser translations status [-v] [-dir DIR]
                                per language: messages reviewed, machine-drafted, stale (see README)
  vejviser translations export -lang ar|ti|en -out FILE.xlsx [-dir DIR]
                                a spreadsheet a native speaker reviews the language in
  vejviser translations import [-dir DIR] FILE.xlsx
                                take the reviewed spreadsheet back into locales/: corrections and OKs

Settings come from the environment (see README); flags override them:
  -db, -api-url, -coordinators, -tz, -webhook-url, -listen, -send-rate, -log-level, -group-name, -ask-per-hour, -ask-keep-days
`

// run is the whole program; main only supplies the process's world. The
// demo reads the terminal from the process's standard input.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return runIO(ctx, args, getenv, os.Stdin, stdout, stderr)
}

// runIO is run with the demo's input given, for tests.
func runIO(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		cmd, args = "help", args[1:]
	} else if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	err := dispatch(ctx, cmd, args, getenv, stdin, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil // -h / --help: the usage was printed
	}
	return err
}

func dispatch(ctx context.Context, cmd string, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	switch cmd {
	case "serve":
		cfg, _, err := loadConfig(getenv, args, cmd, true, stderr)
		if err != nil {
			return err
		}
		return serve(ctx, cfg, newLogger(cfg, stderr), nil)
	case "demo":
		cfg, _, err := loadConfig(getenv, args, cmd, false, stderr)
		if err != nil {
			return err
		}
		return demo(ctx, cfg, givesFlag(args, "db"), stdin, stdout, stderr)
	case "broadcast":
		args, init := takeInit(args)
		cfg, rest, err := loadConfig(getenv, args, cmd, false, stderr)
		if err != nil {
			return err
		}
		return broadcastCmd(ctx, cfg, rest, init, stdout)
	case "import":
		return importCmd(ctx, args, getenv, stdout, stderr)
	case "translations":
		return translationsCmd(args, stdout, stderr)
	case "branch":
		return branchCmd(ctx, args, getenv, stdout, stderr)
	case "report":
		return reportCmd(ctx, args, getenv, stdout, stderr)
	case "backup":
		return backupCmd(ctx, args, getenv, stdout, stderr)
	case "restore":
		return restoreCmd(ctx, args, getenv, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		_, _, err := loadConfig(getenv, []string{"-h"}, "", false, stdout) // describes every flag
		return err
	}
	fmt.Fprint(stderr, usage)
	return &configError{name: "command", msg: fmt.Sprintf("unknown command %q", cmd)}
}

// givesFlag reports whether args set the flag name (-name or --name, with
// its value after = or as the next argument).
func givesFlag(args []string, name string) bool {
	for _, a := range args {
		n, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && n == name {
			return true
		}
	}
	return false
}

func newLogger(cfg config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

package main

import (
	"context"
	"errors"
	"fmt"

	"vejviser/storage"
)

// openAdmin opens the bot's database for an admin command (import, report,
// broadcast). Opening migrates, so a wrong path must not get that far: a
// missing file is refused (a typo must not create a database no bot
// reads), and so is a file that is not Vejviser's database (another
// program's SQLite file, any other file), which migrating would alter. An
// empty file (or an SQLite file without tables) is taken only with --init.
func openAdmin(ctx context.Context, path string, init bool) (*storage.Store, error) {
	kind, err := storage.Kind(ctx, path)
	switch {
	case errors.Is(err, storage.ErrNoDatabase):
		return nil, &configError{name: "VEJVISER_DB", msg: fmt.Sprintf("%s does not exist; give the database of the bot with -db (the bot creates it when it first starts)", path)}
	case err != nil:
		return nil, &configError{name: "VEJVISER_DB", msg: err.Error()}
	case kind == storage.FileForeign:
		return nil, &configError{name: "VEJVISER_DB", msg: fmt.Sprintf("%s is not Vejviser's database; give the bot's database with -db", path)}
	case kind == storage.FileEmpty && !init:
		return nil, &configError{name: "VEJVISER_DB", msg: fmt.Sprintf("%s is empty; add --init to make it a new Vejviser database", path)}
	}
	return storage.Open(ctx, path)
}

// takeInit removes --init (or -init) from args and says whether it was there.
func takeInit(args []string) ([]string, bool) {
	out := make([]string, 0, len(args))
	found := false
	for _, a := range args {
		if a == "--init" || a == "-init" {
			found = true
			continue
		}
		out = append(out, a)
	}
	return out, found
}

// takeFlag removes a boolean flag (--name or -name) from args, wherever it
// is, and reports whether it was there.
func takeFlag(args []string, name string) ([]string, bool) {
	out := make([]string, 0, len(args))
	found := false
	for _, a := range args {
		if a == "--"+name || a == "-"+name {
			found = true
			continue
		}
		out = append(out, a)
	}
	return out, found
}

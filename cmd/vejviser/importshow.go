package main

import (
	"fmt"
	"io"
	"sort"

	"vejviser/bot/plan"
	"vejviser/storage"
)

// showImport prints what an import did (or, dry, would do), entry by
// entry in the file's order, then the counts:
//
//	plan.toml:12 event julefest-2026: updated
//	  place: "Ballerup Sprogskole" → "Ballerup Bibliotek"
//	  told: 12 households coming or waiting are told the new time or place
func showImport(w io.Writer, f *plan.File, rep storage.ImportReport, dry bool) {
	entries := append([]storage.EntryChange(nil), rep.Entries...)
	sort.SliceStable(entries, func(i, j int) bool { return f.Line(entries[i].Key, "") < f.Line(entries[j].Key, "") })
	for _, e := range entries {
		fmt.Fprintf(w, "%s:%d %s %s: %s\n", f.Name, f.Line(e.Key, ""), e.Kind, e.Key, e.Action)
		for _, c := range e.Changes {
			fmt.Fprintf(w, "  %s: %s → %s\n", c.Field, shown(c.Old), shown(c.New))
		}
		for _, t := range e.Told {
			fmt.Fprintf(w, "  told: %s\n", t)
		}
	}
	fmt.Fprintf(w, "activities: %d created, %d updated, %d unchanged\n", rep.Created, rep.Updated, rep.Unchanged)
	p := f.Plan
	if len(p.Shifts) > 0 {
		fmt.Fprintf(w, "shifts: %d created, %d updated, %d unchanged\n", rep.Shifts.Created, rep.Shifts.Updated, rep.Shifts.Unchanged)
	}
	if len(p.Events) > 0 {
		e := rep.Events
		fmt.Fprintf(w, "events: %d created, %d updated, %d unchanged (the running bot sends the invitations)\n", e.Created, e.Updated, e.Unchanged)
	}
	if dry {
		fmt.Fprintln(w, "dry run: nothing was imported")
	}
}

// shown is a field's value as printed: quoted, or "(none)".
func shown(v string) string {
	if v == "" {
		return "(none)"
	}
	return fmt.Sprintf("%q", v)
}

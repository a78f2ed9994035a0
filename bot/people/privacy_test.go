package people

import (
	"context"
	"database/sql"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"vejviser/locales"
	"vejviser/storage"
)

// TestPrivacyNoteMatchesTheSchema holds the privacy note, the code and the
// database together: every column of the members table is spoken for by a
// line of the note, every line the note names a column for is a real column,
// and every line is in the rendered note in every language.
func TestPrivacyNoteMatchesTheSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	s, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM pragma_table_info('members')`)
	if err != nil {
		t.Fatal(err)
	}
	schema := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		schema[name] = true
	}
	if err := rows.Err(); err != nil || len(schema) == 0 {
		t.Fatalf("members schema: %v (%d columns)", err, len(schema))
	}
	listed := map[string]bool{}
	for _, f := range storedFields {
		for _, c := range f.columns {
			if !schema[c] {
				t.Errorf("the note's line %s speaks for column %q, which the members table does not have", f.msg, c)
			}
			listed[c] = true
		}
	}
	var unlisted []string
	for c := range schema {
		if !listed[c] {
			unlisted = append(unlisted, c)
		}
	}
	sort.Strings(unlisted)
	if len(unlisted) > 0 {
		t.Errorf("members columns the privacy note does not speak for: %v (add them to storedFields and the note)", unlisted)
	}

	cat := testFeature(t).Cat
	for _, lang := range locales.Languages {
		L := cat.For(lang)
		note := privacyNote(L)
		for _, f := range storedFields {
			if line := "• " + L.T(f.msg, nil); !strings.Contains(note, line) {
				t.Errorf("%s: the rendered note lacks %q", lang, line)
			}
		}
	}
}

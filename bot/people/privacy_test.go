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
	"vejviser/storage/domain"
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
		note := privacyNote(L, domain.RoleCoordinator, "G")
		for _, f := range storedFields {
			if line := "• " + L.T(f.msg, nil); !strings.Contains(note, line) {
				t.Errorf("%s: the rendered note lacks %q", lang, line)
			}
		}
	}
}

// Each role reads what is stored about that role: a participant's note has
// neither the coordinators' nor the volunteers' line, and every note names
// the coordinators of the group by its name in the reader's language.
func TestPrivacyNoteShowsEachRoleItsOwn(t *testing.T) {
	f := testFeature(t)
	for _, lang := range locales.Languages {
		L := f.Cat.For(lang)
		coord, vol := "• "+L.T("PrivacyStoredCoordinator", nil), "• "+L.T("PrivacyStoredVolunteer", nil)
		for _, tc := range []struct {
			role       domain.Role
			coord, vol bool
		}{
			{domain.RoleParticipant, false, false},
			{domain.RoleVolunteer, false, true},
			{domain.RoleCoordinator, true, true},
		} {
			note, _ := f.ConsentNote(L, lang, "-", tc.role)
			if strings.Contains(note, coord) != tc.coord || strings.Contains(note, vol) != tc.vol {
				t.Errorf("%s %s: coordinators' line %v (want %v), volunteers' line %v (want %v)", lang, tc.role,
					strings.Contains(note, coord), tc.coord, strings.Contains(note, vol), tc.vol)
			}
			if group := L.T("PrivacyWhoSees", locales.Data{"Group": f.Group(lang)}); !strings.Contains(note, group) || f.Group(lang) == "" {
				t.Errorf("%s: the note does not say %q", lang, group)
			}
		}
	}
	if ar := f.Group("ar"); !strings.Contains(ar, "الصليب الأحمر") {
		t.Errorf("the Arabic reader reads the group as %q", ar)
	}
}

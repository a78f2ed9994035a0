package storage

import (
	"context"
	"encoding/json"
	"sort"
	"testing"

	"vejviser/storage/domain"
)

// TestExportCoversEveryMemberColumn walks every table the migrations make
// and every column that refers to a member (a foreign key to members): each
// must be named in exportColumns with a part of the export that the JSON of
// /mydata holds, so that the next feature cannot leave one out.
func TestExportCoversEveryMemberColumn(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	var cols []string
	if err := s.r.SelectContext(ctx, &cols, `SELECT m.name || '.' || f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" = 'members' ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	if len(cols) < 15 {
		t.Fatalf("only %d member columns found: %v", len(cols), cols)
	}
	register(t, s, 1, "da", domain.RoleCoordinator)
	e, err := s.ExportMember(ctx, 1, t0)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(e)
	var parts map[string]json.RawMessage
	if err := json.Unmarshal(b, &parts); err != nil {
		t.Fatal(err)
	}
	parts["unfinished_step_by_step_chat"], parts["volunteer"], parts["ask_us_muted"] = nil, nil, nil // omitted when empty
	var missing []string
	for _, c := range cols {
		part, ok := exportColumns[c]
		if _, shown := parts[part]; !ok || !shown {
			missing = append(missing, c)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("columns that hold a member's data and that /mydata does not export: %v (add them to the export and exportColumns)", missing)
	}
	for c := range exportColumns {
		found := false
		for _, x := range cols {
			found = found || x == c
		}
		if !found {
			t.Errorf("exportColumns names %s, which is no column referring to a member", c)
		}
	}
}

package chattest

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vejviser/bot/chat"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// Screen is a message and its keyboard as the golden files show them: the
// text, then one row of [buttons] a line.
func Screen(text string, k chat.Keyboard) string {
	var b strings.Builder
	b.WriteString(text)
	for _, r := range k {
		b.WriteString("\n")
		var cells []string
		for _, btn := range r {
			cells = append(cells, "["+btn.Text+"]")
		}
		b.WriteString(strings.Join(cells, " "))
	}
	return b.String()
}

// Golden compares got with the file at path, or with -update rewrites the
// file (and its directory) with got.
func Golden(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update in this package)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file; if intended, run go test -run %s -update in this package\n--- got:\n%s", path, t.Name(), got)
	}
}

package bot

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every message id the chat's code names literally (L.T("Id", …),
// L.N("Id", …), and the keys of tables such as userErrors) exists in the
// catalogue. The locale tests check the files against each other; this
// checks the code against the files, so a message removed from the files
// while still used fails here instead of showing its id to a member.
func TestEveryMessageTheCodeNamesExists(t *testing.T) {
	a := testApp(t)
	known := map[string]bool{}
	for _, id := range a.Cat.IDs() {
		known[id] = true
	}
	calls := regexp.MustCompile(`\.(?:T|N)\("([A-Za-z0-9]+)"\s*[,)]`)
	// Ids in tables, not placeholder names (those are followed by ":").
	keys := regexp.MustCompile(`"((?:Btn|Cmd|Count|Event|Shift|Activity|Meeting|Privacy|Ask|Broadcast)[A-Za-z0-9]*)"\s*[,})\]]`)
	// The wiring and every feature package below it.
	var files []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range []*regexp.Regexp{calls, keys} {
			for _, m := range re.FindAllStringSubmatch(string(src), -1) {
				seen++
				if !known[m[1]] {
					t.Errorf("%s names message %q, which no catalogue has", f, m[1])
				}
			}
		}
	}
	if seen < 300 {
		t.Fatalf("found only %d message ids in the code: the scan is broken", seen)
	}
}

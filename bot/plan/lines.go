package plan

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// lineIndex maps the path of every table, key and array element of a TOML
// document to the line where it first appears. A path is the keys from the
// root joined by sep, with the index of an element of an array (of tables
// or values) as a key: "activity", "0", "title", "da".
type lineIndex map[string]int

const sep = "\x00" // cannot occur in a key the decoder accepted as a path part

func pathOf(parts ...string) string { return strings.Join(parts, sep) }

// at is the line of a path, or 0 when the document does not have it.
func (l lineIndex) at(parts ...string) int { return l[pathOf(parts...)] }

func (l lineIndex) set(path string, line int) {
	if _, ok := l[path]; !ok {
		l[path] = line
	}
}

// locate walks the syntax tree of go-toml's parser (its unstable API: the
// version is pinned in go.mod) and records the lines. Array tables are
// counted as the decoder counts them, so "activity", "2" is the third
// [[activity]] table.
func locate(data []byte) (lineIndex, error) {
	var p unstable.Parser
	p.Reset(data)
	w := walker{p: &p, lines: lineIndex{}, arrays: map[string]int{}, newlines: newlines(data)}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			w.header(e)
		case unstable.KeyValue:
			w.keyValue(w.table, e)
		}
	}
	return w.lines, p.Error()
}

type walker struct {
	p      *unstable.Parser
	lines  lineIndex
	arrays map[string]int // array table path → tables seen so far
	table  string         // path of the current table
	// newlines are the offsets of the file's line breaks: a node's line is
	// found by binary search (the parser's own Shape rescans the file from
	// the start for each node, which made a large plan quadratic).
	newlines []int
}

// newlines lists the offset of every '\n' in data.
func newlines(data []byte) []int {
	out := make([]int, 0, bytes.Count(data, []byte{'\n'}))
	for i, c := range data {
		if c == '\n' {
			out = append(out, i)
		}
	}
	return out
}

// line is the line where a node starts, or def when the parser gave the
// node no position.
func (w *walker) line(n *unstable.Node, def int) int {
	if n == nil || n.Raw.Length == 0 {
		return def
	}
	return 1 + sort.SearchInts(w.newlines, int(n.Raw.Offset))
}

// header handles [table] and [[array table]]: a part naming an array of
// tables stands for its latest table, as in TOML.
func (w *walker) header(e *unstable.Node) {
	keys := e.Key()
	var parts []string
	line := 0
	for keys.Next() {
		if line == 0 {
			line = w.line(keys.Node(), 0)
		}
		parts = append(parts, string(keys.Node().Data))
	}
	path := ""
	for i, part := range parts {
		path = join(path, part)
		last := i == len(parts)-1
		if n, ok := w.arrays[path]; ok && !(last && e.Kind == unstable.ArrayTable) {
			path = join(path, strconv.Itoa(n-1))
		}
		w.lines.set(path, line)
	}
	if e.Kind == unstable.ArrayTable {
		w.arrays[path]++
		path = join(path, strconv.Itoa(w.arrays[path]-1))
		w.lines.set(path, line)
	}
	w.table = path
}

// keyValue records a (possibly dotted) key and what its value holds.
func (w *walker) keyValue(table string, e *unstable.Node) {
	keys := e.Key()
	path := table
	line := 0
	for keys.Next() {
		line = w.line(keys.Node(), line)
		path = join(path, string(keys.Node().Data))
		w.lines.set(path, line)
	}
	w.value(path, e.Value(), line)
}

// value records the insides of inline tables and arrays.
func (w *walker) value(path string, v *unstable.Node, line int) {
	switch v.Kind {
	case unstable.InlineTable:
		kids := v.Children()
		for kids.Next() {
			if kids.Node().Kind == unstable.KeyValue {
				w.keyValue(path, kids.Node())
			}
		}
	case unstable.Array:
		kids := v.Children()
		i := 0
		for kids.Next() {
			n := kids.Node()
			if n.Kind == unstable.Comment {
				continue
			}
			p := join(path, strconv.Itoa(i))
			l := w.line(n, line)
			w.lines.set(p, l)
			w.value(p, n, l)
			i++
		}
	}
}

func join(path, part string) string {
	if path == "" {
		return part
	}
	return path + sep + part
}

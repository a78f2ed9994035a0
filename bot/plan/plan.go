// Package plan reads season plan files: the TOML file a coordinator keeps
// for a season (`vejviser import plan.toml`), with one [[activity]] table
// per recurring activity (events and shifts join as they land). Parse checks
// the whole file and returns either a storage.Plan ready to import or every
// problem found, each with its line, the entry's key and the field, so that
// a broken file is refused whole and fixed in one go.
//
// The TOML itself is read by github.com/pelletier/go-toml/v2: its decoder
// checks the syntax and the TOML rules (a key defined twice, a table
// redefined), and its parser's syntax tree gives the line of every entry and
// field (see lines.go).
package plan

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"

	"vejviser/storage"
	"vejviser/storage/domain"
)

// Problem is one thing wrong in a plan file.
type Problem struct {
	Line  int    // 1-based line in the file
	Kind  string // the entry's table ("activity"), or "" for the file as a whole
	Entry string // the entry's key, or "#N" (its place among its kind) when it has none
	Field string // the field ("weekly", "title.ar"), or ""
	Msg   string
}

// Format is the problem as one line: `plan.toml:7 activity tal-dansk:
// weekly: unknown weekday "thurday"`.
func (p Problem) Format(file string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d", file, p.Line)
	if p.Kind != "" {
		fmt.Fprintf(&b, " %s %s", p.Kind, p.Entry)
	}
	b.WriteString(":")
	if p.Field != "" {
		fmt.Fprintf(&b, " %s:", p.Field)
	}
	b.WriteString(" " + p.Msg)
	return b.String()
}

// Error is a plan file with problems, all of them, in line order.
type Error struct {
	File     string // the file's name as the user gave it
	Problems []Problem
}

// Lines is every problem formatted, one per line.
func (e *Error) Lines() []string {
	out := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p.Format(e.File)
	}
	return out
}

// Error is the problems, one per line.
func (e *Error) Error() string { return strings.Join(e.Lines(), "\n") }

// kinds are the entry tables a plan may hold, each read by its own
// function. An entry reader records problems on the entry and adds what it
// read to the plan.
var kinds = map[string]func(*entry, *storage.Plan){
	"activity": readActivity,
	"event":    readEvent,
	"shift":    readShift,
}

// Parse reads a plan file with dates and times in Europe/Copenhagen; see ParseIn.
func Parse(name string, data []byte) (storage.Plan, error) {
	return ParseIn(name, data, defaultLoc)
}

// ParseIn reads a plan file whose dates and times are local to loc; name
// is the file's name as given, used in the problems. The error is an *Error
// listing every problem found.
func ParseIn(name string, data []byte, loc *time.Location) (storage.Plan, error) {
	f, err := Read(name, data, loc)
	if err != nil {
		return storage.Plan{}, err
	}
	return f.Plan, nil
}

// File is a plan file read without problems: its plan, and where each
// entry and field is, for the problems the database finds.
type File struct {
	Name  string
	Plan  storage.Plan
	lines lineIndex
	where map[string][]string // entry key → its path: kind, index
}

// Line is the line of an entry's field (of the table holding it, or of the
// entry's header, when the file does not have it), 0 for a key the file
// does not have.
func (f *File) Line(key, field string) int {
	path, ok := f.where[key]
	if !ok {
		return 0
	}
	// title.ar left out of the file is on the line of title, if any.
	for parts := strings.Split(field, "."); field != "" && len(parts) > 0; parts = parts[:len(parts)-1] {
		if l := f.lines.at(append(append([]string(nil), path...), parts...)...); l > 0 {
			return l
		}
	}
	return f.lines.at(path...)
}

// Problems places the problems the database found in the file, in line
// order.
func (f *File) Problems(ps []storage.PlanProblem) *Error {
	out := make([]Problem, len(ps))
	for i, p := range ps {
		out[i] = Problem{Line: f.Line(p.Key, p.Field), Kind: p.Kind, Entry: p.Key, Field: p.Field, Msg: p.Msg}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return &Error{File: f.Name, Problems: out}
}

// Read is ParseIn keeping the lines of the entries: see File.
func Read(name string, data []byte, loc *time.Location) (*File, error) {
	var plan storage.Plan
	// Windows editors may start the file with a byte order mark, which TOML
	// does not allow.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		var de *toml.DecodeError
		if !errors.As(err, &de) {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := de.Position()
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		if strings.Contains(msg, "expected keyword") || strings.Contains(msg, "at start of value") {
			msg += ` (is a text missing its quotes? weekly = "thursday 15:00-17:00")`
		}
		return nil, &Error{File: name, Problems: []Problem{{Line: line, Msg: "not valid TOML: " + msg}}}
	}
	lines, err := locate(data)
	if err != nil { // the decoder accepted the file: the parser must too
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	r := &reader{lines: lines, keys: map[string]keyUse{}, loc: loc, where: map[string][]string{}}
	top := make([]string, 0, len(doc))
	for k := range doc {
		top = append(top, k)
	}
	sort.Slice(top, func(i, j int) bool { return lines.at(top[i]) < lines.at(top[j]) })
	for _, k := range top {
		read, known := kinds[k]
		list, isList := doc[k].([]any)
		switch {
		case !known:
			what := "key"
			switch doc[k].(type) {
			case map[string]any, []any:
				what = "table"
			}
			r.add(Problem{Line: lines.at(k), Field: k, Msg: "unknown " + what + "; a plan holds [[activity]] tables"})
		case !isList:
			r.add(Problem{Line: lines.at(k), Field: k, Msg: fmt.Sprintf("write each %s as a [[%s]] table", k, k)})
		default:
			for i, v := range list {
				e := r.entry(k, i, v)
				if e != nil {
					read(e, &plan)
				}
			}
		}
	}
	if len(r.problems) > 0 {
		sort.SliceStable(r.problems, func(i, j int) bool { return r.problems[i].Line < r.problems[j].Line })
		return nil, &Error{File: name, Problems: r.problems}
	}
	return &File{Name: name, Plan: plan, lines: lines, where: r.where}, nil
}

// keyUse is where a key was first used in the file.
type keyUse struct {
	kind string
	line int
}

// reader holds what reading one file collects.
type reader struct {
	lines    lineIndex
	keys     map[string]keyUse // keys are unique in the whole file, across kinds
	problems []Problem
	loc      *time.Location // where the plan's dates and times are
	where    map[string][]string
}

func (r *reader) add(p Problem) { r.problems = append(r.problems, p) }

// entry prepares the i-th table of a kind, checking its key: present,
// valid and unique in the file. It returns nil when v is not a table.
func (r *reader) entry(kind string, i int, v any) *entry {
	path := []string{kind, strconv.Itoa(i)}
	e := &entry{r: r, kind: kind, path: path, line: r.lines.at(path...), name: "#" + strconv.Itoa(i+1)}
	fields, ok := v.(map[string]any)
	if !ok { // `activity = [1, 2]`: an array, but not of tables
		e.problemAt(e.line, "", fmt.Sprintf("write each %s as a [[%s]] table", kind, kind))
		return nil
	}
	e.fields = fields
	e.used = map[string]bool{"key": true}
	raw, present := fields["key"]
	key, isString := raw.(string)
	switch {
	case !present:
		e.problemAt(e.line, "key", `is required: a short name such as "tal-dansk" that stays the same from season to season`)
	case !isString:
		e.problem("key", "must be text in quotes, such as \"tal-dansk\"")
	case !domain.ValidKey(key):
		e.problem("key", fmt.Sprintf("%q is not a key: use lower-case letters a-z, digits and dashes, at most 64, starting with a letter or digit", key))
	default:
		e.name = key
		if first, dup := r.keys[key]; dup {
			e.problem("key", fmt.Sprintf("%q is already the key of the %s on line %d", key, first.kind, first.line))
		} else {
			r.keys[key] = keyUse{kind: kind, line: e.line}
			r.where[key] = path
		}
	}
	return e
}

// entry is one [[kind]] table of the file while it is read.
type entry struct {
	r      *reader
	kind   string
	path   []string // path of the table in the document: kind, index
	line   int      // line of its [[kind]] header
	name   string   // key, or "#N"
	fields map[string]any
	used   map[string]bool // fields read so far
}

// fieldLine is the line of a field (dotted for nested ones), or of the
// entry's header when the field is absent.
func (e *entry) fieldLine(field string) int {
	if l := e.r.lines.at(append(append([]string(nil), e.path...), strings.Split(field, ".")...)...); l > 0 {
		return l
	}
	return e.line
}

// problem records a problem with a field, at the field's line.
func (e *entry) problem(field, msg string) { e.problemAt(e.fieldLine(field), field, msg) }

func (e *entry) problemAt(line int, field, msg string) {
	e.r.add(Problem{Line: line, Kind: e.kind, Entry: e.name, Field: field, Msg: msg})
}

// has reports whether the entry sets a field.
func (e *entry) has(field string) bool {
	_, ok := e.fields[field]
	return ok
}

// text reads an optional text field; ok is false when it is absent or
// wrong (then a problem has been recorded).
func (e *entry) text(field string) (string, bool) {
	e.used[field] = true
	v, present := e.fields[field]
	if !present {
		return "", false
	}
	s, isString := v.(string)
	s = domain.CleanText(s)
	switch {
	case !isString:
		e.problem(field, "must be text in quotes")
		return "", false
	case strings.TrimSpace(s) == "":
		e.problem(field, "is empty; leave the line out instead")
		return "", false
	}
	return strings.TrimSpace(s), true
}

// unknown records a problem for every field no reader asked for: a typo
// ("wekly") must not pass silently.
func (e *entry) unknown() {
	var names []string
	for k := range e.fields {
		if !e.used[k] {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		e.problem(k, "unknown field")
	}
}

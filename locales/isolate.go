package locales

import (
	"strings"
	"unicode"
)

// IsolateLatin wraps each run of Latin words in Arabic text that stands
// outside an isolate in FSI … PDI, so "اكتب /start الآن" becomes
// "اكتب \u2068/start\u2069 الآن": a reviewer typing into a spreadsheet cannot
// type the invisible isolates, and the catalogue needs them. Placeholders
// ({{.Name}}) are left alone (the program isolates their values), as is text
// already inside an isolate; a punctuation mark closing the run stays outside.
func IsolateLatin(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = isolateLine(line)
	}
	return strings.Join(lines, "\n")
}

func isolateLine(line string) string {
	var out strings.Builder
	var run []string // Latin words waiting to be wrapped, with the spaces between
	flush := func() {
		if len(run) == 0 {
			return
		}
		text := strings.Join(run, "")
		core := strings.TrimRight(text, " .,:;!?،")
		out.WriteString(fsi + core + pdi + text[len(core):])
		run = nil
	}
	depth := 0
	for _, tok := range tokens(line) {
		switch {
		case strings.HasPrefix(tok, "{{"):
			flush()
			out.WriteString(tok)
		case tok == "\u2066" || tok == "\u2067" || tok == fsi:
			flush()
			depth++
			out.WriteString(tok)
		case tok == pdi:
			flush()
			depth = max(0, depth-1)
			out.WriteString(tok)
		case depth == 0 && hasLatinLetter(tok):
			run = append(run, tok)
		case depth == 0 && tok == " " && len(run) > 0:
			run = append(run, tok)
		default:
			flush()
			out.WriteString(tok)
		}
	}
	flush()
	return out.String()
}

// tokens splits a line into template actions, isolate marks, single spaces
// and the words between them.
func tokens(line string) []string {
	var out []string
	for len(line) > 0 {
		switch {
		case strings.HasPrefix(line, "{{"):
			end := strings.Index(line, "}}")
			if end < 0 {
				end = len(line) - 2
			}
			out = append(out, line[:end+2])
			line = line[end+2:]
		case strings.HasPrefix(line, " "), strings.HasPrefix(line, fsi), strings.HasPrefix(line, pdi),
			strings.HasPrefix(line, "\u2066"), strings.HasPrefix(line, "\u2067"):
			n := len(" ")
			if line[0] != ' ' {
				n = len(fsi)
			}
			out = append(out, line[:n])
			line = line[n:]
		default:
			end := strings.IndexFunc(line, func(r rune) bool { return r == ' ' || r >= '\u2066' && r <= '\u2069' })
			if i := strings.Index(line, "{{"); i >= 0 && (end < 0 || i < end) {
				end = i
			}
			if end < 0 {
				end = len(line)
			}
			out = append(out, line[:end])
			line = line[end:]
		}
	}
	return out
}

func hasLatinLetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.In(r, unicode.Latin) }) >= 0
}

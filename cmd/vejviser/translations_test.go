package main

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"vejviser/locales"
)

func TestTranslationsStatus(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"translations", "status"}, func(string) string { return "" }, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	status, err := locales.ReviewStatus(locales.Files())
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != len(locales.Languages) || !strings.HasPrefix(lines[0], "language") {
		t.Fatalf("want a header and one line per translated language:\n%s", out.String())
	}
	for _, line := range lines[1:] {
		f := strings.Fields(line)
		c := locales.Count(status[f[0]])
		if len(f) != 5 || f[1] != strconv.Itoa(c.Reviewed) || f[2] != strconv.Itoa(c.MachineDrafted) || f[3] != strconv.Itoa(c.Stale) {
			t.Errorf("line %q, counts %+v", line, c)
		}
	}
	out.Reset()
	if err := run(context.Background(), []string{"translations", "status", "-v"}, func(string) string { return "" }, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if c := locales.Count(status["ar"]); c.MachineDrafted > 0 && !strings.Contains(out.String(), "ar\tWelcome\t") && !strings.Contains(out.String(), "machine-drafted") {
		t.Errorf("-v lists no message to review:\n%s", out.String())
	}
	var ce *configError
	if err := run(context.Background(), []string{"translations", "frob"}, func(string) string { return "" }, &out, &errOut); !errors.As(err, &ce) {
		t.Errorf("unknown subcommand: %v", err)
	}
}

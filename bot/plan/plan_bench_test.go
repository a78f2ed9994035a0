package plan

import (
	"fmt"
	"strings"
	"testing"
)

// bigPlan is a plan of n activities, five lines each.
func bigPlan(n int) []byte {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "[[activity]]\nkey = \"a-%d\"\ntitle = { da = \"Café %d\", en = \"Café %d\" }\nweekly = \"thursday 15:00-17:00\"\nplace = \"Ballerup\"\n", i, i, i)
	}
	return []byte(b.String())
}

// BenchmarkParse100k reads a plan of 100,000 activities: finding each
// field's line must stay linear in the file's size.
func BenchmarkParse100k(b *testing.B) {
	data := bigPlan(100_000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		p, err := Parse("big.toml", data)
		if err != nil || len(p.Activities) != 100_000 {
			b.Fatalf("%d activities, %v", len(p.Activities), err)
		}
	}
}

// BenchmarkParse10k is the same with 10,000: ten times fewer entries must
// take about ten times less.
func BenchmarkParse10k(b *testing.B) {
	data := bigPlan(10_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Parse("big.toml", data); err != nil {
			b.Fatal(err)
		}
	}
}

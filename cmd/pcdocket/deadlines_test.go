package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"pcdocket/generator/practice"
)

// TestDeadlinesJSON runs `pcdocket deadlines --json` on the sample and
// checks the documented shape: case, issue (null for the case's own
// dates), kind, date, rule and basis, with a known rolled deadline.
func TestDeadlinesJSON(t *testing.T) {
	e, out, errb := testEnv()
	if code := run(context.Background(), e, []string{"deadlines", "--source", "../..", "--json", "--as-of", "2026-11-27"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	var got []map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not a JSON array: %v\n%s", err, out)
	}
	kinds := map[string]bool{}
	found := false
	for _, d := range got {
		for _, k := range []string{"case", "issue", "kind", "date", "rule", "basis"} {
			if _, ok := d[k]; !ok {
				t.Fatalf("entry without %q: %v", k, d)
			}
		}
		kind := d["kind"].(string)
		kinds[kind] = true
		if (kind == "term-ends") != (d["issue"] == nil) {
			t.Errorf("%s entry has issue %v: want null exactly for the case's own dates", kind, d["issue"])
		}
		if _, err := practice.ParseDate(d["date"].(string)); err != nil {
			t.Errorf("date %q: %v", d["date"], err)
		}
		if d["case"] == "2026-fam-0318-achterberg-osei" && d["issue"] == 1.0 && kind == "review" {
			found = true
			if d["date"] != "2026-11-30" || !strings.Contains(d["basis"].(string), "rolled to Mon 2026-11-30") {
				t.Errorf("review deadline %v (%v), want 2026-11-30 rolled past Thanksgiving", d["date"], d["basis"])
			}
		}
	}
	for _, k := range []string{"decision-due", "review", "filing", "term-ends"} {
		if !kinds[k] {
			t.Errorf("no %s deadline in the sample's output", k)
		}
	}
	if !found {
		t.Error("no review deadline for Achterberg-Osei issue 1")
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func testEnv() (*env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &env{&out, &errb, func() time.Time { return time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) }}, &out, &errb
}

// brokenPractice writes a practice with two problems in one issue file.
func brokenPractice(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("practice.yaml", "name: P\ncoordinator:\n  name: C\n")
	write("content/cases/c1/case.md", `---
title: T
court: Court
court_case_no: N-1
appointment:
  order_date: 2026-01-01
parties:
  parent_a: {name: A, email: a@example.com}
  parent_b: {name: B, email: b@example.com}
children:
  - {initials: "A.B.", born: 2018}
plan:
  clauses:
    - {ref: "1", title: One, text: Text}
safety:
  screened_on: 2026-01-02
---
`)
	write("content/cases/c1/issues/01.md", `---
number: 1
title: X
category: scheduel
raised_on: 2026-02-01
clauses: ["2"]
question: Q?
---
`)
	return dir
}

func TestCheckReportsEveryProblemAndFails(t *testing.T) {
	dir := brokenPractice(t)
	e, out, errb := testEnv()
	code := run(context.Background(), e, []string{"check", "--source", dir})
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	got := out.String()
	for _, want := range []string{
		"content/cases/c1/issues/01.md:4: ",
		`(did you mean "schedule"?)`,
		"content/cases/c1/issues/01.md:6: ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("check output lacks %q:\n%s", want, got)
		}
	}
	if !strings.Contains(errb.String(), "2 errors") {
		t.Errorf("summary = %q, want 2 errors", errb.String())
	}

	e, out, _ = testEnv()
	run(context.Background(), e, []string{"check", "--source", dir, "--format", "json"})
	var findings []struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}
	if err := json.Unmarshal(out.Bytes(), &findings); err != nil {
		t.Fatalf("json output: %v\n%s", err, out)
	}
	if len(findings) != 2 || findings[0].Line != 4 || findings[0].Severity != "error" {
		t.Errorf("json findings = %+v", findings)
	}
}

func TestBuildRefusesBrokenPractice(t *testing.T) {
	dir := brokenPractice(t)
	e, _, errb := testEnv()
	if code := run(context.Background(), e, []string{"build", "--source", dir}); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if !strings.Contains(errb.String(), "nothing written") {
		t.Errorf("stderr = %q", errb.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "output", "private")); err == nil {
		t.Error("a broken build wrote output/private")
	}
}

func TestUsage(t *testing.T) {
	e, _, errb := testEnv()
	if code := run(context.Background(), e, []string{"frobnicate"}); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if !strings.Contains(errb.String(), `unknown command "frobnicate"`) {
		t.Errorf("stderr = %q", errb.String())
	}
	e, _, _ = testEnv()
	if code := run(context.Background(), e, []string{"check", "--as-of", "2026-13-01"}); code != 2 {
		t.Errorf("bad --as-of: exit %d, want 2", code)
	}
}

// TestGCFor: build gets the soft memory limit and the larger GC percent,
// each unless the environment sets its own (GOMEMLIMIT, GOGC); serve,
// which keeps its model between edits, and the other commands get
// neither.
func TestGCFor(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	tests := []struct {
		args []string
		env  []string
		want gcSettings
	}{
		{[]string{"build"}, nil, gcSettings{buildMemoryLimit, buildGCPercent}},
		{[]string{"build", "--no-documents"}, nil, gcSettings{buildMemoryLimit, buildGCPercent}},
		{[]string{"build"}, []string{"GOMEMLIMIT", "off"}, gcSettings{0, buildGCPercent}},
		{[]string{"build"}, []string{"GOMEMLIMIT", "2GiB"}, gcSettings{0, buildGCPercent}},
		{[]string{"build"}, []string{"GOGC", "100"}, gcSettings{buildMemoryLimit, 0}},
		{[]string{"build"}, []string{"GOGC", "off", "GOMEMLIMIT", "1GiB"}, gcSettings{}},
		{[]string{"serve"}, nil, gcSettings{}},
		{[]string{"check"}, nil, gcSettings{}},
		{nil, nil, gcSettings{}},
	}
	for _, tt := range tests {
		if got := gcFor(tt.args, env(tt.env...)); got != tt.want {
			t.Errorf("gcFor(%q, %q) = %+v, want %+v", tt.args, tt.env, got, tt.want)
		}
	}
}

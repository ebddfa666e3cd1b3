//go:build unix

package main

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCheckAndBuildWithNamedPipe is the report's reproduction: a named pipe
// called *.md under content/ made check and build hang for good. Both now
// report it as an error and return.
func TestCheckAndBuildWithNamedPipe(t *testing.T) {
	dir := samplePractice(t)
	fifo := filepath.Join(dir, "content", "cases", "2026-fam-0142-nunez-ward", "issues", "99-pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	for _, args := range [][]string{
		{"check", "--source", dir, "--as-of", "2026-11-27"},
		{"build", "--source", dir, "--as-of", "2026-11-27", "--no-documents"},
	} {
		cmd := args[0]
		e, outb, errb := testEnv()
		done := make(chan int)
		go func() { done <- run(context.Background(), e, args) }()
		select {
		case code := <-done:
			if code != 1 {
				t.Errorf("%s: exit %d, want 1", cmd, code)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s still running after 10 s: it blocked on the pipe", cmd)
		}
		if all := outb.String() + errb.String(); !strings.Contains(all, "99-pipe.md") || !strings.Contains(all, "not a regular file") {
			t.Errorf("%s did not name the pipe:\n%s", cmd, all)
		}
	}
}

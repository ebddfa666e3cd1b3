//go:build !unix

package templates

import "testing"

func mkfifo(t *testing.T, p string) { t.Skip("no named pipes on this system") }

//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package build

import "os"

// writeFile writes a new output file; see writefile_unix.go.
func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

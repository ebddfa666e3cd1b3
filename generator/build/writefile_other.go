//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package build

import "os"

// writeFile writes a new output file; see writefile_unix.go.
func writeFile(name string, data []byte, mode os.FileMode) error {
	return os.WriteFile(name, data, mode)
}

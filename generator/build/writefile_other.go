//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package build

import "os"

// writeFileUnpolled writes a new output file; see writefile_unix.go.
func writeFileUnpolled(name string, data []byte, mode os.FileMode) error {
	return os.WriteFile(name, data, mode)
}

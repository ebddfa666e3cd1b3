package sourcefile

import (
	"errors"
	"os"
	"path/filepath"
)

// Resolve returns the absolute form of p with symbolic links evaluated as
// far as the path exists: where p is, or would be once created.
func Resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if !errors.Is(err, os.ErrNotExist) || filepath.Dir(dir) == dir {
			return "", err
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}

// Within reports whether path is dir or lies under it once both are
// resolved, so that a symbolic link cannot disguise where a file is. The
// keys files and the output folder are kept out of a practice's sources
// with it.
func Within(path, dir string) (bool, error) {
	p, err := Resolve(path)
	if err != nil {
		return false, err
	}
	d, err := Resolve(dir)
	if err != nil {
		return false, err
	}
	return inside(d, p), nil
}

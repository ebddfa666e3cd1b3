//go:build !unix

package vault

// checkPrivate does nothing where file modes do not say who may read a
// file (Windows has access control lists instead).
func checkPrivate(path string) error { return nil }

package vault

import "io"

// WithIterations lowers the PBKDF2 iteration count so tests run fast. It
// exists only in tests: a real build always uses DefaultIterations.
func WithIterations(o Options, n int) Options {
	o.iterations = n
	return o
}

// WithRandom makes Encrypt read its keys, salts and nonces from r.
func WithRandom(o Options, r io.Reader) Options {
	o.random = r
	return o
}

// PageName returns the file name Encrypt gives the page at path when the name
// key comes from pass and salt: what anyone holding a site's listing can
// compute for a guessed passphrase.
func PageName(pass string, salt []byte, iter int, path string) string {
	key, err := derive(pass, salt, iter)
	if err != nil {
		panic(err)
	}
	return label(key, "page\x00"+path, nameLen) + ".html"
}

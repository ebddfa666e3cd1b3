package vault

import "io"

// WithIterations lowers the PBKDF2 iteration count so tests run fast. It
// exists only in tests: a real build always uses DefaultIterations.
func WithIterations(o Options, n int) Options {
	o.iterations = n
	return o
}

// WithRandom makes Seal read its keys, salts and nonces from r.
func WithRandom(o Options, r io.Reader) Options {
	o.random = r
	return o
}

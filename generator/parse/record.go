package parse

import (
	"bytes"
	"fmt"
	"sync"

	"pcdocket/generator/practice"
	"pcdocket/generator/sourcefile"
)

// A ChangedError reports a source file that is no longer the file that was
// parsed and checked: it was saved again while a build was running.
type ChangedError struct {
	File string // relative to the practice root
}

func (e *ChangedError) Error() string {
	return fmt.Sprintf("%s: changed while the site was being built: build again", e.File)
}

// ReadRecord reads again, from the file under root, the record of the issue
// whose file src describes: practice.Issue.Body, as ReadIssue returned it.
// The file must still be the one that was parsed (src.Sum); otherwise the
// error is a *ChangedError, so that what was never checked is never
// published. limit is the size limit of a file (Practice.MaxFileBytes).
//
// A one-off build lets the records go once they are checked and reads each
// again for the pages that show it (package build): the records are the
// largest part of the model, 109 MB at 50,000 issues, and reading a file
// again costs about 10 µs.
func ReadRecord(root string, src *practice.Source, limit int64) (string, error) {
	if limit <= 0 {
		limit = practice.DefaultMaxFileBytes
	}
	bp := recordBufs.Get().(*[]byte)
	defer recordBufs.Put(bp)
	data, err := sourcefile.ReadAgain(root, src.File, limit, *bp)
	if err != nil {
		return "", err
	}
	*bp = data[:0]
	// The sum is what makes ReadAgain safe: a file that is not the one
	// parse read and checked, however it got there, cannot match it.
	if SourceSum(data) != src.Sum {
		return "", &ChangedError{File: src.File}
	}
	data = normalizeNewlines(bytes.TrimPrefix(data, bom))
	_, rest, ok := split(data)
	if !ok {
		// The sum matched, so the file parsed: unreachable unless split
		// and frontMatter disagree.
		return "", fmt.Errorf("%s: no front matter found when reading the record again", src.File)
	}
	record, _ := practice.SplitPrivate(string(rest)) // a copy: the buffer goes back to the pool
	return record, nil
}

// recordBufs are ReadRecord's buffers: an issue file is a few kB, read
// again for every issue page of a build.
var recordBufs = sync.Pool{New: func() any { return new([]byte) }}

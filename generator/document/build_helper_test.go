package document

import (
	"sync"

	"pcdocket/generator/markup"
	"pcdocket/generator/practice"
)

// defaultMD is the parser of Build.
var defaultMD = sync.OnceValue(markup.New)

// Build builds the document of is, which must be Documented, with the
// legal wording r given by the test instead of a jurisdiction profile.
// Only tests build a document this way: the build uses a Builder.
func Build(p *practice.Practice, is *practice.Issue, r Rules) (*Document, error) {
	if is == nil || is.Case == nil || !is.Documented() {
		return NewBuilder(defaultMD(), nil).Build(p, is)
	}
	return build(p, is, r, defaultMD()), nil
}

package parse

import (
	"errors"
	"io/fs"
	"path"

	"pcdocket/generator/diag"
	"pcdocket/generator/fees"
	"pcdocket/generator/practice"
)

// readFees reads the fee ledger of the case folder dir,
// content/cases/<id>/fees.txt (practice.FeeFile), with package fees. It
// returns nil when the case has none.
func (r *reader) readFees(root, dir string) (*practice.FeeLedger, diag.List) {
	file := path.Join(dir, practice.FeeFile)
	data, err := r.readFile(root, file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		var diags diag.List
		fileError(&diags, file, err)
		return nil, diags
	}
	return fees.Parse(file, data)
}

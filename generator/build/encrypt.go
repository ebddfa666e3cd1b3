package build

import (
	"bytes"
	"context"
	"io"
	"path"
	"runtime"
	"strings"

	"pcdocket/generator/practice"
	"pcdocket/generator/vault"
	"pcdocket/templates"
)

// encryptPrivate renders the private files into memory and replaces them
// with their encrypted site (see package vault); public files pass through.
func encryptPrivate(ctx context.Context, p *practice.Practice, files []File, opts Options) ([]File, error) {
	var toRender, rest []File
	for _, f := range files {
		if strings.HasPrefix(f.Path, PrivateDir+"/") {
			toRender = append(toRender, f)
		} else {
			rest = append(rest, f)
		}
	}
	// Render in parallel, like WriteFiles: the pages are the same work.
	priv := make([]vault.File, len(toRender))
	err := renderFiles(ctx, toRender, runtime.GOMAXPROCS(0), func(i int, data []byte) error {
		priv[i] = vault.File{Path: strings.TrimPrefix(toRender[i].Path, PrivateDir+"/"), Data: bytes.Clone(data)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	vo := *opts.Encrypt
	if vo.Templates == nil {
		vo.Templates = templates.Overlay(path.Join(opts.Source, "templates"))
	}
	encrypted, err := vault.Encrypt(p, priv, vo)
	if err != nil {
		return nil, err
	}
	for _, f := range encrypted {
		data := f.Data
		rest = append(rest, File{Path: path.Join(PrivateDir, f.Path), Render: func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		}})
	}
	return rest, nil
}

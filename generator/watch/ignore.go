package watch

import "pcdocket/generator/parse"

// input reports whether rel, a slash path relative to the practice folder,
// can be an input of the build, by the practice's layout (parse.Classify):
// practice.yaml, or anything under content/, templates/ or jurisdictions/
// that is not an editor's scratch file. The output folder, .git and files
// beside the practice are not.
func input(rel string) bool { return parse.Classify(rel).Kind.Input() }

// inputDirs are the folders of a practice that hold inputs, watched with
// everything below them.
var inputDirs = []string{parse.ContentDir, parse.TemplatesDir, parse.JurisdictionsDir}

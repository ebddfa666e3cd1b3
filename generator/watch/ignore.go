package watch

import "strings"

// input reports whether rel, a slash path relative to the practice folder,
// can be an input of the build: practice.yaml, or anything under content/,
// templates/ or jurisdictions/. The output folder, .git and files beside the
// practice are not.
func input(rel string) bool {
	first, _, _ := strings.Cut(rel, "/")
	switch first {
	case "content", "templates", "jurisdictions":
		return true
	}
	return rel == "practice.yaml"
}

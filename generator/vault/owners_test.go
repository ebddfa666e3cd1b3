package vault

import (
	"testing"

	"pcdocket/generator/practice"
)

// TestOwnerOfParentFiles: a file of ParentDir belongs to the parent its
// name ends with, in the case whose id begins it, the longest such id when
// one case's id begins another's; anything else there is the coordinator's.
func TestOwnerOfParentFiles(t *testing.T) {
	p := &practice.Practice{}
	for _, id := range []string{"2025-fam-1", "2025-fam-1-b"} {
		p.Cases = append(p.Cases, &practice.Case{ID: id})
	}
	o := ownership(p)
	for _, tc := range []struct{ path, want string }{
		{"statements/2025-fam-1-2026-06-parent_a.pdf", parentOwner("2025-fam-1", "parent_a")},
		{"statements/2025-fam-1-2026-06-parent_b.pdf", parentOwner("2025-fam-1", "parent_b")},
		{"statements/2025-fam-1-b-2026-06-parent_a.pdf", parentOwner("2025-fam-1-b", "parent_a")},
		{"statements/2025-fam-1-b-2026-06-parent_b.html", parentOwner("2025-fam-1-b", "parent_b")},
		{"statements/2025-fam-1-fee-report-2026-11-27.pdf", coordOwner},
		{"statements/2025-fam-2-2026-06-parent_a.pdf", coordOwner},
		{"statements/sub/2025-fam-1-2026-06-parent_a.pdf", coordOwner},
		{"statements/2025-fam-1-2026-06-parent_c.pdf", coordOwner},
		{"cases/2025-fam-1/index.html", "2025-fam-1"},
		{"fees/2025-fam-1.html", coordOwner},
	} {
		if got := o.of(tc.path); got != tc.want {
			t.Errorf("of(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

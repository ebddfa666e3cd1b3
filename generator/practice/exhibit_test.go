package practice

import "testing"

func TestExhibitLabel(t *testing.T) {
	for i, want := range map[int]string{0: "A", 1: "B", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := ExhibitLabel(i); got != want {
			t.Errorf("ExhibitLabel(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestExhibitType(t *testing.T) {
	for name, want := range map[string]string{
		"a.pdf": "PDF", "A.PDF": "PDF", "b.png": "PNG image", "c.jpg": "JPEG image", "c.jpeg": "JPEG image",
		"d.eml": "Email", "e.txt": "Text", "f.docx": "", "g": "", "h.pdf.exe": "",
	} {
		if got := ExhibitType(name); got != want {
			t.Errorf("ExhibitType(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestFingerprint: an issue without exhibits keeps its file's
// fingerprint, so older seals match; with exhibits, every label, name and
// hash counts.
func TestFingerprint(t *testing.T) {
	is := &Issue{Src: Source{Sum: [32]byte{1}}}
	if is.Fingerprint() != is.Src.Sum {
		t.Fatal("an issue without exhibits: the fingerprint is not its file's")
	}
	is.Exhibits = []Exhibit{{Label: "A", File: "a.pdf", SHA256: "aa"}, {Label: "B", File: "b.txt", SHA256: "bb"}}
	base := is.Fingerprint()
	if base == is.Src.Sum {
		t.Fatal("the exhibits do not count")
	}
	for name, edit := range map[string]func(){
		"hash":  func() { is.Exhibits[1].SHA256 = "bc" },
		"name":  func() { is.Exhibits[0].File = "a2.pdf" },
		"order": func() { is.Exhibits[0], is.Exhibits[1] = is.Exhibits[1], is.Exhibits[0] },
		"gone":  func() { is.Exhibits = is.Exhibits[:1] },
	} {
		saved := append([]Exhibit(nil), is.Exhibits...)
		edit()
		if is.Fingerprint() == base {
			t.Errorf("a changed exhibit %s leaves the fingerprint", name)
		}
		is.Exhibits = saved
	}
}

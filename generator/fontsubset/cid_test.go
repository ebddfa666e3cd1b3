package fontsubset

import "testing"

// TestSubsetCID: a CID subset keeps glyph ids, the outlines asked for and
// no others, stops after the last glyph used, and drops the cmap.
func TestSubsetCID(t *testing.T) {
	ttf := fontBytes(t, "LiberationSerif-Regular.ttf")
	orig, err := parseSFNT(ttf)
	if err != nil {
		t.Fatal(err)
	}
	cm, _ := orig.cmap()
	ga, gz := cm['Ж'], cm['A'] // a Cyrillic letter and a Latin one
	want := int(max(ga, gz)) + 1
	sub, err := SubsetCID(ttf, 0, []uint16{ga, gz})
	if err != nil {
		t.Fatal(err)
	}
	if len(sub) >= len(ttf)/10 {
		t.Errorf("subset is %d bytes of the face's %d", len(sub), len(ttf))
	}
	st, err := parseSFNT(sub)
	if err != nil {
		t.Fatal(err)
	}
	if st.tables["cmap"] != nil {
		t.Error("the subset keeps a cmap")
	}
	if n := int(u16(st.tables["maxp"], 4)); n != want {
		t.Errorf("numGlyphs %d, want %d (the last glyph used + 1)", n, want)
	}
	loca := st.tables["loca"]
	if len(loca) != 4*(want+1) {
		t.Fatalf("loca %d bytes, want %d", len(loca), 4*(want+1))
	}
	size := func(g int) int { return int(u32(loca, 4*g+4) - u32(loca, 4*g)) }
	for g := range want {
		kept := g == 0 || g == int(ga) || g == int(gz)
		if kept && size(g) == 0 {
			t.Errorf("glyph %d has no outline", g)
		}
		if !kept && size(g) != 0 {
			t.Errorf("glyph %d kept (%d bytes), not asked for", g, size(g))
		}
	}
	if _, err := SubsetCID(ttf, 0, []uint16{65535}); err == nil {
		t.Error("a glyph id beyond the font was accepted")
	}
	if inf, err := Cover(ttf, 0); err != nil || !inf.TrueType || len(inf.Runes) < 500 {
		t.Errorf("Cover: %v, TrueType %v, %d runes", err, inf.TrueType, len(inf.Runes))
	}
}

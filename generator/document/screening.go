package document

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"pcdocket/generator/practice"
)

// A document is filed in a public court record, and the safety screening
// is the coordinator's alone: a document may say that safeguards applied,
// never what the screening found or what the safeguards are. The builder
// never reads the screening, and a sentence of the record, a position or
// an event note that speaks of it is left out.

// screeningWords mark a sentence that speaks of the screening.
var screeningWords = []string{"screening", "screened", "safeguard", "protective order", "domestic violence"}

// screener withholds the sentences of one case's free text that speak of
// its safety screening.
type screener struct {
	verbatim []string // phrases of the screening's own texts, lower-cased
	withheld int
	buf      []byte // foldInto's

	verbatimBytes [][]byte // verbatim, for foldInto's bytes
}

// newScreener returns the screener of case c. Besides the words above, a
// sentence that repeats a phrase of the screening's result or safeguards
// (each cut at punctuation, "only" dropped: "shuttle mediation" of "No
// joint sessions; shuttle mediation only") speaks of it.
func newScreener(c *practice.Case) *screener {
	s := &screener{}
	if c.Safety == nil {
		return s
	}
	for _, t := range append([]string{c.Safety.Result}, c.Safety.Safeguards...) {
		for _, f := range strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return strings.ContainsRune(";.,:()", r) }) {
			words := strings.Fields(f)
			if len(words) > 0 && words[len(words)-1] == "only" {
				words = words[:len(words)-1]
			}
			if f = strings.Join(words, " "); len(words) >= 2 && len(f) >= 8 {
				s.verbatim = append(s.verbatim, f)
				s.verbatimBytes = append(s.verbatimBytes, []byte(f))
			}
		}
	}
	return s
}

// speaks reports whether a sentence speaks of the screening.
func (s *screener) speaks(sentence string) bool {
	l := s.foldInto(sentence)
	for _, w := range screeningWordBytes {
		if bytes.Contains(l, w) {
			return true
		}
	}
	for _, v := range s.verbatimBytes {
		if bytes.Contains(l, v) {
			return true
		}
	}
	return false
}

// fold is what speaks looks for the screening's words in: the sentence
// lower-cased, and, when it holds a tab, a newline or two spaces in a
// row, its words joined by one space.
func fold(sentence string) string {
	l := strings.ToLower(sentence)
	if strings.ContainsAny(l, "\n\t") || strings.Contains(l, "  ") {
		l = strings.Join(strings.Fields(l), " ")
	}
	return l
}

// screeningWordBytes are screeningWords, for foldInto's bytes.
var screeningWordBytes = func() [][]byte {
	var out [][]byte
	for _, w := range screeningWords {
		out = append(out, []byte(w))
	}
	return out
}()

// foldInto is fold, written into the screener's own buffer instead of
// new strings.
//
// Fast path: speaks lower-cased a copy of every paragraph, and of every
// sentence of a paragraph it withholds from: at 10,000 issues that was half
// the time of turning the records into a twin's blocks, and a sixth of
// building the documents (BenchmarkPageKinds/issue's profile). It does
// what strings.ToLower and strings.Fields do, rune by rune: ToLower maps
// each rune with unicode.ToLower and writes a byte that is not UTF-8 as
// U+FFFD; Fields splits at unicode.IsSpace.
func (s *screener) foldInto(sentence string) []byte {
	// IndexByte, not ContainsAny: ContainsAny built its set of bytes
	// again for every paragraph, half of foldInto's time.
	join := strings.IndexByte(sentence, '\n') >= 0 || strings.IndexByte(sentence, '\t') >= 0 || strings.Contains(sentence, "  ")
	b := s.buf[:0]
	space := false // white space after a word, not yet written
	for i := 0; i < len(sentence); {
		c := sentence[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case join && (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'):
				space = len(b) > 0
				continue
			}
			if space {
				b = append(b, ' ')
				space = false
			}
			b = append(b, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(sentence[i:])
		i += n
		if join && unicode.IsSpace(r) {
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	s.buf = b
	return b
}

// text withholds sentences of plain text.
func (s *screener) text(t string) string {
	runs := s.runs([]Run{{Text: t}})
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return strings.TrimSpace(b.String())
}

// runs withholds the sentences of a paragraph's runs that speak of the
// screening, keeping the others with their styles.
func (s *screener) runs(runs []Run) []Run {
	var full string
	if len(runs) == 1 {
		full = runs[0].Text
	} else {
		var all strings.Builder
		for _, r := range runs {
			all.WriteString(r.Text)
		}
		full = all.String()
	}
	if !s.speaks(full) {
		return runs
	}
	// Keep the byte ranges of the sentences that do not speak of it.
	var keep [][2]int
	for _, sp := range sentences(full) {
		if s.speaks(full[sp[0]:sp[1]]) {
			s.withheld++
			continue
		}
		keep = append(keep, sp)
	}
	// piece is a kept part of a run, with the run's offset in full.
	type piece struct {
		Run
		src int
	}
	var out []piece
	at := 0 // offset of runs[i] in full
	for _, r := range runs {
		end := at + len(r.Text)
		for _, k := range keep {
			lo, hi := max(k[0], at), min(k[1], end)
			if lo >= hi {
				continue
			}
			if k := len(out) - 1; k >= 0 && out[k].src == at {
				out[k].Text += full[lo:hi] // the same run, across a withheld sentence
				continue
			}
			nr := r
			nr.Text = full[lo:hi]
			out = append(out, piece{nr, at})
		}
		at = end
	}
	kept := make([]Run, 0, len(out))
	for _, p := range out {
		kept = append(kept, p.Run)
	}
	// Trim the space a withheld sentence leaves at either end.
	for len(kept) > 0 && strings.TrimSpace(kept[0].Text) == "" {
		kept = kept[1:]
	}
	if len(kept) > 0 {
		kept[0].Text = strings.TrimLeft(kept[0].Text, " ")
	}
	return kept
}

// sentences splits s into sentences, each with the spaces after it: a
// sentence ends at '.', '!' or '?' (and any closing quote or bracket)
// followed by a space and an upper-case letter, a digit or an opening
// quote. "p.m. Overnight" splits, wrongly but harmlessly: the halves are
// judged alone.
func sentences(s string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !strings.ContainsRune(")]\"'’”*_", r) {
				break
			}
			j += n
		}
		k := j
		for k < len(s) && (s[k] == ' ' || s[k] == '\n') {
			k++
		}
		if k == j || k >= len(s) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[k:])
		if unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("“\"‘(", r) {
			out = append(out, [2]int{start, k})
			start = k
			i = k - 1
		}
	}
	return append(out, [2]int{start, len(s)})
}

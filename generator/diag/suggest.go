package diag

import (
	"fmt"
	"strconv"
)

// Suggest returns the option closest to word, for a "did you mean" hint, or
// "" when none is close enough to be a likely typo.
func Suggest(word string, options []string) string {
	best, bestDist := "", -1
	for _, o := range options {
		d := distance(word, o)
		if bestDist < 0 || d < bestDist {
			best, bestDist = o, d
		}
	}
	limit := 2
	if len(word) > 8 {
		limit = 3
	}
	if bestDist < 0 || bestDist > limit || bestDist >= len(word) {
		return ""
	}
	return best
}

// DidYouMean returns ` (did you mean "x"?)` for the closest option, or "".
func DidYouMean(word string, options []string) string {
	if s := Suggest(word, options); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// distance is the Levenshtein edit distance, counting runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Plural counts n of an English noun whose plural takes an s: "1 error",
// "3 errors", "0 days". Findings, summaries and pages all count with it.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

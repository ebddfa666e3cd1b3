package parse

import "strings"

// Slug turns a title or a name into the form of an id (see ValidID):
// lowercase ASCII letters and digits, words joined by hyphens, accents and
// apostrophes dropped ("Zoë's Café" gives "zoes-cafe"), at most max bytes,
// cut at a word when it is longer. It returns "" when nothing is left, as
// for a title in another script.
func Slug(s string, max int) string {
	var b strings.Builder
	hyphen := false
	for _, r := range fold.Replace(strings.ToLower(s)) {
		switch {
		case r == '\'', r == '’':
			// apostrophes vanish: "don't" is "dont"
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	out := b.String()
	if len(out) > max {
		out = out[:max]
		if i := strings.LastIndexByte(out, '-'); i > 0 {
			out = out[:i]
		}
	}
	return out
}

// suggestID suggests a valid id for a bad folder or file name.
func suggestID(name string) string {
	if id := Slug(name, 64); id != "" {
		return id
	}
	return "case-1"
}

// fold spells the accented Latin letters of names in ASCII.
var fold = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ã", "a", "ä", "a", "å", "a", "ą", "a",
	"ç", "c", "ć", "c", "č", "c", "ď", "d", "đ", "d",
	"è", "e", "é", "e", "ê", "e", "ë", "e", "ę", "e", "ě", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ł", "l",
	"ñ", "n", "ń", "n", "ň", "n",
	"ò", "o", "ó", "o", "ô", "o", "õ", "o", "ö", "o", "ø", "o", "ő", "o",
	"ř", "r", "ś", "s", "š", "s", "ß", "ss", "ť", "t",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ů", "u", "ű", "u",
	"ý", "y", "ÿ", "y", "ź", "z", "ż", "z", "ž", "z",
	"æ", "ae", "œ", "oe", "þ", "th",
)

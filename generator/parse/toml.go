package parse

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// tomlNode parses TOML front matter into the same node tree YAML gives, so
// that one decoder serves both. The TOML library reports no key positions,
// so lines come from a scan of the text (keyLines).
func tomlNode(data []byte) (*yaml.Node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &syntaxError{line: pe.Position.Line, msg: explainTOML(pe.Message)}
		}
		return nil, err
	}
	lines := keyLines(string(data))
	return toNode(m, "", lines, 1), nil
}

var (
	tomlTableRE = regexp.MustCompile(`^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?`)
	tomlKeyRE   = regexp.MustCompile(`^\s*([A-Za-z0-9_.-]+|"[^"]*")\s*=`)
)

// keyLines maps each key path (as the decoder names them: "a.b", "a[1].c")
// to the line it is defined on.
func keyLines(text string) map[string]int {
	lines := map[string]int{}
	counts := map[string]int{}
	prefix := ""
	inMulti := ""
	for i, l := range strings.Split(text, "\n") {
		n := i + 1
		if inMulti != "" {
			if strings.Count(l, inMulti)%2 == 1 {
				inMulti = ""
			}
			continue
		}
		if m := tomlTableRE.FindStringSubmatch(l); m != nil && !strings.Contains(l[:strings.Index(l, "[")], "=") {
			name := strings.ReplaceAll(m[2], " ", "")
			if m[1] == "[[" {
				idx := counts[name]
				counts[name]++
				prefix = fmt.Sprintf("%s[%d]", name, idx)
				if _, ok := lines[name]; !ok {
					lines[name] = n
				}
			} else {
				prefix = name
			}
			lines[prefix] = n
			continue
		}
		if m := tomlKeyRE.FindStringSubmatch(l); m != nil {
			key := strings.Trim(m[1], `"`)
			p := key
			if prefix != "" {
				p = prefix + "." + key
			}
			lines[p] = n
			rest := l[len(m[0]):]
			for _, q := range []string{`"""`, `'''`} {
				if strings.Count(rest, q)%2 == 1 {
					inMulti = q
				}
			}
		}
	}
	return lines
}

func toNode(v any, path string, lines map[string]int, parent int) *yaml.Node {
	line := parent
	if l, ok := lines[path]; ok {
		line = l
	}
	switch v := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		at := func(k string) int {
			if l, ok := lines[join(path, k)]; ok {
				return l
			}
			return line
		}
		sort.Slice(keys, func(i, j int) bool {
			if a, b := at(keys[i]), at(keys[j]); a != b {
				return a < b
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys {
			n.Content = append(n.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: at(k)},
				toNode(v[k], join(path, k), lines, line))
		}
		return n
	case []map[string]any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line}
		for i, e := range v {
			n.Content = append(n.Content, toNode(e, fmt.Sprintf("%s[%d]", path, i), lines, line))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line}
		for i, e := range v {
			n.Content = append(n.Content, toNode(e, fmt.Sprintf("%s[%d]", path, i), lines, line))
		}
		return n
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Line: line}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v), Line: line}
	case int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v, 10), Line: line}
	case float64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(v, 'g', -1, 64), Line: line}
	case time.Time:
		s := v.Format(time.RFC3339)
		if h, m, sec := v.Clock(); h == 0 && m == 0 && sec == 0 && v.Nanosecond() == 0 {
			s = v.Format("2006-01-02")
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: s, Line: line}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fmt.Sprint(v), Line: line}
}

// join returns the path of key inside path, as the decoder names it.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

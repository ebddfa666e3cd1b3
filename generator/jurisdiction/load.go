package jurisdiction

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
	"pcdocket/generator/sourcefile"
)

//go:embed profiles/*.yaml
var builtin embed.FS

// Dir is the folder of a practice that holds its profile files.
const Dir = "jurisdictions"

// Generic is the code of the profile used when a practice names none:
// federal holidays, calendar days rolled forward, the practice's own rules
// days.
const Generic = "generic"

// builtinPrefix is how findings and Profile.File name a built-in file.
const builtinPrefix = "(built in) generator/jurisdiction/"

// A Set is the profiles a practice can use: the built-in ones, merged with
// or replaced by the practice's own files.
type Set struct {
	profiles map[string]*Profile // by lower-case code
}

// Profile returns the profile of the code, in any letter case ("CO", "co").
func (s *Set) Profile(code string) (*Profile, bool) {
	p, ok := s.profiles[lowerCode(code)]
	return p, ok
}

// Codes returns the codes of all profiles, generic first, then in
// alphabetical order.
func (s *Set) Codes() []string {
	var out []string
	for _, p := range s.profiles {
		if p.Code != Generic {
			out = append(out, p.Code)
		}
	}
	slices.Sort(out)
	if _, ok := s.profiles[Generic]; ok {
		out = append([]string{Generic}, out...)
	}
	return out
}

// Lookup returns the profile of code, where code is the value of a
// jurisdiction: key written at pos. An empty code means Generic. An unknown
// code is an error at pos, naming the known codes, and Lookup returns the
// generic profile so that checking can go on.
func (s *Set) Lookup(code string, pos practice.Pos, l *diag.List) *Profile {
	if code == "" {
		code = Generic
	}
	if p, ok := s.Profile(code); ok {
		return p
	}
	codes := s.Codes()
	l.Errorf(pos, "unknown jurisdiction %q%s: use one of %s, or add %s/%s.yaml",
		code, diag.DidYouMean(code, codes), strings.Join(codes, ", "), Dir, code)
	p, _ := s.Profile(Generic)
	return p
}

// Load reads the built-in profiles and the practice's profile files
// (jurisdictions/<CODE>.yaml under practiceRoot; the folder is optional).
//
// A practice file whose code names a built-in profile is merged over it key
// by key: a key the file writes replaces the built-in value, maps merge
// recursively, and holidays merge by name (a rule with the name of a
// built-in one replaces it, "remove: true" drops it, a new name is added).
// A file that starts with "replace: true" replaces the built-in profile
// instead, and must then be complete, as must a file for a new code.
//
// Every problem is reported, located at its file and line; a profile with
// errors is left out of the set. An empty practiceRoot reads only the
// built-in profiles.
func Load(practiceRoot string) (*Set, diag.List) {
	var diags diag.List
	set := &Set{profiles: map[string]*Profile{}}
	builtins := map[string][]byte{}
	names, _ := fs.Glob(builtin, "profiles/*.yaml")
	for _, name := range names {
		data, _ := builtin.ReadFile(name)
		builtins[strings.TrimSuffix(path.Base(name), ".yaml")] = data
	}

	overrides := map[string]string{} // code -> relative file name
	if practiceRoot != "" {
		entries, err := sourcefile.ReadDir(practiceRoot, Dir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(practice.Pos{File: Dir}, "cannot read the folder: %v", err)
		}
		for _, e := range entries {
			rel := Dir + "/" + e.Name()
			if e.IsDir() || sourcefile.Scratch(e.Name()) {
				continue
			}
			if filepath.Ext(e.Name()) != ".yaml" {
				diags.Warnf(practice.Pos{File: rel}, "ignored: profile files end in .yaml, e.g. %s/CO.yaml", Dir)
				continue
			}
			code := strings.TrimSuffix(e.Name(), ".yaml")
			if !codeRE.MatchString(code) {
				diags.Errorf(practice.Pos{File: rel}, "bad profile code %q: name the file for the code, using letters, digits and hyphens (e.g. CO.yaml)", code)
				continue
			}
			dup := false
			for other, otherRel := range overrides {
				if lowerCode(other) == lowerCode(code) {
					diags.Errorf(practice.Pos{File: rel}, "profile %s is already defined by %s: keep one file per code", code, otherRel)
					dup = true
				}
			}
			if !dup {
				overrides[code] = rel
			}
		}
	}

	// Built-in codes keep their spelling; a practice file adds or overrides.
	codes := map[string]string{} // lower -> code
	for code := range builtins {
		codes[lowerCode(code)] = code
	}
	byLower := map[string]string{}
	for code, rel := range overrides {
		byLower[lowerCode(code)] = rel
		if _, ok := codes[lowerCode(code)]; !ok {
			codes[lowerCode(code)] = code
		}
	}

	for lower, code := range codes {
		// A file with errors still goes through merging and checking, so
		// that one run reports every problem; the profile is left out.
		var base *source
		var failed diag.List
		if data, ok := builtins[code]; ok {
			src, ds := parse(builtinPrefix+"profiles/"+code+".yaml", data)
			failed = append(failed, ds...)
			base = src
		}
		if rel, ok := byLower[lower]; ok {
			data, err := sourcefile.ReadFile(practiceRoot, rel, practice.DefaultMaxFileBytes, nil)
			if err != nil {
				failed.Errorf(practice.Pos{File: rel}, "cannot read: %v", err)
				diags = append(diags, failed...)
				continue
			}
			src, ds := parse(rel, data)
			failed = append(failed, ds...)
			switch {
			case src == nil:
				base = nil
			case src.replace || base == nil:
				base = src
			default:
				merge(base, src, &failed)
				base.files = append(base.files, rel)
			}
		}
		if base == nil {
			diags = append(diags, failed...)
			continue
		}
		p, ds := build(code, base)
		failed = append(failed, ds...)
		diags = append(diags, failed...)
		if !failed.HasErrors() {
			set.profiles[lower] = p
		}
	}
	diags.Sort()
	return set, diags
}

var codeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]{0,31}$`)

// A source is a parsed profile file, or several merged, with the file each
// node came from.
type source struct {
	root    *yaml.Node // a mapping
	owner   map[*yaml.Node]string
	files   []string
	replace bool
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
var typeLineRE = regexp.MustCompile(`^line (\d+): (.*)$`)

// parse reads one profile file, reporting syntax errors, unknown keys and
// values of the wrong type.
func parse(file string, data []byte) (*source, diag.List) {
	var diags diag.List
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := 1, err.Error()
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2] + " (YAML syntax)"
			// yaml.v3 counts lines from 0 in the errors that carry a
			// context mark, which all read "did not find expected ..."
			// (as generator/parse corrects too).
			if strings.HasPrefix(m[2], "did not find expected") {
				line++
			}
		}
		diags.Errorf(practice.Pos{File: file, Line: line}, "%s", msg)
		return nil, diags
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Line: 1}
	if len(doc.Content) > 0 {
		root = doc.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		diags.Errorf(practice.Pos{File: file, Line: root.Line}, "a profile file is a map of keys (name:, review:, holidays:, ...)")
		return nil, diags
	}
	src := &source{root: root, owner: map[*yaml.Node]string{}, files: []string{file}}
	own(root, file, src.owner)
	checkKeys(root, reflect.TypeOf(Profile{}), "", file, &diags)
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "replace" {
			v := root.Content[i+1]
			if v.Kind != yaml.ScalarNode || (v.Value != "true" && v.Value != "false") {
				diags.Errorf(practice.Pos{File: file, Line: v.Line}, "replace must be true or false")
			}
			src.replace = v.Value == "true"
		}
	}
	var trial Profile
	if err := root.Decode(&trial); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			for _, e := range te.Errors {
				line, msg := 0, e
				if m := typeLineRE.FindStringSubmatch(e); m != nil {
					line, _ = strconv.Atoi(m[1])
					msg = typeMessage(m[2])
				}
				diags.Errorf(practice.Pos{File: file, Line: line}, "%s", msg)
			}
		} else {
			diags.Errorf(practice.Pos{File: file, Line: 1}, "%v", err)
		}
	}
	return src, diags
}

var unmarshalRE = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (.+)$")

// typeMessage rewrites a yaml.v3 type error in the words of the format:
// "cannot unmarshal !!str `ten` into int" becomes
// "ten is text, but this key takes a whole number".
func typeMessage(msg string) string {
	m := unmarshalRE.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	kinds := map[string]string{"str": "text", "int": "a whole number", "bool": "true or false",
		"float": "a number", "map": "a map of keys", "seq": "a list", "null": "empty", "timestamp": "a date"}
	got := kinds[m[1]]
	if got == "" {
		got = m[1]
	}
	if m[2] != "" {
		got = fmt.Sprintf("%q is %s", m[2], got)
	} else {
		got = "the value is " + got
	}
	want := "a map of keys"
	switch t := m[3]; {
	case t == "int" || t == "*int":
		want = "a whole number"
	case t == "bool":
		want = "true or false"
	case t == "string" || t == "jurisdiction.Event" || t == "jurisdiction.Counting":
		want = "text"
	case strings.HasPrefix(t, "[]"):
		want = "a list"
	}
	return fmt.Sprintf("%s, but this key takes %s", got, want)
}

// own records the file every node of the tree came from.
func own(n *yaml.Node, file string, owner map[*yaml.Node]string) {
	owner[n] = file
	for _, c := range n.Content {
		own(c, file, owner)
	}
}

// yamlFields returns the keys a struct type accepts, with their types,
// following inline embedded structs.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if opts == "inline" {
			for k, v := range yamlFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

// checkKeys reports every key of n that the type t does not have, with a
// "did you mean" hint.
func checkKeys(n *yaml.Node, t reflect.Type, at, file string, l *diag.List) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		fields := yamlFields(t)
		var names []string
		for k := range fields {
			names = append(names, k)
		}
		if at == "" {
			names = append(names, "replace")
		}
		slices.Sort(names)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok {
				if at == "" && k.Value == "replace" {
					continue
				}
				where := "a profile"
				if at != "" {
					where = at
				}
				l.Errorf(practice.Pos{File: file, Line: k.Line}, "unknown key %q in %s%s", k.Value, where, diag.DidYouMean(k.Value, names))
				continue
			}
			checkKeys(v, ft, join(at, k.Value), file, l)
		}
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for i, c := range n.Content {
			checkKeys(c, t.Elem(), fmt.Sprintf("%s[%d]", at, i), file, l)
		}
	}
}

func join(at, key string) string {
	if at == "" {
		return key
	}
	return at + "." + key
}

// merge writes the keys of src over dst: maps merge recursively, holidays
// merge by name, anything else is replaced.
func merge(dst, src *source, l *diag.List) {
	for n, f := range src.owner {
		dst.owner[n] = f
	}
	mergeMap(dst.root, src.root, "", src.files[0], l)
}

func mergeMap(dst, src *yaml.Node, at, file string, l *diag.List) {
	for i := 0; i+1 < len(src.Content); i += 2 {
		k, v := src.Content[i], src.Content[i+1]
		if at == "" && k.Value == "replace" {
			continue
		}
		j := mapIndex(dst, k.Value)
		switch {
		case j < 0:
			dst.Content = append(dst.Content, k, v)
		case at == "" && k.Value == "holidays" && v.Kind == yaml.SequenceNode && dst.Content[j+1].Kind == yaml.SequenceNode:
			mergeHolidays(dst.Content[j+1], v, file, l)
		case v.Kind == yaml.MappingNode && dst.Content[j+1].Kind == yaml.MappingNode:
			mergeMap(dst.Content[j+1], v, join(at, k.Value), file, l)
		default:
			dst.Content[j], dst.Content[j+1] = k, v
		}
	}
}

func mergeHolidays(dst, src *yaml.Node, file string, l *diag.List) {
	for _, item := range src.Content {
		name := scalar(item, "name")
		idx := -1
		for i, d := range dst.Content {
			if name != "" && scalar(d, "name") == name {
				idx = i
				break
			}
		}
		switch {
		case scalar(item, "remove") == "true":
			if idx < 0 {
				l.Errorf(practice.Pos{File: file, Line: item.Line}, "no built-in holiday named %q to remove%s", name, diag.DidYouMean(name, holidayNames(dst)))
				continue
			}
			dst.Content = slices.Delete(dst.Content, idx, idx+1)
		case idx >= 0:
			dst.Content[idx] = item
		default:
			dst.Content = append(dst.Content, item)
		}
	}
}

func holidayNames(seq *yaml.Node) []string {
	var out []string
	for _, d := range seq.Content {
		out = append(out, scalar(d, "name"))
	}
	return out
}

func mapIndex(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

func scalar(m *yaml.Node, key string) string {
	if m.Kind != yaml.MappingNode {
		return ""
	}
	if j := mapIndex(m, key); j >= 0 && m.Content[j+1].Kind == yaml.ScalarNode {
		return m.Content[j+1].Value
	}
	return ""
}

// build decodes a (merged) source into a profile and checks it, locating
// each finding in the file that wrote the value.
func build(code string, src *source) (*Profile, diag.List) {
	var diags diag.List
	p := &Profile{Code: code, File: strings.Join(src.files, " + ")}
	if err := src.root.Decode(p); err != nil {
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			diags.Errorf(practice.Pos{File: src.files[len(src.files)-1], Line: 1}, "%v", err)
			return p, diags
		}
		// parse reported each type error in its own file; the values that
		// did decode are still checked below.
	}
	pos := positions(src)
	at := func(path string) practice.Pos {
		for q := path; ; q = parent(q) {
			if ps, ok := pos[q]; ok {
				return ps
			}
			if q == "" {
				return practice.Pos{File: src.files[len(src.files)-1], Line: 1}
			}
		}
	}
	p.check(at, &diags)
	for i := range p.Holidays {
		p.Holidays[i].pos = at(fmt.Sprintf("holidays[%d]", i))
	}
	return p, diags
}

// positions maps each key path of the merged tree to where it was written.
func positions(src *source) map[string]practice.Pos {
	out := map[string]practice.Pos{}
	var walk func(n *yaml.Node, at string)
	walk = func(n *yaml.Node, at string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				p := join(at, k.Value)
				out[p] = practice.Pos{File: src.owner[k], Line: k.Line}
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				p := fmt.Sprintf("%s[%d]", at, i)
				out[p] = practice.Pos{File: src.owner[c], Line: c.Line}
				walk(c, p)
			}
		}
	}
	walk(src.root, "")
	return out
}

func parent(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

var (
	events    = []string{string(Issuance), string(Service), string(Filing), string(Receipt)}
	countings = []string{string(CalendarDays), string(CourtDays)}
)

// check reports every problem of a complete profile.
func (p *Profile) check(at func(string) practice.Pos, l *diag.List) {
	need := func(path, v, what string) {
		if strings.TrimSpace(v) == "" {
			l.Errorf(at(path), "%s is missing: %s", path, what)
		}
	}
	need("name", p.Name, "the jurisdiction's name, e.g. Colorado")
	for i, c := range p.citations() {
		if strings.TrimSpace(c.src.Citation) == "" {
			what := c.path
			if j := i - (len(p.citations()) - len(p.Holidays)); j >= 0 {
				what = fmt.Sprintf("holiday %q", p.Holidays[j].Name)
			}
			l.Errorf(at(c.path), "%s has no citation: add citation: with the statute or rule it comes from", what)
		}
	}
	period := func(path string, days int, from Event, counting Counting) {
		if days < 0 {
			l.Errorf(at(path+".days"), "%s.days must be 0 or more (0 takes the practice's rules)", path)
		}
		if !oneOf(string(from), events) {
			l.Errorf(at(path+".from"), "%s.from %q is not one of %s", path, from, strings.Join(events, ", "))
		}
		if !oneOf(string(counting), countings) {
			l.Errorf(at(path+".counting"), "%s.counting %q is not one of %s", path, counting, strings.Join(countings, ", "))
		}
	}
	need("review.reviewer", p.Review.Reviewer, "who reviews a decision, e.g. the court")
	need("review.filing", p.Review.Filing, "what a party files, e.g. a motion for review")
	need("review.text", p.Review.Text, "the sentence documents print about review")
	period("review", p.Review.Days, p.Review.From, p.Review.Counting)
	if p.Filing.Required {
		period("filing", p.Filing.Days, p.Filing.From, p.Filing.Counting)
	}
	if p.Computation.ShortPeriod < 0 {
		l.Errorf(at("computation.short_period"), "computation.short_period must be 0 or more")
	}
	need("effect.text", p.Effect.Text, "what a binding decision does while review is pending")
	need("recommendations.text", p.Recommendations.Text, "what documents say about a recommendation's force")
	need("agreement.text", p.Agreement.Text, "what documents say about an agreement's force")
	texts := map[string]string{
		"review.text": p.Review.Text, "filing.text": p.Filing.Text, "effect.text": p.Effect.Text,
		"recommendations.text": p.Recommendations.Text, "fee_shifting.text": p.FeeShifting.Text,
		"agreement.text": p.Agreement.Text, "copy_to_represented_parent.text": p.CopyToRepresentedParent.Text,
	}
	for path, text := range texts {
		for _, m := range placeholderRE.FindAllStringSubmatch(text, -1) {
			if !oneOf(m[1], Placeholders) {
				l.Errorf(at(path), "unknown placeholder {%s} in %s%s: use %s", m[1], path,
					diag.DidYouMean(m[1], Placeholders), "{"+strings.Join(Placeholders, "}, {")+"}")
			}
		}
	}
	seen := map[string]int{}
	for i := range p.Holidays {
		h := &p.Holidays[i]
		path := fmt.Sprintf("holidays[%d]", i)
		if h.Remove {
			l.Errorf(at(path+".remove"), "remove: true drops a built-in holiday in a practice's override file; there is none named %q here", h.Name)
		}
		for _, e := range h.compile() {
			l.Errorf(at(path+"."+e.key), "%s", e.msg)
		}
		if j, dup := seen[h.Name]; dup && h.Name != "" {
			l.Errorf(at(path+".name"), "holiday %q is already defined at holidays[%d]: names must be unique", h.Name, j)
		}
		seen[h.Name] = i
	}
	for i := range p.Holidays {
		h := &p.Holidays[i]
		if h.After == "" {
			continue
		}
		path := fmt.Sprintf("holidays[%d].after", i)
		// Follow the chain of after: references; a loop or a missing name is an error.
		cur, steps := h.After, 0
		for ; steps <= len(p.Holidays); steps++ {
			j, ok := seen[cur]
			if !ok {
				var names []string
				for n := range seen {
					names = append(names, n)
				}
				slices.Sort(names)
				l.Errorf(at(path), "holiday %q is after %q, which is not a holiday of this profile%s", h.Name, cur, diag.DidYouMean(cur, names))
				break
			}
			if p.Holidays[j].After == "" {
				break
			}
			cur = p.Holidays[j].After
		}
		if steps > len(p.Holidays) {
			l.Errorf(at(path), "holiday %q is after itself through a loop of after: references", h.Name)
			h.r.on = nil
		}
	}
}

// BuiltinCodes returns the codes of the built-in profiles, generic first,
// then in alphabetical order, without reading them.
func BuiltinCodes() []string {
	names, _ := fs.Glob(builtin, "profiles/*.yaml")
	codes := []string{Generic}
	for _, name := range names {
		if c := strings.TrimSuffix(path.Base(name), ".yaml"); c != Generic {
			codes = append(codes, c)
		}
	}
	return codes
}

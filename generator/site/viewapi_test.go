package site

import (
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"pcdocket/templates"
)

// viewTypes are the view API's types: the dot of the page and row
// templates and every value reachable from it that package site defines.
// (The fee pages' feeView and billingView, in fees.go, are not listed yet.)
var viewTypes = []any{
	pageData{}, docketData{}, aheadRow{}, caseView{}, party{}, timelineRow{},
	clauseView{}, issueView{}, categoryView{}, kindCount{}, rowData{},
	weekView{}, weekRow{}, quietRow{},
}

// goOnly are the view's fields that no default template reads and that
// stay for a reason, with the reason.
var goOnly = map[string]string{
	"caseView.Dir":               "the case's folder: the links of its pages and of its fee page are built from it, and an override may link into it",
	"caseView.Account":           "the case's priced fee account, computed once for the fee pages and the billing summary (fees.go), which read it in Go",
	"caseView.DocketRow":         "the case's docket row, rendered once: the default docket joins the rows with docketCaseRows, in Go; an override may print each",
	"issueView.DocketRow":        "the issue's docket row, rendered once: the default docket joins the rows with docketRows, in Go; an override may print each",
	"timelineRow.By":             "a timeline row's fields: the default issue page writes the rows with timeline, in Go (fragments.go); an override may print each",
	"timelineRow.To":             "a timeline row's fields: the default issue page writes the rows with timeline, in Go (fragments.go); an override may print each",
	"timelineRow.Note":           "a timeline row's fields: the default issue page writes the rows with timeline, in Go (fragments.go); an override may print each",
	"issueView.CategoryRow":      "the issue's category row, rendered once: the default category page joins the rows with categoryRows, in Go; an override may print each",
	"issueView.ReferredTo":       issuePageInGo,
	"issueView.ObjectionBasis":   issuePageInGo,
	"issueView.FilingBasis":      issuePageInGo,
	"issueView.Cited":            issuePageInGo,
	"issueView.AmendsIssue":      issuePageInGo,
	"issueView.RaisedBy":         issuePageInGo,
	"issueView.RaisedOnLong":     issuePageInGo,
	"issueView.RecordLong":       issuePageInGo,
	"issueView.DueLong":          issuePageInGo,
	"issueView.DaysLateText":     issuePageInGo,
	"issueView.DaysLeftText":     issuePageInGo,
	"issueView.OnLong":           issuePageInGo,
	"issueView.EffectiveLong":    issuePageInGo,
	"issueView.EffectiveOwn":     issuePageInGo,
	"issueView.ServedLong":       issuePageInGo,
	"issueView.ObjectionLong":    issuePageInGo,
	"issueView.DocTitle":         issuePageInGo,
	"issueView.FilingLong":       issuePageInGo,
	"issueView.SharedExhibits":   issuePageInGo,
	"issueView.UnsharedExhibits": issuePageInGo,
	"clauseView.History":         "the issues citing the clause: the default clause and case pages write them in Go (clauseHistory, caseClauses in fragments.go); an override may print them",
	"issueView.DaysPending":      "an open issue's days pending: the default docket writes its rows with docketRow, in Go (fragments.go); an override may print it",
	"kindCount.Kind":             "the outcome kind counted: indexCategories counts the issues by it, in Go; an override may print it (a class, a link)",
}

// issuePageInGo is why an issue view's fields stay that only the
// fragments of the issue, clause and case pages, written in Go, read.
const issuePageInGo = "the default issue, clause and case pages write it in Go (issueFacts and the other fragments of fragments.go); an override of issue.html, clause.html or case.html may print it"

// TestViewAPI keeps the view an API rather than a struct that grows: every
// exported field and method of a view type is read by some default
// template of templates/private (or listed in goOnly with its reason), and
// is named in docs/templates.md, where a practice's overrides look for it.
func TestViewAPI(t *testing.T) {
	var tmpl strings.Builder
	err := fs.WalkDir(templates.Default(), "private", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".html") {
			return err
		}
		b, err := fs.ReadFile(templates.Default(), name)
		tmpl.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../docs/templates.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range viewTypes {
		typ := reflect.TypeOf(v)
		var names []string
		for i := range typ.NumField() {
			if f := typ.Field(i); f.IsExported() {
				names = append(names, f.Name)
			}
		}
		ptr := reflect.PointerTo(typ)
		for i := range ptr.NumMethod() {
			names = append(names, ptr.Method(i).Name)
		}
		for _, name := range names {
			used := regexp.MustCompile(`\.` + name + `\b`)
			key := typ.Name() + "." + name
			if _, ok := goOnly[key]; !ok && !used.MatchString(tmpl.String()) {
				t.Errorf("%s: no default template reads it: remove it from the view, or list it in goOnly with the reason it stays", key)
			}
			if !regexp.MustCompile("`[^`]*\\." + name + "\\b").Match(doc) {
				t.Errorf("%s is not named in docs/templates.md: document it under \"The view API of the private site\"", key)
			}
		}
	}
}

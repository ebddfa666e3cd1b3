package fees

import (
	"bytes"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/quick"

	"pcdocket/generator/practice"
)

func TestParseEntries(t *testing.T) {
	src := "# comment\n\n" +
		"2026-10-03  1h30  session  #4  Joint session on exchanges\n" +
		"2026-10-04\t09:00-09:20\tcall\tCall with the father\n" +
		"2026-10-05  pay       parent_b  $1,500.00   check 1042\n" +
		"2026-10-06  45m  email  Reply\n" +
		"2026-10-09  adjust    father  -$50.00   write-off: duplicated email\n" +
		"2026-10-10  paid  mother  20  cash\n"
	l, diags := Parse("content/cases/x/fees.txt", []byte(src))
	if len(diags) > 0 {
		t.Fatalf("findings: %v", diags)
	}
	want := []practice.FeeEntry{
		{Line: 3, Date: practice.MustDate("2026-10-03"), Kind: practice.EntryTime, Minutes: 90, Activity: "session", Issue: 4, Note: "Joint session on exchanges"},
		{Line: 4, Date: practice.MustDate("2026-10-04"), Kind: practice.EntryTime, Minutes: 20, Activity: "call", Note: "Call with the father"},
		{Line: 5, Date: practice.MustDate("2026-10-05"), Kind: practice.EntryPayment, Party: "parent_b", Amount: 150000, Note: "check 1042"},
		{Line: 6, Date: practice.MustDate("2026-10-06"), Kind: practice.EntryTime, Minutes: 45, Activity: "email", Note: "Reply"},
		{Line: 7, Date: practice.MustDate("2026-10-09"), Kind: practice.EntryAdjust, Party: "father", Amount: -5000, Note: "write-off: duplicated email"},
		{Line: 8, Date: practice.MustDate("2026-10-10"), Kind: practice.EntryPayment, Party: "mother", Amount: 2000, Note: "cash"},
	}
	if len(l.Entries) != len(want) {
		t.Fatalf("got %d entries, want %d: %+v", len(l.Entries), len(want), l.Entries)
	}
	for i := range want {
		if l.Entries[i] != want[i] {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, l.Entries[i], want[i])
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		line, want string
	}{
		{"2026-02-30  1h  session  Bad day", `bad date "2026-02-30"`},
		{"2026-10-03  -1h  session  Negative", "negative time"},
		{"2026-10-03  0m  session  Nothing", "is no time"},
		{"2026-10-03  1.5h  session  Decimal", `"1.5h" is not a time`},
		{"2026-10-03  1h75  session  Minutes", "under 60"},
		{"2026-10-03  11:00-10:00  call  Backwards", "ends before it starts"},
		{"2026-10-03  1h  sesion  Typo", `did you mean "session"?`},
		{"2026-10-03  1h  session", "without a description"},
		{"2026-10-03  1h  session  #0  Zero", `"#0" is not an issue number`},
		{"2026-10-03", "a date and nothing else"},
		{"2026-10-03  pay  parent_a", "needs a party and an amount"},
		{"2026-10-03  pay  parent_a  -$5.00  negative", "positive number"},
		{"2026-10-03  pay  parent_a  5.5.5  x", `bad amount "5.5.5"`},
		{"2026-10-03  adjust  parent_a  $0  nothing", "changes nothing"},
		{"2026-10-03  adjust  parent_a  -$5", "needs its reason"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			src := "2026-10-01  1h  session  A good line\n" + tt.line + "\n"
			l, diags := Parse("f.txt", []byte(src))
			if len(diags) != 1 {
				t.Fatalf("want one finding, got %v", diags)
			}
			if got := diags[0].String(); !strings.HasPrefix(got, "f.txt:2: ") || !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want f.txt:2: ... %q", got, tt.want)
			}
			if len(l.Entries) != 1 {
				t.Errorf("a bad line was kept: %+v", l.Entries)
			}
		})
	}
}

// TestParseReportsEveryLine: a ledger with many bad lines gets a finding
// for each, not just the first.
func TestParseReportsEveryLine(t *testing.T) {
	src := "x\n2026-10-03  -1h  call  a\n2026-10-03  pay  x  y  z\n"
	_, diags := Parse("f.txt", []byte(src))
	lines := map[int]bool{}
	for _, d := range diags {
		lines[d.Pos.Line] = true
	}
	if !lines[1] || !lines[2] || !lines[3] {
		t.Errorf("want findings at lines 1, 2 and 3, got %v", diags)
	}
}

func TestCharge(t *testing.T) {
	tests := []struct {
		min  int
		rate practice.Money
		want practice.Money
	}{
		{60, 20000, 20000},
		{90, 17500, 26250},
		{40, 17500, 11667}, // 116.666… rounds up
		{20, 17500, 5833},  // 58.333… rounds down
		{1, 3, 0},          // 0.05 cent rounds down
		{10, 3, 1},         // 0.5 cent rounds up
	}
	for _, tt := range tests {
		if got := Charge(tt.min, tt.rate); got != tt.want {
			t.Errorf("Charge(%d, %d) = %d, want %d", tt.min, tt.rate, got, tt.want)
		}
	}
}

func TestSplitRemainder(t *testing.T) {
	a := practice.Allocation{ParentA: 50, ParentB: 50}
	if got := Split(101, a, ""); got != (Pair{51, 50}) {
		t.Errorf("remainder to parent_a by default: got %v", got)
	}
	if got := Split(101, a, practice.PartyB); got != (Pair{50, 51}) {
		t.Errorf("remainder to parent_b: got %v", got)
	}
	if got := Split(-101, a, ""); got != (Pair{-51, -50}) {
		t.Errorf("a credit splits the same way: got %v", got)
	}
}

// TestSplitAddsUp is the property statements rest on: for any amount and
// any split, the shares add up to the amount to the cent.
func TestSplitAddsUp(t *testing.T) {
	f := func(amount int32, pa uint8, toB bool) bool {
		p := int(pa) % 101
		to := ""
		if toB {
			to = practice.PartyB
		}
		s := Split(practice.Money(amount), practice.Allocation{ParentA: p, ParentB: 100 - p}, to)
		return s.Sum() == practice.Money(amount)
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 20000}); err != nil {
		t.Error(err)
	}
}

// randomCase makes a case with random terms and a random ledger.
func randomCase(r *rand.Rand, n int) *practice.Case {
	pa := r.IntN(101)
	c := &practice.Case{ID: "c", Parties: practice.Parties{
		ParentA: practice.Party{Name: "A", Label: "Mother"}, ParentB: practice.Party{Name: "B", Label: "Father"}}}
	c.Fees = &practice.Fees{Rate: practice.Money(1 + r.IntN(50000)), Allocation: practice.Allocation{ParentA: pa, ParentB: 100 - pa}}
	if r.IntN(2) == 0 {
		c.Fees.RemainderTo = practice.PartyB
	}
	if r.IntN(2) == 0 {
		x := practice.Money(r.IntN(40000))
		c.Fees.Rates.Court = &x
	}
	q := r.IntN(101)
	c.Fees.Issues = []practice.IssueAllocation{{Issue: 2, Allocation: practice.Allocation{ParentA: q, ParentB: 100 - q}, Reason: "r"}}
	l := &practice.FeeLedger{File: "fees.txt"}
	day := practice.MustDate("2026-01-01")
	parties := []string{"parent_a", "parent_b", "both", "mother", "father"}
	for i := range n {
		e := practice.FeeEntry{Line: i + 1, Date: day.AddDays(r.IntN(365))}
		switch r.IntN(5) {
		case 0, 1:
			e.Kind, e.Minutes, e.Activity, e.Issue = practice.EntryTime, 1+r.IntN(600), practice.Activities[r.IntN(len(practice.Activities))], r.IntN(4)
		case 2:
			e.Kind, e.Party, e.Amount = practice.EntryPayment, parties[r.IntN(2)], practice.Money(1+r.IntN(200000))
		case 3:
			e.Kind, e.Party, e.Amount = practice.EntryAdjust, parties[r.IntN(len(parties))], practice.Money(r.IntN(20001)-10000)
		default:
			e.Kind, e.Party, e.Amount = practice.EntryRetainer, parties[3+r.IntN(2)], practice.Money(1+r.IntN(200000))
		}
		l.Entries = append(l.Entries, e)
	}
	c.FeeLedger = l
	return c
}

// TestAccountAddsUp: for any split and any entries, each line's shares add
// up to its amount, each parent's balance is the sum of their shares, the
// balances of both add up to everything charged less everything credited,
// and every month's statements chain: one month's closing balance is the
// next month's opening one, and the parents' statements add up to the
// account.
func TestAccountAddsUp(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 2026))
	for trial := range 300 {
		c := randomCase(r, r.IntN(80))
		acc := Compute(c)
		var total practice.Money
		var bal Pair
		for _, ln := range acc.Lines {
			if ln.Shares.Sum() != ln.Amount {
				t.Fatalf("trial %d: line %d: shares %v do not add up to %d", trial, ln.Entry.Line, ln.Shares, ln.Amount)
			}
			total += ln.Amount
			bal[0] += ln.Shares[0]
			bal[1] += ln.Shares[1]
			if ln.Balance != bal {
				t.Fatalf("trial %d: running balance %v, want %v", trial, ln.Balance, bal)
			}
		}
		if got := acc.Totals[0].Balance + acc.Totals[1].Balance; got != total {
			t.Fatalf("trial %d: balances add up to %d, want %d", trial, got, total)
		}
		var byIssue, byAct practice.Money
		for _, b := range acc.Issues {
			byIssue += b.Amount
			if b.Shares.Sum() != b.Amount {
				t.Fatalf("trial %d: issue %d shares do not add up", trial, b.Issue)
			}
		}
		for _, b := range acc.Acts {
			byAct += b.Amount
		}
		if byIssue != acc.Charged || byAct != acc.Charged {
			t.Fatalf("trial %d: per issue %d, per activity %d, charged %d", trial, byIssue, byAct, acc.Charged)
		}
		for k := range 2 {
			tt := acc.Totals[k]
			if tt.Charged+tt.Adjusted+tt.Refunded-tt.Paid != tt.Balance {
				t.Fatalf("trial %d: parent %d totals %+v do not make the balance", trial, k, tt)
			}
			var prev *Statement
			for _, m := range acc.Months() {
				st := acc.Statement(k, m)
				if prev != nil && st.Opening != prev.Closing {
					t.Fatalf("trial %d: %s opens at %d, %s closed at %d", trial, m, st.Opening, prev.Month, prev.Closing)
				}
				if st.Opening+st.Charges-st.Credits+st.Other != st.Closing {
					t.Fatalf("trial %d: statement %s does not add up: %+v", trial, m, st)
				}
				prev = st
			}
			if prev != nil && prev.Closing != tt.Balance {
				t.Fatalf("trial %d: last statement closes at %d, balance %d", trial, prev.Closing, tt.Balance)
			}
		}
	}
}

func TestOverdueAndRetainer(t *testing.T) {
	c := &practice.Case{Parties: practice.Parties{ParentA: practice.Party{Name: "A"}, ParentB: practice.Party{Name: "B"}}}
	c.Fees = &practice.Fees{Rate: 10000, Allocation: practice.Allocation{ParentA: 50, ParentB: 50}, DueDays: 30,
		Retainer: practice.Retainer{ParentA: 50000, ParentB: 50000, Floor: 20000}}
	l, diags := Parse("fees.txt", []byte(
		"2026-01-02 retainer parent_a 500\n"+
			"2026-01-05 4h session Work\n"+ // 200.00 each
			"2026-03-01 2h session Later work\n"+ // 100.00 each
			"2026-03-05 pay parent_b 150\n"))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	c.FeeLedger = l
	acc := Compute(c)
	asOf := practice.MustDate("2026-03-10")
	if got := acc.Overdue(0, asOf); got != 0 {
		t.Errorf("parent_a in credit: overdue %d, want 0", got)
	}
	if got := acc.Overdue(1, asOf); got != 5000 { // 200 due by Feb 8, 150 paid
		t.Errorf("parent_b overdue %d, want 5000", got)
	}
	if r := acc.RetainerOn(0, asOf); r.OnDeposit != 20000 || r.Low() {
		t.Errorf("parent_a retainer %+v: want 200.00 on deposit, not below the floor", r)
	}
	if r := acc.RetainerOn(1, asOf); r.OnDeposit != 0 || !r.Low() {
		t.Errorf("parent_b retainer %+v: want nothing on deposit, below the floor", r)
	}
	c.Fees.DueDays = 0
	if got := acc.Overdue(1, asOf); got != 0 {
		t.Errorf("no due days: overdue %d, want 0", got)
	}
}

func TestWriteCSV(t *testing.T) {
	c := &practice.Case{ID: "c1", Parties: practice.Parties{ParentA: practice.Party{Name: "A"}, ParentB: practice.Party{Name: "B"}}}
	c.Fees = &practice.Fees{Rate: 17500, Allocation: practice.Allocation{ParentA: 50, ParentB: 50}}
	c.FeeLedger, _ = Parse("fees.txt", []byte("2026-02-01 pay parent_b 0.50 coins, really\n2026-01-05 0h40 review #2 Review\n"))
	var b bytes.Buffer
	if err := WriteCSV(&b, []*Account{Compute(c)}, Month{}); err != nil {
		t.Fatal(err)
	}
	want := strings.Join(CSVHeader, ",") + "\n" +
		"c1,2026-01-05,time,review,2,40,,175.00,116.67,58.34,58.33,58.34,58.33,Review,fees.txt:2\n" +
		"c1,2026-02-01,pay,,,,parent_b,,-0.50,0.00,-0.50,58.34,57.83,\"coins, really\",fees.txt:1\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	WriteCSV(&b, []*Account{Compute(c)}, Month{2026, 2})
	if strings.Count(b.String(), "\n") != 2 {
		t.Errorf("--month 2026-02: want the header and one row, got\n%s", b.String())
	}
}

// TestWriteCSVFormulas: a description that a spreadsheet would run as a
// formula is written as text; a negative amount stays a number.
func TestWriteCSVFormulas(t *testing.T) {
	c := &practice.Case{ID: "c1", Parties: practice.Parties{ParentA: practice.Party{Name: "A"}, ParentB: practice.Party{Name: "B"}}}
	c.Fees = &practice.Fees{Rate: 17500, Allocation: practice.Allocation{ParentA: 50, ParentB: 50}}
	c.FeeLedger, _ = Parse("fees.txt", []byte("2026-02-01 pay parent_b 0.50 =HYPERLINK(\"http://x\",\"y\")\n"+
		"2026-02-02 pay parent_b 0.50 @SUM(A1)\n2026-02-03 pay parent_b 0.50 +1\n2026-02-04 pay parent_b 0.50 -2+3\n"+
		"2026-02-05 pay parent_b 0.50 a = b\n"))
	var b bytes.Buffer
	if err := WriteCSV(&b, []*Account{Compute(c)}, Month{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`'=HYPERLINK("http://x","y")`, "'@SUM(A1)", "'+1", "'-2+3", "a = b"}
	if len(rows) != 1+len(want) {
		t.Fatalf("got %d rows, want %d", len(rows), 1+len(want))
	}
	for i, w := range want {
		row := rows[i+1]
		if got := row[13]; got != w {
			t.Errorf("row %d description %q, want %q", i+1, got, w)
		}
		if got := row[8]; got != "-0.50" {
			t.Errorf("row %d amount %q, want -0.50 (a number, not text)", i+1, got)
		}
	}
}

func TestParseMoney(t *testing.T) {
	for s, want := range map[string]practice.Money{"200": 20000, "187.5": 18750, "$1,500.00": 150000, "-$50": -5000, "$-0.05": -5, "0.07": 7} {
		if got, err := practice.ParseMoney(s); err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "$", "1.234", "abc", "--5", "1e3", "12.", "99999999999999"} {
		if _, err := practice.ParseMoney(s); err == nil {
			t.Errorf("ParseMoney(%q): want an error", s)
		}
	}
	for m, want := range map[practice.Money]string{0: "0.00", 5: "0.05", -5: "-0.05", 99: "0.99", 100: "1.00", -123456: "-1,234.56", 123456789: "1,234,567.89", math.MinInt64: "-92,233,720,368,547,758.08"} {
		if got := m.String(); got != want {
			t.Errorf("Money(%d) = %q, want %q", m, got, want)
		}
		if got := string(m.Append([]byte("x="))); got != "x="+want {
			t.Errorf("Money(%d).Append(x=) = %q, want %q", m, got, "x="+want)
		}
	}
}

// FuzzParse: no input makes the parser panic, every finding is at a line
// of the input, and every entry kept is well formed.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"2026-10-03  1h30  session  #4  Joint session\n",
		"2026-10-05  pay  parent_b  $500.00  check\n2026-10-09 adjust father -$50.00 write-off\n",
		"2026-10-04 09:00-09:20 call x\n# c\n\n",
		"2026-10-04 -1h call x\n2026-13-01 pay a b c\n\xff\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, diags := Parse("f.txt", data)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, d := range diags {
			if d.Pos.File != "f.txt" || d.Pos.Line < 1 || d.Pos.Line > lines {
				t.Fatalf("finding outside the input: %v", d)
			}
		}
		for _, e := range l.Entries {
			switch e.Kind {
			case practice.EntryTime:
				if e.Minutes <= 0 || e.Note == "" {
					t.Fatalf("bad time entry kept: %+v", e)
				}
			case practice.EntryAdjust:
				if e.Amount == 0 || e.Note == "" {
					t.Fatalf("bad adjustment kept: %+v", e)
				}
			default:
				if e.Amount <= 0 || e.Party == "" {
					t.Fatalf("bad %s kept: %+v", e.Kind, e)
				}
			}
		}
	})
}

// TestFormatExample holds docs/format.md to its word: its ledger example
// is the sample's file, byte for byte, and reads without findings.
func TestFormatExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)`(content/cases/[^`]+/fees\\.txt)`:\n\n```text\n(.*?)\n```\n").FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/format.md quotes no fees.txt")
	}
	data, err := os.ReadFile("../../" + string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimRight(string(data), "\n") != string(m[2]) {
		t.Errorf("docs/format.md's copy of %s differs from the file: copy it again", m[1])
	}
	if _, diags := Parse(string(m[1]), data); len(diags) > 0 {
		t.Errorf("the example has findings: %v", diags)
	}
}

// TestBilledFromLog: a log entry marked bill is priced once, like a
// ledger line, and points at its log line; unbilled, scheduled and
// durationless entries add nothing, and a private entry's summary does not
// reach the ledger (statements go to parents).
func TestBilledFromLog(t *testing.T) {
	c := &practice.Case{ID: "c1", Parties: practice.Parties{ParentA: practice.Party{Name: "A"}, ParentB: practice.Party{Name: "B"}}}
	c.Fees = &practice.Fees{Rate: 12000, Allocation: practice.Allocation{ParentA: 50, ParentB: 50}}
	c.FeeLedger, _ = Parse("fees.txt", []byte("2026-01-05 1h review #2 Review of the plan\n"))
	c.Log = &practice.CommLog{File: "log.txt", Entries: []practice.LogEntry{
		{Line: 1, Date: practice.MustDate("2026-01-06"), Mode: practice.LogMeeting, Minutes: 30, Issue: 2, Bill: true, Summary: "Meeting at school"},
		{Line: 2, Date: practice.MustDate("2026-01-07"), Mode: practice.LogCall, Minutes: 15, Bill: true, Private: true, Summary: "Disclosed a worry about the new partner"},
		{Line: 3, Date: practice.MustDate("2026-01-08"), Mode: practice.LogCall, Minutes: 45, Summary: "Not billed"},
		{Line: 4, Date: practice.MustDate("2026-02-08"), Mode: practice.LogCourt, Minutes: 60, Scheduled: true, Bill: true, Summary: "Not held yet"},
	}}
	acc := Compute(c)
	if acc.Minutes != 60+30+15 {
		t.Errorf("minutes %d, want 105: the ledger's and the two billed entries'", acc.Minutes)
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, []*Account{acc}, Month{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		",session,2,30,,120.00,60.00,30.00,30.00,",
		"Meeting at school,log.txt:1\n",
		"Call (details withheld),log.txt:2\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("CSV lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "partner") || strings.Contains(b.String(), "Not billed") || strings.Contains(b.String(), "Not held") {
		t.Errorf("CSV holds a private, unbilled or scheduled entry:\n%s", b.String())
	}
	c.FeeLedger = nil
	if Billed(c) != nil || Compute(c) != nil {
		t.Error("without a fee ledger, the log bills nothing")
	}
}

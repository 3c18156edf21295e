// Expectations: what a run must print and how it must end.
//
// nachos's standard output is the console's text followed by the
// machine's statistics, from the line "Machine halting!" on. The checks
// on text look at the console part only, so that an expected output does
// not have to spell out tick counts that change with every seed; the
// statistics are read into numbers that "stats" compares. The last
// "Machine halting!" is the kernel's: a user program that prints one
// earlier only adds to its console text.

package grade

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"nachos/kernel"
)

// Expect is what a run must do. Every check given must hold.
type Expect struct {
	Status      int               `yaml:"status"`       // nachos's exit status (0 unless given)
	Output      *string           `yaml:"output"`       // the console text, exactly
	Regexp      string            `yaml:"regexp"`       // the console text matches this (RE2, anchored by ^ and $ if you want)
	Lines       []string          `yaml:"lines"`        // the console's lines, in any order
	OneOf       []string          `yaml:"one-of"`       // the console text is exactly one of these
	Contains    []string          `yaml:"contains"`     // the console text contains each
	NotContains []string          `yaml:"not-contains"` // ... and none of these
	Stderr      []string          `yaml:"stderr"`       // standard error contains each
	Stats       map[string]string `yaml:"stats"`        // statistic: comparison, such as total: "< 5000"

	re    *regexp.Regexp
	stats []statCheck
}

// statCheck is one compiled line of Stats.
type statCheck struct {
	name string
	cmp  comparison
}

// compile checks the expectation's regular expression and comparisons.
func (e *Expect) compile() error {
	if e.Regexp != "" {
		re, err := regexp.Compile(e.Regexp)
		if err != nil {
			return fmt.Errorf("expect.regexp: %v", err)
		}
		e.re = re
	}
	e.stats = nil
	for name, text := range e.Stats {
		if !slices.Contains(statNames, name) {
			return fmt.Errorf("expect.stats: no statistic %q (they are %s)", name, strings.Join(statNames, ", "))
		}
		c, err := parseComparison(text)
		if err != nil {
			return fmt.Errorf("expect.stats.%s: %w", name, err)
		}
		e.stats = append(e.stats, statCheck{name, c})
	}
	// Map order must not reach the report: check in the table's order.
	slices.SortFunc(e.stats, func(a, b statCheck) int {
		return slices.Index(statNames, a.name) - slices.Index(statNames, b.name)
	})
	return nil
}

// run is what one nachos run left behind.
type run struct {
	status  int
	console string // standard output up to the statistics
	stats   map[string]int64
	stderr  string
}

// check returns the first expectation the run breaks, as a sentence for
// the student, or nil.
func (e *Expect) check(r *run) error {
	if r.status != e.Status {
		return fmt.Errorf("nachos exited with status %d (%s), expected %d (%s)",
			r.status, statusMeaning(r.status), e.Status, statusMeaning(e.Status))
	}
	if e.Output != nil && r.console != *e.Output {
		return fmt.Errorf("the output differs from the expected output:\n%s", diff(*e.Output, r.console))
	}
	if e.re != nil && !e.re.MatchString(r.console) {
		return fmt.Errorf("the output does not match the regular expression %q", e.Regexp)
	}
	if e.Lines != nil {
		want, got := sortedLines(strings.Join(e.Lines, "\n")), sortedLines(r.console)
		if !slices.Equal(want, got) {
			return fmt.Errorf("the output's lines, in any order, are not the expected ones:\n%s",
				diff(strings.Join(want, "\n"), strings.Join(got, "\n")))
		}
	}
	if e.OneOf != nil && !slices.Contains(e.OneOf, r.console) {
		return fmt.Errorf("the output is none of the %d acceptable outputs; it was:\n%s", len(e.OneOf), indent(r.console))
	}
	for _, s := range e.Contains {
		if !strings.Contains(r.console, s) {
			return fmt.Errorf("the output does not contain %q", s)
		}
	}
	for _, s := range e.NotContains {
		if strings.Contains(r.console, s) {
			return fmt.Errorf("the output contains %q, which it must not", s)
		}
	}
	for _, s := range e.Stderr {
		if !strings.Contains(r.stderr, s) {
			return fmt.Errorf("standard error does not contain %q; it was:\n%s", s, indent(r.stderr))
		}
	}
	for _, c := range e.stats {
		v, ok := r.stats[c.name]
		if !ok {
			return fmt.Errorf("the machine printed no statistics (no \"Machine halting!\" block), so %s cannot be checked", c.name)
		}
		if !c.cmp.holds(v) {
			return fmt.Errorf("statistic %s is %d, expected %s", c.name, v, c.cmp)
		}
	}
	return nil
}

// statusMeanings say what nachos's exit statuses mean.
var statusMeanings = map[int]string{
	kernel.ExitOK:            "ran to its end",
	kernel.ExitUserFault:     "a user program was killed",
	kernel.ExitBadInput:      "bad input",
	kernel.ExitTickLimit:     "the tick limit was reached",
	kernel.ExitKernelError:   "a kernel error",
	kernel.ExitDeadlock:      "a deadlock",
	kernel.ExitInternalError: "nachos itself failed: a Go panic, whose stack is on standard error",
}

// statusMeaning says what a nachos exit status means.
func statusMeaning(s int) string {
	if m, ok := statusMeanings[s]; ok {
		return m
	}
	return "not a status nachos exits with"
}

// Statistics: the block the machine prints when it halts.

// statLines are the statistics' lines: a prefix, then the names of the
// numbers that follow it, in order.
var statLines = []struct {
	prefix string
	names  []string
}{
	{"Ticks:", []string{"total", "idle", "system", "user"}},
	{"Disk I/O:", []string{"disk-reads", "disk-writes"}},
	{"Console I/O:", []string{"console-reads", "console-writes"}},
	{"Paging:", []string{"page-faults"}},
	{"Network I/O:", []string{"packets-received", "packets-sent"}},
}

// statNames are the statistics Expect.Stats can compare, in the order
// the machine prints them.
var statNames = func() []string {
	var names []string
	for _, l := range statLines {
		names = append(names, l.names...)
	}
	return names
}()

// haltLine opens the statistics.
const haltLine = "Machine halting!\n"

// splitOutput separates nachos's standard output into the console's text
// and the statistics printed when the machine halted (nil if it did not).
func splitOutput(stdout string) (string, map[string]int64) {
	i := strings.LastIndex(stdout, haltLine)
	if i < 0 || (i > 0 && stdout[i-1] != '\n') {
		return stdout, nil
	}
	stats := map[string]int64{}
	for _, line := range strings.Split(stdout[i+len(haltLine):], "\n") {
		for _, sl := range statLines {
			rest, ok := strings.CutPrefix(line, sl.prefix)
			if !ok {
				continue
			}
			for j, n := range numbers(rest) {
				if j < len(sl.names) {
					stats[sl.names[j]] = n
				}
			}
		}
	}
	return stdout[:i], stats
}

// numbers returns the integers in s, in order.
func numbers(s string) []int64 {
	var ns []int64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '-' }) {
		if n, err := strconv.ParseInt(f, 10, 64); err == nil {
			ns = append(ns, n)
		}
	}
	return ns
}

// Comparisons: "< 5000", ">= 1", "== 22" or just "22".

// comparison is an operator and a number.
type comparison struct {
	op string
	n  int64
}

// comparisons are the operators, longest first so that "<=" is not read
// as "<".
var comparisons = []struct {
	op    string
	holds func(v, n int64) bool
}{
	{"<=", func(v, n int64) bool { return v <= n }},
	{">=", func(v, n int64) bool { return v >= n }},
	{"==", func(v, n int64) bool { return v == n }},
	{"!=", func(v, n int64) bool { return v != n }},
	{"<", func(v, n int64) bool { return v < n }},
	{">", func(v, n int64) bool { return v > n }},
}

func parseComparison(s string) (comparison, error) {
	s = strings.TrimSpace(s)
	op := "=="
	for _, c := range comparisons {
		if rest, ok := strings.CutPrefix(s, c.op); ok {
			op, s = c.op, strings.TrimSpace(rest)
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return comparison{}, errors.New("write an operator and a number: \"< 5000\", \">= 1\", \"== 22\" or \"22\"")
	}
	return comparison{op, n}, nil
}

func (c comparison) holds(v int64) bool {
	for _, cc := range comparisons {
		if cc.op == c.op {
			return cc.holds(v, c.n)
		}
	}
	return false
}

func (c comparison) String() string { return fmt.Sprintf("%s %d", c.op, c.n) }

// Showing differences to a student.

// sortedLines returns the lines of s, sorted.
func sortedLines(s string) []string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	slices.Sort(lines)
	return lines
}

// diff shows the first line where got differs from want, with its
// neighbours: enough to see what went wrong without drowning in output.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	line := func(ls []string, j int) string {
		if j < len(ls) {
			return strconv.Quote(ls[j])
		}
		return "(the end)"
	}
	return fmt.Sprintf("  line %d: expected %s\n  line %d:      got %s", i+1, line(w, i), i+1, line(g, i))
}

// indent indents text for a report, cut to a readable length.
func indent(s string) string {
	const max = 2000
	if len(s) > max {
		s = s[:max] + "\n... (cut)"
	}
	return "  | " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  | ")
}

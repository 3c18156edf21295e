// Results: verdicts, and the report that holds them.
//
// The report is plain JSON (--json), the one format every other output is
// made from: the summary table, JUnit XML, Gradescope's results.json, and
// the merge of shards, which reads shards' JSON back.

package grade

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
)

// Verdict is what became of a test.
type Verdict uint8

// The verdicts. Abort means the grader failed (a suite names a missing
// program, nachos would not start): it is never the student's fault.
const (
	Pass Verdict = iota
	Fail
	Skip
	Abort
	numVerdicts
)

var verdictNames = [numVerdicts]string{Pass: "pass", Fail: "fail", Skip: "skip", Abort: "abort"}

func (v Verdict) String() string {
	if v < numVerdicts {
		return verdictNames[v]
	}
	return fmt.Sprintf("verdict(%d)", uint8(v))
}

// MarshalText writes the verdict's name.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads a verdict's name.
func (v *Verdict) UnmarshalText(b []byte) error {
	i := slices.Index(verdictNames[:], string(b))
	if i < 0 {
		return fmt.Errorf("no verdict %q (they are pass, fail, skip, abort)", b)
	}
	*v = Verdict(i)
	return nil
}

// Result is one test's outcome over all its seeds.
type Result struct {
	Index      int     `json:"index"` // the test's place among all the suites' tests, which orders merged shards
	Suite      string  `json:"suite"`
	Name       string  `json:"name"`
	Doc        string  `json:"doc,omitempty"`
	Verdict    Verdict `json:"verdict"`
	Points     float64 `json:"points"`
	MaxPoints  float64 `json:"max_points"`
	Runs       int     `json:"runs"`   // seeds run (1 for a test that is not seeded)
	Passed     int     `json:"passed"` // ... and passed
	Time       Millis  `json:"time_ms"`
	Seed       *uint32 `json:"seed,omitempty"` // the first seed that failed
	Message    string  `json:"message,omitempty"`
	Command    string  `json:"command,omitempty"` // repeats the failing run (or the first run)
	Output     string  `json:"output,omitempty"`  // what the failing run printed
	Visibility string  `json:"visibility"`
}

// FullName names the test across suites.
func (r *Result) FullName() string { return r.Suite + "/" + r.Name }

// The report's schema, checked when shards are merged.
const (
	ReportSchema  = "nachos-grade"
	ReportVersion = 1
)

// Report is a grading run's results.
type Report struct {
	Schema  string    `json:"schema"`
	Version int       `json:"version"`
	Seeds   []uint32  `json:"seeds"`
	Shard   string    `json:"shard,omitempty"`
	Results []*Result `json:"tests"`
}

// Score returns the points earned and the points possible.
func (r *Report) Score() (earned, possible float64) {
	for _, t := range r.Results {
		earned += t.Points
		possible += t.MaxPoints
	}
	return earned, possible
}

// Passed reports whether every test passed.
func (r *Report) Passed() bool {
	for _, t := range r.Results {
		if t.Verdict != Pass {
			return false
		}
	}
	return true
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// ReadReport reads a report written by WriteJSON.
func ReadReport(path string) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil || r.Schema != ReportSchema {
		return nil, fmt.Errorf("%s is not a report of nachos grade --json", path)
	}
	if r.Version != ReportVersion {
		return nil, fmt.Errorf("%s is a report of version %d; this nachos reads version %d", path, r.Version, ReportVersion)
	}
	return &r, nil
}

// Merge joins the reports of the shards of one grading run into one. The
// shards must have used the same seeds, and no test may appear twice.
func Merge(reports []*Report) (*Report, error) {
	if len(reports) == 0 {
		return nil, fmt.Errorf("nothing to merge")
	}
	out := &Report{Schema: ReportSchema, Version: ReportVersion, Seeds: reports[0].Seeds}
	seen := map[string]bool{}
	for i, r := range reports {
		if !slices.Equal(r.Seeds, out.Seeds) {
			return nil, fmt.Errorf("report %d used seeds %v, report 1 seeds %v: shards of one run use the same --seeds", i+1, r.Seeds, out.Seeds)
		}
		for _, t := range r.Results {
			if seen[t.FullName()] {
				return nil, fmt.Errorf("test %s is in two reports: merge the shards of one run, each once", t.FullName())
			}
			seen[t.FullName()] = true
			out.Results = append(out.Results, t)
		}
	}
	slices.SortStableFunc(out.Results, func(a, b *Result) int { return a.Index - b.Index })
	return out, nil
}

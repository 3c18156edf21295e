// Exports: the report in the formats graders' systems read.
//
// JUnit XML is what CI systems (GitHub Actions, GitLab, Jenkins) show as
// test results: a failed test is a <failure>, a skipped one <skipped>,
// and an aborted one an <error>, which JUnit keeps for a harness that
// broke. Gradescope's autograder reads results.json: a score and a
// max_score per test, its output (the failure, the seed and the command
// that repeats it) and its visibility.

package grade

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Text is what a student reads about a result: the verdict's reason, the
// command that repeats the run, and the run's output.
func (r *Result) Text() string {
	var b strings.Builder
	if r.Doc != "" {
		fmt.Fprintf(&b, "%s\n", r.Doc)
	}
	fmt.Fprintf(&b, "%s: %d of %d runs passed", r.Verdict, r.Passed, r.Runs)
	if r.Verdict == Pass {
		fmt.Fprintf(&b, " (run it: %s)\n", r.Command)
		return b.String()
	}
	fmt.Fprintf(&b, "\n%s\n", r.Message)
	if r.Command != "" {
		fmt.Fprintf(&b, "repeat it: %s\n", r.Command)
	}
	if r.Output != "" {
		fmt.Fprintf(&b, "its output:\n%s\n", indent(r.Output))
	}
	return b.String()
}

// JUnit.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Class   string        `xml:"classname,attr"`
	Name    string        `xml:"name,attr"`
	Time    string        `xml:"time,attr"`
	Failure *junitProblem `xml:"failure,omitempty"`
	Error   *junitProblem `xml:"error,omitempty"`
	Skipped *junitProblem `xml:"skipped,omitempty"`
	Out     string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the report as JUnit XML, a <testsuite> per suite.
func (r *Report) WriteJUnit(w io.Writer) error {
	all := junitSuites{Name: "nachos grade"}
	index := map[string]int{}
	for _, t := range r.Results {
		i, ok := index[t.Suite]
		if !ok {
			i = len(all.Suites)
			index[t.Suite] = i
			all.Suites = append(all.Suites, junitSuite{Name: t.Suite})
		}
		s := &all.Suites[i]
		c := junitCase{Class: t.Suite, Name: t.Name, Time: seconds(t.Time), Out: t.Text()}
		problem := &junitProblem{Message: firstLine(t.Message), Text: t.Message}
		switch t.Verdict {
		case Fail:
			c.Failure = problem
			s.Failures++
		case Abort:
			c.Error = problem
			s.Errors++
		case Skip:
			c.Skipped = problem
			s.Skipped++
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
	}
	var total Millis
	for i := range all.Suites {
		s := &all.Suites[i]
		total = 0
		for _, t := range r.Results {
			if t.Suite == s.Name {
				total += t.Time
			}
		}
		s.Time = seconds(total)
		all.Tests += s.Tests
		all.Failures += s.Failures
		all.Errors += s.Errors
		all.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// seconds writes milliseconds as JUnit's seconds.
func seconds(ms Millis) string { return fmt.Sprintf("%.3f", float64(ms)/1000) }

// firstLine returns s up to its first newline.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// Gradescope.

type gradescopeResults struct {
	Score         float64          `json:"score"`
	ExecutionTime float64          `json:"execution_time"` // seconds
	Output        string           `json:"output"`
	Visibility    string           `json:"visibility"`
	Tests         []gradescopeTest `json:"tests"`
}

type gradescopeTest struct {
	Name       string   `json:"name"`
	Number     string   `json:"number"`
	Score      float64  `json:"score"`
	MaxScore   float64  `json:"max_score"`
	Status     string   `json:"status"` // passed or failed
	Output     string   `json:"output"`
	Tags       []string `json:"tags"`
	Visibility string   `json:"visibility"`
}

// WriteGradescope writes the report as Gradescope's results.json.
func (r *Report) WriteGradescope(w io.Writer) error {
	earned, possible := r.Score()
	out := gradescopeResults{
		Score:      earned,
		Output:     fmt.Sprintf("nachos grade: %g of %g points, seeds %s", earned, possible, seedList(r.Seeds)),
		Visibility: "visible",
	}
	for i, t := range r.Results {
		status := "failed"
		if t.Verdict == Pass {
			status = "passed"
		}
		out.ExecutionTime += float64(t.Time) / 1000
		out.Tests = append(out.Tests, gradescopeTest{
			Name:       t.FullName(),
			Number:     fmt.Sprint(i + 1),
			Score:      t.Points,
			MaxScore:   t.MaxPoints,
			Status:     status,
			Output:     t.Text(),
			Tags:       []string{t.Suite},
			Visibility: t.Visibility,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// seedList writes seeds briefly: "1-10", or "3,17,42".
func seedList(seeds []uint32) string {
	consecutive := len(seeds) > 2
	for i, s := range seeds {
		consecutive = consecutive && s == seeds[0]+uint32(i)
	}
	if consecutive {
		return fmt.Sprintf("%d-%d", seeds[0], seeds[len(seeds)-1])
	}
	parts := make([]string, len(seeds))
	for i, s := range seeds {
		parts[i] = fmt.Sprint(s)
	}
	return strings.Join(parts, ",")
}

// What the grader prints: progress while it runs, then a table.
//
// On a terminal, progress is one line redrawn in place (a bar, the runs
// done, the failures so far); to a file or a pipe, as in CI logs, it is
// one plain line per test as it ends. Either way the table comes last:
// test, verdict, points, seeds passed and time, then what went wrong in
// each test that did not pass, with the command that repeats it.

package grade

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// NewProgress returns a Progress that writes to w: a bar redrawn in
// place if w is a terminal, plain lines otherwise.
func NewProgress(w io.Writer, terminal bool) Progress {
	return &progress{w: w, terminal: terminal}
}

// progress is the standard Progress.
type progress struct {
	w        io.Writer
	terminal bool

	mu               sync.Mutex // guards the counts
	runs, done       int
	tests, testsDone int
	failed           int
	last             string // the last test to end, shown on the bar
}

func (p *progress) Start(tests, runs int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tests, p.runs = tests, runs
	if !p.terminal {
		fmt.Fprintf(p.w, "grading %d tests (%d runs)\n", tests, runs)
	}
}

func (p *progress) RunDone(*Test) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.draw()
}

func (p *progress) TestDone(r *Result) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.testsDone++
	if r.Verdict != Pass {
		p.failed++
	}
	p.last = r.FullName()
	if p.terminal && r.Verdict != Pass {
		fmt.Fprintf(p.w, "\r\033[K%-5s %s\n", r.Verdict, r.FullName()) // stays above the bar
	}
	if !p.terminal {
		fmt.Fprintf(p.w, "%-5s %s (%d/%d runs passed, %s)\n", r.Verdict, r.FullName(), r.Passed, r.Runs, seconds(r.Time)+"s")
	}
	p.draw()
}

func (p *progress) Finish() {
	if p.terminal {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// draw redraws the bar on a terminal.
func (p *progress) draw() {
	if !p.terminal || p.runs == 0 {
		return
	}
	const width = 30
	filled := p.done * width / p.runs
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %d/%d runs, %d/%d tests, %d not passed  %s",
		strings.Repeat("#", filled), strings.Repeat(".", width-filled),
		p.done, p.runs, p.testsDone, p.tests, p.failed, p.last)
}

// WriteSummary prints the table of results, then the details of every
// test that did not pass.
func (r *Report) WriteSummary(w io.Writer) {
	nameWidth := len("test")
	for _, t := range r.Results {
		nameWidth = max(nameWidth, len(t.FullName()))
	}
	row := func(name, verdict, points, seeds, time string) {
		fmt.Fprintf(w, "%-*s  %-7s  %9s  %7s  %8s\n", nameWidth, name, verdict, points, seeds, time)
	}
	row("test", "verdict", "points", "seeds", "time")
	counts := map[Verdict]int{}
	for _, t := range r.Results {
		counts[t.Verdict]++
		row(t.FullName(), t.Verdict.String(), points(t.Points)+"/"+points(t.MaxPoints),
			fmt.Sprintf("%d/%d", t.Passed, t.Runs), seconds(t.Time)+"s")
	}
	earned, possible := r.Score()
	row("total", "", points(earned)+"/"+points(possible), "", "")
	var tally []string
	for v := range numVerdicts {
		if counts[v] > 0 {
			tally = append(tally, fmt.Sprintf("%d %s", counts[v], v))
		}
	}
	fmt.Fprintf(w, "\n%d tests: %s; seeds %s\n", len(r.Results), strings.Join(tally, ", "), seedList(r.Seeds))
	for _, t := range r.Results {
		if t.Verdict == Pass {
			continue
		}
		fmt.Fprintf(w, "\n%s %s: %s\n", strings.ToUpper(t.Verdict.String()), t.FullName(), t.Message)
		if t.Command != "" {
			fmt.Fprintf(w, "  repeat it: %s\n", t.Command)
		}
	}
}

// points writes a score without needless decimals.
func points(p float64) string { return strconv.FormatFloat(p, 'f', -1, 64) }

// ParseSeeds reads --seeds: a count N (the seeds 1 to N) or a list of
// seeds separated by commas ("3,17,42"; "42," is the seed 42 alone).
func ParseSeeds(s string) ([]uint32, error) {
	if !strings.Contains(s, ",") {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("--seeds %q: give a count (10: the seeds 1 to 10) or a list (3,17,42)", s)
		}
		seeds := make([]uint32, n)
		for i := range seeds {
			seeds[i] = uint32(i + 1)
		}
		return seeds, nil
	}
	var seeds []uint32
	for _, f := range strings.Split(s, ",") {
		if strings.TrimSpace(f) == "" {
			continue // "42," is the one seed 42
		}
		n, err := strconv.ParseUint(strings.TrimSpace(f), 10, 32)
		if err != nil {
			return nil, fmt.Errorf("--seeds %q: %q is not a seed (a number from 0 to 4294967295)", s, f)
		}
		seeds = append(seeds, uint32(n))
	}
	return seeds, nil
}

// The grader: every test under every seed, in parallel, in dependency
// order.
//
// Each test waits for the tests it depends on. If one of them did not
// pass, the test is skipped and says which; otherwise its runs, one per
// seed, join a pool of -j workers shared by all tests. A test passes only
// if every seed's run passes, and the report gives the first seed that
// failed, in the order the seeds were given, with the command that
// repeats it: a run is a pure function of its inputs and its seed, so
// that command shows the student exactly what the grader saw.

package grade

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// Grader runs suites with one nachos binary.
type Grader struct {
	Nachos string   // the nachos binary to run
	Shown  string   // how reports name it in commands (default: Nachos)
	Dir    string   // where nachos runs: programs are named from here
	Seeds  []uint32 // the -rs seeds of seeded tests; at least one
	Jobs   int      // runs at once (default: the number of cores)
	Shard  Shard    // which part of the tests to run (default: all)

	// Progress, if set, hears of every run and test as it ends.
	Progress Progress

	// Broken, if set, says why the nachos to grade could not be built
	// (BuildTree's error): every test then fails with it, so that a
	// student's tree that does not compile still gets a full report.
	Broken error
}

// Progress is told how a grading run goes.
type Progress interface {
	Start(tests, runs int)
	RunDone(t *Test)
	TestDone(r *Result)
	Finish()
}

// shownNachos is the binary as commands in reports name it.
func (g *Grader) shownNachos() string {
	if g.Shown != "" {
		return g.Shown
	}
	return g.Nachos
}

// Run grades the tests of suites that fall in g's shard, and returns
// their results in suite order. It numbers the suites' tests as it
// selects them, so two Runs at once need suites loaded for each.
func (g *Grader) Run(ctx context.Context, suites []*Suite) *Report {
	jobs := g.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	tests := g.Shard.Select(suites)
	rep := &Report{Schema: ReportSchema, Version: ReportVersion, Seeds: g.Seeds, Shard: g.Shard.String()}
	rep.Results = make([]*Result, len(tests))
	// done[i] is closed once rep.Results[i] is filled in, for the tests
	// that depend on test i.
	done := make([]chan struct{}, len(tests))
	index := map[string]int{} // a test's place in tests, by its full name
	total := 0
	for i, t := range tests {
		done[i] = make(chan struct{})
		index[t.FullName()] = i
		total += len(g.seedsOf(t))
	}
	if g.Progress != nil {
		g.Progress.Start(len(tests), total)
	}

	slots := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for i, t := range tests {
		wg.Go(func() {
			defer close(done[i])
			r := newResult(t)
			if g.Broken != nil {
				r.Verdict, r.Message = Fail, g.Broken.Error()
			} else if dep := failedDependency(t, index, done, rep.Results); dep != nil {
				r.Verdict = Skip
				r.Message = fmt.Sprintf("it depends on %s, which did not pass (%s)", dep.Name, dep.Verdict)
				for range g.seedsOf(t) {
					g.runDone(t) // its runs will not happen: count them as done
				}
			} else {
				g.runSeeds(ctx, t, r, slots)
			}
			rep.Results[i] = r
			if g.Progress != nil {
				g.Progress.TestDone(r)
			}
		})
	}
	wg.Wait()
	if g.Progress != nil {
		g.Progress.Finish()
	}
	return rep
}

// runDone tells the progress that a run of t has ended.
func (g *Grader) runDone(t *Test) {
	if g.Progress != nil {
		g.Progress.RunDone(t)
	}
}

// seedsOf are the seeds t runs under: all of them, or one run without
// -rs for a test that is not seeded.
func (g *Grader) seedsOf(t *Test) []uint32 {
	if !t.Seeded {
		return []uint32{0}
	}
	return g.Seeds
}

// failedDependency waits for t's dependencies and returns the result of
// the first that did not pass, or nil. A dependency outside the shard
// cannot happen: shards keep dependent tests together.
func failedDependency(t *Test, index map[string]int, done []chan struct{}, results []*Result) *Result {
	for _, d := range t.Depends {
		i := index[t.Suite+"/"+d]
		<-done[i]
		if r := results[i]; r.Verdict != Pass {
			return r
		}
	}
	return nil
}

// runSeeds runs t under each of its seeds, at most len(slots) runs at a
// time across all tests, and fills in r.
func (g *Grader) runSeeds(ctx context.Context, t *Test, r *Result, slots chan struct{}) {
	seeds := g.seedsOf(t)
	outcomes := make([]outcome, len(seeds))
	var wg sync.WaitGroup
	for i, seed := range seeds {
		wg.Go(func() {
			slots <- struct{}{}
			outcomes[i] = g.runOnce(ctx, t, seed)
			<-slots
			g.runDone(t)
		})
	}
	wg.Wait()
	r.score(t, outcomes)
}

// score decides a test's verdict from its runs, in seed order.
func (r *Result) score(t *Test, outcomes []outcome) {
	r.Verdict = Pass
	var first *outcome
	for i := range outcomes {
		o := &outcomes[i]
		r.Runs++
		r.Time += toMillis(o.time)
		switch {
		case o.abort:
			if r.Verdict != Abort {
				r.Verdict, first = Abort, o
			}
		case o.err != nil:
			if r.Verdict == Pass {
				r.Verdict, first = Fail, o
			}
		default:
			r.Passed++
		}
	}
	if first == nil {
		r.Points = t.Points
		if len(outcomes) > 0 {
			r.Command = outcomes[0].command
		}
		return
	}
	r.Command = first.command
	if first.seeded {
		seed := first.seed
		r.Seed = &seed
		r.Message = fmt.Sprintf("seed %d: %v", seed, first.err)
	} else {
		r.Message = first.err.Error()
	}
	r.Output = first.output
}

// newResult is the result of t before it runs.
func newResult(t *Test) *Result {
	return &Result{Index: t.index, Suite: t.Suite, Name: t.Name, Doc: t.Doc, MaxPoints: t.Points, Visibility: t.Visibility}
}

// Millis is a duration in whole milliseconds, as reports give it.
type Millis int64

// toMillis converts a duration, rounding up so that no run takes 0 ms.
func toMillis(d time.Duration) Millis { return Millis((d + time.Millisecond - 1) / time.Millisecond) }

// Tests for the scheduling simulation against the worked examples of
// OSTEP (Operating Systems: Three Easy Pieces) chapters 7 and 8, with
// their exact numbers, and for priority, aging, MLFQ and I/O behaviour.

package kernel_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
)

// workload builds a workload from jobs in their command-line form.
func workload(t *testing.T, specs ...string) kernel.Workload {
	t.Helper()
	jobs, err := kernel.ParseJobs(specs)
	require.NoError(t, err)
	return kernel.Workload{Jobs: jobs}
}

// known declares every job's first CPU burst, as the textbooks' SJF
// assumes run times are known.
func known(w kernel.Workload) kernel.Workload {
	for i := range w.Jobs {
		w.Jobs[i].Estimate = w.Jobs[i].Bursts[0]
	}
	return w
}

func simulate(t *testing.T, w kernel.Workload, policy string) *kernel.Schedule {
	t.Helper()
	p, err := kernel.ParsePolicy(policy)
	require.NoError(t, err)
	s, err := kernel.Simulate(w, p)
	require.NoError(t, err)
	return s
}

// runs is the schedule's CPU timeline as job names and ticks.
func runs(s *kernel.Schedule) []string {
	var out []string
	for _, r := range s.Runs {
		out = append(out, fmt.Sprintf("%s:%d-%d", s.Jobs[r.Job].Name, r.Start, r.End))
	}
	return out
}

func completion(s *kernel.Schedule, name string) int64 {
	for _, j := range s.Jobs {
		if j.Name == name {
			return j.Completion
		}
	}
	panic("no job " + name)
}

// OSTEP 7.3: three 10-tick jobs arriving together, average turnaround 20.
func TestFIFOThreeEqualJobs(t *testing.T) {
	s := simulate(t, workload(t, "A:0:10", "B:0:10", "C:0:10"), "fcfs")
	assert.Equal(t, []string{"A:0-10", "B:10-20", "C:20-30"}, runs(s))
	assert.Equal(t, 20.0, s.AverageTurnaround())
	assert.Equal(t, 10.0, s.AverageWaiting())
	assert.Equal(t, 10.0, s.AverageResponse())
	assert.Equal(t, 2, s.Switches)
	assert.Equal(t, 1.0, s.Utilisation())
	assert.Equal(t, 0.1, s.Throughput())
}

// OSTEP 7.3 and 7.4: the convoy effect. A long job first makes FIFO's
// average turnaround 110; SJF runs the short ones first, 50.
func TestConvoyFIFOAgainstSJF(t *testing.T) {
	w := workload(t, "A:0:100", "B:0:10", "C:0:10")
	assert.Equal(t, 110.0, simulate(t, w, "fcfs").AverageTurnaround())

	sjf := simulate(t, known(w), "sjf")
	assert.Equal(t, []string{"B:0-10", "C:10-20", "A:20-120"}, runs(sjf))
	assert.Equal(t, 50.0, sjf.AverageTurnaround())
}

// Without declared run times SJF has only its guess, the same for every
// newcomer: it cannot tell the jobs apart and falls back to FIFO.
func TestSJFWithoutHistoryIsFIFO(t *testing.T) {
	w := workload(t, "A:0:100", "B:0:10", "C:0:10")
	assert.Equal(t, 110.0, simulate(t, w, "sjf").AverageTurnaround())
}

// OSTEP 7.5: A (100) at 0, B and C (10) at 10. Non-preemptive SJF is
// stuck behind A (average turnaround 103.33); STCF preempts it (50).
func TestSRTFPreemptsForShorterJobs(t *testing.T) {
	w := known(workload(t, "A:0:100", "B:10:10", "C:10:10"))
	sjf := simulate(t, w, "sjf")
	assert.InDelta(t, 103.33, sjf.AverageTurnaround(), 0.01)

	srtf := simulate(t, w, "srtf")
	assert.Equal(t, []string{"A:0-10", "B:10-20", "C:20-30", "A:30-120"}, runs(srtf))
	assert.Equal(t, 50.0, srtf.AverageTurnaround())
	assert.Equal(t, 3, srtf.Switches)
}

// OSTEP 7.7: round robin with a 1-tick quantum on three 5-tick jobs gives
// an average response time of 1; SJF's is 5.
func TestRoundRobinResponseTime(t *testing.T) {
	w := workload(t, "A:0:5", "B:0:5", "C:0:5")
	rr := simulate(t, w, "rr:1")
	assert.Equal(t, 1.0, rr.AverageResponse())
	assert.Equal(t, 14.0, rr.AverageTurnaround(), "A ends at 13, B at 14, C at 15")
	assert.Equal(t, 14, rr.Switches)
	assert.Equal(t, 5.0, simulate(t, known(w), "sjf").AverageResponse())
}

// A thread alone gets quantum after quantum; a newcomer waits for the
// end of the current one.
func TestRoundRobinRenewsTheQuantumOfALoneThread(t *testing.T) {
	s := simulate(t, workload(t, "A:0:20", "B:7:4"), "rr:4")
	assert.Equal(t, []string{"A:0-8", "B:8-12", "A:12-24"}, runs(s))
}

// A more important job that arrives takes the CPU at once; the less
// important one resumes when it is done.
func TestStaticPriorityPreempts(t *testing.T) {
	s := simulate(t, workload(t, "low:0:50:1", "high:10:20:5", "equal:15:5:5"), "priority")
	assert.Equal(t, []string{"low:0-10", "high:10-30", "equal:30-35", "low:35-75"}, runs(s))
}

// A stream of important jobs keeps the CPU busy for 300 ticks. Under
// static priority the unimportant job waits for all of it; with aging it
// finishes inside the stream.
func TestAgingPreventsStarvation(t *testing.T) {
	specs := []string{"low:0:30:0"}
	for i := range 30 {
		specs = append(specs, fmt.Sprintf("h%d:%d:10:5", i, 10*i))
	}
	w := workload(t, specs...)
	assert.Equal(t, int64(330), completion(simulate(t, w, "priority"), "low"))

	aged := simulate(t, w, "aging:10")
	assert.Less(t, completion(aged, "low"), int64(300))
	// After 50 ticks of waiting it is as important as a fresh job, and
	// wins the tie for having waited longer; it holds the CPU until a job
	// has waited long enough to outrank it, 10 ticks later. Then it waits
	// again, from its own priority, while the backlog drains.
	assert.Equal(t, []string{"low:50-60", "low:120-130", "low:200-210"}, runsOf(aged, "low"))
	assert.Equal(t, int64(330), aged.End(), "aging reorders the work, it does not add any")
}

func runsOf(s *kernel.Schedule, name string) []string {
	var out []string
	for _, r := range runs(s) {
		if len(r) > len(name) && r[:len(name)+1] == name+":" {
			out = append(out, r)
		}
	}
	return out
}

// MLFQ, OSTEP 8.2: CPU-bound jobs move down a level each time they use
// their allotment (10, 20 and 40 ticks here), and share the bottom level
// round robin.
func TestMLFQDemotesJobsThatUseTheirQuantum(t *testing.T) {
	s := simulate(t, workload(t, "A:0:100", "B:0:100"), "mlfq:10:100000:3")
	assert.Equal(t, []string{
		"A:0-10", "B:10-20", // level 0
		"A:20-40", "B:40-60", // level 1
		"A:60-100", "B:100-140", "A:140-170", "B:170-200", // level 2
	}, runs(s))
}

// A short job that arrives while a long one runs on a low level gets the
// CPU at once: MLFQ approximates SJF without being told anything. Round
// robin makes it wait for the end of the quantum.
func TestMLFQFavoursNewShortJobs(t *testing.T) {
	w := workload(t, "long:0:200", "short:105:10")
	mlfq := simulate(t, w, "mlfq:10:100000:3")
	assert.Equal(t, []string{"long:0-105", "short:105-115", "long:115-210"}, runs(mlfq))
	assert.Equal(t, int64(0), mlfq.Jobs[1].Response())
	assert.Equal(t, int64(45), simulate(t, w, "rr:50").Jobs[1].Response())
}

// Without the boost, a stream of new jobs keeps the top level busy and a
// long job that sank starves until the stream ends; the boost brings it
// back to the top every 50 ticks, behind the jobs already waiting there.
func TestMLFQBoostPreventsStarvation(t *testing.T) {
	specs := []string{"long:0:50"}
	for i := 1; i <= 20; i++ {
		specs = append(specs, fmt.Sprintf("s%d:%d:10", i, 10*i))
	}
	w := workload(t, specs...)
	starved := simulate(t, w, "mlfq:10:100000:3")
	assert.Equal(t, []string{"long:0-10", "long:210-250"}, runsOf(starved, "long"))

	boosted := simulate(t, w, "mlfq:10:50:3")
	assert.Equal(t, []string{"long:0-10", "long:50-60", "long:110-120", "long:170-180", "long:230-240"}, runsOf(boosted, "long"))
}

// A job doing I/O leaves the CPU to another: the two overlap. Alone, the
// CPU idles during its I/O.
func TestIOBurstsOverlapWithOtherJobs(t *testing.T) {
	alone := simulate(t, workload(t, "io:0:10,20,10"), "fcfs")
	assert.Equal(t, []string{"io:0-10", "io:30-40"}, runs(alone))
	assert.Equal(t, 0.5, alone.Utilisation())
	assert.Equal(t, int64(0), alone.Jobs[0].Waiting())
	assert.Equal(t, []kernel.Segment{{Job: 0, Start: 10, End: 30}}, alone.IO)
	assert.Equal(t, 0, alone.Switches, "the same job resumes after idling: no switch")

	both := simulate(t, workload(t, "io:0:10,20,10", "cpu:0:30"), "fcfs")
	assert.Equal(t, []string{"io:0-10", "cpu:10-40", "io:40-50"}, runs(both))
	assert.Equal(t, 1.0, both.Utilisation())
	assert.Equal(t, int64(10), both.Jobs[0].Waiting(), "ready at 30, ran at 40")
	assert.Equal(t, int64(10), both.Jobs[1].Waiting())
}

// SJF learns from history: an I/O-bound job's short bursts put it ahead
// of a CPU-bound job once the prediction has caught up.
func TestSJFLearnsBurstsByExponentialAveraging(t *testing.T) {
	p := kernel.NewSJF(100)
	th := kernel.NewThread("t", 0)
	assert.Equal(t, 100.0, p.Prediction(th))
	p.Ran(th, 10, false)
	assert.Equal(t, 55.0, p.Prediction(th), "(10 + 100) / 2")
	p.Ran(th, 20, true)
	assert.Equal(t, 55.0, p.Prediction(th), "a preempted burst is not over")
	p.Ran(th, 10, false)
	assert.Equal(t, 42.5, p.Prediction(th), "(20 + 10 + 55) / 2")
	p.Estimate(th, 7)
	assert.Equal(t, 7.0, p.Prediction(th))
}

// Under SJF, the interactive job (short CPU bursts) runs before a
// CPU-bound job whenever both are ready, once its history shows it.
func TestSJFPredictionsDecideTheOrder(t *testing.T) {
	w := workload(t, "cpu:0:60,1,60", "inter:0:5,1,5,1,5,1,5")
	s := simulate(t, w, "sjf:50")
	// Both start at the guess of 50: FIFO, cpu first. cpu's 60 raises
	// its prediction to 55; inter's 5 lowers its own to 27.5.
	assert.Equal(t, []string{"cpu:0-60", "inter:60-65", "cpu:65-125", "inter:125-130", "inter:131-136", "inter:137-142"}, runs(s))
}

// misbehaving is a policy that returns a thread it was never given.
type misbehaving struct{ kernel.FCFS }

func (misbehaving) Next(int64) *kernel.Thread { return kernel.NewThread("stranger", 0) }

// lazy is a policy that never chooses anything.
type lazy struct{ kernel.FCFS }

func (lazy) Next(int64) *kernel.Thread { return nil }

func TestSimulateReportsPoliciesThatBreakTheRules(t *testing.T) {
	w := workload(t, "A:0:10")
	_, err := kernel.Simulate(w, &misbehaving{})
	assert.EqualError(t, err, `policy fcfs chose "stranger" to run at tick 0, but it is not a ready thread: Next must return a thread that was Added and not taken since`)
	_, err = kernel.Simulate(w, &lazy{})
	assert.EqualError(t, err, "policy fcfs left the CPU idle at tick 0 with 1 jobs unfinished and none on the way: Next must return a ready thread whenever one was Added")
	_, err = kernel.Simulate(kernel.Workload{}, &kernel.FCFS{})
	assert.ErrorContains(t, err, "the workload has no jobs")
}

// Every policy runs every job to completion, with the CPU's time
// accounted for exactly.
func TestEveryPolicyFinishesEveryJob(t *testing.T) {
	w := workload(t, "A:0:30,10,20:1", "B:5:50:3", "C:5:5,5,5,5,5:2", "D:40:25:0", "E:200:10")
	for _, kind := range kernel.Policies {
		s, err := kernel.Simulate(w, kind.New())
		require.NoError(t, err, kind.Name)
		var ran int64
		for _, r := range s.Runs {
			ran += r.End - r.Start
		}
		assert.Equal(t, s.Busy(), ran, kind.Name)
		for _, j := range s.Jobs {
			assert.GreaterOrEqual(t, j.Waiting(), int64(0), kind.Name+" "+j.Name)
			assert.GreaterOrEqual(t, j.Response(), int64(0), kind.Name+" "+j.Name)
		}
		assert.Equal(t, int64(210), s.End(), kind.Name)
	}
}

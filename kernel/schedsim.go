// Scheduling simulation: a workload run under a policy, tick by tick.
//
// "nachos sched" compares policies on a workload without booting a
// machine. The time model is small: jobs arrive, run their CPU bursts,
// and wait out their I/O bursts. But every decision comes from the same
// Policy values the kernel uses, called the way the kernel's scheduler
// calls them:
//
//   - a job that becomes ready (it arrives, or its I/O is done) is Added;
//   - when the CPU is free, Next chooses the job to run, and the job that
//     just stopped is told how long it ran (Ran, not preempted);
//   - while a job runs, ShouldPreempt is asked at every tick; on yes, Next
//     chooses, the preempted job is Added back and told (Ran, preempted),
//     as in the kernel's Yield.
//
// Within a tick, the running job first stops if its burst is done, then
// the jobs that become ready are Added in workload order, and then the
// scheduler decides. So a job preempted at tick t queues behind the jobs
// that arrive at t.
//
// Where the model is simpler than the kernel: ShouldPreempt is asked every
// tick, as if the timer interrupted every tick rather than every 100, so
// quanta are exact and textbook examples come out exactly; a context
// switch costs nothing; and every job does its I/O on a device of its
// own, so I/O bursts never wait for each other.

package kernel

import (
	"cmp"
	"fmt"
	"slices"
)

// A Segment is a stretch of time a job spent running or doing I/O, from
// tick Start up to (not including) tick End.
type Segment struct {
	Job        int // the job's index in the workload
	Start, End int64
}

// JobStats is what happened to one job.
type JobStats struct {
	Job
	FirstRun   int64 // the tick it first got the CPU
	Completion int64 // the tick it finished
	Dispatches int   // how many times it got the CPU
}

// Turnaround is the time from arrival to completion.
func (j JobStats) Turnaround() int64 { return j.Completion - j.Arrival }

// Waiting is the time the job was ready but not running.
func (j JobStats) Waiting() int64 { return j.Turnaround() - j.CPU() - j.IO() }

// Response is the time from arrival to first running.
func (j JobStats) Response() int64 { return j.FirstRun - j.Arrival }

// A Schedule is the outcome of running a workload under a policy.
type Schedule struct {
	Policy   string     // the policy's Name
	Jobs     []JobStats // in workload order
	Runs     []Segment  // when the CPU ran which job, in time order
	IO       []Segment  // the I/O bursts, in the order they started
	Switches int        // times the CPU went to a job other than the one it ran last
}

// Start is when the first job arrived.
func (s *Schedule) Start() int64 {
	return slices.MinFunc(s.Jobs, func(a, b JobStats) int { return cmp.Compare(a.Arrival, b.Arrival) }).Arrival
}

// End is when the last job finished.
func (s *Schedule) End() int64 {
	return slices.MaxFunc(s.Jobs, func(a, b JobStats) int { return cmp.Compare(a.Completion, b.Completion) }).Completion
}

// Busy is how many ticks the CPU ran jobs.
func (s *Schedule) Busy() int64 {
	var n int64
	for _, j := range s.Jobs {
		n += j.CPU()
	}
	return n
}

// Utilisation is the fraction of the time from the first arrival to the
// last completion that the CPU was busy.
func (s *Schedule) Utilisation() float64 { return float64(s.Busy()) / float64(s.End()-s.Start()) }

// Throughput is jobs completed per tick, from the first arrival to the
// last completion.
func (s *Schedule) Throughput() float64 { return float64(len(s.Jobs)) / float64(s.End()-s.Start()) }

// AverageTurnaround is the mean turnaround time.
func (s *Schedule) AverageTurnaround() float64 { return s.average(JobStats.Turnaround) }

// AverageWaiting is the mean waiting time.
func (s *Schedule) AverageWaiting() float64 { return s.average(JobStats.Waiting) }

// AverageResponse is the mean response time.
func (s *Schedule) AverageResponse() float64 { return s.average(JobStats.Response) }

func (s *Schedule) average(f func(JobStats) int64) float64 {
	var sum int64
	for _, j := range s.Jobs {
		sum += f(j)
	}
	return float64(sum) / float64(len(s.Jobs))
}

// Simulate runs the workload under p, which must be fresh (ParsePolicy
// makes one), and returns the schedule. It fails if the workload is
// malformed, or if the policy breaks the rules of the Policy interface.
func Simulate(w Workload, p Policy) (*Schedule, error) {
	if err := w.Check(); err != nil {
		return nil, err
	}
	s := &simulation{p: p, of: map[*Thread]*simJob{}, sched: &Schedule{Policy: p.Name()}}
	estimator, _ := p.(Estimator)
	for i, j := range w.Jobs {
		sj := &simJob{index: i, t: NewThread(j.Name, j.Priority), left: j.Bursts[0], readyAt: j.Arrival}
		s.jobs = append(s.jobs, sj)
		s.of[sj.t] = sj
		s.sched.Jobs = append(s.sched.Jobs, JobStats{Job: j, FirstRun: -1})
		if estimator != nil && j.Estimate > 0 {
			estimator.Estimate(sj.t, j.Estimate)
		}
	}
	if err := s.run(); err != nil {
		return nil, err
	}
	return s.sched, nil
}

// simJob is a job during the simulation; its Thread is what the policy
// sees.
type simJob struct {
	index   int
	t       *Thread
	burst   int   // the burst under way, an index into Bursts
	left    int64 // ticks left of the CPU burst under way
	readyAt int64 // when it becomes ready next; -1 if it is not waiting to
}

type simulation struct {
	p       Policy
	jobs    []*simJob
	of      map[*Thread]*simJob // which job a thread stands for
	sched   *Schedule
	now     int64
	running *simJob
	since   int64   // when running got the CPU
	last    *simJob // the job the CPU ran last, to count switches
	done    int     // jobs finished
}

func (s *simulation) run() error {
	for {
		stopped := s.endBurst()
		s.wake()
		switch {
		case stopped != nil || s.running == nil:
			next := s.p.Next(s.now)
			if stopped != nil {
				s.p.Ran(stopped.t, s.now-s.since, false)
			}
			if err := s.dispatch(next); err != nil {
				return err
			}
		case s.p.ShouldPreempt(s.running.t, s.now-s.since, s.now):
			if next := s.p.Next(s.now); next != nil {
				old := s.running
				s.ready(old)
				s.p.Ran(old.t, s.now-s.since, true)
				if err := s.dispatch(next); err != nil {
					return err
				}
			}
		}
		if s.running != nil {
			s.running.left--
			s.now++
			s.sched.Runs[len(s.sched.Runs)-1].End = s.now
			continue
		}
		if s.done == len(s.jobs) {
			return nil
		}
		if err := s.idle(); err != nil {
			return err
		}
	}
}

// endBurst stops the running job if its CPU burst is done: it starts its
// next I/O burst, or finishes. It returns the job, or nil.
func (s *simulation) endBurst() *simJob {
	j := s.running
	if j == nil || j.left > 0 {
		return nil
	}
	s.running = nil
	stats := &s.sched.Jobs[j.index]
	j.burst++
	if j.burst == len(stats.Bursts) {
		j.t.status = Finished
		stats.Completion = s.now
		s.done++
		return j
	}
	io := stats.Bursts[j.burst]
	s.sched.IO = append(s.sched.IO, Segment{Job: j.index, Start: s.now, End: s.now + io})
	j.t.status = Blocked
	j.readyAt = s.now + io
	j.burst++
	j.left = stats.Bursts[j.burst]
	return j
}

// wake makes ready every job that arrives or finishes its I/O now.
func (s *simulation) wake() {
	for _, j := range s.jobs {
		if j.readyAt == s.now {
			j.readyAt = -1
			s.ready(j)
		}
	}
}

func (s *simulation) ready(j *simJob) {
	j.t.status = Ready
	s.p.Add(j.t, s.now)
}

// dispatch gives the CPU to t, the policy's choice, or leaves it idle if
// t is nil.
func (s *simulation) dispatch(t *Thread) error {
	if t == nil {
		return nil
	}
	j := s.of[t]
	if j == nil || t.status != Ready {
		return fmt.Errorf("policy %s chose %q to run at tick %d, but it is not a ready thread: Next must return a thread that was Added and not taken since", s.p.Name(), t.Name(), s.now)
	}
	t.status = Running
	s.running, s.since = j, s.now
	stats := &s.sched.Jobs[j.index]
	if stats.FirstRun < 0 {
		stats.FirstRun = s.now
	}
	stats.Dispatches++
	if s.last != nil && s.last != j {
		s.sched.Switches++
	}
	s.last = j
	s.sched.Runs = append(s.sched.Runs, Segment{Job: j.index, Start: s.now, End: s.now})
	return nil
}

// idle skips the time until the next job becomes ready.
func (s *simulation) idle() error {
	next := int64(-1)
	for _, j := range s.jobs {
		if j.readyAt >= 0 && (next < 0 || j.readyAt < next) {
			next = j.readyAt
		}
	}
	if next < 0 {
		return fmt.Errorf("policy %s left the CPU idle at tick %d with %d jobs unfinished and none on the way: Next must return a ready thread whenever one was Added", s.p.Name(), s.now, len(s.jobs)-s.done)
	}
	s.now = next
	return nil
}

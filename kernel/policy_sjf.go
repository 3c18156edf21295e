// Shortest job first, and its preemptive form, shortest remaining time
// first.
//
// Running the shortest job first minimizes the average waiting time: a
// short job that waits behind a long one makes the long one's length
// everybody's delay. SJF runs the ready thread with the shortest next CPU
// burst to completion; SRTF also lets a newly ready thread take the CPU
// when its burst is shorter than what remains of the running one's.
//
// But a kernel cannot know how long a burst will be. It can only guess
// from the past, and the classic guess is an exponential average of the
// bursts the thread has had:
//
//	tau(n+1) = a * t(n) + (1 - a) * tau(n)
//
// where t(n) is the length of the burst that just ended, tau(n) was its
// prediction, and a = 1/2 weighs the latest burst as much as all the
// history before it. A thread with no history is predicted to run tau(0)
// ticks, whatever it will really do: the policy learns only by watching.
// A burst is the time from getting the CPU to giving it up (blocking,
// yielding or finishing); being preempted does not end it.
//
// Textbook examples assume the lengths are known in advance, as a batch
// system can when users declare their jobs' run times: such a declaration
// replaces tau(0) for that thread (Estimate).

package kernel

import "fmt"

// An Estimator is a policy that predicts how long threads run on the
// CPU. Estimate gives it a first guess for t's next CPU burst, such as
// the run time a user declared for a batch job; without one, it guesses
// its default.
type Estimator interface {
	Estimate(t *Thread, burst int64)
}

// DefaultBurstGuess is tau(0), the predicted first burst of a thread with
// no history under "sjf" and "srtf": one period of the kernel's timer.
const DefaultBurstGuess = 100

// burstWeight is a in tau(n+1) = a*t(n) + (1-a)*tau(n).
const burstWeight = 0.5

// burstPrediction is what the policy knows about one thread's bursts.
type burstPrediction struct {
	tau     float64 // the predicted length of its next (or current) burst
	partial int64   // ticks of the current burst run before being preempted
}

// SJF is shortest job first, without preemption: the ready thread with
// the shortest predicted burst runs until it gives up the CPU.
type SJF struct {
	guess int64 // tau(0)
	ready readyList
	known map[*Thread]*burstPrediction
}

// NewSJF returns a shortest-job-first policy that predicts a burst of
// guess ticks for a thread with no history.
func NewSJF(guess int64) *SJF { return &SJF{guess: guess, known: map[*Thread]*burstPrediction{}} }

// Name implements Policy.
func (p *SJF) Name() string { return fmt.Sprintf("sjf:%d", p.guess) }

// Add implements Policy.
func (p *SJF) Add(t *Thread, now int64) { p.ready.add(t) }

// Next implements Policy: the shortest predicted remaining burst, the
// earliest of equals.
func (p *SJF) Next(now int64) *Thread { return p.ready.takeBest(p.shorter) }

// Preemptive implements Policy.
func (p *SJF) Preemptive() bool { return false }

// ShouldPreempt implements Policy: SJF never preempts.
func (p *SJF) ShouldPreempt(running *Thread, ran, now int64) bool { return false }

// Ran implements Policy: a burst that ended updates the prediction.
func (p *SJF) Ran(t *Thread, burst int64, preempted bool) {
	b := p.of(t)
	b.partial += burst
	if preempted {
		return // the burst goes on when t runs again
	}
	b.tau = burstWeight*float64(b.partial) + (1-burstWeight)*b.tau
	b.partial = 0
	if t.Status() == Finished {
		delete(p.known, t)
	}
}

// Estimate implements Estimator.
func (p *SJF) Estimate(t *Thread, burst int64) { p.of(t).tau = float64(burst) }

// Prediction returns how many ticks t's next burst is predicted to take.
func (p *SJF) Prediction(t *Thread) float64 {
	if b, ok := p.known[t]; ok {
		return b.tau
	}
	return float64(p.guess)
}

// remaining is the predicted rest of t's burst, not counting the current
// run of a running thread.
func (p *SJF) remaining(t *Thread) float64 {
	b := p.of(t)
	return b.tau - float64(b.partial)
}

func (p *SJF) shorter(a, b *Thread) bool { return p.remaining(a) < p.remaining(b) }

func (p *SJF) of(t *Thread) *burstPrediction {
	b, ok := p.known[t]
	if !ok {
		b = &burstPrediction{tau: float64(p.guess)}
		p.known[t] = b
	}
	return b
}

// SRTF is shortest remaining time first: SJF that preempts the running
// thread when a ready thread's predicted burst is shorter than the
// predicted rest of the running one's.
type SRTF struct {
	SJF
}

// NewSRTF returns a shortest-remaining-time-first policy that predicts a
// burst of guess ticks for a thread with no history.
func NewSRTF(guess int64) *SRTF { return &SRTF{*NewSJF(guess)} }

// Name implements Policy.
func (p *SRTF) Name() string { return fmt.Sprintf("srtf:%d", p.guess) }

// Preemptive implements Policy.
func (p *SRTF) Preemptive() bool { return true }

// ShouldPreempt implements Policy: a ready thread is predicted to finish
// its burst sooner than the running thread, which has run ran ticks of
// its own.
func (p *SRTF) ShouldPreempt(running *Thread, ran, now int64) bool {
	i := p.ready.best(p.shorter)
	return i >= 0 && p.remaining(p.ready[i]) < p.remaining(running)-float64(ran)
}

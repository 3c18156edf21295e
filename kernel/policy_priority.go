// Priority scheduling: the most important ready thread runs.
//
// Every thread has a priority (Thread.Priority; larger is more
// important). The policies here compare threads by their effective
// priority (Thread.EffectivePriority), which is the same unless a thread
// holds a lock a more important thread waits for and priority donation
// is on (donation.go). Under static priority the most important ready
// thread always runs, and one that becomes ready while a less important
// thread runs takes the CPU at the next timer interrupt. Among equals it
// is first come, first served.
//
// Static priority can starve: while important threads keep arriving, an
// unimportant one waits forever. Aging fixes that by raising a thread's
// priority the longer it waits:
//
//	aged priority = effective priority + (ticks waited since it became ready) / step
//
// (integer division: one level more for every step ticks of waiting). A
// thread keeps the bonus it was chosen with while it runs, and starts
// again from no bonus the next time it becomes ready. A thread that has
// waited long enough therefore outranks anything, runs, and holds the CPU
// until something has waited even longer: nobody starves, and important
// threads still get most of the CPU.

package kernel

import "fmt"

// StaticPriority is preemptive priority scheduling with fixed priorities.
type StaticPriority struct {
	ready readyList
}

// NewStaticPriority returns a static-priority policy.
func NewStaticPriority() *StaticPriority { return &StaticPriority{} }

// Name implements Policy.
func (p *StaticPriority) Name() string { return "priority" }

// Add implements Policy.
func (p *StaticPriority) Add(t *Thread, now int64) { p.ready.add(t) }

// Next implements Policy: the most important thread, the earliest of equals.
func (p *StaticPriority) Next(now int64) *Thread { return p.ready.takeBest(morePriority) }

// Preemptive implements Policy.
func (p *StaticPriority) Preemptive() bool { return true }

// ShouldPreempt implements Policy: a more important thread is ready.
func (p *StaticPriority) ShouldPreempt(running *Thread, ran, now int64) bool {
	i := p.ready.best(morePriority)
	return i >= 0 && p.ready[i].EffectivePriority() > running.EffectivePriority()
}

// Ran implements Policy: static priorities ignore history.
func (p *StaticPriority) Ran(t *Thread, burst int64, preempted bool) {}

func morePriority(a, b *Thread) bool { return a.EffectivePriority() > b.EffectivePriority() }

// Aging is preemptive priority scheduling in which waiting raises a
// thread's priority by one every step ticks.
type Aging struct {
	step  int64
	ready readyList
	since map[*Thread]int64 // when each ready thread became ready

	running      *Thread // the thread this policy last dispatched
	runningBonus int     // the aging bonus it was chosen with
}

// DefaultAgingStep is how many ticks of waiting raise a priority by one
// under "aging": one period of the kernel's timer.
const DefaultAgingStep = 100

// NewAging returns an aging policy that raises a waiting thread's
// priority by one every step ticks.
func NewAging(step int64) *Aging { return &Aging{step: step, since: map[*Thread]int64{}} }

// Name implements Policy.
func (p *Aging) Name() string { return fmt.Sprintf("aging:%d", p.step) }

// Add implements Policy: t starts waiting now.
func (p *Aging) Add(t *Thread, now int64) {
	p.since[t] = now
	p.ready.add(t)
}

// Next implements Policy: the highest aged priority, the earliest of
// equals.
func (p *Aging) Next(now int64) *Thread {
	bonus := 0
	t := p.ready.takeBest(func(a, b *Thread) bool { return p.aged(a, now) > p.aged(b, now) })
	if t != nil {
		bonus = p.bonus(t, now)
		delete(p.since, t)
	}
	p.running, p.runningBonus = t, bonus
	return t
}

// Preemptive implements Policy.
func (p *Aging) Preemptive() bool { return true }

// ShouldPreempt implements Policy: a ready thread's aged priority is
// above the running thread's effective priority plus the bonus it was
// chosen with.
func (p *Aging) ShouldPreempt(running *Thread, ran, now int64) bool {
	held := running.EffectivePriority()
	if running == p.running { // the kernel's first thread was never chosen
		held += p.runningBonus
	}
	for _, t := range p.ready {
		if p.aged(t, now) > held {
			return true
		}
	}
	return false
}

// Ran implements Policy: only waiting counts, not running.
func (p *Aging) Ran(t *Thread, burst int64, preempted bool) {}

// aged is a ready thread's effective priority, raised for its waiting.
func (p *Aging) aged(t *Thread, now int64) int { return t.EffectivePriority() + p.bonus(t, now) }

// bonus is what a ready thread's waiting adds to its priority.
func (p *Aging) bonus(t *Thread, now int64) int { return int((now - p.since[t]) / p.step) }

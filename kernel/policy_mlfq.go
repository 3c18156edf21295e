// The multi-level feedback queue: learning which threads are interactive.
//
// SJF needs to know how long threads run; MLFQ finds out by watching.
// There are several ready queues, one per priority level. The rules
// (as OSTEP chapter 8 gives them):
//
//  1. A thread on a higher level runs before one on a lower level; one
//     that becomes ready on a higher level preempts a lower one.
//  2. Threads on the same level take turns, round robin.
//  3. A new thread starts on the top level.
//  4. Each level grants an allotment of CPU time, its quantum (here the
//     top level's quantum, doubled on each level down). A thread that has
//     used up its allotment on a level moves down one level, however many
//     times it gave up the CPU on the way, so that blocking just before
//     the quantum ends cannot game the scheduler.
//  5. Every boost ticks, every thread goes back to the top level, so that
//     long-running threads cannot starve and a thread that turned
//     interactive is noticed.
//
// So short, interactive threads stay on top and get the CPU at once,
// while CPU-bound ones sink to levels with long quanta and few switches.
//
// Time is charged the way a kernel's clock handler does it: at each timer
// interrupt the running thread is charged for the ticks since the last
// one, and when it gives up the CPU, for the rest. Like every quantum in
// the kernel, an allotment is therefore only noticed at a timer
// interrupt (see RR); "nachos sched" checks every tick.

package kernel

import "fmt"

// MLFQ is a multi-level feedback queue.
type MLFQ struct {
	quantum   int64 // the top level's; each level below doubles it
	boost     int64 // every boost ticks, everybody goes back to the top
	levels    []readyList
	known     map[*Thread]*mlfqThread
	nextBoost int64
}

// mlfqThread is what the policy knows about one thread.
type mlfqThread struct {
	level      int
	used       int64 // ticks of the allotment on this level used so far
	dispatched int64 // when it last got the CPU
	counted    int64 // the tick up to which its running has been charged
}

// Defaults of "mlfq": three levels, with quanta of 100, 200 and 400
// ticks, and a boost every 10 top-level quanta.
const (
	DefaultMLFQLevels     = 3
	DefaultBoostInQuantum = 10
)

// NewMLFQ returns a multi-level feedback queue with the given number of
// levels, a quantum of quantum ticks on the top level (doubling on each
// level down), and a boost to the top every boost ticks.
func NewMLFQ(levels int, quantum, boost int64) *MLFQ {
	return &MLFQ{quantum: quantum, boost: boost, levels: make([]readyList, levels),
		known: map[*Thread]*mlfqThread{}, nextBoost: boost}
}

// Name implements Policy.
func (p *MLFQ) Name() string {
	return fmt.Sprintf("mlfq:%d:%d:%d", p.quantum, p.boost, len(p.levels))
}

// Quantum returns the allotment of a level, in ticks; level 0 is the top.
func (p *MLFQ) Quantum(level int) int64 { return p.quantum << level }

// Level returns the level t is on; 0 is the top.
func (p *MLFQ) Level(t *Thread) int {
	if s, ok := p.known[t]; ok {
		return s.level
	}
	return 0
}

// Add implements Policy: t joins the back of its level's queue.
func (p *MLFQ) Add(t *Thread, now int64) {
	p.boostIfDue(now)
	p.levels[p.of(t).level].add(t)
}

// Next implements Policy: the front of the highest non-empty level.
func (p *MLFQ) Next(now int64) *Thread {
	p.boostIfDue(now)
	for l := range p.levels {
		if len(p.levels[l]) > 0 {
			t := p.levels[l].take(0)
			s := p.of(t)
			s.dispatched, s.counted = now, now
			return t
		}
	}
	return nil
}

// Preemptive implements Policy.
func (p *MLFQ) Preemptive() bool { return true }

// ShouldPreempt implements Policy. It charges the running thread, which
// moves down a level if it has used its allotment, and then preempts it
// if a thread is ready on a higher level, or on the same level once the
// running thread's quantum is over (rule 2).
func (p *MLFQ) ShouldPreempt(running *Thread, ran, now int64) bool {
	p.boostIfDue(now)
	s := p.of(running)
	s.dispatched = now - ran // the scheduler knows best: the first thread never passed through Next
	s.counted = max(s.counted, s.dispatched)
	expired := p.charge(running, s, now)
	for l := range s.level + 1 {
		if len(p.levels[l]) > 0 {
			return l < s.level || expired
		}
	}
	return false
}

// Ran implements Policy: t is charged for the rest of its burst.
func (p *MLFQ) Ran(t *Thread, burst int64, preempted bool) {
	s := p.of(t)
	p.charge(t, s, s.dispatched+burst)
	if t.Status() == Finished {
		delete(p.known, t)
	}
}

// charge charges t for its running up to tick until, and moves it down a
// level if that uses up its allotment. It reports whether it did.
func (p *MLFQ) charge(t *Thread, s *mlfqThread, until int64) bool {
	if until > s.counted {
		s.used += until - s.counted
		s.counted = until
	}
	if s.used < p.Quantum(s.level) {
		return false
	}
	s.used = 0
	if s.level < len(p.levels)-1 {
		// In the kernel a thread that yields is queued before it is
		// charged: it moves with its level.
		queued := p.levels[s.level].remove(t)
		s.level++
		if queued {
			p.levels[s.level].add(t)
		}
	}
	return true
}

// boostIfDue moves every thread to the top level if a boost has come due.
// The ready threads keep their order, higher levels first.
func (p *MLFQ) boostIfDue(now int64) {
	if now < p.nextBoost {
		return
	}
	at := now - now%p.boost
	p.nextBoost = at + p.boost
	for l := 1; l < len(p.levels); l++ {
		p.levels[0] = append(p.levels[0], p.levels[l]...)
		clear(p.levels[l])
		p.levels[l] = p.levels[l][:0]
	}
	// The order does not matter: every thread gets the same.
	for _, s := range p.known {
		s.level, s.used = 0, 0
		s.counted = max(s.counted, at) // running before the boost is forgiven
	}
}

func (p *MLFQ) of(t *Thread) *mlfqThread {
	s, ok := p.known[t]
	if !ok {
		s = &mlfqThread{}
		p.known[t] = s
	}
	return s
}

// Round robin: FCFS with a time limit.
//
// Threads wait in one FIFO queue, and each gets the CPU for at most one
// quantum. A thread that uses up its quantum goes to the back of the queue
// and the one at the front runs: with n threads ready, each waits at most
// (n-1) quanta for its next turn, which is what makes round robin good for
// response time and poor for turnaround (everybody finishes late). A
// small quantum makes the system responsive; a quantum smaller than the
// cost of a context switch makes it do nothing but switch.
//
// When the quantum runs out and nobody else is ready, the thread simply
// starts a new quantum: a thread that arrives a moment later waits for
// the end of that quantum, as it would on a real round-robin kernel.
//
// Timer granularity: the policy can only act when it is asked, at a timer
// interrupt. In the kernel the timer fires every machine.TimerTicks (100)
// ticks, so a thread is preempted at the first timer interrupt after its
// quantum runs out: a quantum of 30 behaves like 100. "nachos sched"
// checks every tick, so its quanta are exact.

package kernel

import "fmt"

// RR is round robin with a fixed quantum, in ticks.
type RR struct {
	quantum int64
	ready   readyList

	owner      *Thread // the thread whose quantum is running
	sliceStart int64   // when its quantum started
}

// DefaultQuantum is the quantum of "rr" and the top level of "mlfq": one
// period of the kernel's timer, the finest quantum the kernel can keep.
const DefaultQuantum = 100

// NewRR returns a round-robin policy with the given quantum.
func NewRR(quantum int64) *RR { return &RR{quantum: quantum} }

// Name implements Policy.
func (p *RR) Name() string { return fmt.Sprintf("rr:%d", p.quantum) }

// Add implements Policy: t goes to the back of the queue.
func (p *RR) Add(t *Thread, now int64) { p.ready.add(t) }

// Next implements Policy: the front of the queue, with a fresh quantum.
func (p *RR) Next(now int64) *Thread {
	if len(p.ready) == 0 {
		return nil
	}
	t := p.ready.take(0)
	p.owner, p.sliceStart = t, now
	return t
}

// Preemptive implements Policy.
func (p *RR) Preemptive() bool { return true }

// ShouldPreempt implements Policy: the running thread has used up its
// quantum and another thread is waiting.
func (p *RR) ShouldPreempt(running *Thread, ran, now int64) bool {
	if p.owner != running { // dispatched without asking us: the kernel's first thread
		p.owner, p.sliceStart = running, now-ran
	}
	if now-p.sliceStart < p.quantum {
		return false
	}
	if len(p.ready) == 0 {
		p.sliceStart = now // nobody is waiting: another quantum
		return false
	}
	return true
}

// Ran implements Policy: round robin keeps no history.
func (p *RR) Ran(t *Thread, burst int64, preempted bool) {}

// Scheduling policies: which ready thread runs next.
//
// The scheduler keeps the mechanism (ready threads, context switches,
// statistics) and asks a Policy for every decision. Nachos's policy is
// the default: first come, first served, with no preemption. The others
// are chosen with --sched, and "nachos sched" runs a workload under any of
// them to compare their turnaround, waiting and response times.

package kernel

// A Policy decides the order in which ready threads get the CPU. Every
// method is called with interrupts off, by the scheduler only.
type Policy interface {
	// Name is what --sched calls the policy ("fcfs", "rr", ...).
	Name() string

	// Add puts a thread that has just become ready into the policy's
	// queues. now is the current tick.
	Add(t *Thread, now int64)

	// Next removes and returns the thread that should run next, or nil if
	// no thread is ready.
	Next(now int64) *Thread

	// Preemptive reports whether the policy needs a timer: whether it may
	// take the CPU away from a thread that has not given it up.
	Preemptive() bool

	// ShouldPreempt is asked at every timer interrupt: should the running
	// thread, dispatched ran ticks ago, give the CPU to a ready thread now?
	ShouldPreempt(running *Thread, ran int64, now int64) bool

	// Ran tells the policy that t has stopped running after a burst of
	// ticks: it blocked or finished (preempted false), or the policy
	// preempted it (preempted true). Policies that learn from history
	// (SJF's burst prediction, MLFQ's demotion) use it.
	Ran(t *Thread, burst int64, preempted bool)
}

// FCFS is first come, first served: a FIFO ready queue, and a thread runs
// until it blocks, yields or finishes. It is Nachos's policy.
type FCFS struct {
	ready queue[*Thread]
}

// Name implements Policy.
func (p *FCFS) Name() string { return "fcfs" }

// Add implements Policy: t goes to the back of the queue.
func (p *FCFS) Add(t *Thread, now int64) { p.ready.push(t) }

// Next implements Policy: the thread at the front of the queue.
func (p *FCFS) Next(now int64) *Thread {
	t, _ := p.ready.pop()
	return t
}

// Preemptive implements Policy: FCFS never preempts.
func (p *FCFS) Preemptive() bool { return false }

// ShouldPreempt implements Policy.
func (p *FCFS) ShouldPreempt(running *Thread, ran, now int64) bool { return false }

// Ran implements Policy: FCFS learns nothing from history.
func (p *FCFS) Ran(t *Thread, burst int64, preempted bool) {}

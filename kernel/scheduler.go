// The scheduler: the mechanism of handing the CPU from thread to thread.
//
// The scheduler keeps the books (who is ready since when, how long each
// thread ran) and performs context switches; the Policy decides the order.
// Every operation runs with interrupts off.

package kernel

import "nachos/kernel/trace"

// Scheduler chooses and dispatches threads.
type Scheduler struct {
	k      *Kernel
	policy Policy
}

func newScheduler(k *Kernel, p Policy) *Scheduler { return &Scheduler{k: k, policy: p} }

// Policy returns the scheduling policy in use.
func (s *Scheduler) Policy() Policy { return s.policy }

// ReadyToRun marks t ready and hands it to the policy.
func (s *Scheduler) ReadyToRun(t *Thread) {
	now := s.k.Machine.Stats.TotalTicks
	t.status = Ready
	t.readySince = now
	if s.k.Trace.Enabled() {
		s.k.tracePeer(trace.ThreadReady, "", t)
	}
	s.policy.Add(t, now)
}

// FindNextToRun removes and returns the thread that should run next, or
// nil if none is ready.
func (s *Scheduler) FindNextToRun() *Thread {
	return s.policy.Next(s.k.Machine.Stats.TotalTicks)
}

// handOver gives the CPU to next: it saves the running thread's context,
// restores next's and marks next running. It reports whether that was a
// context switch; next may be the thread already running, woken while the
// CPU idled. After a switch the caller suspends the old thread at once:
//
//	if t := k.current; k.handOver(next) && !t.suspend(struct{}{}) {
//		panic(unwind{}) // the machine halted while t was suspended
//	}
//
// The suspend call returns when some thread switches back to t. It is
// written out in each caller, not wrapped in a function, because every
// function a thread returns through after a coroutine switch costs a
// mispredicted return, and this is the scheduler's hottest path.
func (k *Kernel) handOver(next *Thread) bool {
	old := k.current
	if next == old {
		k.dispatch(next, k.Machine.Stats.TotalTicks)
		return false
	}
	if old.Context != nil {
		old.Context.Save()
	}
	k.Debug.Printf('t', "Switching from %q to %q\n", old, next)
	k.dispatch(next, k.Machine.Stats.TotalTicks)
	if next.Context != nil {
		next.Context.Restore()
	}
	// The dispatcher in Boot resumes next once old is suspended.
	k.switchTo = next
	if old.status == Finished {
		k.removeLive(old)
		panic(unwind{}) // end the finished thread's coroutine for good
	}
	return true
}

// endBurst charges t for the CPU burst it has just ended, by blocking,
// yielding or finishing, and tells the policy. It is called at the moment
// t stops running, before any idle time.
func (k *Kernel) endBurst(t *Thread) {
	burst := k.Machine.Stats.TotalTicks - t.runningSince
	k.scheduler.policy.Ran(t, burst, k.preempting && t.status == Ready)
	t.stats.RunTicks += burst
}

// dispatch marks next as the running thread.
func (k *Kernel) dispatch(next *Thread, now int64) {
	if next.status == Ready {
		next.stats.WaitTicks += now - next.readySince
	}
	if next.stats.FirstRun < 0 {
		next.stats.FirstRun = now
	}
	next.stats.Runs++
	next.runningSince = now
	next.status = Running
	if k.Trace.Enabled() {
		k.tracePeer(trace.ThreadSwitch, "", next)
		k.traceRunning(next)
	}
	k.current = next
}

func (k *Kernel) removeLive(t *Thread) {
	for i, l := range k.live {
		if l == t {
			k.live = append(k.live[:i], k.live[i+1:]...)
			return
		}
	}
}

// timerInterrupt preempts the running thread if the policy says so, or
// always under -rs (Nachos's random yielding). The switch itself happens
// in preempt, once the interrupt handler has returned.
func (k *Kernel) timerInterrupt() {
	if k.OnTimer != nil {
		k.OnTimer()
	}
	if k.current.status != Running {
		return // the CPU is idle: its last thread is blocked, nothing to preempt
	}
	intr := k.Machine.Interrupt
	now := k.Machine.Stats.TotalTicks
	if k.randomYield || k.scheduler.policy.ShouldPreempt(k.current, now-k.current.runningSince, now) {
		intr.YieldOnReturn()
	}
}

// preempt is the yield an interrupt handler asked for.
func (k *Kernel) preempt() {
	k.preempting = true
	k.Yield()
	k.preempting = false
}

// The scheduler: the mechanism of handing the CPU from thread to thread.
//
// The scheduler keeps the books (who is ready since when, how long each
// thread ran) and performs context switches; the Policy decides the order.
// Every operation runs with interrupts off.

package kernel

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
	s.policy.Add(t, now)
}

// FindNextToRun removes and returns the thread that should run next, or
// nil if none is ready.
func (s *Scheduler) FindNextToRun() *Thread {
	return s.policy.Next(s.k.Machine.Stats.TotalTicks)
}

// run gives the CPU to next: a context switch, unless next is the thread
// that is already running (it was woken while the CPU idled). It returns
// when the current thread is given the CPU back.
func (k *Kernel) run(next *Thread) {
	old := k.current
	now := k.Machine.Stats.TotalTicks
	if next != old {
		if old.Context != nil {
			old.Context.Save()
		}
		k.Debug.Printf('t', "Switching from %q to %q\n", old, next)
	}
	k.dispatch(next, now)
	if next == old {
		return
	}
	// Hand the CPU to the dispatcher, which resumes next.
	k.switchTo = next
	if old.status == Finished {
		k.removeLive(old)
		panic(unwind{}) // end the finished thread's coroutine for good
	}
	// This call returns when some thread switches back to old.
	if !old.suspend(struct{}{}) {
		panic(unwind{}) // the machine halted while old was suspended
	}
	if old.Context != nil {
		old.Context.Restore()
	}
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

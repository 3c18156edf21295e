// Tests for the deadlock detector: the report of cycles in the wait-for
// graph, of other blocked threads, its order, and the exit status.

package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"nachos/kernel"
	"nachos/machine"
)

// deadlockHeader is the report's first line, for n blocked threads.
func deadlockHeader(n string) string {
	return "nachos: deadlock: no thread can run and no interrupt is pending, but " + n + " blocked forever\n"
}

const philosophersCycle = `Deadlock: "philosopher 0" waits for lock "fork 1" held by "philosopher 1", ` +
	`which waits for lock "fork 2" held by "philosopher 2", ` +
	`which waits for lock "fork 3" held by "philosopher 3", ` +
	`which waits for lock "fork 4" held by "philosopher 4", ` +
	`which waits for lock "fork 0" held by "philosopher 0".` + "\n"

// Without -rs, the naive philosophers all take their left forks and
// deadlock; the report names the cycle and main, which waits for the
// first philosopher. The lock-order checker warned when the cycle closed.
func TestNaivePhilosophersDeadlockIsReported(t *testing.T) {
	run := runSelfTest(t, "philosophers-naive", 0, false)
	assert.Equal(t, kernel.ExitDeadlock, run.status)
	assert.Equal(t, `nachos: potential deadlock: "philosopher 4" takes lock "fork 0" while holding lock "fork 4", `+
		`closing a cycle in the order locks are taken: "fork 0" -> "fork 1" -> "fork 2" -> "fork 3" -> "fork 4" -> "fork 0" `+
		`(A -> B: B was taken while holding A)`+"\n"+
		deadlockHeader("6 threads are")+
		philosophersCycle+
		`Blocked: "main" waits for "philosopher 0" to finish.`+"\n", run.err)
	assert.Equal(t, "philosopher 0 picks up fork 0\n"+
		"philosopher 1 picks up fork 1\n"+
		"philosopher 2 picks up fork 2\n"+
		"philosopher 3 picks up fork 3\n"+
		"philosopher 4 picks up fork 4\n"+
		haltReport("Ticks: total 210, idle 0, system 210, user 0"), run.out)
}

// With -rs, the naive philosophers deadlock in most runs, always in the
// same cycle; in the others they all eat. The order checker warns in
// every run, lucky or not. The ordered philosophers never deadlock and
// never draw a warning.
func TestPhilosophersOverSeeds(t *testing.T) {
	deadlocks := 0
	for seed := range uint32(60) {
		run := runSelfTest(t, "philosophers-naive", seed, true)
		assert.Contains(t, run.err, "nachos: potential deadlock: ", "seed %d", seed)
		switch run.status {
		case kernel.ExitDeadlock:
			deadlocks++
			assert.Contains(t, run.err, deadlockHeader("6 threads are")+philosophersCycle+
				`Blocked: "main" waits for "philosopher 0" to finish.`+"\n", "seed %d", seed)
		case kernel.ExitOK:
			assert.Contains(t, run.out, "every philosopher ate 3 meals\n", "seed %d", seed)
		default:
			t.Errorf("seed %d: exit status %d\n%s", seed, run.status, run.err)
		}

		run = runSelfTest(t, "philosophers-ordered", seed, true)
		assert.Equal(t, kernel.ExitOK, run.status, "seed %d", seed)
		assert.Empty(t, run.err, "seed %d", seed)
	}
	assert.Greater(t, deadlocks, 30, "the naive philosophers deadlock in most runs")
	assert.Less(t, deadlocks, 60, "but not in all of them")
}

// Two threads that join each other form a cycle through Join edges; main
// joining one of them is blocked but not in the cycle.
func TestJoinCycleIsADeadlock(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	assert.Equal(t, kernel.ExitDeadlock, r.k.Boot(func() {
		var a, b *kernel.Thread
		a = r.k.Fork("a", func() { r.k.Join(b) })
		b = r.k.Fork("b", func() { r.k.Join(a) })
		r.k.Join(a)
	}))
	assert.Equal(t, deadlockHeader("3 threads are")+
		`Deadlock: "a" waits for "b" to finish, which waits for "a" to finish.`+"\n"+
		`Blocked: "main" waits for "a" to finish.`+"\n", r.err.String())
	assert.Equal(t, haltReport("Ticks: total 50, idle 0, system 50, user 0"), r.out.String())
}

// Two separate cycles and a thread queued behind one of them: cycles come
// in the order of their oldest threads, each starting from it, and the
// report is the same on every run.
func TestDeadlockReportOrder(t *testing.T) {
	report := func() string {
		r := newKernelRig(t, kernel.Config{}, "")
		assert.Equal(t, kernel.ExitDeadlock, r.k.Boot(func() {
			locks := map[string]*kernel.Lock{}
			for _, n := range []string{"p", "q", "x", "y"} {
				locks[n] = r.k.NewLock(n)
			}
			cross := func(name, first, second string) {
				r.k.Fork(name, func() {
					locks[first].Acquire()
					r.k.Yield()
					locks[second].Acquire()
				})
			}
			cross("x1", "x", "y") // the x/y cycle's oldest thread
			cross("p1", "p", "q")
			cross("x2", "y", "x")
			cross("p2", "q", "p")
			r.k.Fork("late", func() { locks["q"].Acquire() })
		}))
		return r.err.String()
	}
	want := deadlockHeader("5 threads are") +
		`Deadlock: "x1" waits for lock "y" held by "x2", which waits for lock "x" held by "x1".` + "\n" +
		`Deadlock: "p1" waits for lock "q" held by "p2", which waits for lock "p" held by "p1".` + "\n" +
		`Blocked: "late" waits for lock "q" held by "p2".` + "\n"
	for range 3 {
		assert.Equal(t, want, report())
	}
}

// A thread waiting for a lock whose holder finished without releasing it
// is stuck, and the report says why.
func TestLockHeldByAFinishedThread(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	assert.Equal(t, kernel.ExitDeadlock, r.k.Boot(func() {
		l := r.k.NewLock("l")
		r.k.Join(r.k.Fork("quitter", l.Acquire))
		l.Acquire()
	}))
	assert.Equal(t, deadlockHeader("1 thread is")+
		`Blocked: "main" waits for lock "l" held by "quitter", which has finished without releasing it.`+"\n", r.err.String())
}

// A daemon waiting for work for ever is no deadlock: when only daemons
// are left, the run has completed; when others are stuck too, the
// report names those alone.
func TestADaemonWaitingForWorkIsNotADeadlock(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	assert.Equal(t, kernel.ExitOK, r.k.Boot(func() {
		r.k.Fork("worker", r.k.NewSemaphore("work", 0).P).SetDaemon()
		r.k.Yield()
	}))
	assert.Empty(t, r.err.String())
	assert.Contains(t, r.out.String(), noMoreWork)

	r = newKernelRig(t, kernel.Config{}, "")
	assert.Equal(t, kernel.ExitDeadlock, r.k.Boot(func() {
		r.k.Fork("worker", r.k.NewSemaphore("work", 0).P).SetDaemon()
		r.k.NewSemaphore("never", 0).P()
	}))
	assert.Equal(t, deadlockHeader("1 thread is")+
		`Blocked: "main" waits on semaphore "never" (no owner).`+"\n", r.err.String())
}

// A layer above the kernel can end the report with what it knows.
func TestDeadlockNotesEndTheReport(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	r.k.DeadlockNotes = func() []string { return []string{"Note: one", "Note: two"} }
	assert.Equal(t, kernel.ExitDeadlock, r.k.Boot(func() { r.k.NewSemaphore("never", 0).P() }))
	assert.Equal(t, deadlockHeader("1 thread is")+
		`Blocked: "main" waits on semaphore "never" (no owner).`+"\nNote: one\nNote: two\n", r.err.String())
}

// A thread put to sleep by a direct call to Sleep waits on nothing the
// kernel knows about.
func TestDeadlockReportOfABareSleep(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	assert.Equal(t, kernel.ExitDeadlock, r.k.Boot(func() {
		r.k.Machine.Interrupt.SetLevel(machine.IntOff)
		r.k.Sleep()
	}))
	assert.Equal(t, deadlockHeader("1 thread is")+
		`Blocked: "main" sleeps, waiting for nothing the kernel can name (it called Sleep directly).`+"\n", r.err.String())
}

// Blocked threads that wait for an interrupt are not stuck: the machine
// idles until it comes.
func TestAThreadWaitingForAnInterruptIsNotADeadlock(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	assert.Equal(t, kernel.ExitOK, r.k.Boot(func() {
		s := r.k.NewSemaphore("disk done", 0)
		r.k.Machine.Interrupt.Schedule(s.V, 500, machine.DiskInt)
		s.P()
	}))
	assert.Empty(t, r.err.String())
	assert.Equal(t, noMoreWork+haltReport("Ticks: total 520, idle 500, system 20, user 0"), r.out.String())
}

// The scheduler: which thread runs next.
//
// The default policy is Nachos's: first come, first served. A thread that
// becomes ready goes to the back of the ready list, and the thread at the
// front runs next. Every decision is made with interrupts off.

package kernel

// Scheduler keeps the ready list.
type Scheduler struct {
	ready []*Thread // threads waiting for the CPU, front first
}

func newScheduler() *Scheduler { return &Scheduler{} }

// ReadyToRun marks t ready and puts it at the back of the ready list.
func (s *Scheduler) ReadyToRun(t *Thread) {
	t.status = Ready
	s.ready = append(s.ready, t)
}

// FindNextToRun removes and returns the thread that should run next, or
// nil if none is ready.
func (s *Scheduler) FindNextToRun() *Thread {
	if len(s.ready) == 0 {
		return nil
	}
	t := s.ready[0]
	s.ready = s.ready[1:]
	return t
}

// run gives the CPU to next. This kernel has a single thread of control
// so far, so next is always the thread that is already running: it only
// changes state. Context switches between threads come with the thread
// system.
func (k *Kernel) run(next *Thread) {
	k.current = next
	next.status = Running
}

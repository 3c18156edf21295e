// The recorder: how the kernel and the layers above it emit events.
//
// A kernel owns one *Recorder, nil when the run is not traced. Every
// method works on a nil Recorder and then does nothing, so an emitter
// writes one line and pays one comparison when tracing is off:
//
//	k.Trace.Emit(trace.Event{Kind: trace.LockAcquire, Name: l.name})
//
// The emitter fills in only the kind and the kind's own fields. The
// recorder adds the base fields: the tick (it reads the machine's clock),
// the machine's number, and the running process and thread, which the
// kernel tells it about at every context switch (SetRunning).
//
// Emit takes the event by value, and the struct lives on the stack: no
// emission allocates, traced or not. On the hottest paths (a context
// switch) test Enabled first anyway, so that nothing at all is built.

package trace

// Recorder records the events of one machine.
type Recorder struct {
	w       *Writer
	clock   *int64 // the machine's tick counter
	machine int

	// The running thread, as the kernel last said (SetRunning).
	pid, tid int
	thread   string

	// ev is the event being written. Emit copies its argument here
	// rather than passing its address on, which would make every
	// emitter's Event escape to the heap, traced or not.
	ev Event
}

// NewRecorder records the events of machine number machine (0 for a lone
// machine) into w, reading the time from clock.
func NewRecorder(w *Writer, machine int, clock *int64) *Recorder {
	return &Recorder{w: w, clock: clock, machine: machine}
}

// Enabled reports whether events are recorded (r is not nil).
func (r *Recorder) Enabled() bool { return r != nil }

// SetRunning tells the recorder which thread runs from now on: its
// number, its name and its process (0 for a kernel thread).
func (r *Recorder) SetRunning(tid int, thread string, pid int) {
	if r != nil {
		r.tid, r.thread, r.pid = tid, thread, pid
	}
}

// Emit records e, stamped with the time, the machine and the running
// thread.
func (r *Recorder) Emit(e Event) {
	if r != nil {
		r.emit(e)
	}
}

// EmitAt records e as Emit does, but at tick rather than the machine's
// clock: for a layer that knows better when its event happened, such as
// a scenario's crash of a node at the tick it was scheduled for, which
// the cluster carries out once every machine has reached that tick.
func (r *Recorder) EmitAt(tick int64, e Event) {
	if r != nil {
		e.Tick = tick
		r.emitAt(e)
	}
}

func (r *Recorder) emit(ev Event) {
	ev.Tick = *r.clock
	r.emitAt(ev)
}

func (r *Recorder) emitAt(ev Event) {
	r.ev = ev
	e := &r.ev
	e.Machine = r.machine
	e.PID, e.TID, e.Thread = r.pid, r.tid, r.thread
	r.w.Write(e)
}

// The kernel: boot, halt, and the machine it owns.

package kernel

import (
	"fmt"
	"io"
	"sync/atomic"

	"nachos/kernel/trace"
	"nachos/machine"
)

// Config is everything that decides how a kernel boots.
type Config struct {
	Machine     machine.Config
	Debug       *Debug    // nil: no tracing; New sets its clock, unless it has one
	RandomYield bool      // run a timer at random times (-rs), forcing context switches
	MaxTicks    int64     // stop the simulation at this tick; 0 for no limit
	Policy      Policy    // the scheduling policy; nil for FCFS, Nachos's
	In          io.Reader // the console's keyboard
	Out         io.Writer // the console's screen, and the statistics at the end
	Err         io.Writer // the kernel's messages: errors, warnings, programs' ends

	// Quiet (--quiet) leaves out what the kernel would add to the
	// output: the statistics and the lines around them, and the messages
	// saying a program exited normally. Errors are still reported.
	Quiet bool

	// Trace, if set, receives the run's structured trace (--trace,
	// tracing.go); the machines of a cluster share one Writer, each
	// recording under its MachineID. TraceInstructions records every user
	// instruction too (--trace-instructions).
	Trace             *trace.Writer
	TraceInstructions bool
	MachineID         int

	// PriorityDonation (--donate) lets a thread that waits for a lock lend
	// its priority to the lock's holder, against priority inversion (see
	// donation.go).
	PriorityDonation bool
}

// Exit statuses of a simulation, for the host's command line.
const (
	ExitOK        = 0 // the simulation ran to its end
	ExitUserFault = 1 // a user program was killed by an exception
	ExitBadInput  = 2 // a program could not be loaded, or a flag was wrong
	ExitTickLimit = 3 // the simulation reached its tick limit

	// ExitKernelError: kernel code broke a rule of the kernel's own API,
	// such as releasing a lock another thread holds (see Fatalf).
	ExitKernelError = 4
	// ExitDeadlock: nothing could run any more while threads were still
	// blocked, waiting for something that can never happen (deadlock.go).
	ExitDeadlock = 5
	// ExitInternalError: the simulator itself failed (a Go panic): a bug
	// in nachos, not in the program it ran. 70 is EX_SOFTWARE of BSD's
	// sysexits.h.
	ExitInternalError = 70
)

// ExitSignal is the exit status of a simulation that the host stopped with
// signal number sig (see RequestStop): 128+sig, as shells report a
// command killed by a signal (130 for Ctrl-C's SIGINT, 143 for SIGTERM).
func ExitSignal(sig int) int { return 128 + sig }

// Kernel is the operating system of one simulated machine.
type Kernel struct {
	Machine *machine.Machine
	Debug   *Debug
	In      io.Reader
	Out     io.Writer
	Err     io.Writer
	Quiet   bool // Config.Quiet: no statistics and no messages about normal ends

	// Trace records the run's events, or is nil (tracing.go). Its
	// methods do nothing on nil, so emitters need not check.
	Trace *trace.Recorder

	scheduler   *Scheduler
	current     *Thread    // the thread that is running now
	live        []*Thread  // threads that have not finished
	switchTo    *Thread    // the thread the dispatcher resumes next
	randomYield bool       // -rs: every timer interrupt forces a yield
	preempting  bool       // the current yield was forced by the timer
	lockOrder   *lockOrder // nil unless CheckLockOrder was called
	donation    bool       // Config.PriorityDonation
	hasTimer    bool       // a timer interrupts the CPU (-rs, or a preemptive policy)
	dispatching bool       // Run is running a thread, which Pause may suspend
	paused      bool       // the thread Run resumed has paused the machine
	nextTID     int        // the number the next thread started gets

	// stopWhy is why the host asked the simulation to stop (RequestStop).
	// It is written by another goroutine before the machine's stop flag
	// is raised, and read by the simulation after it sees the flag.
	stopWhy atomic.Pointer[stopRequest]

	// panicStack is the stack of the thread whose Go panic is on its way
	// out of Boot, for the report of an internal error (PanicStack).
	panicStack []byte

	// ExitStatus is what the simulation reports to the host when it ends.
	// Parts of the kernel that detect a failure raise it (never lower it).
	ExitStatus int

	// BeforeHalt, if set, runs first when the machine halts, for whatever
	// halts it: a layer built on the kernel writes out there what it still
	// holds (userprog's console, the kernel messages it held back).
	BeforeHalt func()

	// OnTimer, if set, runs at every timer interrupt, when the machine has
	// a timer (HasTimer): the pager's aging policy shifts its counters
	// there, as the textbook's aging does at every clock tick.
	OnTimer func()

	// DeadlockNotes, if set, gives lines the deadlock report ends with:
	// what a layer built on the kernel knows about why threads are stuck.
	DeadlockNotes func() []string
}

// New builds a machine and a kernel for it.
func New(c Config) (*Kernel, error) {
	m, err := machine.New(c.Machine)
	if err != nil {
		return nil, err
	}
	if c.Debug == nil {
		c.Debug, _ = ParseDebug("", io.Discard)
	}
	if c.Policy == nil {
		c.Policy = &FCFS{}
	}
	k := &Kernel{Machine: m, Debug: c.Debug, In: c.In, Out: c.Out, Err: c.Err, Quiet: c.Quiet,
		randomYield: c.RandomYield, donation: c.PriorityDonation}
	k.scheduler = newScheduler(k, c.Policy)
	k.current = NewThread("main", 0)
	m.Interrupt.SetYieldHandler(k.preempt)
	k.startTrace(c)
	m.Interrupt.SetStopHandler(k.stopRequested)
	if k.Debug.ticks == nil {
		k.Debug.SetClock("", &m.Stats.TotalTicks)
	}
	if k.Debug.Enabled('i') {
		m.Interrupt.Trace = k.Debug.Writer(true)
	}
	if k.Debug.Enabled('m') {
		m.Trace = k.Debug.Writer(false) // its lines start with the tick
	}
	if c.RandomYield || c.Policy.Preemptive() {
		m.NewTimer(k.timerInterrupt, c.RandomYield)
		k.hasTimer = true
	}
	if c.MaxTicks > 0 {
		m.Interrupt.SetTickLimit(c.MaxTicks, func() { k.tickLimitReached(c.MaxTicks) })
	}
	return k, nil
}

// Boot starts the kernel: it enables interrupts and runs main as the first
// thread, "main". When main returns, that thread finishes like any other.
// Boot returns when the machine halts, with the simulation's exit status.
//
// Boot is also the dispatcher: a thread that gives up the CPU returns
// control here, and Boot resumes the thread the scheduler chose.
func (k *Kernel) Boot(main func()) int {
	k.Start(main)
	for !k.Run() {
	}
	return k.ExitStatus
}

// Start prepares the kernel to run main as its first thread, without
// running anything yet. Boot is Start followed by Run until the machine
// halts; a cluster of machines (package network) calls Run on each in
// turn instead.
func (k *Kernel) Start(main func()) {
	defer k.recoverHalt()
	k.Machine.Interrupt.Enable()
	first := k.current
	k.start(first, main)
	k.dispatch(first, k.Machine.Stats.TotalTicks)
	k.switchTo = first
}

// Run is the dispatcher: it resumes the thread the scheduler chose, and
// when that thread gives up the CPU, the next one. It returns true when
// the machine has halted, and false when a thread called Pause: the next
// Run goes on from there.
func (k *Kernel) Run() (halted bool) {
	defer k.recoverHalt()
	for k.switchTo != nil {
		t := k.switchTo
		k.switchTo = nil
		k.dispatching = true
		t.resume()
		k.dispatching = false
		if k.paused {
			k.paused = false
			return false
		}
	}
	k.endThreads()
	return true // the machine halted: Halt leaves no thread to resume
}

// Pause suspends the whole machine, in the middle of whatever thread is
// running, and returns from Run; the thread goes on at the next Run. The
// pacer of a cluster calls it (through the machine's interrupt
// controller) to let the other machines catch up. Outside a thread there
// is nothing to suspend, and Pause does nothing.
func (k *Kernel) Pause() {
	if !k.dispatching {
		return
	}
	t := k.current
	k.paused = true
	k.switchTo = t
	if !t.suspend(struct{}{}) {
		panic(unwind{}) // the machine halted while t was suspended
	}
}

// PowerOff stops a machine that is not running (between two Runs) as a
// power failure would: every thread ends where it is, and nothing is
// printed. A cluster uses it to crash a machine.
func (k *Kernel) PowerOff() {
	k.Machine.Stop()
	k.switchTo = nil
	k.endThreads()
}

// recoverHalt ends the simulation when the machine halts outside any
// thread, or a Go panic is on its way out: it ends every thread still
// suspended.
func (k *Kernel) recoverHalt() {
	r := recover()
	if r == nil {
		return
	}
	k.endThreads()
	k.switchTo = nil
	if _, ok := r.(unwind); !ok {
		panic(r)
	}
}

// endThreads ends every thread still suspended, once the machine has
// halted.
func (k *Kernel) endThreads() {
	for len(k.live) > 0 {
		t := k.live[0]
		k.live = k.live[1:]
		t.stop()
	}
}

// Fail records that the simulation failed with status (one of the Exit
// constants). The most serious failure wins.
func (k *Kernel) Fail(status int) { k.ExitStatus = max(k.ExitStatus, status) }

// Fatalf reports a kernel error, a bug in kernel code such as misusing a
// lock, and stops the machine with ExitKernelError. It never returns.
//
// A kernel cannot recover from its own bug: the data the broken rule was
// protecting may already be inconsistent. Stopping at once, with a message
// that names the threads and objects involved, is the kindest thing it can
// do for whoever must find the bug.
func (k *Kernel) Fatalf(format string, args ...any) {
	fmt.Fprintf(k.Err, "nachos: kernel error: "+format+"\n", args...)
	k.Fail(ExitKernelError)
	k.Halt()
}

// HasTimer reports whether a timer interrupts the CPU: under -rs, or
// with a preemptive scheduling policy. As in Nachos 3.4 there is none
// otherwise.
func (k *Kernel) HasTimer() bool { return k.hasTimer }

// Halt stops the machine: it prints the statistics (unless Quiet) and
// ends the simulation. It never returns.
func (k *Kernel) Halt() {
	if k.BeforeHalt != nil {
		k.BeforeHalt()
	}
	k.Trace.Emit(trace.Event{Kind: trace.Halt})
	if !k.Quiet {
		fmt.Fprint(k.Out, "Machine halting!\n\n")
		k.Machine.Stats.Print(k.Out)
		fmt.Fprint(k.Out, "\nCleaning up...\n")
	}
	k.Machine.Stop()
	k.switchTo = nil
	panic(unwind{})
}

// tickLimitReached stops the simulation at the first moment the kernel
// gets control at or after the --max-ticks limit (a user instruction or a
// stretch of kernel work may carry the clock a little past it).
func (k *Kernel) tickLimitReached(limit int64) {
	fmt.Fprintf(k.Err, "nachos: stopped at tick %d, having reached the limit of %d set by --max-ticks: a program may be in an endless loop (raise the limit if it is just slow)\n",
		k.Machine.Stats.TotalTicks, limit)
	k.Fail(ExitTickLimit)
	k.Halt()
}

// stopRequest is the host's reason for stopping a simulation.
type stopRequest struct {
	why    string // such as "interrupted (SIGINT)"
	status int    // the exit status to stop with
}

// RequestStop asks the simulation to stop at its next safe point, where
// the kernel says why and at which tick, prints the statistics and halts
// with exit status. It may be called from any goroutine while Boot runs:
// cmd/nachos calls it when the host sends a signal (a Ctrl-C, or a
// grader's timeout), so that the output written so far is kept and ends
// with the statistics, as in a run that halted.
func (k *Kernel) RequestStop(why string, status int) {
	k.stopWhy.Store(&stopRequest{why, status})
	k.Machine.Interrupt.RequestStop()
}

// stopRequested is the machine's stop handler: the simulation has reached
// a safe point after RequestStop.
func (k *Kernel) stopRequested() {
	r := k.stopWhy.Load()
	fmt.Fprintf(k.Err, "nachos: stopped at tick %d: %s\n", k.Machine.Stats.TotalTicks, r.why)
	k.Fail(r.status)
	k.Halt()
}

// PanicStack returns the stack, at the moment of the panic, of the thread
// whose Go panic came out of Boot, or nil. A panic leaves a thread's
// coroutine and is raised again in Boot, whose own stack no longer shows
// where it happened; an internal error report shows this one instead.
func (k *Kernel) PanicStack() []byte { return k.panicStack }

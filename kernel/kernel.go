// The kernel: boot, halt, and the machine it owns.

package kernel

import (
	"fmt"
	"io"

	"nachos/kernel/trace"
	"nachos/machine"
)

// Config is everything that decides how a kernel boots.
type Config struct {
	Machine     machine.Config
	Debug       *Debug    // nil: no tracing
	RandomYield bool      // run a timer at random times (-rs), forcing context switches
	MaxTicks    int64     // stop the simulation at this tick; 0 for no limit
	Policy      Policy    // the scheduling policy; nil for FCFS, Nachos's
	In          io.Reader // the console's keyboard
	Out         io.Writer // the console's screen, and the kernel's messages and traces
	Err         io.Writer // error reports about user programs

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
)

// Kernel is the operating system of one simulated machine.
type Kernel struct {
	Machine *machine.Machine
	Debug   *Debug
	In      io.Reader
	Out     io.Writer
	Err     io.Writer

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
	nextTID     int        // the number the next thread started gets

	// ExitStatus is what the simulation reports to the host when it ends.
	// Parts of the kernel that detect a failure raise it (never lower it).
	ExitStatus int

	// BeforeHalt, if set, runs first when the machine halts, for whatever
	// halts it: a layer built on the kernel writes out there what it still
	// holds (userprog's console, the kernel messages it held back).
	BeforeHalt func()
}

// New builds a machine and a kernel for it.
func New(c Config) (*Kernel, error) {
	m, err := machine.New(c.Machine)
	if err != nil {
		return nil, err
	}
	if c.Debug == nil {
		c.Debug, _ = ParseDebug("", c.Out)
	}
	if c.Policy == nil {
		c.Policy = &FCFS{}
	}
	k := &Kernel{Machine: m, Debug: c.Debug, In: c.In, Out: c.Out, Err: c.Err,
		randomYield: c.RandomYield, donation: c.PriorityDonation}
	k.scheduler = newScheduler(k, c.Policy)
	k.current = NewThread("main", 0)
	m.Interrupt.SetYieldHandler(k.preempt)
	k.startTrace(c)
	if k.Debug.Enabled('i') {
		m.Interrupt.Trace = c.Out
	}
	if k.Debug.Enabled('m') {
		m.Trace = c.Out
	}
	if c.RandomYield || c.Policy.Preemptive() {
		m.NewTimer(k.timerInterrupt, c.RandomYield)
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
func (k *Kernel) Boot(main func()) (status int) {
	defer func() {
		r := recover()
		// The machine has halted, or a Go panic is on its way out: end
		// every thread still suspended.
		for len(k.live) > 0 {
			t := k.live[0]
			k.live = k.live[1:]
			t.stop()
		}
		if _, ok := r.(unwind); r != nil && !ok {
			panic(r)
		}
		status = k.ExitStatus
	}()
	k.Machine.Interrupt.Enable()
	first := k.current
	k.start(first, main)
	k.dispatch(first, k.Machine.Stats.TotalTicks)
	for k.switchTo = first; k.switchTo != nil; {
		t := k.switchTo
		k.switchTo = nil
		t.resume()
	}
	return // the machine halted: Halt leaves no thread to resume
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

// Halt stops the machine: it prints the statistics and ends the
// simulation. It never returns.
func (k *Kernel) Halt() {
	if k.BeforeHalt != nil {
		k.BeforeHalt()
	}
	k.Trace.Emit(trace.Event{Kind: trace.Halt})
	fmt.Fprint(k.Out, "Machine halting!\n\n")
	k.Machine.Stats.Print(k.Out)
	fmt.Fprint(k.Out, "\nCleaning up...\n")
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

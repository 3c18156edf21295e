// A debugging session: one program, run under control, forwards and
// backwards.
//
// The simulation runs on a goroutine of its own, and the debugger (the
// REPL or the gdb stub) on the caller's. They never run at the same time:
// the machine's DebugHook, called before every instruction, asks whether
// to stop, and if so hands control to the debugger over a channel and
// waits until it is told to go on. So the run is exactly the run that
// nachos -x would make, instruction for instruction and tick for tick.
//
// Going backwards needs no record of the past. A run is a pure function
// of its inputs, so any earlier moment is reached by building the kernel
// afresh and running it again, silently, up to that moment. Three things
// make a re-run the same run:
//
//   - the console input a run read is kept (a tape), and a re-run reads
//     it again from the tape;
//   - the output a re-run writes is shown only past what was shown
//     already (a high-water mark), so nothing appears twice;
//   - memory and registers the user changed while stopped are changed
//     again at the same moment of the re-run (edits).
//
// Moments. The run is measured in DebugHook calls: position p is "about
// to run the p-th instruction of the run" (counting every thread's).
// Exceptions happen between two positions, so a moment is a number that
// gives room for both: 2p is position p, and 2p+1 is the exception raised
// by instruction p, on its way to the kernel.
//
// Simulator note: the host's files are not part of a re-run's inputs. A
// program that changes a file and reads it back may behave differently
// when run again from the start; the console is replayed exactly.

package debugger

import (
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"nachos/machine"
	"nachos/userprog"
)

// Config is what a session needs to build and re-build its runs.
type Config struct {
	Program string // the executable, as given to -x

	// NewKernel builds a kernel for the command line's options, with the
	// given console and message streams. It is called for every re-run.
	NewKernel func(in io.Reader, out, errw io.Writer) (*userprog.Kernel, error)

	In  io.Reader // the program's console input
	Out io.Writer // the program's console output and the kernel's messages
	Err io.Writer // the kernel's error reports
}

// A moment is a point in a run: 2p is before instruction p, 2p+1 is the
// exception instruction p raised (see the file comment).
type moment int64

func hookMoment(pos int64) moment      { return moment(2 * pos) }
func exceptionMoment(pos int64) moment { return moment(2*pos + 1) }

// position is the instruction a moment is at or just after.
func (m moment) position() int64 { return int64(m) / 2 }

// previousHook is the last position strictly before m.
func (m moment) previousHook() moment { return moment(2 * ((int64(m)+1)/2 - 1)) }

// Session debugs one program.
type Session struct {
	cfg Config
	sym *userprog.Symbols

	// The inputs and outputs every run shares (history.go).
	input     *tape
	out, errw *highWater

	// Breakpoints, watchpoints and catchpoints (stops.go).
	points []*Breakpoint
	nextID int
	edits  []edit

	// The current run. Between commands it is stopped at now (or has
	// ended); while a command runs, only the run's goroutine touches it.
	k        *userprog.Kernel
	m        *machine.Machine
	now      moment
	pos      int64                 // DebugHook calls so far in this run
	prevTick int64                 // the clock at the previous position, for tick breakpoints
	live     bool                  // the run's goroutine is waiting to go on
	ended    *Stop                 // how the run ended, once it has
	lastExc  machine.ExceptionType // the exception on its way to the kernel, at an odd moment

	// The handoff between the debugger and the run's goroutine.
	stopAt  func(at moment) bool // asked at every moment; true stops the run
	events  chan Stop
	resume  chan bool // true: go on; false: abandon the run
	done    chan struct{}
	observe func(at moment) // when set, sees every moment (history.go)

	// interrupted is set from another goroutine (Ctrl-C, gdb's ^C) to
	// stop a forward command at the next instruction.
	interrupted atomic.Bool
}

// abandoned unwinds a run that the debugger no longer needs.
type abandoned struct{}

// New makes a session for the program; nothing runs until Start.
func New(cfg Config) (*Session, error) {
	if cfg.NewKernel == nil || cfg.Program == "" {
		return nil, errors.New("debugger: a session needs a program and a way to build its kernel")
	}
	sym, err := userprog.LoadSymbols(cfg.Program)
	if err != nil {
		return nil, err
	}
	return &Session{cfg: cfg, sym: sym, nextID: 1,
		input: &tape{r: cfg.In}, out: &highWater{w: cfg.Out}, errw: &highWater{w: cfg.Err}}, nil
}

// Symbols returns the program's symbols (empty without a symbol table).
func (s *Session) Symbols() *userprog.Symbols { return s.sym }

// Machine returns the machine of the current run, for inspection while
// the run is stopped.
func (s *Session) Machine() *machine.Machine { return s.m }

// Kernel returns the kernel of the current run.
func (s *Session) Kernel() *userprog.Kernel { return s.k }

// Position is the number of instructions run so far.
func (s *Session) Position() int64 { return s.now.position() }

// Ended reports how the run ended, or nil while it can still go on.
func (s *Session) Ended() *Stop { return s.ended }

// Start runs the program up to its first instruction.
func (s *Session) Start() (Stop, error) {
	return s.runTo(0)
}

// Close abandons the run in progress, if any.
func (s *Session) Close() {
	if s.live {
		s.resume <- false
		<-s.done
		s.live = false
	}
}

// Interrupt stops the forward command in progress before the next
// instruction, as Ctrl-C does in gdb; the stop is reported as
// Interrupted.
// It may be called from any goroutine. Re-runs to a known moment (the
// reverse commands) are not interrupted.
func (s *Session) Interrupt() { s.interrupted.Store(true) }

// launch builds a fresh kernel and starts its run on a goroutine, which
// stops at the first moment stopAt accepts.
func (s *Session) launch() error {
	s.Close()
	k, err := s.cfg.NewKernel(s.input.rewind(), s.out.rewind(), s.errw.rewind())
	if err != nil {
		return err
	}
	s.k, s.m, s.pos, s.prevTick, s.ended = k, k.Machine, 0, 0, nil
	s.m.DebugHook = s.hook
	kernelHandler := s.m.ExceptionHandler()
	s.m.SetExceptionHandler(func(cause machine.ExceptionType) {
		s.exception(cause)
		kernelHandler(cause)
	})
	for _, b := range s.points {
		b.reset()
	}
	s.events, s.resume, s.done = make(chan Stop), make(chan bool), make(chan struct{})
	s.live = true
	go s.run(k)
	return nil
}

// run is the run's goroutine: the whole simulation, as nachos -x runs it.
func (s *Session) run(k *userprog.Kernel) {
	defer close(s.done)
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(abandoned); !ok {
				panic(r)
			}
		}
	}()
	status, err := k.RunProgram(s.cfg.Program)
	stop := Stop{Kind: Exited, Status: status}
	if err != nil {
		stop.Detail = err.Error()
	}
	stop.at = hookMoment(s.pos) // the end comes after the last instruction
	s.events <- stop
}

// hook is the machine's DebugHook: the run is at a new position.
func (s *Session) hook() {
	at := hookMoment(s.pos)
	s.applyEdits(at)
	s.watch()
	s.pause(at)
	s.prevTick = s.m.Stats.TotalTicks
	s.pos++
}

// exception sees every exception on its way to the kernel.
func (s *Session) exception(cause machine.ExceptionType) {
	s.lastExc = cause
	at := exceptionMoment(s.pos - 1)
	s.applyEdits(at)
	s.pause(at)
}

// pause stops the run at moment at if the debugger wants it stopped
// there, and waits until it is told to go on.
func (s *Session) pause(at moment) {
	if s.observe != nil {
		s.observe(at)
	}
	if !s.stopAt(at) {
		return
	}
	s.events <- Stop{Kind: Stepped, at: at}
	if !<-s.resume {
		panic(abandoned{})
	}
}

// proceed lets the run go on until stopAt accepts a moment, or the run
// ends, and returns where it stopped. A run that has ended is started
// again from the beginning.
func (s *Session) proceed(stopAt func(at moment) bool) (Stop, error) {
	s.stopAt = stopAt
	if !s.live {
		if err := s.launch(); err != nil {
			return Stop{}, err
		}
	} else {
		s.resume <- true
	}
	stop := <-s.events
	s.now = stop.at
	if stop.Kind == Exited {
		<-s.done
		s.live = false
		s.ended = &stop
	}
	return stop, nil
}

// runTo re-runs the program from the start up to moment target.
func (s *Session) runTo(target moment) (Stop, error) {
	s.Close()
	s.truncateEdits(target)
	return s.proceed(func(at moment) bool { return at == target })
}

// errNotRunning answers a forward command after the program has ended.
var errNotRunning = errors.New("the program has ended: use a reverse command (reverse-stepi, reverse-continue...) or run to start it again")

// forward runs on until stopAt accepts a moment, also stopping at
// breakpoints; it refuses once the run has ended.
func (s *Session) forward(stopAt func(at moment) bool) (Stop, error) {
	if s.ended != nil {
		return Stop{}, errNotRunning
	}
	var hit *Breakpoint
	interrupted := false
	s.interrupted.Store(false)
	stop, err := s.proceed(func(at moment) bool {
		if stopAt(at) {
			return true
		}
		if at%2 == 0 && s.interrupted.Swap(false) {
			interrupted = true
			return true
		}
		hit = s.breakpointAt(at)
		return hit != nil
	})
	switch {
	case err != nil || stop.Kind == Exited:
	case hit != nil:
		stop = hit.stop(s, stop.at)
	case interrupted:
		stop.Kind = Interrupted
	}
	return stop, err
}

// describe is where the machine is, for messages: "main+0x18 (sort.c:42)".
func (s *Session) describe(pc uint32) string {
	if d := s.sym.Describe(pc); d != "" {
		return fmt.Sprintf("0x%08x in %s", pc, d)
	}
	return fmt.Sprintf("0x%08x", pc)
}

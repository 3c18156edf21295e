// Stopping a run from the host: Ctrl-C, a grader's timeout, a closed
// terminal.
//
// Killed outright, nachos would lose the output still in its buffer (to
// a file or a pipe it buffers what programs print), so the file a grader
// keeps would be empty just when it matters most: a program stuck in an
// endless loop. Instead, while a simulation runs, SIGINT, SIGTERM and
// SIGHUP ask the kernel to stop at its next safe point (see
// kernel.RequestStop): it says at which tick it stopped, prints the
// statistics, and nachos exits with 128 plus the signal's number, as a
// shell reports a command a signal killed.
//
// A program waiting for console input that never comes is still stopped:
// the wait for the host's input is given up, and the simulation stops
// before the program sees the end of its input. A second signal, if the
// first seems to do nothing, ends nachos at once.
//
// Catching signals costs Go two threads of its own, which is more than
// half a millisecond on a busy machine, longer than a whole short run. So
// nachos starts catching them only when a run is not short: watchDelay
// after it starts, or as soon as it waits for its input (before it writes
// out its output, so that whoever sees the output can rely on it). A
// signal before then ends nachos as it would any program.

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"nachos/kernel"
)

// stopSignals are the signals that stop a simulation.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// signalNames name stopSignals for the "stopped at tick" line.
var signalNames = map[syscall.Signal]string{
	syscall.SIGINT:  "interrupted (SIGINT)",
	syscall.SIGTERM: "terminated (SIGTERM)",
	syscall.SIGHUP:  "the terminal hung up (SIGHUP)",
}

// watchDelay is how long a run goes on before nachos catches signals.
const watchDelay = 5 * time.Millisecond

// stopOnSignal makes the host's stop signals stop k, until the returned
// function is called. input is the simulation's keyboard, given up when
// a signal comes.
func stopOnSignal(k *kernel.Kernel, input *stoppableReader) (done func()) {
	w := &signalWatch{k: k, input: input, quit: make(chan struct{})}
	timer := time.AfterFunc(watchDelay, w.start)
	input.beforeRead = w.start
	return func() {
		timer.Stop()
		input.beforeRead = nil
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.started {
			// Reset, not Stop: Stop waits until the runtime's signal
			// loop is idle, which can take the better part of a
			// millisecond.
			signal.Reset(stopSignals...)
			close(w.quit)
		}
		w.finished = true
	}
}

// signalWatch turns the first stop signal into a stop request for k.
type signalWatch struct {
	k     *kernel.Kernel
	input *stoppableReader
	quit  chan struct{} // closed when the run is over

	mu                sync.Mutex // start runs on the timer's goroutine
	started, finished bool
}

// start catches the stop signals, once, unless the run is over.
func (w *signalWatch) start() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.started || w.finished {
		return
	}
	w.started = true
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, stopSignals...)
	go func() {
		select {
		case s := <-signals:
			signal.Reset(stopSignals...) // a second signal kills at once
			sig := s.(syscall.Signal)
			w.k.RequestStop(signalNames[sig], kernel.ExitSignal(int(sig)))
			w.input.stop()
		case <-w.quit:
		}
	}()
}

// errInputStopped is what a read of the keyboard returns once the run
// has been stopped: to the console, the input has ended.
var errInputStopped = errors.New("the run was stopped")

// stoppableReader reads the host's input on a goroutine of its own, so
// that a read can be given up: a simulation waiting for a line that
// never comes must still stop when it is told to. It reads only when
// asked, so a run reads no more input than it would without it. Before
// each read it writes out the output (flush), so that a program's prompt
// is out before nachos waits.
type stoppableReader struct {
	r          io.Reader
	flush      func() error    // writes out the output
	beforeRead func()          // if set, called before each read, before flush
	want       chan int        // a read of up to this many bytes is wanted
	got        chan readResult // ... and here is what it read
	stopped    chan struct{}   // closed by stop
	buf        []byte          // the reading goroutine's buffer
}

type readResult struct {
	n        int
	err      error
	panicked any // the host reader panicked with this: raised again in Read
}

func newStoppableReader(r io.Reader, flush func() error) *stoppableReader {
	return &stoppableReader{r: r, flush: flush, want: make(chan int), got: make(chan readResult), stopped: make(chan struct{})}
}

// Read reads from the host's input, or returns errInputStopped once stop
// has been called.
func (s *stoppableReader) Read(p []byte) (int, error) {
	if s.buf == nil {
		s.buf = make([]byte, 4096)
		go s.serve()
	}
	if s.beforeRead != nil {
		s.beforeRead()
	}
	_ = s.flush()
	select {
	case s.want <- min(len(p), len(s.buf)):
	case <-s.stopped:
		return 0, errInputStopped
	}
	select {
	case r := <-s.got:
		if r.panicked != nil {
			panic(r.panicked)
		}
		return copy(p, s.buf[:r.n]), r.err
	case <-s.stopped:
		return 0, errInputStopped
	}
}

// serve does the reads that Read asks for. A read stopped while it is
// blocked is abandoned, with its goroutine, when nachos exits. A panic
// is handed to Read, so that it surfaces in the simulation, which reports
// it, rather than here, where it would end nachos without a word.
func (s *stoppableReader) serve() {
	defer func() {
		if r := recover(); r != nil {
			select {
			case s.got <- readResult{panicked: r}:
			case <-s.stopped:
			}
		}
	}()
	for n := range s.want {
		n, err := s.r.Read(s.buf[:n])
		select {
		case s.got <- readResult{n: n, err: err}:
		case <-s.stopped:
			return
		}
	}
}

// stop gives up the read in progress and every later one. It may be
// called from any goroutine, once.
func (s *stoppableReader) stop() { close(s.stopped) }

// internalError reports a Go panic of the simulator itself, a bug in
// nachos: the output written so far goes out first (standard error
// flushes it), then the panic and where it happened.
func internalError(stderr io.Writer, r any, stack []byte) int {
	fmt.Fprintf(stderr, "nachos: internal error: %v\n"+
		"This is a bug in nachos, not in your program: please report it with the command line and the trace below.\n%s", r, stack)
	return kernel.ExitInternalError
}

// The session's promises, checked on real MIPS programs: going back one
// instruction gives exactly the state a forward run had there; debugging
// changes nothing about the run; output is shown once however often the
// run is repeated; breakpoints of every kind stop where they should,
// forwards and backwards.

package debugger_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/machine"
	"nachos/test/tooltest"
	"nachos/userprog"
	"nachos/userprog/debugger"
	"nachos/userprog/debugger/debuggertest"
)

// program is the path of a shipped test program, or of its source.
func program(name string) string { return "../../test/" + name }

// sourceLine is the number of the line of a shipped program's source
// where text begins.
func sourceLine(t *testing.T, file, text string) int {
	t.Helper()
	return tooltest.SourceLine(t, program(file), text)
}

// newSession starts debugging a shipped program with the given console
// input; it returns the session and what the program printed.
func newSession(t *testing.T, name, input string) (*debugger.Session, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	s, err := debugger.New(debugger.Config{Program: program(name), NewKernel: debuggertest.NewKernel,
		In: strings.NewReader(input), Out: &out, Err: &out})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	_, err = s.Start()
	require.NoError(t, err)
	return s, &out
}

// normalRun is what nachos -x prints for the program.
func normalRun(t *testing.T, name, input string) string {
	t.Helper()
	var out bytes.Buffer
	k, err := debuggertest.NewKernel(strings.NewReader(input), &out, &out)
	require.NoError(t, err)
	_, err = k.RunProgram(program(name))
	require.NoError(t, err)
	return out.String()
}

// state is everything a stopped machine holds.
type state struct {
	Regs   [machine.NumTotalRegs]uint32
	Stats  machine.Statistics
	Memory [sha256.Size]byte
	Thread string
}

func snapshot(s *debugger.Session) state {
	m := s.Machine()
	var st state
	for r := range st.Regs {
		st.Regs[r] = m.ReadRegister(r)
	}
	st.Stats = *m.Stats
	st.Memory = sha256.Sum256(m.Memory)
	st.Thread = s.Kernel().CurrentThread().Name()
	return st
}

func TestReverseStepiGivesTheStateOfTheRunOneInstructionEarlier(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		limit       int // positions compared, from the start
	}{
		{"halt", "", 100},
		{"hello", "", 100},
		{"echo", "hi\n", 200}, // console input, replayed from the tape
		{"fork", "", 400},     // two threads and their context switches
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newSession(t, tc.name, tc.input)
			var states []state
			var stop debugger.Stop
			var err error
			for stop.Kind != debugger.Exited && len(states) < tc.limit {
				states = append(states, snapshot(s))
				stop, err = s.StepInstruction()
				require.NoError(t, err)
			}
			for i := len(states) - 1; i >= 0; i-- {
				stop, err = s.ReverseStepInstruction()
				require.NoError(t, err)
				require.Equal(t, debugger.Stepped, stop.Kind)
				require.Equal(t, int64(i), s.Position())
				require.Equal(t, states[i], snapshot(s), "position %d", i)
			}
			stop, err = s.ReverseStepInstruction()
			require.NoError(t, err)
			assert.Equal(t, debugger.HistoryStart, stop.Kind)
		})
	}
}

func TestDebuggingChangesNeitherTheTicksNorTheOutput(t *testing.T) {
	for _, tc := range []struct{ name, input string }{
		{"hello", ""}, {"echo", "hello there\n"}, {"fork", ""}, {"prodcons", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := normalRun(t, tc.name, tc.input)
			s, out := newSession(t, tc.name, tc.input)
			main, ok := s.Symbols().Lookup("main")
			require.True(t, ok)
			s.Break("main", main)
			// Forwards, backwards over output already shown, and on.
			for _, move := range []func() (debugger.Stop, error){
				s.Continue, s.StepInstruction, s.Next, s.Next, s.Next,
				s.ReverseStepInstruction, s.ReverseNext, s.StepInstruction,
			} {
				_, err := move()
				require.NoError(t, err)
				if s.Ended() != nil {
					break
				}
			}
			for s.Ended() == nil {
				_, err := s.Continue()
				require.NoError(t, err)
			}
			assert.Equal(t, want, out.String())
			assert.Contains(t, out.String(), "Ticks: total")
		})
	}
}

func TestOutputIsShownOnceAcrossReruns(t *testing.T) {
	s, out := newSession(t, "hello", "")
	_, err := s.Continue()
	require.NoError(t, err)
	shown := out.String()
	require.Equal(t, 1, strings.Count(shown, "Hello, world!"))
	_, err = s.ReverseContinue() // to the start: re-runs, silently
	require.NoError(t, err)
	_, err = s.Continue()
	require.NoError(t, err)
	assert.Equal(t, shown, out.String())
}

func TestBreakpointsStopForwardsAndBackwards(t *testing.T) {
	s, _ := newSession(t, "fork", "")
	counter, ok := s.Symbols().Lookup("counter")
	require.True(t, ok)
	w, err := s.Watch(counter)
	require.NoError(t, err)
	var seen []uint32
	var positions []int64
	for range 5 {
		stop, err := s.Continue()
		require.NoError(t, err)
		require.Equal(t, debugger.AtWatchpoint, stop.Kind, stop.Detail)
		require.Equal(t, w, stop.Breakpoint)
		v, err := s.ReadMemory(counter, 4)
		require.NoError(t, err)
		seen = append(seen, uint32(v[0])|uint32(v[1])<<8)
		positions = append(positions, s.Position())
	}
	assert.Equal(t, []uint32{1, 2, 3, 4, 5}, seen, "each stop follows one change of the counter")

	// Backwards, the same stops in the opposite order.
	for i := len(positions) - 2; i >= 0; i-- {
		stop, err := s.ReverseContinue()
		require.NoError(t, err)
		require.Equal(t, debugger.AtWatchpoint, stop.Kind)
		assert.Equal(t, positions[i], s.Position())
	}
	stop, err := s.ReverseContinue()
	require.NoError(t, err)
	assert.Equal(t, debugger.HistoryStart, stop.Kind)
	assert.Equal(t, int64(0), s.Position())
}

func TestCatchpoints(t *testing.T) {
	t.Run("syscall", func(t *testing.T) {
		s, _ := newSession(t, "hello", "")
		_, err := s.CatchSyscall("write")
		require.NoError(t, err)
		stop, err := s.Continue()
		require.NoError(t, err)
		require.Equal(t, debugger.AtSyscall, stop.Kind)
		assert.Equal(t, "Write", stop.Detail)
		_, err = s.CatchSyscall("Frobnicate")
		assert.ErrorContains(t, err, `no system call "Frobnicate"`)
	})
	t.Run("syscall of a course's numbering", func(t *testing.T) {
		// An ABI file may give codes up to MaxSyscallCode.
		abi, err := userprog.NewABI(userprog.ABISpec{Name: "course", Calls: []userprog.CallCode{
			{Name: "Halt", Code: 0}, {Name: "AcquireLock", Code: userprog.MaxSyscallCode}}})
		require.NoError(t, err)
		s, err := debugger.New(debugger.Config{Program: program("halt"), Out: io.Discard, Err: io.Discard,
			NewKernel: func(in io.Reader, out, errw io.Writer) (*userprog.Kernel, error) {
				return userprog.New(kernel.Config{In: in, Out: out, Err: errw}, userprog.Config{ABI: abi})
			}})
		require.NoError(t, err)
		t.Cleanup(s.Close)
		_, err = s.Start()
		require.NoError(t, err)
		b, err := s.CatchSyscall("acquirelock")
		require.NoError(t, err)
		assert.Equal(t, "AcquireLock", b.Syscall)
	})
	t.Run("exception", func(t *testing.T) {
		s, _ := newSession(t, "bad", "")
		_, err := s.CatchException("address error")
		require.NoError(t, err)
		stop, err := s.Continue()
		require.NoError(t, err)
		require.Equal(t, debugger.AtException, stop.Kind)
		assert.Equal(t, "address error", stop.Detail)
		assert.Equal(t, uint32(0x7ffffff1), s.Machine().ReadRegister(machine.BadVAddrReg))
		faulting := s.Machine().ReadRegister(machine.PCReg)
		// One instruction back is the state before the faulting load...
		stop, err = s.ReverseStepInstruction()
		require.NoError(t, err)
		require.Equal(t, debugger.Stepped, stop.Kind)
		assert.Equal(t, faulting, s.Machine().ReadRegister(machine.PCReg))
		assert.Equal(t, uint32(0), s.Machine().ReadRegister(machine.BadVAddrReg))
		// ...and stepping it raises the exception again.
		stop, err = s.StepInstruction()
		require.NoError(t, err)
		assert.Equal(t, debugger.AtException, stop.Kind)
	})
	t.Run("tick", func(t *testing.T) {
		s, _ := newSession(t, "fork", "")
		s.BreakTick(500)
		stop, err := s.Continue()
		require.NoError(t, err)
		require.Equal(t, debugger.AtTick, stop.Kind)
		assert.GreaterOrEqual(t, s.Machine().Stats.TotalTicks, int64(500))
		_, err = s.ReverseStepInstruction()
		require.NoError(t, err)
		assert.Less(t, s.Machine().Stats.TotalTicks, int64(500))
	})
}

func TestEditsAreReplayed(t *testing.T) {
	s, out := newSession(t, "hello", "")
	_, err := s.CatchSyscall("Write")
	require.NoError(t, err)
	_, err = s.Continue()
	require.NoError(t, err)
	buf := s.Machine().ReadRegister(4)
	require.NoError(t, s.WriteMemory(buf, []byte("J")))
	_, err = s.StepInstruction()
	require.NoError(t, err)
	_, err = s.ReverseStepInstruction() // a re-run: the edit is made again
	require.NoError(t, err)
	got, err := s.ReadMemory(buf, 5)
	require.NoError(t, err)
	assert.Equal(t, "Jello", string(got))
	s.DeleteAll()
	_, err = s.Continue()
	require.NoError(t, err)
	assert.Contains(t, out.String(), "Jello, world!")
}

// line is where the stopped program is, as file:line.
func line(s *debugger.Session) string {
	file, n, ok := s.Symbols().Line(s.Machine().ReadRegister(machine.PCReg))
	if !ok {
		return "?"
	}
	return fmt.Sprintf("%s:%d", path.Base(file), n)
}

func TestSourceSteppingForwardsAndBackwards(t *testing.T) {
	s, _ := newSession(t, "fork", "")
	worker, ok := s.Symbols().Lookup("worker")
	require.True(t, ok)
	// The second thread's first pass through the loop: counter++, then
	// Yield(), then the loop's i++, the other thread running meanwhile.
	b := s.Break("worker", worker)
	for range 2 {
		_, err := s.Continue()
		require.NoError(t, err)
	}
	require.NoError(t, s.Delete(b.ID))
	thread := s.Kernel().CurrentThread().Name()
	var got []string
	var positions []int64
	for _, move := range []func() (debugger.Stop, error){
		s.Next, s.Next, s.Next, s.Next, // passing over Yield, round the loop
		s.ReverseNext, s.ReverseNext, s.ReverseNext, // and back
		s.Step, s.Step, s.Step, // to the call, into Yield's stub, and out
		s.ReverseStep, s.Finish,
	} {
		_, err := move()
		require.NoError(t, err)
		require.Equal(t, thread, s.Kernel().CurrentThread().Name(), "stepping follows one thread")
		got = append(got, line(s))
		positions = append(positions, s.Position())
	}
	// The loop at -O1: counter++ loads and adds, Yield() is called with
	// the store in its delay slot, the loop counts down and goes round to
	// counter++ again; going back, each line from the first of its
	// instructions, exactly where going forwards stopped.
	count := fmt.Sprintf("fork.c:%d", sourceLine(t, "fork.c", "counter++;"))
	yield := fmt.Sprintf("fork.c:%d", sourceLine(t, "fork.c", "Yield();\n\t}")) // the worker's
	loop := fmt.Sprintf("fork.c:%d", sourceLine(t, "fork.c", "for (i = 0; i < 100; i++)"))
	stub := fmt.Sprintf("start.S:%d", sourceLine(t, "start.S", "SYSCALL_STUB\tYield,"))
	assert.Equal(t, []string{
		count, yield, loop, count,
		loop, yield, count,
		yield, stub, loop,
		stub, loop,
	}, got)
	assert.Equal(t, []int64{positions[2], positions[1], positions[0]}, positions[4:7], "reverse-next retraces next")
}

func TestInterruptStopsARunWithoutChangingIt(t *testing.T) {
	s, _ := newSession(t, "sort", "")
	// sort runs for seconds under the debugger: the interrupt comes while
	// it runs, at whatever instruction the host's timing decides.
	time.AfterFunc(20*time.Millisecond, s.Interrupt)
	stop, err := s.Continue()
	require.NoError(t, err)
	require.Equal(t, debugger.Interrupted, stop.Kind)
	require.Nil(t, s.Ended())
	at := snapshot(s)
	_, err = s.StepInstruction()
	require.NoError(t, err)
	_, err = s.ReverseStepInstruction()
	require.NoError(t, err)
	assert.Equal(t, at, snapshot(s), "an interrupted run can be re-run to where it stopped")
}

func TestBreakpointsApplyToTheDebuggedProgramOnly(t *testing.T) {
	// exec runs hello, matmult and bad, which were linked after the same
	// start.S: their Exit stub is at exec's address, and hello and
	// matmult call it before exec does.
	t.Chdir("../..") // exec names its children from the top of the tree
	s, err := debugger.New(debugger.Config{Program: "test/exec", NewKernel: debuggertest.NewKernel, Out: io.Discard, Err: io.Discard})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	_, err = s.Start()
	require.NoError(t, err)
	exit, ok := s.Symbols().Lookup("Exit")
	require.True(t, ok)
	s.Break("Exit", exit)
	stop, err := s.Continue()
	require.NoError(t, err)
	require.Equal(t, debugger.AtBreakpoint, stop.Kind)
	p, _, ok := s.Kernel().ProcessOf(s.Kernel().CurrentThread())
	require.True(t, ok)
	assert.Equal(t, "test/exec", p.Path, "the stop is in exec itself")
	assert.Equal(t, int32(7220), int32(s.Machine().ReadRegister(4)), "exec's exit status")
	stop, err = s.Continue()
	require.NoError(t, err)
	assert.Equal(t, debugger.Exited, stop.Kind)
}

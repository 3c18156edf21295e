// History: what makes a re-run the same run, and the reverse commands
// built on re-running.
//
// reverse-stepi re-runs to the position before the current one.
// reverse-continue re-runs once to the current moment, noting the last
// moment a breakpoint would have stopped at, and then again to it.
// reverse-step and reverse-next re-run once to record where every
// instruction was (its PC and stack pointer), walk that trail backwards
// to the start of the previous source line, and re-run to it.

package debugger

import (
	"fmt"
	"io"
	"slices"

	"nachos/kernel"
	"nachos/machine"
)

// tape is the program's console input. Every byte a run reads from the
// real input is kept, so that a re-run reads the same bytes again.
type tape struct {
	r    io.Reader
	data []byte
	at   int // the next byte this run reads
}

// rewind starts a new run at the beginning of the tape.
func (t *tape) rewind() io.Reader {
	t.at = 0
	return t
}

func (t *tape) Read(p []byte) (int, error) {
	if t.at == len(t.data) {
		if t.r == nil {
			return 0, io.EOF
		}
		n, err := t.r.Read(p)
		t.data = append(t.data, p[:n]...)
		t.at += n
		return n, err
	}
	n := copy(p, t.data[t.at:])
	t.at += n
	return n, nil
}

// highWater is an output stream shared by the runs of a session: a run
// writes the same bytes as the runs before it, and only those past the
// furthest any run has written are shown.
type highWater struct {
	w       io.Writer
	shown   int64 // bytes written to w so far
	written int64 // bytes this run has written
}

// rewind starts a new run at the beginning of the stream.
func (h *highWater) rewind() io.Writer {
	h.written = 0
	return h
}

func (h *highWater) Write(p []byte) (int, error) {
	start := h.written
	h.written += int64(len(p))
	if h.w == nil || h.written <= h.shown {
		return len(p), nil
	}
	fresh := p[max(0, h.shown-start):]
	h.shown = h.written
	if _, err := h.w.Write(fresh); err != nil {
		return 0, err
	}
	return len(p), nil
}

// An edit is a change the user made to the machine while stopped, made
// again at the same moment of every re-run.
type edit struct {
	at    moment
	apply func(m *machine.Machine)
}

func (s *Session) applyEdits(at moment) {
	for _, e := range s.edits {
		if e.at == at {
			e.apply(s.m)
		}
	}
}

// truncateEdits forgets the edits made after target: going back before
// an edit undoes it.
func (s *Session) truncateEdits(target moment) {
	s.edits = slices.DeleteFunc(s.edits, func(e edit) bool { return e.at > target })
}

// change makes a change to the stopped machine now, and again at this
// moment of every re-run.
func (s *Session) change(apply func(m *machine.Machine)) {
	apply(s.m)
	s.edits = append(s.edits, edit{at: s.now, apply: apply})
}

// WriteRegister sets register r of the stopped machine.
func (s *Session) WriteRegister(r int, v uint32) {
	s.change(func(m *machine.Machine) { m.WriteRegister(r, v) })
}

// WriteMemory writes bytes at virtual address addr of the running
// process, through its page table or TLB.
func (s *Session) WriteMemory(addr uint32, data []byte) error {
	for i := range data {
		if _, ok := s.m.DebugTranslate(addr + uint32(i)); !ok {
			return fmt.Errorf("cannot write 0x%08x: the address is not mapped in the running process", addr+uint32(i))
		}
	}
	data = append([]byte(nil), data...)
	s.change(func(m *machine.Machine) {
		for i, b := range data {
			m.PokeByte(addr+uint32(i), b)
		}
	})
	return nil
}

// ReverseStepInstruction goes back one instruction.
func (s *Session) ReverseStepInstruction() (Stop, error) { return s.ReverseStepInstructions(1) }

// ReverseStepInstructions goes back n instructions, or to the start.
func (s *Session) ReverseStepInstructions(n int64) (Stop, error) {
	if s.now <= 0 {
		return s.atHistoryStart(), nil
	}
	return s.runTo(max(0, s.now.previousHook()-moment(2*(n-1))))
}

// ReverseContinue goes back to the last moment a breakpoint, watchpoint
// or catchpoint would have stopped the run, or to the start.
func (s *Session) ReverseContinue() (Stop, error) {
	if s.now <= 0 {
		return s.atHistoryStart(), nil
	}
	now, last := s.now, moment(-1)
	s.observe = func(at moment) {
		if at < now && s.breakpointAt(at) != nil {
			last = at
		}
	}
	_, err := s.runTo(now)
	s.observe = nil
	if err != nil {
		return Stop{}, err
	}
	if last < 0 {
		return s.backToStart()
	}
	stop, err := s.runTo(last)
	if err != nil {
		return Stop{}, err
	}
	if b := s.breakpointAt(last); b != nil {
		stop = b.stop(s, last)
	}
	return stop, nil
}

// atHistoryStart is the answer of a reverse command at the very start.
func (s *Session) atHistoryStart() Stop { return Stop{Kind: HistoryStart, at: s.now} }

// backToStart answers a reverse command that found nothing to stop at
// before the start: it goes back to the start and says so.
func (s *Session) backToStart() (Stop, error) {
	if _, err := s.runTo(0); err != nil {
		return Stop{}, err
	}
	return s.atHistoryStart(), nil
}

// A place is where one instruction of the trail ran, and in which
// thread.
type place struct {
	pc, sp, word uint32 // word: the instruction
	thread       *kernel.Thread
}

// here is the place of the stopped machine.
func (s *Session) here() place {
	pc, sp, word := s.where()
	return place{pc, sp, word, s.k.CurrentThread()}
}

// trail re-runs to the current moment and returns the place of every
// position up to it, the current one last.
func (s *Session) trail() ([]place, error) {
	now := s.now
	var trail []place
	s.observe = func(at moment) {
		if at%2 == 0 && at <= now {
			trail = append(trail, s.here())
		}
	}
	_, err := s.runTo(now)
	s.observe = nil
	if s.ended != nil { // the run ended after the last instruction
		trail = append(trail, s.here())
	}
	return trail, err
}

// ReverseStep goes back to the start of the previous source line run,
// entering functions that were called.
func (s *Session) ReverseStep() (Stop, error) { return s.reverseLine(false) }

// ReverseNext goes back to the start of the previous source line run in
// this function (or its caller), passing over calls.
func (s *Session) ReverseNext() (Stop, error) { return s.reverseLine(true) }

func (s *Session) reverseLine(overCalls bool) (Stop, error) {
	if s.now <= 0 {
		return s.atHistoryStart(), nil
	}
	trail, err := s.trail()
	if err != nil {
		return Stop{}, err
	}
	target := s.previousLine(trail, overCalls)
	if target < 0 {
		return s.backToStart()
	}
	return s.runTo(hookMoment(target))
}

// previousLine walks the trail back from its last place to the first
// instruction of the source line run before the current one, and returns
// its position (-1: there is none). Only the current thread's
// instructions count. With overCalls, instructions deeper in the stack
// than the line's own (called functions) are passed over.
func (s *Session) previousLine(trail []place, overCalls bool) int64 {
	depth := callDepths(trail)
	last := len(trail) - 1
	cur, curLine := trail[last], s.lineOf(trail[last].pc)
	// passedOver says whether instruction i ran in another thread, or
	// (with overCalls) in a function called from the frame instruction
	// ref ran in.
	passedOver := func(i, ref int) bool {
		return trail[i].thread != cur.thread || overCalls && depth[i] > depth[ref]
	}
	i := last - 1
	for ; i >= 0; i-- {
		if l := s.lineOf(trail[i].pc); !passedOver(i, last) && l.known && l != curLine {
			break
		}
	}
	if i < 0 {
		return -1
	}
	line, first := s.lineOf(trail[i].pc), i
	for j := i - 1; j >= 0; j-- {
		l := s.lineOf(trail[j].pc)
		switch {
		case passedOver(j, i) || !l.known:
			continue
		case l == line:
			first = j
			continue
		}
		break
	}
	return int64(first)
}

// callDepths returns how deep in calls each instruction of the trail ran,
// counted in its own thread from the start of the run: a call's target
// is one deeper than the call, and the instruction a jr $ra returns to
// one shallower than the jr. (A branch-and-link not taken, which leaves
// the instruction after its delay slot next, changes nothing.)
func callDepths(trail []place) []int {
	depth := make([]int, len(trail))
	type threadState struct {
		depth   int
		pending []int // changes due after the delay slot: the thread's next two instructions
		callAt  uint32
	}
	threads := map[*kernel.Thread]*threadState{}
	for i, p := range trail {
		t := threads[p.thread]
		if t == nil {
			t = &threadState{}
			threads[p.thread] = t
		}
		if len(t.pending) == 2 { // the delay slot has run: this is the target
			if t.pending[1] != +1 || p.pc != t.callAt+8 {
				t.depth += t.pending[1]
			}
			t.pending = nil
		} else if len(t.pending) == 1 {
			t.pending = append(t.pending, t.pending[0])
		}
		depth[i] = t.depth
		switch {
		case isCall(p.word):
			t.pending, t.callAt = []int{+1}, p.pc
		case isReturn(p.word):
			t.pending = []int{-1}
		}
	}
	return depth
}

// A sourceLine is where an instruction came from: function, file and
// line, so that the same line number in two functions differs.
type sourceLine struct {
	function, file string
	line           int
	known          bool
}

func (s *Session) lineOf(pc uint32) sourceLine {
	file, line, ok := s.sym.Line(pc)
	fn, _, _ := s.sym.Function(pc)
	return sourceLine{function: fn, file: file, line: line, known: ok}
}

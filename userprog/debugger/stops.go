// Stops: why a run stopped, and the breakpoints, watchpoints and
// catchpoints that stop it.
//
// Every kind is a condition on one moment of the run, evaluated at every
// moment whether or not the run is going to stop there, so that a re-run
// from the start sees them as the first run did (reverse-continue relies
// on it). A watchpoint compares the watched word with its value at the
// previous position; a tick breakpoint fires at the first position at or
// past its tick.

package debugger

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"nachos/machine"
)

// StopKind says why a run stopped.
type StopKind int

// The reasons.
const (
	Stepped      StopKind = iota // a step, or a run to a moment, finished
	AtBreakpoint                 // an instruction with a breakpoint is next
	AtTick                       // the clock reached a tick breakpoint
	AtSyscall                    // a system call is next
	AtException                  // an instruction raised an exception
	AtWatchpoint                 // a watched word changed
	Exited                       // the simulation ended
	HistoryStart                 // a reverse command reached the start of the run
	Interrupted                  // Interrupt was called (Ctrl-C)
)

var stopKindNames = [...]string{"stepped", "breakpoint", "tick", "system call", "exception", "watchpoint", "exited", "start of history", "interrupted"}

func (k StopKind) String() string {
	if k < 0 || int(k) >= len(stopKindNames) {
		return "unknown stop"
	}
	return stopKindNames[k]
}

// Stop is where and why a run stopped.
type Stop struct {
	Kind       StopKind
	Breakpoint *Breakpoint // what stopped it, for the At kinds
	Detail     string      // the system call, the exception, the watched change, or why the run ended
	Status     int         // Exited: the simulation's exit status (kernel.ExitOK...)
	at         moment
}

// BreakKind is what a breakpoint watches for.
type BreakKind int

// The kinds.
const (
	BreakAddress   BreakKind = iota // an instruction address is next
	BreakTick                       // the clock reaches a tick
	CatchSyscall                    // a system call is next
	CatchException                  // an instruction raises an exception
	Watch                           // a memory word changes
	WatchStore                      // a store to a memory word is next (gdb's MIPS watchpoints)
)

var breakKindNames = [...]string{"breakpoint", "tick", "catch syscall", "catch exception", "watchpoint", "store watchpoint"}

func (k BreakKind) String() string {
	if k < 0 || int(k) >= len(breakKindNames) {
		return "unknown breakpoint"
	}
	return breakKindNames[k]
}

// stopKinds is the stop each kind of breakpoint makes.
var stopKinds = [...]StopKind{BreakAddress: AtBreakpoint, BreakTick: AtTick,
	CatchSyscall: AtSyscall, CatchException: AtException, Watch: AtWatchpoint, WatchStore: AtWatchpoint}

// Breakpoint is one breakpoint, watchpoint or catchpoint.
type Breakpoint struct {
	ID        int
	Kind      BreakKind
	Where     string   // as the user gave it: "main", "sort.c:42", "*0x40"
	Addrs     []uint32 // BreakAddress: the instructions; Watch: the word
	Tick      int64    // BreakTick
	Syscall   string   // CatchSyscall: the call's name, or "" for any
	Exception machine.ExceptionType
	Hits      int

	// A watchpoint's view of its word, recomputed in every run.
	primed, mapped bool
	value, old     uint32
	changed        bool
}

// reset forgets what the breakpoint saw in an earlier run.
func (b *Breakpoint) reset() { b.primed, b.changed = false, false }

// Break sets a breakpoint on the instructions at addrs.
func (s *Session) Break(where string, addrs ...uint32) *Breakpoint {
	return s.add(&Breakpoint{Kind: BreakAddress, Where: where, Addrs: addrs})
}

// BreakTick stops the run at the first instruction at or after tick.
func (s *Session) BreakTick(tick int64) *Breakpoint {
	return s.add(&Breakpoint{Kind: BreakTick, Where: fmt.Sprintf("tick %d", tick), Tick: tick})
}

// CatchSyscall stops before every system call named name, or every
// system call if name is "".
func (s *Session) CatchSyscall(name string) (*Breakpoint, error) {
	if name != "" {
		abi := s.k.ABI()
		own, ok := abi.CallNamed(name)
		if !ok {
			return nil, fmt.Errorf("no system call %q in the %s numbering (see test/syscall.h)", name, abi.Name)
		}
		name = own
	}
	return s.add(&Breakpoint{Kind: CatchSyscall, Where: cmp.Or(name, "any system call"), Syscall: name}), nil
}

// CatchException stops when an instruction raises the exception called
// name ("address error", "page fault"...), or any exception but a system
// call if name is "".
func (s *Session) CatchException(name string) (*Breakpoint, error) {
	exc := machine.NoException
	if name != "" {
		var names []string
		for e := machine.SyscallException + 1; e < machine.NumExceptionTypes; e++ {
			names = append(names, e.String())
			if strings.EqualFold(strings.ReplaceAll(e.String(), " ", ""), strings.ReplaceAll(name, " ", "")) {
				exc = e
			}
		}
		if exc == machine.NoException {
			return nil, fmt.Errorf("no exception %q (they are: %s)", name, strings.Join(names, ", "))
		}
	}
	return s.add(&Breakpoint{Kind: CatchException, Where: cmp.Or(name, "any exception"), Exception: exc}), nil
}

// Watch stops the run after an instruction changes the word at addr.
func (s *Session) Watch(addr uint32) (*Breakpoint, error) {
	if addr&3 != 0 {
		return nil, fmt.Errorf("0x%08x is not the address of a word (a multiple of 4)", addr)
	}
	b := &Breakpoint{Kind: Watch, Where: fmt.Sprintf("*0x%08x", addr), Addrs: []uint32{addr}}
	s.watchOne(b)
	return s.add(b), nil
}

// WatchStore stops the run before any instruction that stores into the
// word at addr, whether or not the store changes it. This is how MIPS
// hardware watchpoints trigger, and what gdb expects of a MIPS target:
// it steps the store itself and compares the values.
func (s *Session) WatchStore(addr uint32) *Breakpoint {
	addr &^= 3
	return s.add(&Breakpoint{Kind: WatchStore, Where: fmt.Sprintf("*0x%08x", addr), Addrs: []uint32{addr}})
}

func (s *Session) add(b *Breakpoint) *Breakpoint {
	b.ID = s.nextID
	s.nextID++
	s.points = append(s.points, b)
	return b
}

// Breakpoints lists the breakpoints in the order they were set.
func (s *Session) Breakpoints() []*Breakpoint { return slices.Clone(s.points) }

// Delete removes breakpoint id.
func (s *Session) Delete(id int) error {
	i := slices.IndexFunc(s.points, func(b *Breakpoint) bool { return b.ID == id })
	if i < 0 {
		return fmt.Errorf("no breakpoint number %d (info breakpoints lists them)", id)
	}
	s.points = slices.Delete(s.points, i, i+1)
	return nil
}

// DeleteAll removes every breakpoint.
func (s *Session) DeleteAll() { s.points = nil }

// Remove removes the first breakpoint of kind at addr, for the gdb stub.
func (s *Session) Remove(kind BreakKind, addr uint32) error {
	for _, b := range s.points {
		if b.Kind == kind && slices.Contains(b.Addrs, addr) {
			return s.Delete(b.ID)
		}
	}
	return errors.New("no such breakpoint")
}

// inProgram reports whether the running thread runs the debugged
// program. Children that Exec other programs use the same addresses for
// other code and data, so breakpoints and watchpoints, which name the
// debugged program's addresses, apply only to its own processes.
func (s *Session) inProgram() bool {
	p, _, ok := s.k.ProcessOf(s.k.CurrentThread())
	return ok && p.Path == s.cfg.Program
}

// watch brings every watchpoint's view of its word up to date; it runs
// at every position of the debugged program.
func (s *Session) watch() {
	if !s.inProgram() {
		return
	}
	for _, b := range s.points {
		if b.Kind == Watch {
			s.watchOne(b)
		}
	}
}

func (s *Session) watchOne(b *Breakpoint) {
	word, mapped := s.peekWord(b.Addrs[0])
	// A change is seen only between two readings of a mapped word: a
	// context switch to a process that does not map it is no change.
	b.changed = b.primed && mapped && b.mapped && word != b.value
	b.old = b.value
	b.primed, b.mapped, b.value = true, mapped, word
}

// breakpointAt returns the breakpoint that stops the run at moment at,
// or nil.
func (s *Session) breakpointAt(at moment) *Breakpoint {
	for _, b := range s.points {
		if s.holds(b, at) {
			return b
		}
	}
	return nil
}

// holds reports whether b's condition holds at moment at.
func (s *Session) holds(b *Breakpoint, at moment) bool {
	if at%2 == 1 { // an exception on its way to the kernel
		return b.Kind == CatchException && s.lastExc != machine.SyscallException &&
			(b.Exception == machine.NoException || b.Exception == s.lastExc)
	}
	pc := s.m.ReadRegister(machine.PCReg)
	switch b.Kind {
	case BreakAddress:
		return slices.Contains(b.Addrs, pc) && s.inProgram()
	case BreakTick:
		now := s.m.Stats.TotalTicks
		return now >= b.Tick && (s.pos == 0 || s.prevTick < b.Tick)
	case CatchSyscall:
		name, ok := s.syscallAt(pc)
		return ok && (b.Syscall == "" || b.Syscall == name)
	case Watch:
		return b.changed && s.inProgram()
	case WatchStore:
		addr, ok := s.storeAt(pc)
		return ok && addr&^3 == b.Addrs[0] && s.inProgram()
	}
	return false
}

// storeAt returns the address the instruction at pc stores to, if it is
// a store (SB, SH, SW, SWL, SWR).
func (s *Session) storeAt(pc uint32) (uint32, bool) {
	word, ok := s.peekWord(pc)
	switch op := word >> 26; {
	case !ok, op != 0x28 && op != 0x29 && op != 0x2a && op != 0x2b && op != 0x2e:
		return 0, false
	}
	base := s.m.ReadRegister(int(word >> 21 & 31))
	return base + uint32(int32(int16(word))), true
}

// syscallAt returns the name of the system call the instruction at pc
// makes, if it is a syscall instruction.
func (s *Session) syscallAt(pc uint32) (string, bool) {
	word, ok := s.peekWord(pc)
	if !ok || word&0xfc00003f != 0x0000000c {
		return "", false
	}
	code := s.m.ReadRegister(machine.ResultReg)
	if name, ok := s.k.ABI().CallName(code); ok {
		return name, true
	}
	return fmt.Sprintf("system call %d", code), true
}

// peekWord reads a word of the running process's memory, without side
// effects.
func (s *Session) peekWord(addr uint32) (uint32, bool) {
	var word uint32
	for i := range uint32(4) {
		v, ok := s.m.PeekByte(addr + i)
		if !ok {
			return 0, false
		}
		word |= uint32(v) << (8 * i)
	}
	return word, true
}

// stop is the Stop that b makes at moment at.
func (b *Breakpoint) stop(s *Session, at moment) Stop {
	b.Hits++
	stop := Stop{Kind: stopKinds[b.Kind], Breakpoint: b, at: at}
	switch b.Kind {
	case CatchSyscall:
		stop.Detail, _ = s.syscallAt(s.m.ReadRegister(machine.PCReg))
	case CatchException:
		stop.Detail = s.lastExc.String()
	case Watch:
		stop.Detail = fmt.Sprintf("0x%08x -> 0x%08x", b.old, b.value)
	}
	return stop
}

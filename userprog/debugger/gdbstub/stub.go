// Package gdbstub lets gdb debug a program running on the simulated
// machine, over the GDB remote serial protocol: gdb's own commands, its
// source view and its reverse execution (reverse-stepi, reverse-continue)
// work on a nachos run as on a real board.
//
// The stub is a thin translation: every packet becomes a call on a
// debugger.Session, which does the stepping, the breakpoints and the
// re-running that reverse execution needs.
package gdbstub

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"nachos/machine"
	"nachos/userprog/debugger"
)

// stub is the state of one gdb connection.
type stub struct {
	s    *debugger.Session
	c    *conn
	last string // the last stop reply, for "?"
}

// Serve starts the program, stopped before its first instruction, and
// answers gdb on rw until gdb detaches, kills the program or hangs up.
// rw must take writes from two goroutines (acknowledgements and
// replies), as a net.Conn does.
func Serve(s *debugger.Session, rw io.ReadWriter) error {
	st := &stub{s: s, c: &conn{r: bufio.NewReader(rw), w: rw}}
	stop, err := s.Start()
	if err != nil {
		return err
	}
	defer s.Close()
	st.last = st.stopReply(stop)
	// Packets are read on a goroutine of their own, so that gdb's ^C
	// reaches a program that is running (and never stops by itself).
	packets, done := make(chan received), make(chan struct{})
	defer close(done)
	go st.c.read(packets, done, s.Interrupt)
	for p := range packets {
		switch {
		case errors.Is(p.err, io.EOF):
			return nil
		case p.err != nil:
			return p.err
		}
		reply, finished := st.handle(p.data)
		if err := st.c.send(reply); err != nil || finished {
			return err
		}
	}
	return nil
}

// A handler answers one kind of packet; done ends the session.
type handler func(st *stub, args string) (reply string, done bool)

// handlers are the packets the stub knows, by their first letters; the
// longest matching prefix wins. Anything else gets the empty reply,
// which tells gdb the packet is not supported.
var handlers = []struct {
	prefix string
	run    handler
}{
	{"qSupported", func(*stub, string) (string, bool) {
		return "PacketSize=4000;qXfer:features:read+;ReverseStep+;ReverseContinue+", false
	}},
	{"qXfer:features:read:target.xml:", (*stub).features},
	{"qAttached", func(*stub, string) (string, bool) { return "1", false }},
	{"?", func(st *stub, _ string) (string, bool) { return st.last, false }},
	{"H", ok},
	{"g", (*stub).readRegisters},
	{"G", (*stub).writeRegisters},
	{"p", (*stub).readRegister},
	{"P", (*stub).writeRegister},
	{"m", (*stub).readMemory},
	{"M", (*stub).writeMemory},
	{"Z0,", breakpoint(true)},
	{"z0,", breakpoint(false)},
	{"Z1,", breakpoint(true)},
	{"z1,", breakpoint(false)},
	{"Z2,", watchpoint(true)},
	{"z2,", watchpoint(false)},
	{"s", motion((*debugger.Session).StepInstruction)},
	{"c", motion((*debugger.Session).Continue)},
	{"bs", motion((*debugger.Session).ReverseStepInstruction)},
	{"bc", motion((*debugger.Session).ReverseContinue)},
	{"D", func(*stub, string) (string, bool) { return "OK", true }},
	{"k", func(*stub, string) (string, bool) { return "OK", true }},
	{"vKill", func(*stub, string) (string, bool) { return "OK", true }},
}

func ok(*stub, string) (string, bool) { return "OK", false }

func (st *stub) handle(pkt string) (string, bool) {
	best := -1
	for i, h := range handlers {
		if strings.HasPrefix(pkt, h.prefix) && (best < 0 || len(h.prefix) > len(handlers[best].prefix)) {
			best = i
		}
	}
	if best < 0 {
		return "", false
	}
	return handlers[best].run(st, strings.TrimPrefix(pkt, handlers[best].prefix))
}

// errorReply is an E packet: gdb shows the number, so the stub uses the
// errno gdb's users know (EFAULT for memory, EINVAL for a bad packet).
func errorReply(errno int) string { return fmt.Sprintf("E%02x", errno) }

const (
	eFault = 14
	eInval = 22
)

// motion runs the program and answers with where it stopped.
func motion(move func(*debugger.Session) (debugger.Stop, error)) handler {
	return func(st *stub, args string) (string, bool) {
		if args != "" { // s ADDR and c ADDR resume elsewhere
			addr, err := strconv.ParseUint(args, 16, 32)
			if err != nil {
				return errorReply(eInval), false
			}
			st.setPC(uint32(addr))
		}
		stop, err := move(st.s)
		if err != nil {
			return errorReply(eInval), false
		}
		st.last = st.stopReply(stop)
		return st.last, false
	}
}

// stopReply says why the program stopped: exited (W), or stopped by
// SIGTRAP (T05), with the watched address or the end of the history.
func (st *stub) stopReply(stop debugger.Stop) string {
	switch stop.Kind {
	case debugger.Exited:
		return fmt.Sprintf("W%02x", stop.Status&0xff)
	case debugger.HistoryStart:
		return "T05replaylog:begin;"
	case debugger.AtWatchpoint:
		return fmt.Sprintf("T05watch:%x;", stop.Breakpoint.Addrs[0])
	case debugger.Interrupted:
		return "S02" // SIGINT, as gdb expects after its ^C
	}
	return "S05"
}

// features answers a read of the target description, OFFSET,LENGTH.
func (st *stub) features(args string) (string, bool) {
	off, n, ok := parsePair(args)
	if !ok {
		return errorReply(eInval), false
	}
	if off >= uint64(len(targetXML)) {
		return "l", false
	}
	part := targetXML[off:min(uint64(len(targetXML)), off+n)]
	if off+n >= uint64(len(targetXML)) {
		return "l" + escape(part), false
	}
	return "m" + escape(part), false
}

// parsePair reads "A,B" in hex.
func parsePair(args string) (a, b uint64, ok bool) {
	as, bs, found := strings.Cut(args, ",")
	a, err1 := strconv.ParseUint(as, 16, 32)
	b, err2 := strconv.ParseUint(bs, 16, 32)
	return a, b, found && err1 == nil && err2 == nil
}

// register is gdb's register n, as the machine has it.
func (st *stub) register(n int) uint32 {
	if r := machineReg(n); r >= 0 {
		return st.s.Machine().ReadRegister(r)
	}
	return 0
}

func hexWord(v uint32) string {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], v)
	return hex.EncodeToString(b[:])
}

func parseWord(s string) (uint32, bool) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 4 {
		return 0, false
	}
	return binary.LittleEndian.Uint32(b), true
}

func (st *stub) readRegisters(string) (string, bool) {
	var b strings.Builder
	for n := range numGDBRegs {
		b.WriteString(hexWord(st.register(n)))
	}
	return b.String(), false
}

func (st *stub) writeRegisters(args string) (string, bool) {
	for n := 0; n < numGDBRegs && len(args) >= 8*(n+1); n++ {
		v, ok := parseWord(args[8*n : 8*n+8])
		if !ok {
			return errorReply(eInval), false
		}
		if v != st.register(n) {
			st.setRegister(n, v)
		}
	}
	return "OK", false
}

func (st *stub) readRegister(args string) (string, bool) {
	n, err := strconv.ParseUint(args, 16, 32)
	if err != nil || n >= numGDBRegs {
		return errorReply(eInval), false
	}
	return hexWord(st.register(int(n))), false
}

func (st *stub) writeRegister(args string) (string, bool) {
	ns, vs, _ := strings.Cut(args, "=")
	n, err := strconv.ParseUint(ns, 16, 32)
	v, ok := parseWord(vs)
	if err != nil || !ok || n >= numGDBRegs {
		return errorReply(eInval), false
	}
	st.setRegister(int(n), v)
	return "OK", false
}

// setRegister writes gdb's register n; registers the machine does not
// have ignore the write.
func (st *stub) setRegister(n int, v uint32) {
	switch r := machineReg(n); {
	case r == machine.PCReg:
		st.setPC(v)
	case r >= 0:
		st.s.WriteRegister(r, v)
	}
}

// setPC moves the program counter, and the delay slot after it.
func (st *stub) setPC(pc uint32) {
	st.s.WriteRegister(machine.PCReg, pc)
	st.s.WriteRegister(machine.NextPCReg, pc+4)
}

func (st *stub) readMemory(args string) (string, bool) {
	addr, n, ok := parsePair(args)
	if !ok || n > 0x2000 {
		return errorReply(eInval), false
	}
	data, err := st.s.ReadMemory(uint32(addr), int(n))
	if err != nil && len(data) == 0 {
		return errorReply(eFault), false
	}
	return hex.EncodeToString(data), false // a partial read is allowed
}

func (st *stub) writeMemory(args string) (string, bool) {
	where, payload, _ := strings.Cut(args, ":")
	addr, n, ok := parsePair(where)
	data, err := hex.DecodeString(payload)
	if !ok || err != nil || uint64(len(data)) != n {
		return errorReply(eInval), false
	}
	if err := st.s.WriteMemory(uint32(addr), data); err != nil {
		return errorReply(eFault), false
	}
	return "OK", false
}

// breakpoint handles Z0/z0 (and Z1/z1, which are the same here): ADDR,KIND.
func breakpoint(insert bool) handler {
	return func(st *stub, args string) (string, bool) {
		as, _, _ := strings.Cut(args, ",")
		addr, err := strconv.ParseUint(as, 16, 32)
		if err != nil {
			return errorReply(eInval), false
		}
		if insert {
			st.s.Break(fmt.Sprintf("*0x%x", addr), uint32(addr))
		} else if err := st.s.Remove(debugger.BreakAddress, uint32(addr)); err != nil {
			return errorReply(eInval), false
		}
		return "OK", false
	}
}

// watchpoint handles Z2/z2: ADDR,LENGTH, a write watchpoint on the word
// that holds ADDR. It stops before a store to the word, as MIPS hardware
// does and as gdb expects of MIPS (it steps over the store itself).
func watchpoint(insert bool) handler {
	return func(st *stub, args string) (string, bool) {
		addr, n, ok := parsePair(args)
		if !ok || n == 0 || n > 4 || (addr&3)+n > 4 {
			return errorReply(eInval), false // only a word, or part of one
		}
		word := uint32(addr) &^ 3
		if !insert {
			if st.s.Remove(debugger.WatchStore, word) != nil {
				return errorReply(eInval), false
			}
			return "OK", false
		}
		st.s.WatchStore(word)
		return "OK", false
	}
}

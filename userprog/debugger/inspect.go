// Inspecting a stopped machine: registers, memory, code, threads and the
// MMU, written as text for the REPL.
//
// Everything here reads through the machine's debug port, so looking
// changes nothing: no use or dirty bits are set, and a re-run does not
// depend on what was looked at.

package debugger

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"nachos/kernel"
	"nachos/machine"
	"nachos/userprog"
)

// PrintRegisters writes the registers in four columns, then the special
// registers, the clock and the position.
func (s *Session) PrintRegisters(w io.Writer) {
	m := s.m
	m.DumpGPRs(w)
	fmt.Fprintf(w, "  hi 0x%08x   lo 0x%08x   pc 0x%08x   nextpc 0x%08x   badvaddr 0x%08x\n",
		m.ReadRegister(machine.HiReg), m.ReadRegister(machine.LoReg), m.ReadRegister(machine.PCReg),
		m.ReadRegister(machine.NextPCReg), m.ReadRegister(machine.BadVAddrReg))
	fmt.Fprintf(w, "  tick %d, instruction %d\n", m.Stats.TotalTicks, s.Position())
}

// ReadMemory reads n bytes of the running process's memory at addr.
func (s *Session) ReadMemory(addr uint32, n int) ([]byte, error) {
	out := make([]byte, n)
	for i := range out {
		b, ok := s.m.PeekByte(addr + uint32(i))
		if !ok {
			return out[:i], fmt.Errorf("cannot read 0x%08x: the address is not mapped in the running process", addr+uint32(i))
		}
		out[i] = b
	}
	return out, nil
}

// Examine writes count units of memory at addr, as gdb's x command:
// format 'x' (hex), 'd' (signed decimal), 'u', 'c' (characters) or 'i'
// (instructions), in units of size 1, 2 or 4 bytes.
func (s *Session) Examine(w io.Writer, addr uint32, count int, format byte, size int) error {
	if format == 'i' {
		for i := range count {
			s.printInstruction(w, addr+uint32(4*i))
		}
		return nil
	}
	perLine := 16 / size
	for i := 0; i < count; i++ {
		a := addr + uint32(i*size)
		if i%perLine == 0 {
			if i > 0 {
				fmt.Fprintln(w)
			}
			fmt.Fprintf(w, "0x%08x%s:", a, s.symbolic(a))
		}
		raw, err := s.ReadMemory(a, size)
		if err != nil {
			fmt.Fprintln(w)
			return err
		}
		var v uint32
		for j, b := range raw {
			v |= uint32(b) << (8 * j)
		}
		fmt.Fprintf(w, "\t%s", formatUnit(v, format, size))
	}
	fmt.Fprintln(w)
	return nil
}

// formatUnit writes one unit of memory as x/FMT does.
func formatUnit(v uint32, format byte, size int) string {
	switch format {
	case 'd':
		shift := 32 - 8*size
		return fmt.Sprint(int32(v<<shift) >> shift)
	case 'u':
		return fmt.Sprint(v)
	case 'c':
		return fmt.Sprintf("%d %q", v&0xff, rune(v&0xff))
	}
	return fmt.Sprintf("0x%0*x", 2*size, v)
}

// symbolic names an address as gdb does after it: " <main+8>".
func (s *Session) symbolic(addr uint32) string {
	name, off, ok := s.sym.Function(addr)
	if !ok {
		return ""
	}
	if off == 0 {
		return " <" + name + ">"
	}
	return fmt.Sprintf(" <%s+%d>", name, off)
}

// printInstruction writes the instruction at pc, marked "=>" if it is
// the next to run.
func (s *Session) printInstruction(w io.Writer, pc uint32) {
	mark := "  "
	if pc == s.m.ReadRegister(machine.PCReg) {
		mark = "=>"
	}
	fmt.Fprintf(w, "%s 0x%08x%s:\t%s\n", mark, pc, s.symbolic(pc), s.disassemble(pc))
}

// disassemble returns the instruction at pc as Machine.Disassemble
// does, but read through the page table when the TLB does not hold the
// page, as every debugger read is.
func (s *Session) disassemble(pc uint32) string {
	word, ok := s.peekWord(pc)
	if !ok {
		return "(not mapped)"
	}
	return machine.DisassembleWord(word, pc)
}

// Disassemble writes the instructions around the PC, the next one marked.
func (s *Session) Disassemble(w io.Writer, before, after int) {
	pc := s.m.ReadRegister(machine.PCReg)
	start := pc - uint32(4*min(before, int(pc/4)))
	for a := start; a <= pc+uint32(4*after); a += 4 {
		s.printInstruction(w, a)
	}
}

// PrintLocation writes where the run is: the next instruction and, with
// line information, the source line.
func (s *Session) PrintLocation(w io.Writer) {
	pc := s.m.ReadRegister(machine.PCReg)
	fmt.Fprintf(w, "%s, tick %d, instruction %d\n", s.describe(pc), s.m.Stats.TotalTicks, s.Position())
	s.printInstruction(w, pc)
	if file, line, ok := s.sym.Line(pc); ok {
		if text, ok := s.sourceLine(file, line); ok {
			fmt.Fprintf(w, "%d\t%s\n", line, text)
		}
	}
}

// sourceLine returns line n of a source file, looked for as the line
// table names it and beside the program.
func (s *Session) sourceLine(file string, n int) (string, bool) {
	for _, path := range []string{file, filepath.Join(filepath.Dir(s.cfg.Program), filepath.Base(file))} {
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for i := 1; sc.Scan(); i++ {
			if i == n {
				return strings.TrimRight(sc.Text(), " \t"), true
			}
		}
		return "", false
	}
	return "", false
}

// PrintThreads writes every thread that has not finished, with its
// process and state; the running one is marked with "*".
func (s *Session) PrintThreads(w io.Writer) {
	fmt.Fprintf(w, "  %-3s %-5s %-12s %s\n", "id", "pid", "state", "thread")
	for i, t := range s.k.Threads() {
		mark := " "
		if t == s.k.CurrentThread() {
			mark = "*"
		}
		pid := "-"
		if p, _, ok := s.k.ProcessOf(t); ok {
			pid = fmt.Sprint(p.PID)
		}
		state := t.Status().String()
		if in := t.WaitingIn(); in != nil && t.Status() == kernel.Blocked {
			state += ", in " + waitName(in)
		}
		fmt.Fprintf(w, "%s %-3d %-5s %-12s %s\n", mark, i+1, pid, state, t.Name())
	}
}

// PrintProcesses writes every process that has a thread left, with the
// states of its threads.
func (s *Session) PrintProcesses(w io.Writer) {
	fmt.Fprintf(w, "  %-5s %-28s %s\n", "pid", "program", "threads")
	var order []*userprog.Process
	states := map[*userprog.Process][]string{}
	for _, t := range s.k.Threads() {
		p, id, ok := s.k.ProcessOf(t)
		if !ok {
			continue
		}
		if _, seen := states[p]; !seen {
			order = append(order, p)
		}
		states[p] = append(states[p], fmt.Sprintf("%d %s", id, t.Status()))
	}
	for _, p := range order {
		mark := " "
		if cur, _, ok := s.k.ProcessOf(s.k.CurrentThread()); ok && cur == p {
			mark = "*"
		}
		fmt.Fprintf(w, "%s %-5d %-28s %s\n", mark, p.PID, p.Path, strings.Join(states[p], ", "))
	}
}

// waitName names what a blocked thread waits in.
func waitName(in any) string {
	switch v := in.(type) {
	case *kernel.Semaphore:
		return fmt.Sprintf("semaphore %q", v.Name())
	case *kernel.Lock:
		return fmt.Sprintf("lock %q", v.Name())
	case *kernel.Condition:
		return fmt.Sprintf("condition %q", v.Name())
	case *kernel.Thread:
		return fmt.Sprintf("join of %q", v.Name())
	}
	return fmt.Sprint(in)
}

// PrintPageTable writes the valid entries of the installed page table.
func (s *Session) PrintPageTable(w io.Writer) {
	printEntries(w, "page table", s.m.PageTable)
}

// PrintTLB writes the TLB's entries.
func (s *Session) PrintTLB(w io.Writer) {
	if s.m.TLB == nil {
		fmt.Fprintln(w, "This machine has no TLB (run with --tlb N); info pagetable shows the page table.")
		return
	}
	printEntries(w, "TLB", s.m.TLB)
}

func printEntries(w io.Writer, what string, entries []machine.TranslationEntry) {
	fmt.Fprintf(w, "%s: %d entries\n  %-5s %-8s %-8s %s\n", what, len(entries), "entry", "virtual", "physical", "flags")
	for i, e := range entries {
		if !e.Valid {
			continue
		}
		flags := ""
		for _, f := range []struct {
			on   bool
			name string
		}{{e.ReadOnly, "read-only"}, {e.Use, "used"}, {e.Dirty, "dirty"}} {
			if f.on {
				flags += " " + f.name
			}
		}
		fmt.Fprintf(w, "  %-5d %-8d %-8d%s\n", i, e.VirtualPage, e.PhysicalPage, flags)
	}
}

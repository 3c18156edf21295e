// The REPL's commands: one table that drives both dispatch and help.

package debugger

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"nachos/machine"
)

// A command is one row of the table: its names (the gdb spelling first,
// then short forms), what it takes, what it does, and how.
type command struct {
	names []string
	args  string
	help  string
	run   func(r *REPL, args []string) error
}

var commands []command

func init() { // commands refers to itself through help
	commands = []command{
		{[]string{"break", "b", "br"}, "FUNC | FILE:LINE | *ADDR | tick N", "stop before an instruction, or when the clock reaches tick N", cmdBreak},
		{[]string{"catch"}, "syscall [NAME] | exception [NAME]", "stop before a system call, or when an instruction raises an exception", cmdCatch},
		{[]string{"watch"}, "ADDR | VAR", "stop after an instruction changes the word at ADDR", cmdWatch},
		{[]string{"delete", "d"}, "[N]", "delete breakpoint N, or all of them", cmdDelete},
		{[]string{"step", "s"}, "", "run to the next source line, entering calls", motion((*Session).Step)},
		{[]string{"next", "n"}, "", "run to the next source line, passing over calls", motion((*Session).Next)},
		{[]string{"stepi", "si"}, "[N]", "run one instruction (or N)", cmdStepi},
		{[]string{"finish", "fin"}, "", "run until the current function returns", motion((*Session).Finish)},
		{[]string{"continue", "c", "cont"}, "", "run until a breakpoint or the end", motion((*Session).Continue)},
		{[]string{"reverse-stepi", "rsi"}, "[N]", "go back one instruction (or N)", cmdReverseStepi},
		{[]string{"reverse-step", "rs"}, "", "go back to the start of the previous source line, entering calls", motion((*Session).ReverseStep)},
		{[]string{"reverse-next", "rn"}, "", "go back to the start of the previous source line, passing over calls", motion((*Session).ReverseNext)},
		{[]string{"reverse-continue", "rc"}, "", "go back to the last breakpoint hit, or the start", motion((*Session).ReverseContinue)},
		{[]string{"run", "r"}, "", "start the program again from the beginning", motion((*Session).Run)},
		{[]string{"info", "i"}, "registers | breakpoints | threads | processes | tlb | pagetable | line", "show part of the machine", cmdInfo},
		{[]string{"regs"}, "", "show the registers (info registers)", func(r *REPL, _ []string) error { r.s.PrintRegisters(r.out); return nil }},
		{[]string{"x"}, "/NFU ADDR", "examine memory: N units of format x, d, u, c or i, size b, h or w (x/8xw $sp)", cmdExamine},
		{[]string{"disassemble", "disas"}, "", "show the instructions around the PC, the next one marked =>", func(r *REPL, _ []string) error { r.s.Disassemble(r.out, 5, 5); return nil }},
		{[]string{"print", "p"}, "VAR | $REG | ADDR", "show a register, or a variable's address and word", cmdPrint},
		{[]string{"where"}, "", "show where the program is (no backtrace: the line and instruction)", func(r *REPL, _ []string) error { r.s.PrintLocation(r.out); return nil }},
		{[]string{"help", "h"}, "", "list the commands", cmdHelp},
		{[]string{"quit", "q"}, "", "leave the debugger", func(*REPL, []string) error { return errQuit }},
	}
}

func findCommand(name string) (command, bool) {
	for _, c := range commands {
		for _, n := range c.names {
			if n == name {
				return c, true
			}
		}
	}
	return command{}, false
}

func motion(move func(*Session) (Stop, error)) func(*REPL, []string) error {
	return func(r *REPL, _ []string) error { return r.motion(func() (Stop, error) { return move(r.s) }) }
}

func cmdHelp(r *REPL, _ []string) error {
	for _, c := range commands {
		names := c.names[0]
		if len(c.names) > 1 {
			names += " (" + strings.Join(c.names[1:], ", ") + ")"
		}
		fmt.Fprintf(r.out, "  %-28s %-36s %s\n", names, c.args, c.help)
	}
	fmt.Fprintln(r.out, "An empty line repeats the last command. Numbers are decimal or 0x hex; $pc, $sp and $NAME are registers.")
	return nil
}

func cmdBreak(r *REPL, args []string) error {
	if len(args) == 0 {
		return errors.New("break needs a place: break main, break hello.c:5, break *0x40 or break tick 500")
	}
	if args[0] == "tick" {
		if len(args) != 2 {
			return errors.New("break tick needs a tick number: break tick 500")
		}
		tick, err := strconv.ParseInt(args[1], 0, 64)
		if err != nil || tick < 0 {
			return fmt.Errorf("break tick %s: give a tick number, 0 or more", args[1])
		}
		b := r.s.BreakTick(tick)
		fmt.Fprintf(r.out, "Breakpoint %d at tick %d\n", b.ID, tick)
		return nil
	}
	addrs, err := r.s.resolveCode(args[0])
	if err != nil {
		return err
	}
	b := r.s.Break(args[0], addrs...)
	fmt.Fprintf(r.out, "Breakpoint %d at %s\n", b.ID, r.s.describe(addrs[0]))
	return nil
}

// resolveCode turns a breakpoint's place into instruction addresses.
func (s *Session) resolveCode(place string) ([]uint32, error) {
	if a, ok := strings.CutPrefix(place, "*"); ok {
		addr, err := s.evaluate(a)
		return []uint32{addr}, err
	}
	if file, l, ok := strings.Cut(place, ":"); ok {
		line, err := strconv.Atoi(l)
		if err != nil {
			return nil, fmt.Errorf("%q: give FILE:LINE with a line number, as in hello.c:5", place)
		}
		addrs := s.sym.LineAddrs(file, line)
		if len(addrs) == 0 {
			return nil, fmt.Errorf("no code for line %d of %s: pick a line with a statement, and build the program with -g", line, file)
		}
		return addrs, nil
	}
	addr, ok := s.sym.Lookup(place)
	if !ok {
		return nil, fmt.Errorf("no function %q in the program's symbols (for an address, write *0x40)", place)
	}
	return []uint32{s.afterPrologue(addr)}, nil
}

// afterPrologue is where a breakpoint on a function stops, as in gdb:
// at the first statement after the one that opens the function (which
// sets up its stack frame), when the line table says where that is.
func (s *Session) afterPrologue(entry uint32) uint32 {
	name, _, _ := s.sym.Function(entry)
	open := s.lineOf(entry)
	if !open.known {
		return entry
	}
	for pc := entry + 4; ; pc += 4 {
		if fn, _, ok := s.sym.Function(pc); !ok || fn != name {
			return entry
		}
		if l := s.lineOf(pc); l.known && l.line != open.line {
			return pc
		}
	}
}

func cmdCatch(r *REPL, args []string) error {
	if len(args) == 0 {
		return errors.New("catch what? catch syscall [NAME] or catch exception [NAME]")
	}
	name := strings.Join(args[1:], " ")
	var b *Breakpoint
	var err error
	switch args[0] {
	case "syscall":
		b, err = r.s.CatchSyscall(name)
	case "exception":
		b, err = r.s.CatchException(name)
	default:
		return fmt.Errorf("catch %s: only catch syscall and catch exception are known", args[0])
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(r.out, "Catchpoint %d (%s)\n", b.ID, b.Where)
	return nil
}

func cmdWatch(r *REPL, args []string) error {
	if len(args) != 1 {
		return errors.New("watch needs one address or variable: watch 0x500 or watch counter")
	}
	addr, err := r.s.evaluate(args[0])
	if err != nil {
		return err
	}
	b, err := r.s.Watch(addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(r.out, "Watchpoint %d: %s (now 0x%08x)\n", b.ID, b.Where, b.value)
	return nil
}

func cmdDelete(r *REPL, args []string) error {
	if len(args) == 0 {
		r.s.DeleteAll()
		fmt.Fprintln(r.out, "Deleted every breakpoint.")
		return nil
	}
	for _, a := range args {
		id, err := strconv.Atoi(a)
		if err != nil {
			return fmt.Errorf("delete %s: give the breakpoint's number, from info breakpoints", a)
		}
		if err := r.s.Delete(id); err != nil {
			return err
		}
	}
	return nil
}

// count reads an optional repeat count.
func count(args []string) (int, error) {
	if len(args) == 0 {
		return 1, nil
	}
	n, err := strconv.Atoi(args[0])
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%q: give a count of 1 or more", args[0])
	}
	return n, nil
}

func cmdStepi(r *REPL, args []string) error {
	n, err := count(args)
	if err != nil {
		return err
	}
	return r.motion(func() (stop Stop, err error) {
		for range n {
			if stop, err = r.s.StepInstruction(); err != nil || stop.Kind != Stepped {
				break
			}
		}
		return stop, err
	})
}

func cmdReverseStepi(r *REPL, args []string) error {
	n, err := count(args)
	if err != nil {
		return err
	}
	return r.motion(func() (Stop, error) { return r.s.ReverseStepInstructions(int64(n)) })
}

func cmdInfo(r *REPL, args []string) error {
	what := ""
	if len(args) > 0 {
		what = args[0]
	}
	switch what {
	case "registers", "reg", "r":
		r.s.PrintRegisters(r.out)
	case "breakpoints", "break", "b":
		r.s.printBreakpoints(r)
	case "threads", "thread":
		r.s.PrintThreads(r.out)
	case "processes", "proc":
		r.s.PrintProcesses(r.out)
	case "tlb":
		r.s.PrintTLB(r.out)
	case "pagetable", "pt":
		r.s.PrintPageTable(r.out)
	case "line", "frame":
		r.s.PrintLocation(r.out)
	default:
		return errors.New("info what? info registers, breakpoints, threads, processes, tlb, pagetable or line")
	}
	return nil
}

func (s *Session) printBreakpoints(r *REPL) {
	if len(s.points) == 0 {
		fmt.Fprintln(r.out, "No breakpoints.")
		return
	}
	fmt.Fprintf(r.out, "%-4s %-16s %-6s %s\n", "num", "type", "hits", "where")
	for _, b := range s.points {
		fmt.Fprintf(r.out, "%-4d %-16s %-6d %s\n", b.ID, b.Kind, b.Hits, b.Where)
	}
}

func cmdExamine(r *REPL, args []string) error {
	format, size, n := byte('x'), 4, 1
	if len(args) > 0 && strings.HasPrefix(args[0], "/") {
		spec := args[0][1:]
		digits := strings.IndexFunc(spec, func(c rune) bool { return c < '0' || c > '9' })
		if digits < 0 {
			digits = len(spec)
		}
		if digits > 0 {
			n, _ = strconv.Atoi(spec[:digits])
		}
		for _, c := range spec[digits:] {
			switch c {
			case 'x', 'd', 'u', 'c', 'i':
				format = byte(c)
			case 'b':
				size = 1
			case 'h':
				size = 2
			case 'w':
				size = 4
			default:
				return fmt.Errorf("x/%s: %q is not a format (x d u c i) or size (b h w)", spec, c)
			}
		}
		args = args[1:]
	}
	if len(args) != 1 {
		return errors.New("x needs an address: x/8xw $sp, x/4i $pc, x/4dw counter")
	}
	if n < 1 || n > 4096 {
		return errors.New("x: give a count from 1 to 4096")
	}
	addr, err := r.s.evaluate(args[0])
	if err != nil {
		return err
	}
	return r.s.Examine(r.out, addr, n, format, size)
}

func cmdPrint(r *REPL, args []string) error {
	if len(args) != 1 {
		return errors.New("print needs one thing: print $sp, print counter, print 0x40")
	}
	v, err := r.s.evaluate(args[0])
	if err != nil {
		return err
	}
	if _, isVar := r.s.sym.Lookup(args[0]); isVar || strings.HasPrefix(args[0], "&") {
		word, ok := r.s.peekWord(v)
		if !ok || strings.HasPrefix(args[0], "&") {
			fmt.Fprintf(r.out, "%s is at 0x%08x\n", args[0], v)
			return nil
		}
		fmt.Fprintf(r.out, "%s = %d (0x%08x), at 0x%08x\n", args[0], int32(word), word, v)
		return nil
	}
	fmt.Fprintf(r.out, "%s = %d (0x%08x)\n", args[0], int32(v), v)
	return nil
}

// evaluate reads a number, a register ($pc, $sp, $4, $a0) or a symbol's
// address, which "&counter" names as "counter" does.
func (s *Session) evaluate(expr string) (uint32, error) {
	expr = strings.TrimPrefix(expr, "&")
	if reg, ok := strings.CutPrefix(expr, "$"); ok {
		r, err := registerNumber(reg)
		if err != nil {
			return 0, err
		}
		return s.m.ReadRegister(r), nil
	}
	if n, err := strconv.ParseUint(expr, 0, 32); err == nil {
		return uint32(n), nil
	}
	if addr, ok := s.sym.Lookup(expr); ok {
		return addr, nil
	}
	return 0, fmt.Errorf("%q is not a number, a register ($sp) or a name in the program's symbols", expr)
}

// registerNumber reads a register's name or number.
func registerNumber(name string) (int, error) {
	if n, err := strconv.Atoi(name); err == nil && n >= 0 && n < machine.NumGPRegs {
		return n, nil
	}
	for r := range machine.NumTotalRegs {
		if strings.EqualFold(machine.RegisterName(r), name) {
			return r, nil
		}
	}
	return 0, fmt.Errorf("no register $%s (they are $0..$31, $sp, $ra, $pc, $hi, $lo...)", name)
}

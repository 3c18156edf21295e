// The debugger's command line: read a command, run it, say where the
// program stopped, and ask again.
//
// Commands are spelled as gdb spells them, with gdb's short forms
// (commands.go), so that what a student learns here carries over. A
// mistake in a command is answered with what to type instead and never
// ends the session. Commands can come from a file (--commands), echoed
// after the prompt, so that a lecture demo runs the same way every time;
// when the file ends, the session goes on reading the keyboard.

package debugger

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"nachos/machine"
)

// REPL is an interactive debugging session.
type REPL struct {
	s    *Session
	out  io.Writer
	last string // the last command, which an empty line repeats
}

// NewREPL makes a command line over a session.
func NewREPL(s *Session, out io.Writer) *REPL { return &REPL{s: s, out: out} }

// errQuit ends the session.
var errQuit = errors.New("quit")

// Run starts the program, stopped before its first instruction, and
// runs commands from the readers in turn until one says quit or they
// all end.
func (r *REPL) Run(inputs ...io.Reader) error {
	stop, err := r.s.Start()
	if err != nil {
		return err
	}
	defer r.s.Close()
	fmt.Fprintf(r.out, "Debugging %s; type help for the commands.\n", r.s.cfg.Program)
	r.report(stop)
	for i, in := range inputs {
		echo := i < len(inputs)-1 // a command file is shown as it is read; the keyboard echoes itself
		if err := r.read(bufio.NewReader(in), echo); errors.Is(err, errQuit) {
			return nil
		}
	}
	fmt.Fprintln(r.out)
	return nil
}

// read runs the commands of one input until it ends or one says quit.
func (r *REPL) read(in *bufio.Reader, echo bool) error {
	for {
		fmt.Fprint(r.out, "(ndb) ")
		line, err := in.ReadString('\n')
		if line == "" && err != nil {
			return err
		}
		line = strings.TrimSpace(line)
		if echo {
			fmt.Fprintln(r.out, line)
		}
		if err := r.Execute(line); errors.Is(err, errQuit) {
			return err
		} else if err != nil {
			fmt.Fprintf(r.out, "%v\n", err)
		}
	}
}

// Execute runs one command line. An empty line repeats the last command
// (for stepping); a line starting with # is a comment.
func (r *REPL) Execute(line string) error {
	if strings.HasPrefix(line, "#") {
		return nil
	}
	if line == "" {
		line = r.last
	}
	if line == "" {
		return nil
	}
	r.last = line
	name, rest, _ := strings.Cut(line, " ")
	args := strings.Fields(rest)
	if i := strings.IndexByte(name, '/'); i > 0 { // x/8xw: the format is an argument
		name, args = name[:i], append([]string{name[i:]}, args...)
	}
	c, ok := findCommand(name)
	if !ok {
		return fmt.Errorf("unknown command %q; type help for the list", name)
	}
	return c.run(r, args)
}

// motion runs a command that moves the program and reports where it
// stopped.
func (r *REPL) motion(move func() (Stop, error)) error {
	stop, err := move()
	if err != nil {
		return err
	}
	r.report(stop)
	return nil
}

// report says where and why the program stopped.
func (r *REPL) report(stop Stop) {
	s := r.s
	b := stop.Breakpoint
	switch stop.Kind {
	case Exited:
		msg := fmt.Sprintf("The simulation ended with exit status %d", stop.Status)
		if stop.Detail != "" {
			msg += ": " + stop.Detail
		}
		fmt.Fprintf(r.out, "%s, after %d instructions. Reverse commands still work; run starts again.\n", msg, s.Position())
		return
	case HistoryStart:
		fmt.Fprintln(r.out, "No more reverse-execution history: this is the start of the run.")
	case Interrupted:
		fmt.Fprint(r.out, "Interrupted: ")
	case AtBreakpoint:
		fmt.Fprintf(r.out, "Breakpoint %d (%s): ", b.ID, b.Where)
	case AtTick:
		fmt.Fprintf(r.out, "Breakpoint %d (%s): ", b.ID, b.Where)
	case AtSyscall:
		fmt.Fprintf(r.out, "Catchpoint %d (system call %s): ", b.ID, stop.Detail)
	case AtException:
		fmt.Fprintf(r.out, "Catchpoint %d (exception: %s, bad address 0x%08x): ", b.ID, stop.Detail,
			s.m.ReadRegister(machine.BadVAddrReg))
	case AtWatchpoint:
		fmt.Fprintf(r.out, "Watchpoint %d (%s): %s: ", b.ID, b.Where, stop.Detail)
	}
	s.PrintLocation(r.out)
}

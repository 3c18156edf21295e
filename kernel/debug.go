// Debug flags: which parts of the system explain themselves as they run.
//
// The flags are single letters, as in Nachos: "-d ti" traces threads and
// interrupts, "-d +" traces everything. The table below is the one list:
// it drives the -d flag, "nachos -d help" and the README.
//
// Every trace line starts with the tick it was written at, so that a
// trace can be read against the statistics, and, in a simulation of
// several machines, with the name of the machine (SetClock). Traces go to
// their own writer, not to the program's output (nachos sends them to
// standard error or to --debug-file), so that they never cut a program's
// line in two.

package kernel

import (
	"fmt"
	"io"
	"strings"
)

// DebugFlag describes one debug letter.
type DebugFlag struct {
	Letter byte
	Name   string
	Traces string // what turning it on shows
}

// DebugFlags is every debug letter the system understands.
var DebugFlags = []DebugFlag{
	{'t', "threads", "thread creation, context switches, sleeping and finishing"},
	{'s', "synch", "semaphores, locks and condition variables; a user thread that exits holding a lock, or leaving threads nothing can wake"},
	{'i', "interrupts", "every interrupt as it is serviced"},
	{'m', "machine", "every user instruction, disassembled, with the registers it changed"},
	{'a', "address spaces", "program loading, address spaces, system calls and their arguments"},
	{'d', "disk", "disk requests (the swap, under --vm)"},
	{'p', "paging", "page faults and evictions, and each process's paging counts when it ends (--vm)"},
	{'n', "network", "mail sent, filed in mailboxes and dropped by the post office, and packets lost on the wire"},
}

// Debug is the set of enabled debug flags and where their output goes.
// It serves one machine's simulation, which runs one thread at a time:
// with several machines, give each its own, named with SetClock.
type Debug struct {
	enabled [256]bool
	out     io.Writer
	ticks   *int64 // the clock every line starts with; nil until SetClock
	name    string // the machine's name, or "" when there is one machine
	line    []byte // the line being written, kept to spare an allocation
}

// ParseDebug turns a -d argument into a Debug writing to out. "+" enables
// every flag. An unknown letter is an error that lists the known ones.
func ParseDebug(flags string, out io.Writer) (*Debug, error) {
	d := &Debug{out: out}
	for i := 0; i < len(flags); i++ {
		c := flags[i]
		if c == '+' {
			for _, f := range DebugFlags {
				d.enabled[f.Letter] = true
			}
			continue
		}
		if !isDebugLetter(c) {
			return nil, fmt.Errorf("unknown debug flag %q in -d %s (known: +%s; nachos -d help explains them)", c, flags, debugLetters())
		}
		d.enabled[c] = true
	}
	return d, nil
}

func isDebugLetter(c byte) bool {
	for _, f := range DebugFlags {
		if f.Letter == c {
			return true
		}
	}
	return false
}

func debugLetters() string {
	var b strings.Builder
	for _, f := range DebugFlags {
		b.WriteByte(f.Letter)
	}
	return b.String()
}

// DebugHelp writes the table of debug flags, for "nachos -d help".
func DebugHelp(w io.Writer) {
	fmt.Fprintln(w, "Debug flags for -d (combine letters, e.g. -d ti):")
	fmt.Fprintf(w, "  %c  %-15s %s\n", '+', "all", "every flag below")
	for _, f := range DebugFlags {
		fmt.Fprintf(w, "  %c  %-15s %s\n", f.Letter, f.Name, f.Traces)
	}
}

// Enabled reports whether the debug letter is on.
func (d *Debug) Enabled(flag byte) bool { return d.enabled[flag] }

// SetClock makes every trace line start with the tick in *ticks (the
// machine's clock) and, if name is not "", with the machine's name before
// it: "name" then the tick. A kernel calls it for its machine.
func (d *Debug) SetClock(name string, ticks *int64) { d.name, d.ticks = name, ticks }

// Printf writes a trace line if the flag is on, after the tick.
//
// Its arguments are packed into interface values before the call, even
// when the flag is off, and packing a string or a large number allocates.
// On paths as hot as a context switch, pass pointers (a *Thread prints as
// its name) or test Enabled first.
func (d *Debug) Printf(flag byte, format string, args ...any) {
	if d.enabled[flag] {
		d.line = fmt.Appendf(d.prefix(true), format, args...)
		d.out.Write(d.line)
	}
}

// prefix starts a trace line in d.line: the machine's name, if it has
// one, and the tick, unless the line brings its own (-d m's lines start
// with it).
func (d *Debug) prefix(tick bool) []byte {
	b := d.line[:0]
	if d.name != "" {
		b = append(append(b, d.name...), ' ')
	}
	if tick && d.ticks != nil {
		b = fmt.Appendf(b, "%7d  ", *d.ticks)
	}
	return b
}

// Writer returns a writer for the machine's own traces (-d i, -d m), which
// write whole lines: each gets the same start as a Printf line, without
// the tick if withTick is false.
func (d *Debug) Writer(withTick bool) io.Writer { return traceLines{d, withTick} }

type traceLines struct {
	d    *Debug
	tick bool
}

func (t traceLines) Write(line []byte) (int, error) {
	t.d.line = append(t.d.prefix(t.tick), line...)
	if _, err := t.d.out.Write(t.d.line); err != nil {
		return 0, err
	}
	return len(line), nil
}

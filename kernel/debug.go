// Debug flags: which parts of the system explain themselves as they run.
//
// The flags are single letters, as in Nachos: "-d ti" traces threads and
// interrupts, "-d +" traces everything. The table below is the one list:
// it drives the -d flag, "nachos -d help" and the README.

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
	{'s', "synch", "semaphores, locks and condition variables"},
	{'i', "interrupts", "every interrupt as it is serviced"},
	{'m', "machine", "every user instruction, disassembled, with the registers it changed"},
	{'a', "address spaces", "program loading, address spaces, system calls and their arguments"},
	{'d', "disk", "disk requests (the swap, under --vm)"},
	{'p', "paging", "page faults and evictions, and each process's paging counts when it ends (--vm)"},
	{'n', "network", "packets sent and received (no network yet)"},
	{'f', "file system", "file system operations (no file system yet)"},
}

// Debug is the set of enabled debug flags and where their output goes.
type Debug struct {
	enabled [256]bool
	out     io.Writer
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

// Printf writes a trace line if the flag is on.
//
// Its arguments are packed into interface values before the call, even
// when the flag is off, and packing a string or a large number allocates.
// On paths as hot as a context switch, pass pointers (a *Thread prints as
// its name) or test Enabled first.
func (d *Debug) Printf(flag byte, format string, args ...any) {
	if d.enabled[flag] {
		fmt.Fprintf(d.out, format, args...)
	}
}

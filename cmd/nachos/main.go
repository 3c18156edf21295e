// Command nachos runs MIPS user programs on a simulated machine with a
// Nachos-style teaching kernel.
//
//	nachos -x test/matmult          run a program
//	nachos -x test/halt -d m        ... tracing every instruction
//	nachos -x test/sort -rs 7       ... with a timer at random (repeatable) times
//	nachos elf2noff prog prog.noff  convert an executable to Nachos's NOFF format
//
// Run "nachos --help" for every flag.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command, with its inputs and outputs passed in so that
// tests can run it in-process. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	out, errOut := newOutput(stdout), newOutput(stderr)
	// Each stream is flushed before the other is written, so that on a
	// terminal, or in one file (2>&1), everything appears in the order it
	// was written; and a program's prompt is out before nachos waits for
	// input.
	outw := flushFirst{flush: errOut.Flush, w: out}
	errw := flushFirst{flush: out.Flush, w: errOut}
	input := newStoppableReader(stdin, func() error { return errors.Join(errOut.Flush(), out.Flush()) })
	defer func() {
		if r := recover(); r != nil { // a bug in nachos, outside a simulation
			status = internalError(errw, r, debug.Stack())
		}
		_ = errOut.Flush()
		if err := out.Flush(); err != nil {
			fmt.Fprintf(stderr, "nachos: could not write the output: %v\n", err)
			status = max(status, 2)
		}
	}()
	cmd := newRootCommand(bufio.NewReader(input), input, outw, errw)
	cmd.SetArgs(classicArgs(cmd, args))
	cmd.SetOut(outw)
	cmd.SetErr(errw)
	if err := cmd.Execute(); err != nil {
		status = 2
		if e, ok := err.(exitError); ok {
			status = e.status
		} else {
			fmt.Fprintf(errw, "nachos: %v\n", err)
		}
	}
	return status
}

// output is where the simulation writes, and where its messages and
// traces go. On a terminal every write goes out at once, so that a student
// sees the output as it happens; to a file or a pipe, where a grader reads
// it all at the end, it is buffered, which is much faster (a signal that
// stops the run still lets nachos write it all out: see signals.go).
type output interface {
	io.Writer
	Flush() error
}

func newOutput(w io.Writer) output {
	if isTerminal(w) {
		return &unbuffered{w: w}
	}
	return bufio.NewWriter(w)
}

// isTerminal reports whether w is a terminal (seen through flushFirst).
func isTerminal(w io.Writer) bool {
	if ff, ok := w.(flushFirst); ok {
		w = ff.w
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// unbuffered is an output that writes at once. Nothing is left to flush,
// so Flush reports the first write that failed.
type unbuffered struct {
	w   io.Writer
	err error
}

func (u *unbuffered) Write(p []byte) (int, error) {
	n, err := u.w.Write(p)
	if u.err == nil {
		u.err = err
	}
	return n, err
}

func (u *unbuffered) Flush() error { return u.err }

// flushFirst flushes buffered output before each write to w, so that
// what nachos prints appears in the order it was printed.
type flushFirst struct {
	flush func() error
	w     io.Writer
}

func (f flushFirst) Write(p []byte) (int, error) {
	_ = f.flush()
	return f.w.Write(p)
}

// openTraces opens where the -d traces go: the file named by
// --debug-file, buffered, or else the error output. The returned close
// writes the file out, and sets *err if that fails and nothing else did.
func openTraces(path string, stderr io.Writer) (io.Writer, func(err *error), error) {
	if path == "" {
		return stderr, func(*error) {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, fmt.Errorf("--debug-file: %w", err)
	}
	w := bufio.NewWriter(f)
	return w, func(err *error) {
		if e := errors.Join(w.Flush(), f.Close()); e != nil && *err == nil {
			*err = fmt.Errorf("--debug-file: %w", e)
		}
	}, nil
}

// exitError carries a simulation's exit status out of cobra.
type exitError struct{ status int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.status) }

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
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command, with its inputs and outputs passed in so that
// tests can run it in-process. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out := newOutput(stdout)
	// Error messages must not overtake the output printed before them,
	// and a program's prompt must be out before nachos waits for input.
	errw := flushFirst{flush: out.Flush, w: stderr}
	in := flushFirst{flush: out.Flush, r: stdin}
	cmd := newRootCommand(bufio.NewReader(in), out, errw)
	cmd.SetArgs(classicArgs(cmd, args))
	cmd.SetOut(out)
	cmd.SetErr(errw)
	status := 0
	if err := cmd.Execute(); err != nil {
		status = 2
		if e, ok := err.(exitError); ok {
			status = e.status
		} else {
			fmt.Fprintf(errw, "nachos: %v\n", err)
		}
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "nachos: could not write the output: %v\n", err)
		return max(status, 2)
	}
	return status
}

// output is where the simulation writes. On a terminal every write goes
// out at once, so that a student sees the output as it happens and a
// Ctrl-C loses none of it; to a file or a pipe, where a grader reads it
// all at the end, it is buffered, which is much faster.
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

// flushFirst flushes buffered output before each write to w or read from
// r, so that what nachos prints appears in the order it was printed, and
// before nachos waits for its input.
type flushFirst struct {
	flush func() error
	w     io.Writer
	r     io.Reader
}

func (f flushFirst) Write(p []byte) (int, error) {
	_ = f.flush()
	return f.w.Write(p)
}

func (f flushFirst) Read(p []byte) (int, error) {
	_ = f.flush()
	return f.r.Read(p)
}

// exitError carries a simulation's exit status out of cobra.
type exitError struct{ status int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.status) }

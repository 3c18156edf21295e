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
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	// Error messages must not overtake the output printed before them.
	errw := flushFirst{flush: out.Flush, w: stderr}
	cmd := newRootCommand(bufio.NewReader(stdin), out, errw)
	cmd.SetArgs(classicArgs(cmd, args))
	cmd.SetOut(out)
	cmd.SetErr(errw)
	if err := cmd.Execute(); err != nil {
		if e, ok := err.(exitError); ok {
			return e.status
		}
		fmt.Fprintf(errw, "nachos: %v\n", err)
		return 2
	}
	return 0
}

// flushFirst writes to w after flushing buffered output, so that the two
// streams appear in the order they were written.
type flushFirst struct {
	flush func() error
	w     io.Writer
}

func (f flushFirst) Write(p []byte) (int, error) {
	_ = f.flush()
	return f.w.Write(p)
}

// exitError carries a simulation's exit status out of cobra.
type exitError struct{ status int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.status) }

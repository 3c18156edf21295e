// Package debuggertest holds what the debugger's tests, and those of the
// front ends built on it (the gdb stub, nachos debug), need to know about
// a shipped program to say where the debugger should stop.
//
// They find the addresses they expect in the program's own symbol table
// and line table, and its stack pointer by running it, never as numbers
// written into the test: the programs are relinked whenever start.S, the
// linker script or the compiler changes, and every address moves.
package debuggertest

import (
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/machine"
	"nachos/userprog"
	"nachos/userprog/debugger"
)

// NewKernel builds a default kernel, as nachos -x does.
func NewKernel(in io.Reader, out, errw io.Writer) (*userprog.Kernel, error) {
	return userprog.New(kernel.Config{In: in, Out: out, Err: errw}, userprog.Config{})
}

// Symbols are the symbols and line table of the program at path.
func Symbols(t testing.TB, path string) *userprog.Symbols {
	t.Helper()
	sym, err := userprog.LoadSymbols(path)
	require.NoError(t, err)
	return sym
}

// Lookup is the address of a function or variable of the program.
func Lookup(t testing.TB, sym *userprog.Symbols, name string) uint32 {
	t.Helper()
	addr, ok := sym.Lookup(name)
	require.True(t, ok, "no symbol %s in the program", name)
	return addr
}

// StackPointerAt is the stack pointer a default run of the program at
// path has when it first reaches pc.
func StackPointerAt(t testing.TB, path string, pc uint32) uint32 {
	t.Helper()
	s, err := debugger.New(debugger.Config{Program: path, NewKernel: NewKernel, Out: io.Discard, Err: io.Discard})
	require.NoError(t, err)
	defer s.Close()
	_, err = s.Start()
	require.NoError(t, err)
	s.Break("here", pc)
	stop, err := s.Continue()
	require.NoError(t, err)
	require.Equal(t, debugger.AtBreakpoint, stop.Kind, "the program never reaches 0x%x", pc)
	return s.Machine().ReadRegister(machine.StackReg)
}

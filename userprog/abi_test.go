package userprog

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/machine"
)

// syscallKernel is a kernel with test/halt loaded as its current program,
// ready for system calls made by hand.
func syscallKernel(t *testing.T, abiName, fsRoot string) (*Kernel, *Process) {
	abi, err := FindABI(abiName)
	require.NoError(t, err)
	return abiKernel(t, abi, fsRoot)
}

// abiKernel is syscallKernel for any numbering.
func abiKernel(t *testing.T, abi *ABI, fsRoot string) (*Kernel, *Process) {
	k, err := New(kernel.Config{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard},
		Config{FSRoot: fsRoot, ABI: abi})
	require.NoError(t, err)
	p, err := k.newProcess("../test/halt", nil)
	require.NoError(t, err)
	p.space.RestoreState(k.Machine)
	return k, p
}

// call makes system call code with args, as a program's stub would, and
// returns the result.
func call(k *Kernel, p *Process, code uint32, args ...uint32) int32 {
	k.Machine.WriteRegister(machine.ResultReg, code)
	for i, a := range args {
		k.Machine.WriteRegister(machine.Arg1Reg+i, a)
	}
	k.syscall(p)
	return int32(k.Machine.ReadRegister(machine.ResultReg))
}

// putName stores name in the program's memory, near the top of its
// stack, each name at its own address, and returns the address.
func putName(t *testing.T, k *Kernel, p *Process, name string) uint32 {
	names++
	addr := p.space.Size() - 32*uint32(names%16+1)
	require.NoError(t, k.copyOut(addr, append([]byte(name), 0)))
	return addr
}

var names int

func TestABIsNumberFileCallsDifferently(t *testing.T) {
	dir := t.TempDir()

	k, p := syscallKernel(t, "nachos3", dir)
	assert.Equal(t, int32(0), call(k, p, scCreate, putName(t, k, p, "three")))
	assert.FileExists(t, filepath.Join(dir, "three"))

	// USC passes the name's length: only the first 3 bytes count.
	k, p = syscallKernel(t, "usc", dir)
	assert.Equal(t, int32(0), call(k, p, scCreate, putName(t, k, p, "uscfile"), 3))
	assert.FileExists(t, filepath.Join(dir, "usc"))
	assert.Equal(t, int32(-1), call(k, p, scCreate, putName(t, k, p, "x"), 1000), "an absurd length is refused")
	assert.Equal(t, int32(0), call(k, p, scCreate, putName(t, k, p, "sized"), 6), "a length may count the NUL")
	assert.FileExists(t, filepath.Join(dir, "sized"))
	assert.Equal(t, int32(0), call(k, p, scRemove, putName(t, k, p, "sized"), 5), "Remove takes a length too")
	assert.NoFileExists(t, filepath.Join(dir, "sized"))

	// Nachos 4.x: 5 is Remove, 6 Open, 9 Seek.
	k, p = syscallKernel(t, "nachos4", dir)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "four"), []byte("0123456789"), 0o644))
	fd := call(k, p, 6, putName(t, k, p, "four"))
	require.GreaterOrEqual(t, fd, int32(2))
	assert.Equal(t, int32(0), call(k, p, 9, 7, uint32(fd)))
	buf := p.space.Size() - 600
	assert.Equal(t, int32(3), call(k, p, 7, buf, 10, uint32(fd)), "Read after Seek(7)")
	got, err := k.copyIn(buf, 3)
	require.NoError(t, err)
	assert.Equal(t, "789", string(got))
	assert.Equal(t, int32(0), call(k, p, 5, putName(t, k, p, "three")))
	assert.NoFileExists(t, filepath.Join(dir, "three"))
	assert.Equal(t, int32(-1), call(k, p, 15, 1), "ThreadJoin of a thread that was never forked")
}

func TestBadArgumentsReturnMinusOne(t *testing.T) {
	dir := t.TempDir()
	k, p := syscallKernel(t, "nachos3", dir)
	beyond := p.space.Size() + 4096
	// A pipe that nothing writes to: reading it would stop the simulator.
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "folder"), 0o755))
	for _, c := range []struct {
		name string
		code uint32
		args []uint32
	}{
		{"Create with a pointer outside memory", scCreate, []uint32{beyond}},
		{"Open of a missing file", scOpen, []uint32{putName(t, k, p, "missing")}},
		{"Open outside the sandbox", scOpen, []uint32{putName(t, k, p, "../x")}},
		{"Write with a negative size", scWrite, []uint32{0, 0xffffffff, ConsoleOutput}},
		{"Write from outside memory", scWrite, []uint32{beyond, 4, ConsoleOutput}},
		{"Write to a file that is not open", scWrite, []uint32{0, 4, 7}},
		{"Read into code (read-only)", scRead, []uint32{0, 4, ConsoleInput}},
		{"Read from a file that is not open", scRead, []uint32{p.space.Size() - 600, 4, 9}},
		{"Close of a file that is not open", scClose, []uint32{5}},
		{"Join of a process that is not a child", scJoin, []uint32{42}},
		{"Exec with a pointer outside memory", scExec, []uint32{beyond}},
		{"Exec of a file that is not a program", scExec, []uint32{putName(t, k, p, "../go.mod")}},
		{"Fork to an address outside memory", scFork, []uint32{beyond, 0}},
		{"Printf with a bad verb", scPrintf, []uint32{putName(t, k, p, "%q")}},
		{"Remove of a missing file", scRemove, []uint32{putName(t, k, p, "missing")}},
		{"Open of a pipe", scOpen, []uint32{putName(t, k, p, "pipe")}},
		{"Create over a pipe", scCreate, []uint32{putName(t, k, p, "pipe")}},
		{"Remove of a folder", scRemove, []uint32{putName(t, k, p, "folder")}},
		{"an unknown call", 99, nil},
	} {
		assert.Equal(t, int32(-1), call(k, p, c.code, c.args...), c.name)
	}
}

package userprog

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/machine"
)

// A program too big for memory gets the advice that fits why it is big.
func TestTooBigAdvice(t *testing.T) {
	small := &Executable{Segments: []Segment{{Name: "code", MemSize: 4096}}}

	assert.Equal(t, "run with a larger --phys-pages", small.tooBigAdvice(1<<20))
	assert.Equal(t, "that is more than the largest machine (1 GiB): is the file damaged, or the --stack too big?",
		small.tooBigAdvice(1<<31))
}

// newTestKernel is a kernel on the default machine with no program yet.
func newTestKernel(t *testing.T) *Kernel {
	k, err := New(kernel.Config{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, Config{})
	require.NoError(t, err)
	return k
}

// The pages below the lowest segment (the guard) are invalid and take no
// frame; every page from the code to the top of the stack is valid.
func TestGuardPagesInvalid(t *testing.T) {
	k := newTestKernel(t)
	exe := &Executable{Path: "prog", Segments: []Segment{
		{Name: "code", VAddr: 0x400, Data: []byte{1, 2, 3, 4}, MemSize: 0x100, ReadOnly: true},
		{Name: "data", VAddr: 0x500, Data: []byte{5}, MemSize: 0x10},
	}}
	free := k.frames.NumClear()
	as, err := k.NewAddrSpace(exe, DefaultStackSize)
	require.NoError(t, err)

	guardPages := 0x400 / k.Machine.PageSize()
	for vpn, e := range as.pageTable {
		assert.Equal(t, vpn >= guardPages, e.Valid, "page %d", vpn)
		assert.Equal(t, uint32(vpn), e.VirtualPage)
	}
	assert.Equal(t, len(as.pageTable)-guardPages, free-k.frames.NumClear(), "frames only for the valid pages")
	assert.Equal(t, uint32(0x980), as.Size(), "0x510 bytes of program and 1024 of stack, in whole pages")

	as.RestoreState(k.Machine)
	_, exc := k.Machine.ReadMem(4, 4)
	assert.Equal(t, machine.PageFaultException, exc, "a null pointer faults")
	v, exc := k.Machine.ReadMem(0x400, 4)
	assert.Equal(t, machine.NoException, exc)
	assert.Equal(t, uint32(0x04030201), v)

	k.freeAddrSpace(as)
	assert.Equal(t, free, k.frames.NumClear())
}

// A program linked at 0, as every Nachos 3.4 program is, has no guard.
func TestNoGuardAtZero(t *testing.T) {
	k := newTestKernel(t)
	exe := &Executable{Path: "prog", Segments: []Segment{{Name: "code", Data: []byte{1}, MemSize: 0x40, ReadOnly: true}}}
	as, err := k.NewAddrSpace(exe, DefaultStackSize)
	require.NoError(t, err)
	for vpn, e := range as.pageTable {
		assert.True(t, e.Valid, "page %d", vpn)
	}
}

// A program that starts far above 0 was linked for another system; it
// is refused, whatever memory is free, rather than given a huge page table.
func TestFarAwayProgramRefused(t *testing.T) {
	k := newTestKernel(t)
	exe := &Executable{Path: "prog", Segments: []Segment{{Name: "code", VAddr: 0x400000, MemSize: 4096, ReadOnly: true}}}
	_, err := k.NewAddrSpace(exe, DefaultStackSize)
	require.Error(t, err)
	assert.Equal(t, "prog: its first segment starts at 0x00400000, far above address 0: it was linked for another system; link it with test/script.ld, which puts the program just above a 1 KiB guard at 0x400", err.Error())
	assert.Equal(t, k.Machine.NumPhysPages(), k.frames.NumClear(), "no frame taken")
}

package userprog

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A table hands out the lowest free handle from first up, reuses a freed
// one, and has room for maxHandles objects.
func TestHandleTableGivesTheLowestFreeHandle(t *testing.T) {
	tab := handleTable[int]{first: 2}
	assert.Nil(t, tab.get(2), "an empty table resolves nothing")
	objs := make([]int, maxHandles)
	for i := range objs {
		require.Equal(t, 2+i, tab.add(&objs[i]))
	}
	assert.Equal(t, maxHandles, tab.live)
	assert.EqualError(t, tab.room("lock"),
		"the process already has 1024 locks, the most it may have at once; destroy one first")
	assert.Panics(t, func() { tab.add(new(int)) }, "add without room is a kernel bug")

	assert.Same(t, &objs[10], tab.remove(12))
	assert.Same(t, &objs[3], tab.remove(5))
	assert.Nil(t, tab.remove(5), "a handle is freed once")
	assert.Nil(t, tab.get(1), "below first")
	assert.Nil(t, tab.get(2+maxHandles), "past the end")
	assert.NoError(t, tab.room("lock"))
	assert.Equal(t, 5, tab.add(new(int)), "the lowest free handle, though 12 was freed first")
	assert.Equal(t, 12, tab.add(new(int)))
	assert.Len(t, tab.all(), maxHandles)
}

// The loop that once took 16 seconds of host time: 200,000 CreateLocks.
// The first maxHandles succeed and the rest return -1 at once; then
// destroying and creating over the full table keeps reusing the freed
// handle.
func TestCreateLockInALoopStopsAtTheLimit(t *testing.T) {
	k, p := syscallKernel(t, "nachos3", t.TempDir())
	for i := range 200000 {
		want := int32(i)
		if i >= maxHandles {
			want = -1
		}
		require.Equal(t, want, call(k, p, scCreateLock, 0))
	}
	for i := range 200000 {
		h := uint32(i % maxHandles)
		require.Equal(t, int32(0), call(k, p, scDestroyLock, h))
		require.Equal(t, int32(h), call(k, p, scCreateLock, 0))
	}
	assert.Equal(t, int32(0), call(k, p, scCreateSemaphore, 0, 1), "each kind has a table of its own")
}

// A process may have maxOpenFiles open, and all processes together
// maxKernelOpenFiles; a process that ends gives its files back.
func TestOpenFileLimits(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "f"), nil, 0o644))
	k, first := syscallKernel(t, "nachos3", dir)
	openAll := func(p *Process) int {
		n := 0
		for call(k, p, scOpen, putName(t, k, p, "f")) >= 0 {
			n++
		}
		return n
	}

	assert.Equal(t, maxOpenFiles, openAll(first))
	assert.Equal(t, int32(0), call(k, first, scClose, 2+7))
	assert.Equal(t, int32(2+7), call(k, first, scOpen, putName(t, k, first, "f")), "the closed id is reused")

	var procs []*Process
	for opened := maxOpenFiles; opened < maxKernelOpenFiles; {
		p, err := k.newProcess("../test/halt", first)
		require.NoError(t, err)
		procs = append(procs, p)
		n := openAll(p)
		require.Positive(t, n, "the kernel-wide limit came too soon")
		opened += n
	}
	assert.Equal(t, maxKernelOpenFiles, k.openFiles)
	late, err := k.newProcess("../test/halt", first)
	require.NoError(t, err, "loading a program needs no open-file slot")
	assert.Equal(t, 0, openAll(late))

	closeFiles(procs[0])
	assert.Equal(t, maxKernelOpenFiles-maxOpenFiles, k.openFiles)
	assert.Equal(t, maxOpenFiles, openAll(late))
}

// Unnamed objects are numbered in the order they were made, so a handle
// used again does not give a new lock an old lock's name.
func TestUnnamedObjectsGetNamesOfTheirOwn(t *testing.T) {
	k, p := syscallKernel(t, "nachos3", t.TempDir())
	first := call(k, p, scCreateLock, 0)
	call(k, p, scCreateLock, 0)
	require.Equal(t, int32(0), call(k, p, scDestroyLock, uint32(first)))
	again := call(k, p, scCreateLock, 0)
	require.Equal(t, first, again, "the freed handle is used again")
	assert.Equal(t, "lock 2 (pid 1)", p.locks.get(again).lock.Name())
}

package userprog

import (
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
	assert.Equal(t, maxHandles, tab.count())
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

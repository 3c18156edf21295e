package userprog

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A course's numbering says how each call passes names and objects, and
// the calls read their arguments that way: a name with its length takes
// two registers, and an object may be named instead of numbered.
func TestArgumentStyles(t *testing.T) {
	abi, err := NewABI(ABISpec{Name: "course", Names: ArgsNameLength, Objects: ArgsName, Calls: []CallCode{
		{Name: "CreateLock", Code: 1}, {Name: "AcquireLock", Code: 2}, {Name: "ReleaseLock", Code: 3, Args: ArgsIndex},
		{Name: "CreateSemaphore", Code: 4, Args: ArgsIndex}, {Name: "P", Code: 5}, {Name: "V", Code: 6, Args: ArgsNameLength},
		{Name: "CreateMV", Code: 7}, {Name: "SetMV", Code: 8}, {Name: "GetMV", Code: 9, Args: ArgsIndex},
		{Name: "CreateFile", Code: 10}, {Name: "NetSend", Code: 11, Where: "course.h:12"},
		{Name: "Create", Code: 12, Args: ArgsName}, {Name: "DestroyLock", Code: 13},
	}})
	require.NoError(t, err)
	dir := t.TempDir()
	k, p := abiKernel(t, abi, dir)

	// Names with their lengths: only the first 4 bytes of "lockXX".
	lock := call(k, p, 1, putName(t, k, p, "lockXX"), 4)
	require.GreaterOrEqual(t, lock, int32(0))
	assert.Equal(t, "lock (pid 1)", p.locks.get(lock).label())
	// Objects by name (NUL-terminated), or by index where the call says.
	assert.Equal(t, int32(-1), call(k, p, 2, putName(t, k, p, "nothing")), "no lock of that name")
	assert.Equal(t, int32(0), call(k, p, 2, putName(t, k, p, "lock")))
	assert.True(t, p.locks.get(lock).lock.IsHeldByCurrentThread())
	assert.Equal(t, int32(0), call(k, p, 3, uint32(lock)))
	assert.False(t, p.locks.get(lock).lock.IsHeldByCurrentThread())

	// A Create call by index takes no name: the value is the first argument.
	sem := call(k, p, 4, 2)
	require.GreaterOrEqual(t, sem, int32(0))
	assert.Equal(t, "semaphore 0 (pid 1)", p.semaphores.get(sem).label())
	assert.Equal(t, int32(0), call(k, p, 5, putName(t, k, p, "semaphore 0")))
	assert.Equal(t, int32(0), call(k, p, 6, putName(t, k, p, "semaphore 0, V'd"), 11))
	assert.Equal(t, int32(0), call(k, p, 5, putName(t, k, p, "semaphore 0")))
	assert.Equal(t, int32(0), call(k, p, 5, putName(t, k, p, "semaphore 0")), "2 P's after a V from 2")

	// Arguments after a name follow it: CreateMV(name, length, value).
	mv := call(k, p, 7, putName(t, k, p, "mvXX"), 2, 42)
	assert.Equal(t, int32(42), call(k, p, 9, uint32(mv)))
	assert.Equal(t, int32(0), call(k, p, 8, putName(t, k, p, "mv"), 7))
	assert.Equal(t, int32(7), call(k, p, 9, uint32(mv)))

	// Files: by alias with the length, or NUL-terminated where the call says.
	assert.Equal(t, int32(0), call(k, p, 10, putName(t, k, p, "oneXX"), 3))
	assert.Equal(t, int32(0), call(k, p, 12, putName(t, k, p, "two")))
	for _, f := range []string{"one", "two"} {
		_, err := os.Stat(filepath.Join(dir, f))
		assert.NoError(t, err)
	}

	// The newest object of a name is the one named.
	again := call(k, p, 1, putName(t, k, p, "lock"), 4)
	assert.Equal(t, int32(0), call(k, p, 13, putName(t, k, p, "lock")))
	assert.Nil(t, p.locks.get(again), "the newer lock was destroyed")
	assert.NotNil(t, p.locks.get(lock))

	assert.Equal(t, int32(-1), call(k, p, 11), "a call this kernel lacks")
	assert.Equal(t, int32(-1), call(k, p, 14), "a code the numbering does not name")
}

// NewABI refuses a numbering that makes no sense.
func TestNewABIRefuses(t *testing.T) {
	for _, c := range []struct {
		spec ABISpec
		want string
	}{
		{ABISpec{}, "names no system calls"},
		{ABISpec{Calls: []CallCode{{Name: "Halt", Code: 0, Where: "a:1"}, {Name: "Exit", Code: 0, Where: "a:2"}}}, "a:2: code 0 is given to Exit and also to Halt (a:1)"},
		{ABISpec{Calls: []CallCode{{Name: "Halt", Code: MaxSyscallCode + 1, Where: "a:1"}}}, "a:1: Halt has code 1024, but codes go from 0 to 1023"},
		{ABISpec{Calls: []CallCode{{Name: "Yield", Code: 1, Args: ArgsNameLength, Where: "a:1"}}}, "a:1: Yield cannot pass its arguments as name+length (it takes no name or object)"},
		{ABISpec{Names: ArgsIndex, Calls: []CallCode{{Name: "Halt"}}}, "names: index is not a way of passing a name"},
	} {
		_, err := NewABI(c.spec)
		assert.ErrorContains(t, err, c.want)
	}
}

// Every call and alias is in the README, so that a course can look up
// what its names match.
func TestREADMEListsEveryCallName(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	for _, c := range kernelCalls {
		assert.Contains(t, string(readme), "`"+c.name+"`", "README")
		for _, a := range c.aliases {
			assert.Contains(t, string(readme), "`"+a+"`", "README")
		}
	}
}

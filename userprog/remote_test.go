package userprog

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeLockServer records the calls it is sent and answers 5.
type fakeLockServer struct{ calls []RemoteCall }

func (f *fakeLockServer) Call(c RemoteCall) (int32, error) {
	f.calls = append(f.calls, c)
	return 5, nil
}

// Under --remote the calls' arguments are read as the program's ABI
// passes them: a name with its length, and the value after it in the
// register that follows. Objects by name, which the server cannot look
// up, are refused with a reason rather than sent as addresses. A call
// goes to the server under any of its names (AcquireLock, cvwait).
func TestRemoteCallsReadArgumentsAsTheABIPassesThem(t *testing.T) {
	abi, err := NewABI(ABISpec{Name: "course", Names: ArgsNameLength, Calls: []CallCode{
		{Name: "CreateLock", Code: 1}, {Name: "AcquireLock", Code: 2}, {Name: "CreateMV", Code: 3},
		{Name: "SetMV", Code: 4}, {Name: "cvwait", Code: 5}, {Name: "Release", Code: 6, Args: ArgsName},
		{Name: "CreateCondition", Code: 7, Args: ArgsIndex},
	}})
	require.NoError(t, err)
	k, p := abiKernel(t, abi, t.TempDir())
	server := &fakeLockServer{}
	k.SetRemoteSync(server)

	assert.Equal(t, int32(5), call(k, p, 1, putName(t, k, p, "lockXX"), 4, 0, 0))
	assert.Equal(t, int32(5), call(k, p, 2, 3, 0))
	assert.Equal(t, int32(5), call(k, p, 3, putName(t, k, p, "mvXX"), 2, 42))
	assert.Equal(t, int32(5), call(k, p, 4, 5, 7))
	assert.Equal(t, int32(5), call(k, p, 5, 1, 3))
	caller := int32(k.CurrentThread().ID())
	assert.Equal(t, []RemoteCall{
		{Op: RemoteCreateLock, Name: "lock", A: 0, B: 0, Caller: caller},
		{Op: RemoteAcquire, A: 3, B: 0, Caller: caller},
		{Op: RemoteCreateMV, Name: "mv", A: 0, B: 42, Caller: caller},
		{Op: RemoteSetMV, A: 5, B: 7, Caller: caller},
		{Op: RemoteWait, A: 1, B: 3, Caller: caller},
	}, server.calls)

	server.calls = nil
	assert.Equal(t, int32(-1), call(k, p, 6, putName(t, k, p, "lock")), "objects by name")
	assert.Equal(t, int32(-1), call(k, p, 7, 0), "a remote object needs a name")
	assert.Equal(t, int32(-1), call(k, p, 1, 0, 0), "a null name")
	assert.Empty(t, server.calls, "nothing refused reaches the server")
}

// Remote locks, conditions and monitor variables (--remote).
//
// On a machine started with a lock server named, the synchronization
// calls do not touch this kernel's objects: they go to the server, which
// keeps the objects of every client machine, shared by name, so that
// CreateLock("counter") on two machines names one lock. A program uses the
// very same calls as on a lone machine; only the handles it gets are the
// server's. The calls that go remote are those in remoteOps; semaphores
// stay local.
//
// The caller is named to the server by the number of its thread on this
// machine, so that the server knows which thread holds which lock. Misuse
// (releasing a lock not held, waiting without the lock, a bad handle)
// returns -1, with the server's reason under -d a.

package userprog

import (
	"errors"
	"fmt"
)

// RemoteOp is a synchronization call the lock server serves.
type RemoteOp int

// The remote operations.
const (
	RemoteCreateLock RemoteOp = iota
	RemoteDestroyLock
	RemoteAcquire
	RemoteRelease
	RemoteCreateCondition
	RemoteDestroyCondition
	RemoteWait
	RemoteSignal
	RemoteBroadcast
	RemoteCreateMV
	RemoteGetMV
	RemoteSetMV
	RemoteDestroyMV
	NumRemoteOps
)

// remoteOps says, for each operation, which of this kernel's calls it
// serves (as kernelCalls names it, whatever the program's ABI calls it)
// and whether argument 0 is the object's name.
var remoteOps = [NumRemoteOps]struct {
	call  string
	named bool
}{
	RemoteCreateLock: {"CreateLock", true}, RemoteDestroyLock: {"DestroyLock", false},
	RemoteAcquire: {"Acquire", false}, RemoteRelease: {"Release", false},
	RemoteCreateCondition: {"CreateCondition", true}, RemoteDestroyCondition: {"DestroyCondition", false},
	RemoteWait: {"Wait", false}, RemoteSignal: {"Signal", false}, RemoteBroadcast: {"Broadcast", false},
	RemoteCreateMV: {"CreateMV", true}, RemoteGetMV: {"GetMV", false},
	RemoteSetMV: {"SetMV", false}, RemoteDestroyMV: {"DestroyMV", false},
}

// remoteOpOf returns the operation that serves call, if one does.
func remoteOpOf(call *callInfo) (RemoteOp, bool) {
	for op, r := range remoteOps {
		if r.call == call.name {
			return RemoteOp(op), true
		}
	}
	return 0, false
}

func (o RemoteOp) String() string {
	if o >= 0 && o < NumRemoteOps {
		return remoteOps[o].call
	}
	return fmt.Sprintf("RemoteOp(%d)", int(o))
}

// A RemoteCall is a request to a lock server: the operation, the object's
// name for a Create, two integer arguments and the calling thread's
// number. It blocks the calling thread until the server answers.
type RemoteCall struct {
	Op     RemoteOp
	Name   string
	A, B   int32
	Caller int32
}

// RemoteSync reaches a lock server.
type RemoteSync interface {
	Call(c RemoteCall) (int32, error)
}

// SetRemoteSync sends this kernel's lock, condition and monitor-variable
// calls to a server.
func (k *Kernel) SetRemoteSync(r RemoteSync) { k.remote = r }

var errUnnamed = errors.New("a remote object needs a name: it is shared with other machines by name")

// remoteSyscall serves the call sc at the lock server, if there is one
// and the call is one it serves; it reports whether it did. The
// arguments are read as the program's ABI passes them (callArgs), so a
// name with its length works as on a lone machine, and what follows a
// name (CreateMV's value) comes from the register after it.
func (k *Kernel) remoteSyscall(sc *syscallEntry) bool {
	if k.remote == nil {
		return false
	}
	op, ok := remoteOpOf(sc.info)
	if !ok {
		return false
	}
	call := RemoteCall{Op: op, Caller: int32(k.CurrentThread().ID())}
	a := k.args()
	var err error
	if remoteOps[op].named {
		var named bool
		if call.Name, named, err = a.newName(); err == nil && !named {
			err = errUnnamed
		}
	} else if a.style == ArgsUsual || a.style == ArgsIndex {
		call.A = int32(a.word())
	} else {
		err = fmt.Errorf("this ABI passes %s's object by %v, but the lock server knows objects only by handle: run without --remote, or pass handles", sc.name, a.style)
	}
	if err != nil {
		k.refuse(err)
		return true
	}
	call.B = int32(a.word()) // the lock of a condition call, or a value
	result, err := k.remote.Call(call)
	if err != nil {
		k.refuse(err)
		return true
	}
	k.setResult(result)
	return true
}

// The system calls this kernel has, under every name courses give them.
//
// Every Nachos course adds its own system calls above Nachos 3.4's eleven,
// and names and numbers them its own way: a lock is taken with Acquire in
// one course, AcquireLock or LockAcquire in others, and CreateLock is 11
// here and 16 elsewhere. A course's numbering (--abi FILE) is matched to
// this kernel's calls by name, so the table below lists, for each call,
// the other names it is known by. Names match without regard to case.
//
// Courses also differ in how a call names things. A file or a new lock
// may be named by a NUL-terminated string, or by a pointer and a length;
// a lock may be passed to Acquire as the handle CreateLock returned, or
// by its name. An ArgStyle says which, call by call.

package userprog

import (
	"fmt"
	"strings"
)

// An ArgStyle is how a system call passes its name, or the object it
// works on.
type ArgStyle int

const (
	// ArgsUsual is the call's usual way: a NUL-terminated name, or an
	// object by the handle its Create call returned.
	ArgsUsual ArgStyle = iota
	// ArgsName passes a NUL-terminated string: a name, or the name of
	// the object to work on.
	ArgsName
	// ArgsNameLength passes a name as two arguments, a pointer and a
	// length; the name ends at the length, or at a NUL before it.
	ArgsNameLength
	// ArgsIndex passes an object by its handle; a Create call given this
	// style takes no name at all.
	ArgsIndex
)

var argStyleNames = []string{
	ArgsUsual:      "usual",
	ArgsName:       "name",
	ArgsNameLength: "name+length",
	ArgsIndex:      "index",
}

func (s ArgStyle) String() string {
	if int(s) < len(argStyleNames) {
		return argStyleNames[s]
	}
	return fmt.Sprintf("ArgStyle(%d)", int(s))
}

// ParseArgStyle reads an argument style as an ABI file spells it: name,
// name+length or index.
func ParseArgStyle(s string) (ArgStyle, error) {
	for st, name := range argStyleNames {
		if st != int(ArgsUsual) && name == s {
			return ArgStyle(st), nil
		}
	}
	return 0, fmt.Errorf("%q is not a way of passing arguments: use name, name+length or index", s)
}

// A callKind says which argument styles a call can take.
type callKind int

const (
	plainCall  callKind = iota // no name or object argument: styles do not apply
	namedCall                  // takes a name (a file or program): name, name+length
	makerCall                  // makes an object with an optional name: name, name+length, index (no name)
	objectCall                 // works on objects: index, name, name+length
)

// styles are the argument styles each kind of call accepts.
var styles = []map[ArgStyle]bool{
	plainCall:  {ArgsUsual: true},
	namedCall:  {ArgsUsual: true, ArgsName: true, ArgsNameLength: true},
	makerCall:  {ArgsUsual: true, ArgsName: true, ArgsNameLength: true, ArgsIndex: true},
	objectCall: {ArgsUsual: true, ArgsName: true, ArgsNameLength: true, ArgsIndex: true},
}

// callInfo is one system call of this kernel.
type callInfo struct {
	name    string
	call    func(k *Kernel, p *Process) // reads arguments, sets the result
	kind    callKind
	aliases []string // the names other courses give it
}

// kernelCalls is every system call this kernel has. An alias belongs to
// one call only.
var kernelCalls = []callInfo{
	{"Halt", sysHalt, plainCall, []string{"Shutdown"}},
	{"Exit", sysExit, plainCall, []string{"ExitProcess"}},
	{"Exec", sysExec, namedCall, []string{"Execute", "ExecProcess"}},
	{"Join", sysJoin, plainCall, []string{"JoinProcess"}},
	{"Create", sysCreate, namedCall, []string{"CreateFile"}},
	{"Open", sysOpen, namedCall, []string{"OpenFile"}},
	{"Read", sysRead, plainCall, []string{"ReadFile"}},
	{"Write", sysWrite, plainCall, []string{"WriteFile"}},
	{"Close", sysClose, plainCall, []string{"CloseFile"}},
	{"Fork", sysFork, plainCall, []string{"ThreadFork", "ForkThread"}},
	{"Yield", sysYield, plainCall, []string{"ThreadYield", "YieldThread"}},
	{"Remove", sysRemove, namedCall, []string{"Delete", "Unlink", "RemoveFile"}},
	{"Seek", sysSeek, plainCall, nil},
	{"ExecV", sysExecV, plainCall, nil},
	{"ThreadExit", sysExit, plainCall, []string{"ExitThread"}},
	{"ThreadJoin", sysThreadJoin, plainCall, []string{"JoinThread"}},

	{"CreateLock", sysCreateLock, makerCall, []string{"LockCreate", "NewLock"}},
	{"DestroyLock", sysDestroyLock, objectCall, []string{"LockDestroy", "DeleteLock", "LockDelete"}},
	{"Acquire", sysAcquire, objectCall, []string{"AcquireLock", "LockAcquire"}},
	{"Release", sysRelease, objectCall, []string{"ReleaseLock", "LockRelease"}},
	{"CreateCondition", sysCreateCondition, makerCall, []string{"CreateCV", "ConditionCreate", "CVCreate", "NewCondition"}},
	{"DestroyCondition", sysDestroyCondition, objectCall, []string{"DestroyCV", "ConditionDestroy", "CVDestroy", "DeleteCondition", "DeleteCV"}},
	{"Wait", sysWait, objectCall, []string{"WaitCV", "ConditionWait", "CVWait", "WaitCondition"}},
	{"Signal", sysSignal, objectCall, []string{"SignalCV", "ConditionSignal", "CVSignal", "SignalCondition"}},
	{"Broadcast", sysBroadcast, objectCall, []string{"BroadcastCV", "ConditionBroadcast", "CVBroadcast", "BroadcastCondition"}},
	{"CreateSemaphore", sysCreateSemaphore, makerCall, []string{"SemCreate", "CreateSem", "SemaphoreCreate"}},
	{"DestroySemaphore", sysDestroySemaphore, objectCall, []string{"SemDestroy", "DestroySem", "SemaphoreDestroy", "DeleteSemaphore"}},
	{"P", sysP, objectCall, []string{"SemWait", "SemaphoreP", "Down"}},
	{"V", sysV, objectCall, []string{"SemSignal", "SemPost", "SemaphoreV", "Up"}},
	{"CreateMV", sysCreateMV, makerCall, []string{"CreateMonitorVariable", "MVCreate"}},
	{"GetMV", sysGetMV, objectCall, []string{"GetMonitorVariable", "MVGet"}},
	{"SetMV", sysSetMV, objectCall, []string{"SetMonitorVariable", "MVSet"}},
	{"DestroyMV", sysDestroyMV, objectCall, []string{"DestroyMonitorVariable", "MVDestroy", "DeleteMV"}},

	{"Print", sysPrint, plainCall, []string{"PrintString"}},
	{"Printf", sysPrintf, plainCall, nil},
	{"Random", sysRandom, plainCall, []string{"Rand"}},
	{"GetPid", sysGetPid, plainCall, []string{"GetProcessID", "GetSpaceID"}},
	{"Time", sysTime, plainCall, []string{"GetTime"}},

	{"Send", sysSend, plainCall, []string{"SendMessage", "PostMail"}},
	{"Receive", sysReceive, plainCall, []string{"ReceiveMessage", "GetMail"}},
}

// findCall returns the call that name (its own or an alias) stands for,
// or nil.
func findCall(name string) *callInfo {
	for i, c := range kernelCalls {
		if strings.EqualFold(c.name, name) {
			return &kernelCalls[i]
		}
		for _, a := range c.aliases {
			if strings.EqualFold(a, name) {
				return &kernelCalls[i]
			}
		}
	}
	return nil
}

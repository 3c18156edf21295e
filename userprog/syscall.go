// System calls: how a user program asks the kernel for service.
//
// A program puts the call's code in $2 and up to four arguments in $4..$7,
// then executes "syscall". The CPU raises SyscallException without moving
// the PC; the kernel looks the code up in the table below, runs the call,
// puts the result in $2 and advances the PC past the syscall, so the
// program continues with the next instruction. test/syscall.h is the other
// half of this table.
//
// No argument is trusted: pointers are checked through the MMU and
// lengths against sane bounds. A bad argument makes the call return -1; it
// never harms the kernel or another program.

package userprog

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"nachos/kernel/trace"
	"nachos/machine"
)

// System call codes: 0 to 10 as in Nachos 3.4, then our own (see
// test/syscall.h, the other half of this list).
const (
	scHalt = iota
	scExit
	scExec
	scJoin
	scCreate
	scOpen
	scRead
	scWrite
	scClose
	scFork
	scYield
	scCreateLock
	scDestroyLock
	scAcquire
	scRelease
	scCreateCondition
	scDestroyCondition
	scWait
	scSignal
	scBroadcast
	scCreateSemaphore
	scDestroySemaphore
	scP
	scV
	scCreateMV
	scGetMV
	scSetMV
	scDestroyMV
	scPrint
	scPrintf
	scRandom
	scRemove
	scGetPid
	scTime
	scSend
	scReceive
)

// The console's file ids.
const (
	ConsoleInput  = 0
	ConsoleOutput = 1
)

// A syscallEntry is one row of an ABI's table: the call behind a code,
// under the name the ABI gives it, and how the ABI passes its arguments.
type syscallEntry struct {
	name  string    // as the ABI names it, for messages
	info  *callInfo // nil for a code the ABI names but this kernel lacks
	args  ArgStyle
	where string // where an ABI file defines it ("FILE:LINE"), for messages
}

// entry is the row of a built-in table for the call called name.
func entry(name string) syscallEntry {
	c := findCall(name)
	if c == nil {
		panic("userprog: a built-in ABI names " + name + ", which is not in kernelCalls")
	}
	return syscallEntry{name: name, info: c}
}

var nachos3Calls = []syscallEntry{
	scHalt:   entry("Halt"),
	scExit:   entry("Exit"),
	scExec:   entry("Exec"),
	scJoin:   entry("Join"),
	scCreate: entry("Create"),
	scOpen:   entry("Open"),
	scRead:   entry("Read"),
	scWrite:  entry("Write"),
	scClose:  entry("Close"),
	scFork:   entry("Fork"),
	scYield:  entry("Yield"),

	scCreateLock:       entry("CreateLock"),
	scDestroyLock:      entry("DestroyLock"),
	scAcquire:          entry("Acquire"),
	scRelease:          entry("Release"),
	scCreateCondition:  entry("CreateCondition"),
	scDestroyCondition: entry("DestroyCondition"),
	scWait:             entry("Wait"),
	scSignal:           entry("Signal"),
	scBroadcast:        entry("Broadcast"),
	scCreateSemaphore:  entry("CreateSemaphore"),
	scDestroySemaphore: entry("DestroySemaphore"),
	scP:                entry("P"),
	scV:                entry("V"),
	scCreateMV:         entry("CreateMV"),
	scGetMV:            entry("GetMV"),
	scSetMV:            entry("SetMV"),
	scDestroyMV:        entry("DestroyMV"),

	scPrint:  entry("Print"),
	scPrintf: entry("Printf"),
	scRandom: entry("Random"),
	scRemove: entry("Remove"),
	scGetPid: entry("GetPid"),
	scTime:   entry("Time"),

	scSend:    entry("Send"),
	scReceive: entry("Receive"),
}

// syscall serves the system call p has just made.
func (k *Kernel) syscall(p *Process) {
	m := k.Machine
	code := m.ReadRegister(machine.ResultReg)
	if sc := k.currentCall(); sc == nil || sc.info == nil {
		fmt.Fprintf(k.Err, "nachos: %s: unknown system call %d%s at %s in the %s system call numbering (%s)\n",
			p.Path, int32(code), sc.lacking(), p.where(m.ReadRegister(machine.PCReg)), k.abi.Name, k.abi.Doc)
		k.setResult(-1)
	} else {
		if k.Debug.Enabled('a') { // the arguments would be boxed even for nothing
			k.Debug.Printf('a', "System call %s(0x%x, 0x%x, 0x%x, 0x%x) by %s\n", sc.name,
				k.arg(0), k.arg(1), k.arg(2), k.arg(3), k.CurrentThread())
		}
		if k.Trace.Enabled() {
			k.traceSyscall(sc.name)
		}
		if !k.remoteSyscall(sc) {
			sc.info.call(k, p)
		}
		if k.Trace.Enabled() {
			k.Trace.Emit(trace.Event{Kind: trace.SyscallReturn, Name: sc.name,
				Result: int64(int32(m.ReadRegister(machine.ResultReg)))})
		}
	}
	m.AdvancePC()
}

// currentCall is the ABI's row for the system call being served, or nil
// for a code the ABI does not name. The code is still in $2, which is the
// calling thread's own register even if the call blocked and other
// threads ran meanwhile; only setResult replaces it.
func (k *Kernel) currentCall() *syscallEntry {
	if code := k.Machine.ReadRegister(machine.ResultReg); code < uint32(len(k.abi.calls)) && k.abi.calls[code].name != "" {
		return &k.abi.calls[code]
	}
	return nil
}

// lacking explains, for the unknown-call message, a code the ABI names
// but this kernel does not have: " (Lseek, at syscall.h:40, which this
// kernel does not have)".
func (sc *syscallEntry) lacking() string {
	if sc == nil {
		return ""
	}
	return fmt.Sprintf(" (%s, at %s, which this kernel does not have)", sc.name, sc.where)
}

// arg returns argument i (0 to 3) of the system call.
func (k *Kernel) arg(i int) uint32 { return k.Machine.ReadRegister(machine.Arg1Reg + i) }

// setResult is the value the system call returns to the program.
func (k *Kernel) setResult(v int32) { k.Machine.WriteRegister(machine.ResultReg, uint32(v)) }

// refuse makes the call return -1, saying why under -d a.
func (k *Kernel) refuse(why error) {
	k.Debug.Printf('a', "%s by %s returns -1: %v\n", k.callName(), k.CurrentThread(), why)
	k.setResult(-1)
}

// callName is the name of the system call being served, as the program's
// ABI names it.
func (k *Kernel) callName() string {
	if sc := k.currentCall(); sc != nil {
		return sc.name
	}
	return "a system call"
}

// Halt stops the machine.
func sysHalt(k *Kernel, p *Process) {
	k.Halt()
}

// Exit(status) ends the calling thread, and with the last thread the
// process. The status of the program's first thread is the process's.
func sysExit(k *Kernel, p *Process) {
	//solution:begin 2
	if k.currentUserThread().main {
		p.exitStatus = int32(k.arg(0))
	}
	k.endThread(p)
	//solution:stub
	// // Project 2: the status of the program's main thread is the process's
	// // (p.exitStatus); end the thread (k.endThread), and with the last one
	// // the process. Until then, Exit stops the whole machine.
	// k.Halt()
	//solution:broken exit-status-lost
	// // Forgets the status: every process ends with 0.
	// k.endThread(p)
	//solution:end
}

// Exec(name) starts the program in the executable called name as a new
// process, a child of the caller, and returns its process id, or -1.
func sysExec(k *Kernel, p *Process) {
	a := k.args()
	name, err := a.name()
	if err != nil {
		k.refuse(err)
		return
	}
	k.execProgram(p, name)
}

// execProgram runs the program called name as a child of p, and returns
// its process id to p.
func (k *Kernel) execProgram(p *Process, name string) {
	//solution:begin 2
	child, err := k.newProcess(name, p)
	if errors.Is(err, fs.ErrNotExist) && !strings.Contains(name, "/") {
		// A bare name is also looked for beside the caller's own program,
		// so a shell in test/ can run "halt".
		child, err = k.newProcess(filepath.Join(filepath.Dir(p.Path), name), p)
	}
	if err != nil {
		k.refuse(err)
		return
	}
	p.children = append(p.children, child)
	k.Fork(child.threadName(0), func() { k.runMain(child) })
	k.setResult(int32(child.PID))
	//solution:stub
	// // Project 2: make the process (k.newProcess; a bare name is also looked
	// // for beside the caller's program), record it among p's children, fork
	// // a kernel thread that runs it (k.runMain), and return its id.
	// k.refuse(fmt.Errorf("Exec(%q) is not written yet", name))
	//solution:end
}

// Join(pid) waits for the caller's child pid to end and returns its exit
// status, or -1 if pid is not a child of the caller or was joined before.
func sysJoin(k *Kernel, p *Process) {
	//solution:begin 2
	pid := int(int32(k.arg(0)))
	var child *Process
	for _, c := range p.children {
		if c.PID == pid {
			child = c
		}
	}
	if child == nil || child.joined {
		k.refuse(fmt.Errorf("process %d is not a child of process %d that can still be joined", pid, p.PID))
		return
	}
	child.joined = true
	child.ended.P()
	k.setResult(child.exitStatus)
	//solution:stub
	// // Project 2: find the child among p.children (refuse anything else, and
	// // a second Join), wait for it to end (child.ended), return its status.
	// k.refuse(fmt.Errorf("Join(%d) is not written yet", int32(k.arg(0))))
	//solution:broken join-no-wait
	// // Returns at once, without waiting for the child to end.
	// pid := int(int32(k.arg(0)))
	// for _, c := range p.children {
	// 	if c.PID == pid {
	// 		k.setResult(c.exitStatus)
	// 		return
	// 	}
	// }
	// k.setResult(-1)
	//solution:end
}

// Fork(func) starts a new thread in the caller's address space, running
// func on a stack of its own. When func returns, it comes back to the
// kernel at threadReturn, which ends the thread. (Stubs differ in what
// they leave in the other registers, so Fork trusts none of them.) It
// returns the thread's id within the process (1 for the first Fork, 2 for
// the next...), or -1.
func sysFork(k *Kernel, p *Process) {
	pc := k.arg(0)
	if !p.exe.inCode(pc) || pc&3 != 0 {
		k.refuse(fmt.Errorf("0x%08x is not the address of code in the program", pc))
		return
	}
	//solution:begin 2
	bottom, top, err := k.newThreadStack(p)
	if err != nil {
		k.refuse(err)
		return
	}
	p.space.RestoreState(k.Machine) // the page table has grown
	p.threads++
	t := k.Fork(p.threadName(len(p.forked)+1), func() { k.runForked(p, pc, bottom, top) })
	p.forked = append(p.forked, t)
	k.setResult(int32(len(p.forked)))
	//solution:stub
	// // Project 2: give the thread a stack (k.newThreadStack), count it in
	// // p.threads, fork a kernel thread that runs pc in p (k.runForked), and
	// // return its number.
	// k.refuse(fmt.Errorf("Fork(0x%08x) is not written yet", pc))
	//solution:end
}

// threadReturn is where a forked thread's function returns to: an address
// no program has (address spaces are far smaller), so the jump faults,
// and the kernel, seeing this PC in a forked thread, ends the thread as
// if it had called Exit.
const threadReturn = 0xfffffffc

// Yield() lets another thread run.
func sysYield(k *Kernel, p *Process) {
	k.Yield()
}

// Buffers that end in memory the program does not own.
//
// Read and Write move bytes in order and stop at the first one the
// program could not have read or written itself, as Linux's read and
// write do: the call returns how many bytes it moved, or -1 if it could
// not move even the first. Only the bytes actually moved must be
// reachable, so Read(buf, 100, fd) on a 16-byte file needs 16 writable
// bytes at buf, not 100. Nothing is written past a bad address, and a
// short Read takes no more from the file or the console than it returns.

// Write(buffer, size, id) writes size bytes to an open file; to the
// console for ConsoleOutput. It returns the number of bytes written, or -1.
func sysWrite(k *Kernel, p *Process) {
	buf, size, id := k.arg(0), int32(k.arg(1)), int32(k.arg(2))
	if err := checkLength(size); err != nil {
		k.refuse(err)
		return
	}
	of := p.files.get(id)
	if id != ConsoleOutput && of == nil {
		k.refuse(fmt.Errorf("file id %d is not open", id))
		return
	}
	data, stop := k.copyInPrefix(buf, int(size))
	if k.refuseShort(len(data), stop) {
		return
	}
	if stop != nil {
		k.noteShort(len(data), stop)
	}
	if of == nil {
		k.console.Write(data)
	} else if _, err := of.f.Write(data); err != nil {
		k.refuse(err)
		return
	}
	k.setResult(int32(len(data)))
}

// refuseShort refuses a Read or Write whose buffer was unreachable (stop
// says why) from its very first byte.
func (k *Kernel) refuseShort(n int, stop error) bool {
	if n == 0 && stop != nil {
		k.refuse(stop)
		return true
	}
	return false
}

// noteShort says under -d a that a Read or Write moved only n bytes
// because the buffer stopped being reachable there.
func (k *Kernel) noteShort(n int, stop error) {
	k.Debug.Printf('a', "%s by %s stops after %d bytes: %v\n", k.callName(), k.CurrentThread(), n, stop)
}

// Read(buffer, size, id) reads up to size bytes from an open file; from the
// console for ConsoleInput. It returns the number of bytes read (0 at the
// end of the input), or -1.
func sysRead(k *Kernel, p *Process) {
	buf, size, id := k.arg(0), int32(k.arg(1)), int32(k.arg(2))
	var err error
	if err := checkLength(size); err != nil {
		k.refuse(err)
		return
	}
	of := p.files.get(id)
	if id != ConsoleInput && of == nil {
		k.refuse(fmt.Errorf("file id %d is not open", id))
		return
	}
	room, stop := k.writablePrefix(p, buf, int(size))
	if k.refuseShort(room, stop) {
		return
	}
	data := make([]byte, room)
	var n int
	if of == nil {
		n = k.console.Read(data, func() bool { return p.killed })
	} else if n, err = readFile(of, data); err != nil {
		k.refuse(err)
		return
	}
	if err := k.copyOut(buf, data[:n]); err != nil {
		k.refuse(err)
		return
	}
	if n == room && stop != nil {
		k.noteShort(n, stop)
	}
	k.setResult(int32(n))
}

// GetPid() returns the caller's process id.
func sysGetPid(k *Kernel, p *Process) { k.setResult(int32(p.PID)) }

// Time() returns the current simulated time, in ticks.
func sysTime(k *Kernel, p *Process) { k.setResult(int32(k.Machine.Stats.TotalTicks)) }

// Random() returns a random number in [0, 2^31) from the machine's seeded
// generator, so that a program's choices repeat with its seed.
func sysRandom(k *Kernel, p *Process) { k.setResult(k.Machine.Random.Int()) }

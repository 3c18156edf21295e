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
)

// The console's file ids.
const (
	ConsoleInput  = 0
	ConsoleOutput = 1
)

// A syscallEntry is one row of the system call table.
type syscallEntry struct {
	name string
	call func(k *Kernel, p *Process) // reads arguments, sets the result
}

var nachos3Calls = []syscallEntry{
	scHalt:   {"Halt", sysHalt},
	scExit:   {"Exit", sysExit},
	scExec:   {"Exec", sysExec},
	scJoin:   {"Join", sysJoin},
	scCreate: {"Create", sysCreate},
	scOpen:   {"Open", sysOpen},
	scRead:   {"Read", sysRead},
	scWrite:  {"Write", sysWrite},
	scClose:  {"Close", sysClose},
	scFork:   {"Fork", sysFork},
	scYield:  {"Yield", sysYield},

	scCreateLock:       {"CreateLock", sysCreateLock},
	scDestroyLock:      {"DestroyLock", sysDestroyLock},
	scAcquire:          {"Acquire", sysAcquire},
	scRelease:          {"Release", sysRelease},
	scCreateCondition:  {"CreateCondition", sysCreateCondition},
	scDestroyCondition: {"DestroyCondition", sysDestroyCondition},
	scWait:             {"Wait", sysWait},
	scSignal:           {"Signal", sysSignal},
	scBroadcast:        {"Broadcast", sysBroadcast},
	scCreateSemaphore:  {"CreateSemaphore", sysCreateSemaphore},
	scDestroySemaphore: {"DestroySemaphore", sysDestroySemaphore},
	scP:                {"P", sysP},
	scV:                {"V", sysV},
	scCreateMV:         {"CreateMV", sysCreateMV},
	scGetMV:            {"GetMV", sysGetMV},
	scSetMV:            {"SetMV", sysSetMV},
	scDestroyMV:        {"DestroyMV", sysDestroyMV},

	scPrint:  {"Print", sysPrint},
	scPrintf: {"Printf", sysPrintf},
	scRandom: {"Random", sysRandom},
	scRemove: {"Remove", sysRemove},
	scGetPid: {"GetPid", sysGetPid},
	scTime:   {"Time", sysTime},
}

// syscall serves the system call p has just made.
func (k *Kernel) syscall(p *Process) {
	m := k.Machine
	code := m.ReadRegister(machine.ResultReg)
	if code >= uint32(len(k.abi.calls)) || k.abi.calls[code].call == nil {
		fmt.Fprintf(k.Err, "nachos: %s: unknown system call %d at pc 0x%08x in the %s system call numbering (%s)\n",
			p.Path, int32(code), m.ReadRegister(machine.PCReg), k.abi.Name, k.abi.Doc)
		k.setResult(-1)
	} else {
		sc := k.abi.calls[code]
		if k.Debug.Enabled('a') { // the arguments would be boxed even for nothing
			k.Debug.Printf('a', "System call %s(0x%x, 0x%x, 0x%x, 0x%x) by %s\n", sc.name,
				k.arg(0), k.arg(1), k.arg(2), k.arg(3), k.CurrentThread())
		}
		if k.Trace.Enabled() {
			k.traceSyscall(sc.name)
		}
		sc.call(k, p)
		if k.Trace.Enabled() {
			k.Trace.Emit(trace.Event{Kind: trace.SyscallReturn, Name: sc.name,
				Result: int64(int32(m.ReadRegister(machine.ResultReg)))})
		}
	}
	m.AdvancePC()
}

// arg returns argument i (0 to 3) of the system call.
func (k *Kernel) arg(i int) uint32 { return k.Machine.ReadRegister(machine.Arg1Reg + i) }

// setResult is the value the system call returns to the program.
func (k *Kernel) setResult(v int32) { k.Machine.WriteRegister(machine.ResultReg, uint32(v)) }

// refuse makes the call return -1, saying why under -d a.
func (k *Kernel) refuse(p *Process, why error) {
	k.Debug.Printf('a', "%s by %s returns -1: %v\n", k.callName(), k.CurrentThread(), why)
	k.setResult(-1)
}

// callName is the name of the system call being served, as the program's
// ABI names it. The code is still in $2, which is the calling thread's
// own register even if the call blocked and other threads ran meanwhile;
// only setResult replaces it.
func (k *Kernel) callName() string {
	if code := k.Machine.ReadRegister(machine.ResultReg); code < uint32(len(k.abi.calls)) && k.abi.calls[code].call != nil {
		return k.abi.calls[code].name
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
	if k.currentUserThread().main {
		p.exitStatus = int32(k.arg(0))
	}
	k.endThread(p)
}

// Exec(name) starts the program in the executable called name as a new
// process, a child of the caller, and returns its process id, or -1.
func sysExec(k *Kernel, p *Process) { k.execProgram(p, k.arg(0)) }

// execProgram runs the program whose name is at address nameAddr as a
// child of p, and returns its process id to p.
func (k *Kernel) execProgram(p *Process, nameAddr uint32) {
	name, err := k.readString(nameAddr, maxPathLen)
	if err != nil {
		k.refuse(p, err)
		return
	}
	child, err := k.newProcess(name, p)
	if errors.Is(err, fs.ErrNotExist) && !strings.Contains(name, "/") {
		// A bare name is also looked for beside the caller's own program,
		// so a shell in test/ can run "halt".
		child, err = k.newProcess(filepath.Join(filepath.Dir(p.Path), name), p)
	}
	if err != nil {
		k.refuse(p, err)
		return
	}
	p.children = append(p.children, child)
	k.Fork(child.threadName(0), func() { k.runMain(child) })
	k.setResult(int32(child.PID))
}

// Join(pid) waits for the caller's child pid to end and returns its exit
// status, or -1 if pid is not a child of the caller or was joined before.
func sysJoin(k *Kernel, p *Process) {
	pid := int(int32(k.arg(0)))
	var child *Process
	for _, c := range p.children {
		if c.PID == pid {
			child = c
		}
	}
	if child == nil || child.joined {
		k.refuse(p, fmt.Errorf("process %d is not a child of process %d that can still be joined", pid, p.PID))
		return
	}
	child.joined = true
	child.ended.P()
	k.setResult(child.exitStatus)
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
		k.refuse(p, fmt.Errorf("0x%08x is not the address of code in the program", pc))
		return
	}
	bottom, top, err := k.newThreadStack(p)
	if err != nil {
		k.refuse(p, err)
		return
	}
	p.space.RestoreState(k.Machine) // the page table has grown
	p.threads++
	t := k.Fork(p.threadName(len(p.forked)+1), func() { k.runForked(p, pc, bottom, top) })
	p.forked = append(p.forked, t)
	k.setResult(int32(len(p.forked)))
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

// Write(buffer, size, id) writes size bytes to an open file; to the
// console for ConsoleOutput. It returns the number of bytes written, or -1.
func sysWrite(k *Kernel, p *Process) {
	buf, size, id := k.arg(0), int32(k.arg(1)), int32(k.arg(2))
	if err := checkLength(size); err != nil {
		k.refuse(p, err)
		return
	}
	of := p.files.get(id)
	if id != ConsoleOutput && of == nil {
		k.refuse(p, fmt.Errorf("file id %d is not open", id))
		return
	}
	data, err := k.copyIn(buf, int(size))
	if err != nil {
		k.refuse(p, err)
		return
	}
	if of == nil {
		k.console.Write(data)
	} else if _, err := of.f.Write(data); err != nil {
		k.refuse(p, err)
		return
	}
	k.setResult(size)
}

// Read(buffer, size, id) reads up to size bytes from an open file; from the
// console for ConsoleInput. It returns the number of bytes read (0 at the
// end of the input), or -1.
func sysRead(k *Kernel, p *Process) {
	buf, size, id := k.arg(0), int32(k.arg(1)), int32(k.arg(2))
	var err error
	if err := checkLength(size); err != nil {
		k.refuse(p, err)
		return
	}
	of := p.files.get(id)
	if id != ConsoleInput && of == nil {
		k.refuse(p, fmt.Errorf("file id %d is not open", id))
		return
	}
	if err := k.checkWritable(p, buf, int(size)); err != nil {
		k.refuse(p, err)
		return
	}
	data := make([]byte, size)
	var n int
	if of == nil {
		n = k.console.Read(data, func() bool { return p.killed })
	} else if n, err = readFile(of, data); err != nil {
		k.refuse(p, err)
		return
	}
	if err := k.copyOut(buf, data[:n]); err != nil {
		k.refuse(p, err)
		return
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

// Processes: programs in execution, each with its own address space.
//
// A process owns an address space and runs one or more user threads in
// it. Every user thread is a kernel thread that spends its life inside
// Machine.Run, executing the program's instructions, and enters the
// kernel only through exceptions. When a thread loses the CPU, its user
// registers are saved with it, and the next thread's are loaded with its
// address space (userThread, below).
//
// Processes form a tree: Exec makes the caller the parent of a new
// process, and only the parent may Join it, once, to learn its exit
// status.

package userprog

import (
	"fmt"

	"nachos/kernel"
	"nachos/kernel/trace"
	"nachos/machine"
)

// KilledStatus is the exit status Join reports for a process that was
// killed by an exception with the given cause. It is far below any value
// a program passes to Exit by habit.
func KilledStatus(cause machine.ExceptionType) int32 { return -1000 - int32(cause) }

// Process is one running user program.
type Process struct {
	PID    int
	Path   string // the executable, as named on the command line or to Exec
	parent *Process
	exe    *Executable
	space  *AddrSpace

	children   []*Process // started by Exec, in order
	files      handleTable[openFile]
	locks      handleTable[userLock]
	conditions handleTable[userCondition]
	semaphores handleTable[userSemaphore]
	mvs        handleTable[monitorVariable]
	threads    int               // user threads that have not ended
	main       *kernel.Thread    // the thread that runs main
	forked     []*kernel.Thread  // made by Fork; thread id i+1 is forked[i]
	freeStacks []uint32          // the bottoms of ended threads' stacks, for new threads
	exitStatus int32             // what main passed to Exit, or KilledStatus
	killed     bool              // a fault ended the process
	ended      *kernel.Semaphore // V'd once when the process ends, for Join
	joined     bool              // the parent has joined it (or is joining)
}

// userThread is the state a user thread keeps while it is switched out:
// its registers, and whose address space it runs in.
type userThread struct {
	k    *Kernel
	proc *Process
	main bool // the program's first thread: its Exit status is the process's
	regs [machine.NumTotalRegs]uint32

	// stackBottom is the lowest address of the thread's stack. Below it
	// lies other memory: a stack pointer down there means the stack
	// overflowed into it (see kill).
	stackBottom uint32
}

// Save implements kernel.SwitchContext.
func (u *userThread) Save() {
	for r := range u.regs {
		u.regs[r] = u.k.Machine.ReadRegister(r)
	}
}

// Restore implements kernel.SwitchContext.
func (u *userThread) Restore() {
	for r := range u.regs {
		u.k.Machine.WriteRegister(r, u.regs[r])
	}
	u.proc.space.RestoreState(u.k.Machine)
}

// newProcess loads the program at path and gives it an address space.
func (k *Kernel) newProcess(path string, parent *Process) (*Process, error) {
	exe, err := Load(path)
	if err != nil {
		return nil, err
	}
	space, err := k.NewAddrSpace(exe, k.stackSize)
	if err != nil {
		return nil, err
	}
	p := &Process{PID: k.nextPID, Path: path, parent: parent, exe: exe, space: space,
		ended: k.NewSemaphore(fmt.Sprintf("process %d ended", k.nextPID), 0),
		files: handleTable[openFile]{first: ConsoleOutput + 1}}
	k.nextPID++
	k.live++
	k.Debug.Printf('a', "Process %d runs %s (%s, entry 0x%08x)\n", p.PID, path, exe.Format, exe.Entry)
	if k.Trace.Enabled() {
		k.Trace.Emit(trace.Event{Kind: trace.ProcessStart, Proc: p.PID, Name: path})
		k.traceFrames(p, 0, len(space.pageTable))
	}
	return p, nil
}

// runMain makes the current kernel thread p's first user thread and runs
// the program from its entry point. It never returns: the thread leaves
// Machine.Run only by ending.
func (k *Kernel) runMain(p *Process) {
	p.threads++
	p.main = k.CurrentThread()
	p.main.SetName(p.threadName(0)) // the first program runs on the kernel's boot thread
	p.main.SetPID(p.PID)
	p.main.Context = &userThread{k: k, proc: p, main: true,
		stackBottom: uint32(p.exe.stackBase(uint64(k.Machine.PageSize())))}
	p.space.InitRegisters(k.Machine, p.exe.Entry)
	p.space.RestoreState(k.Machine)
	k.Machine.Run()
}

// runForked runs a thread made by the Fork system call: it starts at pc
// with its own stack from stackBottom up to stackTop, and its function
// returns to threadReturn, which ends it.
func (k *Kernel) runForked(p *Process, pc, stackBottom, stackTop uint32) {
	m := k.Machine
	k.CurrentThread().Context = &userThread{k: k, proc: p, stackBottom: stackBottom}
	k.CurrentThread().SetPID(p.PID)
	p.space.InitRegisters(m, pc)
	m.WriteRegister(machine.StackReg, stackTop-16)
	m.WriteRegister(machine.RetAddrReg, threadReturn)
	p.space.RestoreState(m)
	m.Run()
}

// threadName names thread id of p (0 for the first), so that traces and
// deadlock reports tell processes apart: "test/sort (pid 3) thread 1".
func (p *Process) threadName(id int) string {
	if id == 0 {
		return fmt.Sprintf("%s (pid %d)", p.Path, p.PID)
	}
	return fmt.Sprintf("%s (pid %d) thread %d", p.Path, p.PID, id)
}

// currentProcess is the process of the running user thread.
func (k *Kernel) currentProcess() *Process { return k.currentUserThread().proc }

// currentUserThread is the running user thread's own state.
func (k *Kernel) currentUserThread() *userThread {
	return k.CurrentThread().Context.(*userThread)
}

// endThread ends the calling user thread. With the last thread the
// process ends: its memory is freed and a joining parent is woken. With
// the last process, the machine halts.
func (k *Kernel) endThread(p *Process) {
	p.threads--
	if u := k.currentUserThread(); !u.main && p.threads > 0 {
		k.freeThreadStack(p, u.stackBottom)
	}
	if p.threads == 0 {
		if !p.killed {
			k.announce(p, "exited with status %d (pid %d)", p.exitStatus, p.PID)
		}
		k.freeAddrSpace(p.space)
		closeFiles(p)
		k.Trace.Emit(trace.Event{Kind: trace.ProcessExit, Proc: p.PID, Result: int64(p.exitStatus)})
		k.live--
		if k.live == 0 {
			k.Halt()
		}
		p.ended.V()
	}
	k.Finish()
}

// announce writes a kernel message about p in the form
// "nachos: PROGRAM: what happened".
func (k *Kernel) announce(p *Process, format string, args ...any) {
	k.console.Say(k.Out, fmt.Sprintf("nachos: %s: %s\n", p.Path, fmt.Sprintf(format, args...)))
}

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
	"slices"

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

	// The thread's stack is [stackBottom, stackTop). Below it lies other
	// memory: a stack pointer down there, or wrapped around below 0 to
	// the top of the 32-bit space, means the stack overflowed (see
	// fault.go).
	stackBottom, stackTop uint32
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
	k.processes = append(k.processes, p)
	k.Debug.Printf('a', "Process %d runs %s (%s, entry 0x%08x)\n", p.PID, path, exe.Format, exe.Entry)
	for _, note := range exe.Notes {
		k.Debug.Printf('a', "%s: %s\n", path, note)
	}
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
		stackBottom: uint32(p.exe.stackBase(uint64(k.Machine.PageSize()))), stackTop: p.space.Size()}
	p.space.InitRegisters(k.Machine, p.exe.Entry)
	p.space.RestoreState(k.Machine)
	k.Machine.Run()
}

// runForked runs a thread made by the Fork system call: it starts at pc
// with its own stack from stackBottom up to stackTop, and its function
// returns to threadReturn, which ends it.
func (k *Kernel) runForked(p *Process, pc, stackBottom, stackTop uint32) {
	m := k.Machine
	k.CurrentThread().Context = &userThread{k: k, proc: p, stackBottom: stackBottom, stackTop: stackTop}
	k.CurrentThread().SetPID(p.PID)
	p.space.InitRegisters(m, pc)
	m.WriteRegister(machine.StackReg, stackTop-16)
	m.WriteRegister(machine.RetAddrReg, threadReturn)
	p.space.RestoreState(m)
	m.Run()
}

// Symbols names p's code: its functions and, when it was built with -g,
// its source lines. A NOFF program has none (nil, which names nothing).
func (p *Process) Symbols() *Symbols { return p.exe.Symbols() }

// where says where in p the code at pc is, for messages:
// "pc 0x00000258 in main+0x18 (bad.c:12)", or "pc 0x00000258" when p's
// symbols do not know.
func (p *Process) where(pc uint32) string {
	if name := p.Symbols().Describe(pc); name != "" {
		return fmt.Sprintf("pc 0x%08x in %s", pc, name)
	}
	return fmt.Sprintf("pc 0x%08x", pc)
}

// faultPlace says where in p the fault at the PC happened, for a fault
// report: as where does, or, when the program jumped to an address with
// no code (jumped), by the last instruction that ran, next to the jump
// that went wrong: "pc 0x00000043, reached from main+0x1c (badjump.c:17)".
// Whatever function's range a bad jump lands in is no help.
func (p *Process) faultPlace(m *machine.Machine, jumped bool) string {
	pc := m.ReadRegister(machine.PCReg)
	if !jumped {
		return p.where(pc)
	}
	if from := p.Symbols().Describe(m.ReadRegister(machine.PrevPCReg)); from != "" {
		return fmt.Sprintf("pc 0x%08x, reached from %s", pc, from)
	}
	return fmt.Sprintf("pc 0x%08x", pc)
}

// nameCode is the machine's Namer: it names code in the running
// program. Only user code is traced or single-stepped, so the running
// thread is a user thread.
func (k *Kernel) nameCode(pc uint32) machine.CodeName {
	u, ok := k.CurrentThread().Context.(*userThread)
	if !ok {
		return machine.CodeName{}
	}
	return u.proc.Symbols().CodeName(pc)
}

// threadName names thread id of p (0 for the first), so that traces and
// deadlock reports tell processes apart: "test/sort (pid 3) thread 1".
func (p *Process) threadName(id int) string {
	if id == 0 {
		return fmt.Sprintf("%s (pid %d)", p.Path, p.PID)
	}
	return fmt.Sprintf("%s (pid %d) thread %d", p.Path, p.PID, id)
}

// ProcessOf returns the process that user thread t belongs to, and its
// thread id within it (0 for the first), for a debugger's list of
// threads; false for a kernel thread.
func (k *Kernel) ProcessOf(t *kernel.Thread) (p *Process, id int, ok bool) {
	u, ok := t.Context.(*userThread)
	if !ok {
		return nil, 0, false
	}
	if !u.main {
		id = slices.Index(u.proc.forked, t) + 1
	}
	return u.proc, id, true
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
	if !p.killed && k.Debug.Enabled('s') { // it says nothing otherwise
		k.warnExit(p)
	}
	p.threads--
	if u := k.currentUserThread(); !u.main && p.threads > 0 {
		k.freeThreadStack(p, u.stackBottom)
	}
	if p.threads == 0 {
		if !p.killed && !k.Quiet {
			k.announce(p, "exited with status %d (pid %d)", p.exitStatus, p.PID)
		}
		k.freeAddrSpace(p.space)
		closeFiles(p)
		k.Trace.Emit(trace.Event{Kind: trace.ProcessExit, Proc: p.PID, Result: int64(p.exitStatus)})
		k.processes = slices.DeleteFunc(k.processes, func(q *Process) bool { return q == p })
		if len(k.processes) == 0 {
			k.Halt()
		}
		p.ended.V()
	}
	k.Finish()
}

// announce writes a kernel message about p in the form
// "nachos: PROGRAM: what happened", to the error output with the kernel's
// other messages, so that the output holds only what programs wrote.
func (k *Kernel) announce(p *Process, format string, args ...any) {
	k.console.Say(k.Err, fmt.Sprintf("nachos: %s: %s\n", p.Path, fmt.Sprintf(format, args...)))
}

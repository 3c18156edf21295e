// Processes: a program in execution, with its own address space.

package userprog

import "fmt"

// Process is one running user program.
type Process struct {
	PID   int
	Path  string // the executable, as named on the command line or to Exec
	exe   *Executable
	space *AddrSpace
}

// newProcess loads the program at path and gives it an address space.
func (k *Kernel) newProcess(path string) (*Process, error) {
	exe, err := Load(path)
	if err != nil {
		return nil, err
	}
	space, err := k.NewAddrSpace(exe, k.stackSize)
	if err != nil {
		return nil, err
	}
	p := &Process{PID: k.nextPID, Path: path, exe: exe, space: space}
	k.nextPID++
	k.live++
	k.Debug.Printf('a', "Process %d runs %s (%s, entry 0x%08x)\n", p.PID, path, exe.Format, exe.Entry)
	return p, nil
}

// runProcess starts p's program on the CPU of the current thread. It
// returns only if the machine stops.
func (k *Kernel) runProcess(p *Process) {
	k.current = p
	p.space.InitRegisters(k.Machine, p.exe.Entry)
	p.space.RestoreState(k.Machine)
	k.Machine.Run()
}

// exitProcess ends p. When the last process ends, the machine halts.
func (k *Kernel) exitProcess(p *Process) {
	k.freeAddrSpace(p.space)
	k.live--
	if k.live == 0 {
		k.Halt()
	}
	k.Finish()
}

// announce writes a kernel message about p in the form
// "nachos: PROGRAM: what happened".
func (k *Kernel) announce(p *Process, format string, args ...any) {
	fmt.Fprintf(k.Out, "nachos: %s: %s\n", p.Path, fmt.Sprintf(format, args...))
}

// The multiprogramming kernel: the base kernel plus user processes.

package userprog

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"nachos/kernel"
)

// Config is what this layer adds to the base kernel's configuration.
type Config struct {
	StackSize int    // bytes of user stack (default DefaultStackSize)
	FSRoot    string // the directory user programs' files live in (default ".")
	ABI       *ABI   // the system call numbering (default ABIs[0], nachos3)
}

// Kernel is a kernel that runs user programs. It embeds the base kernel,
// so threads, semaphores and the machine are all at hand.
type Kernel struct {
	*kernel.Kernel

	frames    *Bitmap       // free physical frames
	console   *SynchConsole // the console, shared by every process
	root      *os.Root      // the sandbox directory for files
	abi       *ABI          // how programs number their system calls
	stackSize int
	nextPID   int
	processes []*Process // the processes that have not ended, oldest first
	openFiles int        // files open in all processes, at most maxKernelOpenFiles
	tlbNext   int        // the TLB entry the next refill replaces

	messenger Messenger  // the network for Send and Receive, or nil
	remote    RemoteSync // the lock server (--remote), or nil
	pager     Pager      // demand paging, or nil
}

// New boots nothing yet: it builds the machine and the kernel.
func New(kc kernel.Config, c Config) (*Kernel, error) {
	base, err := kernel.New(kc)
	if err != nil {
		return nil, err
	}
	switch {
	case c.StackSize == 0:
		c.StackSize = DefaultStackSize
	case c.StackSize < MinStackSize:
		return nil, fmt.Errorf("--stack: a stack of %d bytes is too small for a C program: use at least %d (the default is %d)",
			c.StackSize, MinStackSize, DefaultStackSize)
	}
	root, err := openRoot(c.FSRoot)
	if err != nil {
		return nil, fmt.Errorf("--fs-root: %w", err)
	}
	if c.ABI == nil {
		c.ABI = ABIs[0]
	}
	if !slices.Contains(ABIs, c.ABI) { // a course's own, from --abi FILE
		base.Debug.Printf('a', "System call numbering %s: %s\n", c.ABI.Name, strings.Join(c.ABI.Table(), ", "))
	}
	k := &Kernel{Kernel: base, stackSize: c.StackSize, nextPID: 1, root: root, abi: c.ABI,
		frames: NewBitmap(base.Machine.NumPhysPages())}
	k.console = k.newSynchConsole()
	k.BeforeHalt = k.console.sayLater // another process may be in the middle of a Write
	k.DeadlockNotes = k.deadlockNotes
	k.Machine.SetExceptionHandler(k.handleException)
	k.Machine.Namer = k.nameCode
	return k, nil
}

// ABI returns the system call numbering the kernel was built with.
func (k *Kernel) ABI() *ABI { return k.abi }

// SetPager turns on demand paging (--vm): every process made from now on
// gets its memory from pager. The vm package calls it when it is built.
func (k *Kernel) SetPager(pager Pager) { k.pager = pager }

// RunProgram loads the executable at path and runs it as the first
// process, until the machine halts. An executable that cannot be loaded
// is reported as an error before anything runs; otherwise RunProgram
// returns the simulation's exit status (kernel.ExitOK and so on).
func (k *Kernel) RunProgram(path string) (int, error) {
	defer k.Close()
	if err := k.StartProgram(path); err != nil {
		return kernel.ExitBadInput, err
	}
	for !k.Run() {
	}
	return k.ExitStatus, nil
}

// StartProgram loads the executable at path as the first process and
// makes the kernel ready to run it (kernel.Start), for a machine in a
// cluster, whose runs the cluster interleaves.
func (k *Kernel) StartProgram(path string) error {
	p, err := k.newProcess(path, nil)
	if err != nil {
		return err
	}
	k.Start(func() { k.runMain(p) })
	return nil
}

// Close lets go of what the kernel holds on the host (the sandbox
// directory), once the machine has halted.
func (k *Kernel) Close() error { return k.root.Close() }

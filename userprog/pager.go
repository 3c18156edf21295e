// Demand paging, seen from the kernel that runs processes.
//
// Without virtual memory, an address space gets a frame for every page
// when it is made, and a TLB miss is repaired from its page table
// (tlb.go). With it (--vm), an address space starts with no frames at
// all: a page gets one the first time it is touched, and may lose it
// again to another page when memory is full. That is the vm package's
// business. This layer only says when it must act, through the two
// interfaces below, so that it never needs to know how pages are found
// or replaced: dependencies point downward, and vm builds on userprog,
// not the other way round.

package userprog

import (
	"fmt"

	"nachos/machine"
)

// A Pager is a memory manager that loads pages on demand (package vm
// provides one). The kernel asks it for the memory of each new process.
type Pager interface {
	// NewSpace makes the demand-paged memory of process pid, which runs
	// exe with its stack from address stackBase up to page numPages. No
	// page is loaded yet.
	NewSpace(pid int, exe *Executable, stackBase, numPages uint32) (PagedSpace, error)

	// InPageIO reports whether w, what a thread waits in, is the pager's
	// own wait for the disk. Such a thread holds frames and the disk, so
	// it must finish its transfer before it can end, even if its process
	// has been killed.
	InPageIO(w any) bool
}

// PagedSpace is one process's demand-paged memory.
type PagedSpace interface {
	// Activate runs when one of the process's threads gets the CPU: the
	// TLB still holds another process's translations.
	Activate()

	// Fault repairs a TLB miss at vaddr, loading the page if it is not
	// in memory. The calling thread may sleep while the disk works. It
	// returns the exception to report if vaddr is not an address of the
	// process, or an error if the page cannot be loaded, which ends the
	// process (its swap space is full). When the process was killed while
	// the thread slept, it returns neither: the caller finds out itself.
	Fault(vaddr uint32) (machine.ExceptionType, error)

	// AddPages adds n zero-filled pages at first (a new thread's stack),
	// or says why it cannot.
	AddPages(first, n uint32) error

	// FreePages gives back the frames and swap of n pages at first (an
	// ended thread's stack); they read as zeros when next touched.
	FreePages(first, n uint32)

	// Release gives back every frame and swap slot: the process has ended.
	Release()
}

// newPagedSpace is NewAddrSpace under demand paging: the pager learns
// the program's layout, and no frame is taken. The space is for the
// process newProcess makes next, which gets PID k.nextPID.
func (k *Kernel) newPagedSpace(exe *Executable, numPages, stackBase uint64) (*AddrSpace, error) {
	if numPages > machine.MaxMemory/uint64(k.Machine.PageSize()) {
		return nil, fmt.Errorf("%s: needs %d pages of memory, more than 1 GiB: is the file damaged, or the --stack too big?",
			exe.Path, numPages)
	}
	paged, err := k.pager.NewSpace(k.nextPID, exe, uint32(stackBase), uint32(numPages))
	if err != nil {
		return nil, err
	}
	k.Debug.Printf('a', "Paged address space for %s: %d pages, %d bytes of it program, none loaded yet\n", exe.Path, numPages, exe.End())
	return &AddrSpace{paged: paged, numPages: uint32(numPages), pageSize: uint32(k.Machine.PageSize())}, nil
}

// repairMiss has the pager repair a TLB miss at addr in p's memory. It
// returns the exception to report if addr is not p's. A process that
// cannot get the page (its swap is full) is killed, and a thread whose
// process was killed while it waited for the page ends: in both cases
// repairMiss does not return.
func (k *Kernel) repairMiss(p *Process, addr uint32) machine.ExceptionType {
	exc, err := p.space.paged.Fault(addr)
	switch {
	case p.killed:
		k.endThread(p)
	case err != nil:
		k.killFor(p, machine.PageFaultException, err.Error())
	}
	return exc
}

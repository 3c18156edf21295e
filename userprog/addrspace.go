// Address spaces: the memory a user program sees.
//
// A program's virtual addresses start at 0. The loader places the code,
// data and bss segments where the executable says, and the stack sits
// just above them, with forked threads' stacks above it:
//
//	0       0x400                                             size
//	+-------+------+------+-----+--------+--------+ ... +--------+
//	| guard | code | data | bss | stack  | thread | ... | thread |
//	+-------+------+------+-----+--------+--------+ ... +--------+
//	 invalid                    SP = top of the stack - 16
//
// The rule: the pages below the lowest segment (the guard, see
// test/script.ld) are invalid and have no frame, so a null pointer, which
// points there, faults (PageFaultException, or the same fault after a TLB
// miss) instead of reading the program's code; the kernel then reports a
// null pointer dereference. Every page from the lowest segment to the top
// of the stack is valid, backed by a frame from the kernel's frame bitmap
// and zero-filled before the program's bytes are copied in. A program
// linked at 0 (every Nachos 3.4 NOFF file) has no guard and runs exactly
// as it would in Nachos.
//
// Pages that hold only code or read-only data are marked read-only, so a
// stray write to them raises ReadOnlyException instead of corrupting the
// program.
//
// Under demand paging (--vm) no page has a frame at first: see pager.go
// and package vm, which keeps the same rule for the guard.

package userprog

import (
	"fmt"

	"nachos/machine"
)

// DefaultStackSize is the user stack, in bytes, as in Nachos.
const DefaultStackSize = 1024

// MinStackSize is the smallest user stack the kernel accepts: the 16
// bytes start.S leaves above the stack pointer and room for a small
// function's frame. Less would put the stack pointer below the stack.
const MinStackSize = 64

// MaxGuard is the largest gap the loader leaves unmapped below a
// program's lowest segment. A program that starts higher was linked for
// another system (Linux puts code at 0x00400000): it is refused rather
// than given a page table of millions of empty entries.
const MaxGuard = 1 << 20

// AddrSpace is one program's page table and the frames behind it, or,
// under demand paging, its paged memory.
type AddrSpace struct {
	pageTable []machine.TranslationEntry // nil under demand paging
	paged     PagedSpace                 // nil without demand paging
	numPages  uint32
	pageSize  uint32
}

// NewAddrSpace builds an address space for exe with stackSize bytes of
// stack, taking frames from k's frame bitmap. It fails, leaving every
// frame free, if the program does not fit in physical memory.
func (k *Kernel) NewAddrSpace(exe *Executable, stackSize int) (*AddrSpace, error) {
	m := k.Machine
	ps := uint64(m.PageSize())
	if guard := exe.guard(); guard > MaxGuard {
		return nil, fmt.Errorf("%s: its first segment starts at 0x%08x, far above address 0: it was linked for another system; link it with test/script.ld, which puts the program just above a 1 KiB guard at 0x400",
			exe.Path, guard)
	}
	size := exe.stackBase(ps) + uint64(stackSize)
	numPages := (size + ps - 1) / ps
	guardPages := uint64(exe.guard()) / ps
	if k.pager != nil {
		return k.newPagedSpace(exe, numPages, exe.stackBase(ps))
	}
	if numPages-guardPages > uint64(k.frames.NumClear()) {
		return nil, fmt.Errorf("%s: needs %d pages of memory (%d bytes of program and %d of stack) but only %d of the machine's %d pages are free; %s",
			exe.Path, numPages-guardPages, exe.End()-exe.guard(), stackSize, k.frames.NumClear(), m.NumPhysPages(), exe.tooBigAdvice(size))
	}
	as := &AddrSpace{pageTable: make([]machine.TranslationEntry, numPages), numPages: uint32(numPages), pageSize: uint32(ps)}
	for vpn := range as.pageTable {
		as.pageTable[vpn].VirtualPage = uint32(vpn)
		if uint64(vpn) < guardPages {
			continue // the guard: invalid, no frame
		}
		frame := k.frames.Find()
		clear(m.Memory[uint64(frame)*ps : uint64(frame+1)*ps])
		as.pageTable[vpn] = machine.TranslationEntry{
			VirtualPage: uint32(vpn), PhysicalPage: uint32(frame), Valid: true,
			ReadOnly: exe.ReadOnlyPage(uint32(vpn), uint32(ps)),
		}
	}
	for _, seg := range exe.Segments { // a page at a time: the frames need not be adjacent
		for done := 0; done < len(seg.Data); {
			va := uint64(seg.VAddr) + uint64(done)
			frame := uint64(as.pageTable[va/ps].PhysicalPage)
			done += copy(m.Memory[frame*ps+va%ps:(frame+1)*ps], seg.Data[done:])
		}
	}
	k.Debug.Printf('a', "Address space for %s: %d pages, %d bytes of it program, %d invalid below it (the guard)\n",
		exe.Path, numPages, exe.End()-exe.guard(), guardPages)
	return as, nil
}

// tooBigAdvice says what to do about a program that needs size bytes of
// memory, more than are free. One that needs more than any machine can
// have is corrupt or has an absurd --stack; only otherwise does more
// memory help.
func (e *Executable) tooBigAdvice(size uint64) string {
	if size > machine.MaxMemory {
		return "that is more than the largest machine (1 GiB): is the file damaged, or the --stack too big?"
	}
	return "run with a larger --phys-pages"
}

// stackBase is where the stack begins: where the program ends, as in
// Nachos, unless the program ends with read-only code or data. Then the
// stack starts on the next page, so that no page holds both read-only
// bytes and stack, however small the stack or large the page.
func (e *Executable) stackBase(pageSize uint64) uint64 {
	end := uint64(e.End())
	if n := len(e.Segments); n > 0 && e.Segments[n-1].ReadOnly {
		end = (end + pageSize - 1) / pageSize * pageSize
	}
	return end
}

// ReadOnlyPage reports whether page vpn holds only read-only segments'
// bytes (and at least one of them).
func (e *Executable) ReadOnlyPage(vpn, pageSize uint32) bool {
	lo, hi := uint64(vpn)*uint64(pageSize), uint64(vpn+1)*uint64(pageSize)
	touched := false
	for _, s := range e.Segments {
		if uint64(s.VAddr) < hi && uint64(s.VAddr)+uint64(s.MemSize) > lo {
			if !s.ReadOnly {
				return false
			}
			touched = true
		}
	}
	return touched
}

// readOnlyIn returns a read-only segment (code or read-only data) that
// overlaps the n bytes at addr, or nil.
func (e *Executable) readOnlyIn(addr uint32, n int) *Segment {
	for i, s := range e.Segments {
		if s.ReadOnly && uint64(s.VAddr) < uint64(addr)+uint64(n) && uint64(addr) < uint64(s.End()) {
			return &e.Segments[i]
		}
	}
	return nil
}

// inCode reports whether vaddr lies in the program's code (not at 0,
// which is where a null function pointer points).
func (e *Executable) inCode(vaddr uint32) bool {
	for _, s := range e.Segments {
		if s.Name == "code" && vaddr != 0 && vaddr >= s.VAddr && uint64(vaddr) < uint64(s.VAddr)+uint64(s.MemSize) {
			return true
		}
	}
	return false
}

// Size is the address space's size in bytes.
func (as *AddrSpace) Size() uint32 { return as.numPages * as.pageSize }

// Thread stacks.
//
// Each thread made by Fork gets a stack as big as main's (--stack bytes),
// in whole pages, so that a smaller page does not mean a smaller stack:
// at first new pages at the top of the address space, and when a thread
// ends, its pages lose their frames and wait, invalid, for the next Fork. A program that forks and joins threads in a loop so runs
// forever in the memory of the most threads it has at once.

// newThreadStack makes a stack for a new thread of p and returns its
// bottom and top. It fails, changing nothing, if the frames are not there
// (under demand paging, if the pager cannot add the pages).
func (k *Kernel) newThreadStack(p *Process) (bottom, top uint32, err error) {
	m := k.Machine
	pages := k.threadStackPages()
	as := p.space
	if as.paged == nil && pages > k.frames.NumClear() {
		return 0, 0, fmt.Errorf("no memory for a %d-page thread stack (%d pages free)", pages, k.frames.NumClear())
	}
	if n := len(p.freeStacks); n > 0 {
		bottom, p.freeStacks = p.freeStacks[n-1], p.freeStacks[:n-1]
	} else {
		bottom = as.Size()
		if err := as.addPages(uint32(pages)); err != nil {
			return 0, 0, err
		}
	}
	top = bottom + uint32(pages*m.PageSize())
	if as.paged != nil {
		return bottom, top, nil // the pager zero-fills each page when first touched
	}
	first := int(bottom) / m.PageSize()
	for vpn := first; vpn < first+pages; vpn++ {
		frame := k.frames.Find()
		clear(m.Memory[frame*m.PageSize() : (frame+1)*m.PageSize()])
		as.pageTable[vpn].PhysicalPage, as.pageTable[vpn].Valid = uint32(frame), true
	}
	if k.Trace.Enabled() {
		k.traceFrames(p, first, first+pages)
	}
	return bottom, top, nil
}

// addPages adds n pages at the top of the space, for a thread's stack:
// invalid ones, which get their frames next, or under demand paging,
// pages the pager knows of but has not loaded.
func (as *AddrSpace) addPages(n uint32) error {
	if as.paged != nil {
		if err := as.paged.AddPages(as.numPages, n); err != nil {
			return err
		}
	} else {
		for range n {
			as.pageTable = append(as.pageTable, machine.TranslationEntry{VirtualPage: uint32(len(as.pageTable))})
		}
	}
	as.numPages += n
	return nil
}

// threadStackPages is how many pages a thread's stack takes.
func (k *Kernel) threadStackPages() int {
	return (k.stackSize + k.Machine.PageSize() - 1) / k.Machine.PageSize()
}

// freeThreadStack gives back the frames of the ended thread's stack at
// bottom, and keeps its pages for the next thread.
func (k *Kernel) freeThreadStack(p *Process, bottom uint32) {
	pages := k.threadStackPages()
	first := int(bottom) / k.Machine.PageSize()
	if p.space.paged != nil {
		p.space.paged.FreePages(uint32(first), uint32(pages))
	}
	for vpn := first; vpn < first+pages && vpn < len(p.space.pageTable); vpn++ {
		e := &p.space.pageTable[vpn]
		if e.Valid {
			k.frames.Clear(int(e.PhysicalPage))
			k.traceFrameFree(e.PhysicalPage)
			e.Valid = false
		}
	}
	p.freeStacks = append(p.freeStacks, bottom)
}

// freeAddrSpace returns the address space's frames to the bitmap.
func (k *Kernel) freeAddrSpace(as *AddrSpace) {
	if as.paged != nil {
		as.paged.Release()
	}
	for _, e := range as.pageTable {
		if e.Valid { // an ended thread's stack has given its frames back already
			k.frames.Clear(int(e.PhysicalPage))
			k.traceFrameFree(e.PhysicalPage)
		}
	}
	as.pageTable = nil
}

// InitRegisters sets up the CPU to start the program: PC at the entry
// point and the stack pointer 16 bytes below the top, leaving room for
// the calling convention's argument slots.
func (as *AddrSpace) InitRegisters(m *machine.Machine, entry uint32) {
	for r := 0; r < machine.NumTotalRegs; r++ {
		m.WriteRegister(r, 0)
	}
	m.SetPC(entry)
	m.WriteRegister(machine.StackReg, as.Size()-16)
}

// RestoreState installs the address space in the MMU, on every switch to
// one of its threads. A TLB still holds the previous space's
// translations, so every entry is invalidated.
func (as *AddrSpace) RestoreState(m *machine.Machine) {
	if as.paged != nil {
		as.paged.Activate()
		return
	}
	m.PageTable = as.pageTable
	for i := range m.TLB {
		m.TLB[i].Valid = false
	}
}

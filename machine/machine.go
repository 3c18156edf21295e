// The machine as a whole: the CPU's registers, physical memory, the MMU
// state and the devices every machine has (clock, interrupts, random
// source). Each Machine is independent, so a test or a network simulation
// can run several in one process.

package machine

import (
	"fmt"
	"io"
	"math/bits"
)

// Defaults for a Config left zero. 128 pages of 128 bytes is Nachos 4.x's
// machine: large enough for matmult and sort without virtual memory.
// Nachos 3.4's machine had 32 pages.
const (
	DefaultPhysPages = 128
	DefaultPageSize  = 128
)

// MaxMemory is the most physical memory a machine may have, in bytes.
const MaxMemory = 1 << 30

// Config describes the hardware to build.
type Config struct {
	PhysPages int    // frames of physical memory (default 128)
	PageSize  int    // bytes per page, a power of two from 16 to 65536 (default 128)
	TLBSize   int    // entries in a software-managed TLB; 0 translates through a page table
	Seed      uint32 // seeds the machine's random generator

	// Clock is the tick the machine is switched on at: 0, except for a
	// machine of a cluster booted (or rebooted) while the others run.
	Clock int64
}

// Machine is one simulated computer.
type Machine struct {
	// reg is the register file in the Nachos layout. Past NumTotalRegs it
	// has room for sinkReg and for any byte-sized register number, which
	// spares the CPU loop every bounds check (predecode.go).
	reg [256]uint32

	// Memory is physical memory. The kernel copies programs and system
	// call arguments in and out of it directly, as a real kernel would
	// through a direct-mapped window.
	Memory []byte

	// PageTable is the current address space's page table, installed by
	// the kernel on every context switch. Used when the machine has no TLB.
	PageTable []TranslationEntry

	// TLB is the software-managed TLB, or nil. The kernel fills it on a
	// TLBMissException.
	TLB []TranslationEntry

	Interrupt *Interrupt
	Stats     *Statistics
	Random    *Random

	handler ExceptionHandler

	pageSize  uint32
	pageShift uint32
	pageMask  uint32 // pageSize-1
	wordKey   uint32 // key(addr, 4): the bits a word access must match in a cache

	// Recently translated pages, for each kind of access (pagecache.go).
	fetches       codeTable
	loads, stores pageTable
	generation    uint32 // counts the flushes of the caches

	decoded []*codeFrame // each frame's decoded instructions, or nil (predecode.go)

	stopped bool          // Stop was called: Run returns
	exc     ExceptionType // raised by the current instruction, not yet delivered

	// Trace, when set, receives one line per instruction: the address,
	// the disassembly and the registers it changed (the -d m flag).
	Trace io.Writer

	// observer, when set, is told what the hardware does (observer.go);
	// observeInstructions sends every instruction to it too.
	observer            Observer
	observeInstructions bool

	// References, when set, is told every virtual address the MMU
	// translates, instruction fetches included (see mmu.go). It slows the
	// CPU down to one instruction at a time; tick counts do not change.
	References func(vaddr uint32)

	// StepHook, when set, is called after every instruction and its tick,
	// for single-stepping (the -s flag).
	StepHook func()

	// DebugHook, when set, is called before every instruction, with PC
	// naming the instruction about to run: where a debugger stops (a
	// breakpoint stops before the instruction at its address, even the
	// first instruction of a thread). See debugport.go.
	DebugHook func()

	// Namer, when set, names the code at a virtual address for traces
	// and the single-stepper (CodeName). The kernel installs it: only
	// the kernel knows which program is running and where its symbols
	// are. It is called only when an instruction is traced or shown,
	// never in the CPU loop.
	Namer func(pc uint32) CodeName

	// traceLine is the source line of the last traced instruction, so
	// that the trace shows a line only when it changes. Written only by
	// stepTraced.
	traceLine string
}

// New builds a machine. It returns an error for an impossible
// configuration.
func New(c Config) (*Machine, error) {
	if c.PhysPages == 0 {
		c.PhysPages = DefaultPhysPages
	}
	if c.PageSize == 0 {
		c.PageSize = DefaultPageSize
	}
	switch {
	case c.PageSize < 16 || c.PageSize > 1<<16 || bits.OnesCount(uint(c.PageSize)) != 1:
		return nil, fmt.Errorf("page size %d is not a power of two between 16 and 65536", c.PageSize)
	case c.PhysPages < 1 || c.PhysPages > MaxMemory/c.PageSize:
		return nil, fmt.Errorf("%d physical pages of %d bytes is not a memory size between one page and 1 GiB", c.PhysPages, c.PageSize)
	case c.TLBSize == 1 || c.TLBSize < 0 || c.TLBSize > 1024:
		// One entry cannot hold an instruction's page and its data's page
		// at once: a load from another page could never complete.
		return nil, fmt.Errorf("a TLB size of %d is out of range (0 for none, or 2 to 1024 entries)", c.TLBSize)
	}
	stats := &Statistics{TotalTicks: c.Clock}
	m := &Machine{
		Memory:    make([]byte, c.PhysPages*c.PageSize),
		Interrupt: newInterrupt(stats),
		Stats:     stats,
		Random:    NewRandom(c.Seed),
		pageSize:  uint32(c.PageSize),
		pageShift: uint32(bits.TrailingZeros(uint(c.PageSize))),
		pageMask:  uint32(c.PageSize - 1),
		wordKey:   ^uint32(c.PageSize-1) | 3,
	}
	m.decoded = make([]*codeFrame, c.PhysPages)
	if c.TLBSize > 0 {
		m.TLB = make([]TranslationEntry, c.TLBSize)
	}
	// Every line of the new tables counts as filled, so that the first
	// flush empties them all: a zero line would match page 0.
	m.fetches.filled, m.loads.filled, m.stores.filled = ^uint64(0), ^uint64(0), ^uint64(0)
	m.flushPageCaches()
	return m, nil
}

// PageSize is the size of a page and of a physical frame, in bytes.
func (m *Machine) PageSize() int { return int(m.pageSize) }

// NumPhysPages is the number of physical frames.
func (m *Machine) NumPhysPages() int { return len(m.Memory) / int(m.pageSize) }

// SetExceptionHandler installs the kernel's exception entry point.
func (m *Machine) SetExceptionHandler(h ExceptionHandler) { m.handler = h }

// Stop makes Run return before the next instruction. The kernel calls it
// to halt; the instruction that was executing (the Halt system call) is
// not charged a tick.
func (m *Machine) Stop() { m.stopped = true }

// Stopped reports whether Stop has been called.
func (m *Machine) Stopped() bool { return m.stopped }

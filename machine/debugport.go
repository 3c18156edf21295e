// The debug port: what a debugger needs from the hardware.
//
// A real board has a debug interface (EJTAG on MIPS) through which a
// probe can stop the CPU before an instruction, read and write registers
// and memory without disturbing the program, and see exceptions as they
// are raised. This file is that interface for the simulated machine.
// Nothing here costs the CPU loop anything while no debugger is attached:
// the loop checks DebugHook only on its slow path (cpu.go).
//
// Simulator note: a probe's reads must not change what the program would
// see, so Peek and Poke set no use or dirty bits and raise no exceptions.
// They translate through the TLB and, for a page the TLB does not hold,
// through the page table the kernel last installed, as a debugger on a
// real machine walks the operating system's tables.

package machine

// debugEntry finds the translation of page vpn for the debug port: the
// TLB's if it holds the page, or the installed page table's.
func (m *Machine) debugEntry(vpn uint32) (*TranslationEntry, bool) {
	if m.TLB != nil {
		if e := m.findTLB(vpn); e != nil {
			return e, true
		}
	}
	if vpn < uint32(len(m.PageTable)) && m.PageTable[vpn].Valid {
		return &m.PageTable[vpn], true
	}
	return nil, false
}

// DebugTranslate returns the physical address of virtual address vaddr,
// or false if no valid translation maps it. It changes nothing.
func (m *Machine) DebugTranslate(vaddr uint32) (uint32, bool) {
	e, ok := m.debugEntry(vaddr >> m.pageShift)
	if !ok || e.PhysicalPage >= uint32(len(m.Memory))>>m.pageShift {
		return 0, false
	}
	return e.PhysicalPage<<m.pageShift | vaddr&m.pageMask, true
}

// PeekByte reads the byte at virtual address vaddr without the side
// effects of a load. It returns false if the address is not mapped.
func (m *Machine) PeekByte(vaddr uint32) (byte, bool) {
	pa, ok := m.DebugTranslate(vaddr)
	if !ok {
		return 0, false
	}
	return m.Memory[pa], true
}

// PokeByte writes the byte at virtual address vaddr without the side
// effects of a store, even on a read-only page (a debugger may patch
// code). It returns false if the address is not mapped.
func (m *Machine) PokeByte(vaddr uint32, b byte) bool {
	pa, ok := m.DebugTranslate(vaddr)
	if !ok {
		return false
	}
	m.Memory[pa] = b
	// The decoded copy of the frame, if any, is checked again before the
	// next fetch from it.
	m.flushPageCaches()
	return true
}

// ExceptionHandler returns the handler installed with
// SetExceptionHandler, so that a debugger can see every exception on its
// way to the kernel by installing a handler that calls this one.
func (m *Machine) ExceptionHandler() ExceptionHandler { return m.handler }

// Address translation: from the virtual addresses a program uses to
// physical memory.
//
// Each access is checked in the order Nachos checks it:
//
//  1. alignment: a word at a multiple of 4, a halfword at a multiple of 2
//     (AddressErrorException);
//  2. a translation: in the page table, the page must be inside the table
//     (AddressErrorException) and valid (PageFaultException); in the TLB, an
//     entry must match (TLBMissException);
//  3. a write must not touch a read-only page (ReadOnlyException);
//  4. the frame must exist in physical memory (BusErrorException).
//
// Then the page's use bit is set, and its dirty bit on a write, so that a
// page replacement policy can tell which pages matter.
//
// A real MMU does no more. The simulator can: with References set, it
// reports every address it translates, and the CPU takes its slow path,
// translating every fetch and every load and store (no translation is
// remembered from one instruction to the next). Exact LRU, OPT and the
// recording of a run's reference string use it.

package machine

import "encoding/binary"

// TranslationEntry maps one virtual page to a physical frame. The page
// table and the TLB are both arrays of them.
type TranslationEntry struct {
	VirtualPage  uint32 // matched against the address in TLB mode
	PhysicalPage uint32 // the frame in physical memory
	Valid        bool   // the translation may be used
	ReadOnly     bool   // writes raise ReadOnlyException
	Use          bool   // set by hardware on every access
	Dirty        bool   // set by hardware on every write
}

// translate returns the physical address of vaddr for an access of size
// bytes, or the exception the access raises.
func (m *Machine) translate(vaddr, size uint32, writing bool) (uint32, ExceptionType) {
	if vaddr&(size-1) != 0 {
		return 0, AddressErrorException
	}
	e, exc := m.entry(vaddr >> m.pageShift)
	if exc != NoException {
		return 0, exc
	}
	if writing && e.ReadOnly {
		return 0, ReadOnlyException
	}
	if e.PhysicalPage >= uint32(len(m.Memory))>>m.pageShift {
		return 0, BusErrorException
	}
	e.Use = true
	if writing {
		e.Dirty = true
	}
	if m.References != nil {
		m.References(vaddr)
	}
	return e.PhysicalPage<<m.pageShift | vaddr&m.pageMask, NoException
}

// entry finds the valid translation of page vpn, in the TLB if the
// machine has one, or else in the page table.
func (m *Machine) entry(vpn uint32) (*TranslationEntry, ExceptionType) {
	if m.TLB != nil {
		if e := m.lookupTLB(vpn); e != nil {
			return e, NoException
		}
		return nil, TLBMissException
	}
	if vpn >= uint32(len(m.PageTable)) {
		return nil, AddressErrorException
	}
	if e := &m.PageTable[vpn]; e.Valid {
		return e, NoException
	}
	return nil, PageFaultException
}

// lookupTLB returns the valid TLB entry for page vpn, or nil, and counts
// the hit.
func (m *Machine) lookupTLB(vpn uint32) *TranslationEntry {
	e := m.findTLB(vpn)
	if e != nil {
		m.Stats.NumTLBHits++
	}
	return e
}

// findTLB returns the valid TLB entry for page vpn, or nil, and counts
// nothing: a look at the TLB that is not an access (a trace, a debugger,
// a message) must leave the statistics as the run made them.
func (m *Machine) findTLB(vpn uint32) *TranslationEntry {
	for i := range m.TLB {
		if e := &m.TLB[i]; e.Valid && e.VirtualPage == vpn {
			return e
		}
	}
	return nil
}

// peekEntry is entry for a look that is not an access: it counts no TLB
// hit.
func (m *Machine) peekEntry(vpn uint32) (*TranslationEntry, ExceptionType) {
	if m.TLB == nil {
		return m.entry(vpn) // the page table: nothing is counted
	}
	if e := m.findTLB(vpn); e != nil {
		return e, NoException
	}
	return nil, TLBMissException
}

// ReadMem reads size (1, 2 or 4) bytes at virtual address vaddr, as a load
// instruction would, setting use bits. It returns the exception the access
// raises, if any, without raising it.
func (m *Machine) ReadMem(vaddr, size uint32) (uint32, ExceptionType) {
	pa, exc := m.translate(vaddr, size, false)
	if exc != NoException {
		return 0, exc
	}
	return m.readPhys(pa, size), NoException
}

// WriteMem writes the low size (1, 2 or 4) bytes of value at virtual
// address vaddr, as a store instruction would, setting use and dirty bits.
func (m *Machine) WriteMem(vaddr, size, value uint32) ExceptionType {
	pa, exc := m.translate(vaddr, size, true)
	if exc == NoException {
		m.writePhys(pa, size, value)
	}
	return exc
}

// readPhys reads size (1, 2 or 4) bytes of physical memory at pa.
func (m *Machine) readPhys(pa, size uint32) uint32 {
	switch size {
	case 1:
		return uint32(m.Memory[pa])
	case 2:
		return uint32(binary.LittleEndian.Uint16(m.Memory[pa:]))
	}
	return binary.LittleEndian.Uint32(m.Memory[pa:])
}

// writePhys writes the low size (1, 2 or 4) bytes of v to physical memory
// at pa.
func (m *Machine) writePhys(pa, size, v uint32) {
	switch size {
	case 1:
		m.Memory[pa] = byte(v)
	case 2:
		binary.LittleEndian.PutUint16(m.Memory[pa:], uint16(v))
	default:
		binary.LittleEndian.PutUint32(m.Memory[pa:], v)
	}
}

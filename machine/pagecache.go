// The CPU's translation caches.
//
// Translating every address through the page table would cost more than
// executing the instruction, and almost every access goes to the same page
// as the one before. So the CPU remembers, for instruction fetches, loads
// and stores separately, the last page it translated and where that page
// lives in physical memory. A hit costs one comparison.
//
// Behind these three sits a second level: the pages translated recently,
// in a small direct-mapped table indexed by the low bits of the page
// number, one table for reads (fetches and loads) and one for writes. A
// program that walks two arrays at once (matmult) finds its pages there.
// Only a miss in both translates through the MMU with every check (mmu.go).
//
// The comparison also catches misalignment: the key keeps the address's
// low bits that must be zero for an access of that size, so an unaligned
// address never hits and its full translation raises the address error.
//
// The caches are forgotten whenever control leaves the CPU loop: on an
// exception and after an interrupt handler. Those are the only moments
// when the kernel runs, and so the only moments when it can change the
// page table, the TLB or the current address space. (The second level is
// forgotten by counting: a line is good only if it was filled in the
// current generation.) Like a real cache, a hit does not set the page's
// use bit again; the miss that filled it did, and the store caches are
// filled only by writes, which also set the dirty bit.

package machine

import "encoding/binary"

// pageCache remembers one translated page.
type pageCache struct {
	va uint32 // virtual address of the page, or noPage
	pa uint32 // physical address of the page
}

// noPage is not the address of any page: it is not even aligned, so no
// access ever matches it.
const noPage = 3

// recentLines is the size of the second level (a power of two).
const recentLines = 64

// recentPages is the second level for one kind of access.
type recentPages [recentLines]struct {
	va, pa     uint32
	generation uint32 // valid only if equal to the machine's generation
}

func (m *Machine) flushPageCaches() {
	m.fetchPage.va, m.loadPage.va, m.storePage.va = noPage, noPage, noPage
	m.generation++
	if m.generation == 0 { // wrapped around: old lines could look valid
		m.recentReads, m.recentWrites = recentPages{}, recentPages{}
		m.generation = 1
	}
}

// key returns the part of addr that a cache hit must match for an access
// of size bytes: the page number and the bits that must be zero.
func (m *Machine) key(addr, size uint32) uint32 { return addr & (^m.pageMask | (size - 1)) }

// fill finds addr's page in the second level, or else translates addr for
// an access, and remembers the page in c. On failure it raises the
// exception and returns false.
func (m *Machine) fill(c *pageCache, addr, size uint32, writing bool) bool {
	recent := &m.recentReads
	if writing {
		recent = &m.recentWrites
	}
	line := &recent[addr>>m.pageShift&(recentLines-1)]
	page := addr &^ m.pageMask
	if line.generation != m.generation || line.va != page || addr&(size-1) != 0 {
		pa, exc := m.translate(addr, size, writing)
		if exc != NoException {
			return m.raise(exc, addr)
		}
		line.va, line.pa, line.generation = page, pa&^m.pageMask, m.generation
	}
	c.va, c.pa = page, line.pa
	return true
}

// loadWord reads the word at addr for LW. The hit path is small enough
// for the compiler to inline it into the CPU loop.
func (m *Machine) loadWord(addr uint32) (uint32, bool) {
	if addr&m.wordKey == m.loadPage.va {
		return binary.LittleEndian.Uint32(m.Memory[m.loadPage.pa|addr&m.pageMask:]), true
	}
	return m.loadMiss(addr, 4)
}

// loadMiss is a load whose page is not the cached one.
func (m *Machine) loadMiss(addr, size uint32) (uint32, bool) {
	if !m.fill(&m.loadPage, addr, size, false) {
		return 0, false
	}
	return m.load(addr, size)
}

// storeWord writes v to the word at addr for SW.
func (m *Machine) storeWord(addr, v uint32) bool {
	if addr&m.wordKey == m.storePage.va {
		binary.LittleEndian.PutUint32(m.Memory[m.storePage.pa|addr&m.pageMask:], v)
		return true
	}
	return m.storeMiss(addr, 4, v)
}

// storeMiss is a store whose page is not the cached one.
func (m *Machine) storeMiss(addr, size, v uint32) bool {
	return m.fill(&m.storePage, addr, size, true) && m.store(addr, size, v)
}

// load reads size (1, 2 or 4) bytes for a load, once the page is cached.
func (m *Machine) load(addr, size uint32) (uint32, bool) {
	if m.key(addr, size) != m.loadPage.va {
		return m.loadMiss(addr, size)
	}
	return m.readPhys(m.loadPage.pa|addr&m.pageMask, size), true
}

// store writes the low size (1, 2 or 4) bytes of v for a store.
func (m *Machine) store(addr, size, v uint32) bool {
	if m.key(addr, size) != m.storePage.va {
		return m.storeMiss(addr, size, v)
	}
	m.writePhys(m.storePage.pa|addr&m.pageMask, size, v)
	return true
}

// The unaligned word instructions come in pairs: LWL and LWR together load
// a word at any address, SWL and SWR store one. Each touches only the
// aligned word that holds addr, so neither can raise an alignment error.
// On a little-endian CPU, the "left" instruction handles the word's
// high-order bytes, which lie at addr and below.

// loadLeft merges the bytes of the aligned word from addr downwards into
// the high end of *reg (LWL).
func (m *Machine) loadLeft(addr uint32, reg *uint32) bool {
	word, ok := m.loadWord(addr &^ 3)
	if ok {
		shift := (3 - addr&3) * 8
		*reg = *reg&(1<<shift-1) | word<<shift
	}
	return ok
}

// loadRight merges the bytes of the aligned word from addr upwards into
// the low end of *reg (LWR).
func (m *Machine) loadRight(addr uint32, reg *uint32) bool {
	word, ok := m.loadWord(addr &^ 3)
	if ok {
		shift := addr & 3 * 8
		*reg = *reg&^(0xffffffff>>shift) | word>>shift
	}
	return ok
}

// storeLeft stores the high-order bytes of v into the aligned word, from
// addr downwards (SWL).
func (m *Machine) storeLeft(addr, v uint32) bool {
	word, ok := m.loadWord(addr &^ 3)
	if !ok {
		return false
	}
	shift := (3 - addr&3) * 8
	return m.storeWord(addr&^3, word&^(0xffffffff>>shift)|v>>shift)
}

// storeRight stores the low-order bytes of v into the aligned word, from
// addr upwards (SWR).
func (m *Machine) storeRight(addr, v uint32) bool {
	word, ok := m.loadWord(addr &^ 3)
	if !ok {
		return false
	}
	shift := addr & 3 * 8
	return m.storeWord(addr&^3, word&(1<<shift-1)|v<<shift)
}

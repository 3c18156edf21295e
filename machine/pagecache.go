// The CPU's translation caches.
//
// Translating every address through the page table would cost more than
// executing the instruction, and almost every access goes to a page used
// a moment ago. So the CPU remembers recently translated pages and where
// they live in physical memory, in three small direct-mapped tables (for
// instruction fetches, loads and stores) indexed by the low bits of the
// page number, so that a program walking two arrays at once (matmult)
// finds both. A hit costs one comparison, made inline in the CPU loop
// (exec.go). Only a miss translates through the MMU with every check
// (mmu.go).
//
// The comparison also catches misalignment: the key keeps the address's
// low bits that must be zero for an access of that size, so an unaligned
// address never hits and its full translation raises the address error.
//
// The caches are forgotten whenever control leaves the CPU loop: on an
// exception and after an interrupt handler. Those are the only moments
// when the kernel runs, and so the only moments when it can change the
// page table, the TLB or the current address space. Like a real cache, a
// hit does not set the page's use bit again; the miss that filled it did,
// and the store table is filled only by writes, which also set the dirty
// bit. A frame that holds decoded code is never kept in the store table
// (predecode.go).

package machine

import "math/bits"

// pageCache remembers one translated page.
type pageCache struct {
	va uint32 // virtual address of the page, or noPage
	pa uint32 // physical address of the page
}

// noPage marks an empty line. No access ever matches it: a key keeps an
// address's page number and at most its two lowest bits, and noPage has
// only bit 2 set, which lies within the offset on every page size.
const noPage = 4

// cacheLines is the size of the load and store tables (a power of two).
const cacheLines = 64

// codeLine remembers a page of code: its virtual address (or noPage) and
// the decoded instructions of the frame it maps to.
type codeLine struct {
	va  uint32
	ops []op
}

// codeTable is the direct-mapped table of recently fetched pages.
type codeTable struct {
	lines  [cacheLines]codeLine
	filled uint64 // a bit for each line filled since the last flush
}

// pageTable is a direct-mapped table of recently translated pages, for
// loads or for stores.
type pageTable struct {
	lines  [cacheLines]pageCache
	filled uint64 // a bit for each line filled since the last flush
}

// lineIndex is the line of a table where addr's page would be.
func (m *Machine) lineIndex(addr uint32) uint32 {
	return addr >> (m.pageShift & 31) & (cacheLines - 1)
}

// codeLine returns the line of the fetch table where pc's page would be.
func (m *Machine) codeLine(pc uint32) *codeLine { return &m.fetches.lines[m.lineIndex(pc)] }

// cached returns the physical address of addr if its page is in table t
// for an access whose key is addr&key (key is wordKey for a word,
// ^pageMask for a byte): the CPU loop's inline test for a hit.
func (m *Machine) cached(t *pageTable, addr, key uint32) (pa uint32, ok bool) {
	c := &t.lines[m.lineIndex(addr)]
	return c.pa | addr&m.pageMask, addr&key == c.va
}

// flushPageCaches forgets every translation, and starts a new generation
// in which each frame of decoded code is checked again before use. Only
// the lines filled since the last flush need forgetting: the kernel runs
// (and so this runs) after every interrupt, which under -rs is every few
// hundred instructions, while a program uses a handful of pages at a time.
func (m *Machine) flushPageCaches() {
	m.fetches.forget()
	m.loads.forget()
	m.stores.forget()
	m.generation++
	if m.generation == 0 { // wrapped around: old frames could look checked
		for _, frame := range m.decoded {
			if frame != nil {
				frame.checked = 0
			}
		}
		m.generation = 1
	}
}

// forget empties the lines of t filled since the last flush.
func (t *codeTable) forget() {
	for f := t.filled; f != 0; f &= f - 1 {
		t.lines[bits.TrailingZeros64(f)].va = noPage
	}
	t.filled = 0
}

// forget empties the lines of t filled since the last flush.
func (t *pageTable) forget() {
	for f := t.filled; f != 0; f &= f - 1 {
		t.lines[bits.TrailingZeros64(f)].va = noPage
	}
	t.filled = 0
}

// key returns the part of addr that a cache hit must match for an access
// of size bytes: the page number and the bits that must be zero.
func (m *Machine) key(addr, size uint32) uint32 { return addr & (^m.pageMask | (size - 1)) }

// fill translates addr for an access of size bytes and remembers its page
// in c. On failure it raises the exception and returns false.
func (m *Machine) fill(c *pageCache, addr, size uint32, writing bool) bool {
	pa, exc := m.translate(addr, size, writing)
	if exc != NoException {
		return m.raise(exc, addr)
	}
	c.va, c.pa = addr&^m.pageMask, pa&^m.pageMask
	return true
}

// lookup returns the line of t that holds addr's page, translating addr
// for an access of size bytes into it if it is not there. On failure it
// raises the exception and returns false.
func (m *Machine) lookup(t *pageTable, addr, size uint32, writing bool) (*pageCache, bool) {
	i := m.lineIndex(addr)
	c := &t.lines[i]
	if m.key(addr, size) != c.va {
		if !m.fill(c, addr, size, writing) {
			return nil, false
		}
		t.filled |= 1 << i
	}
	return c, true
}

// load reads size (1, 2 or 4) bytes at addr for a load instruction.
func (m *Machine) load(addr, size uint32) (uint32, bool) {
	c, ok := m.lookup(&m.loads, addr, size, false)
	if !ok {
		return 0, false
	}
	return m.readPhys(c.pa|addr&m.pageMask, size), true
}

// store writes the low size (1, 2 or 4) bytes of v at addr for a store
// instruction. A store into a frame of decoded code has that code decoded
// again, and leaves the frame out of the cache so that the next store
// comes here too.
func (m *Machine) store(addr, size, v uint32) bool {
	c, ok := m.lookup(&m.stores, addr, size, true)
	if !ok {
		return false
	}
	pa := c.pa | addr&m.pageMask
	m.writePhys(pa, size, v)
	if frame := m.decoded[pa>>m.pageShift]; frame != nil {
		c.va = noPage
		m.recode(frame, pa)
	}
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
	word, ok := m.load(addr&^3, 4)
	if ok {
		shift := (3 - addr&3) * 8
		*reg = *reg&(1<<shift-1) | word<<shift
	}
	return ok
}

// loadRight merges the bytes of the aligned word from addr upwards into
// the low end of *reg (LWR).
func (m *Machine) loadRight(addr uint32, reg *uint32) bool {
	word, ok := m.load(addr&^3, 4)
	if ok {
		shift := addr & 3 * 8
		*reg = *reg&^(0xffffffff>>shift) | word>>shift
	}
	return ok
}

// storeLeft stores the high-order bytes of v into the aligned word, from
// addr downwards (SWL).
func (m *Machine) storeLeft(addr, v uint32) bool {
	word, ok := m.load(addr&^3, 4)
	if !ok {
		return false
	}
	shift := (3 - addr&3) * 8
	return m.store(addr&^3, 4, word&^(0xffffffff>>shift)|v>>shift)
}

// storeRight stores the low-order bytes of v into the aligned word, from
// addr upwards (SWR).
func (m *Machine) storeRight(addr, v uint32) bool {
	word, ok := m.load(addr&^3, 4)
	if !ok {
		return false
	}
	shift := addr & 3 * 8
	return m.store(addr&^3, 4, word&(1<<shift-1)|v<<shift)
}

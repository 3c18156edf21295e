// Tests for address translation, through a page table and through a TLB,
// on a machine with 256-byte pages so that nothing depends on the default
// page size; and for the configurations machine.New refuses.

package machine_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// The MMU test machine: 4 frames of 256 bytes.
const (
	mmuPageSize = 256
	mmuFrames   = 4
)

// newPageTableMachine maps, through a page table:
//
//	page 0 -> frame 3
//	page 1 -> frame 0, read-only
//	page 2    invalid
//	page 3 -> frame 4, which does not exist
//	page 4 -> frame 9, read-only, which does not exist
func newPageTableMachine(t *testing.T) *machine.Machine {
	m := bareMachine(t, machine.Config{PageSize: mmuPageSize, PhysPages: mmuFrames})
	m.PageTable = []machine.TranslationEntry{
		{VirtualPage: 0, PhysicalPage: 3, Valid: true},
		{VirtualPage: 1, PhysicalPage: 0, Valid: true, ReadOnly: true},
		{VirtualPage: 2, PhysicalPage: 1},
		{VirtualPage: 3, PhysicalPage: 4, Valid: true},
		{VirtualPage: 4, PhysicalPage: 9, Valid: true, ReadOnly: true},
	}
	return m
}

// newTLBMachine maps, through a 4-entry TLB:
//
//	page 1000 -> frame 2
//	page 7       invalid entry (frame 1)
//	page 5    -> frame 0, read-only
//	page 6    -> frame 4, which does not exist
//
// and has a page table that must be ignored, mapping page 7 and 8.
func newTLBMachine(t *testing.T) *machine.Machine {
	m := bareMachine(t, machine.Config{PageSize: mmuPageSize, PhysPages: mmuFrames, TLBSize: 4})
	require.Len(t, m.TLB, 4)
	copy(m.TLB, []machine.TranslationEntry{
		{VirtualPage: 1000, PhysicalPage: 2, Valid: true},
		{VirtualPage: 7, PhysicalPage: 1},
		{VirtualPage: 5, PhysicalPage: 0, Valid: true, ReadOnly: true},
		{VirtualPage: 6, PhysicalPage: 4, Valid: true},
	})
	m.PageTable = make([]machine.TranslationEntry, 9)
	for i := range m.PageTable {
		m.PageTable[i] = machine.TranslationEntry{VirtualPage: uint32(i), PhysicalPage: 1, Valid: true}
	}
	return m
}

// access is one memory access and the exception it must raise.
type access struct {
	name  string
	vaddr uint32
	size  uint32
	write bool
	want  machine.ExceptionType
}

// run performs the access and returns its exception and, for a read, the
// value read.
func (a access) run(m *machine.Machine) (machine.ExceptionType, uint32) {
	if a.write {
		return m.WriteMem(a.vaddr, a.size, 0x11223344), 0
	}
	v, exc := m.ReadMem(a.vaddr, a.size)
	return exc, v
}

// checkAccesses runs each access on a fresh machine.
func checkAccesses(t *testing.T, newMachine func(*testing.T) *machine.Machine, accesses []access) {
	t.Helper()
	for _, a := range accesses {
		m := newMachine(t)
		before := append([]byte(nil), m.Memory...)
		got, value := a.run(m)
		assert.Equal(t, a.want, got, "%s: %d bytes at %#x", a.name, a.size, a.vaddr)
		if got != machine.NoException {
			assert.Equal(t, before, m.Memory, "%s: a failed access changes nothing", a.name)
			assert.Zero(t, value, "%s: a failed read returns 0", a.name)
		}
	}
}

func TestPageTableTranslationChecksInOrder(t *testing.T) {
	page := func(n uint32) uint32 { return n * mmuPageSize }
	checkAccesses(t, newPageTableMachine, []access{
		{"aligned word", 0x24, 4, true, machine.NoException},
		{"any byte", 0x23, 1, false, machine.NoException},
		{"unaligned word", 0x22, 4, false, machine.AddressErrorException},
		{"unaligned halfword", 0x21, 2, true, machine.AddressErrorException},
		{"alignment before validity", page(2) + 2, 4, false, machine.AddressErrorException},
		{"alignment before the table's end", page(9) + 1, 2, false, machine.AddressErrorException},
		{"just beyond the table", page(5), 4, false, machine.AddressErrorException},
		{"far beyond the table", 0xfffffffc, 4, true, machine.AddressErrorException},
		{"invalid page, read", page(2) + 8, 4, false, machine.PageFaultException},
		{"invalid page, write", page(2) + 8, 1, true, machine.PageFaultException},
		{"read-only page, write", page(1) + 4, 4, true, machine.ReadOnlyException},
		{"read-only page, read", page(1) + 4, 4, false, machine.NoException},
		{"missing frame, read", page(3), 4, false, machine.BusErrorException},
		{"missing frame, write", page(3) + 255, 1, true, machine.BusErrorException},
		{"read-only before the frame, write", page(4), 4, true, machine.ReadOnlyException},
		{"read-only before the frame, read", page(4), 4, false, machine.BusErrorException},
	})
}

func TestTLBTranslationChecksInOrder(t *testing.T) {
	page := func(n uint32) uint32 { return n * mmuPageSize }
	checkAccesses(t, newTLBMachine, []access{
		{"matching entry", page(1000) + 0x10, 4, true, machine.NoException},
		{"far beyond any page table", page(1000) + 0xfe, 2, false, machine.NoException},
		{"invalid entry", page(7), 4, false, machine.TLBMissException},
		{"no entry, though the page table has one", page(8), 4, true, machine.TLBMissException},
		{"alignment before the TLB", page(8) + 1, 4, false, machine.AddressErrorException},
		{"read-only page, write", page(5) + 3, 1, true, machine.ReadOnlyException},
		{"read-only page, read", page(5) + 3, 1, false, machine.NoException},
		{"missing frame", page(6), 4, false, machine.BusErrorException},
	})
}

func TestPageTablePhysicalAddresses(t *testing.T) {
	m := newPageTableMachine(t)
	// Page 0 is frame 3: virtual 0x24 is physical 3*256+0x24 = 0x324.
	require.Equal(t, machine.NoException, m.WriteMem(0x24, 4, 0xdeadbeef))
	assert.Equal(t, []byte{0xef, 0xbe, 0xad, 0xde}, m.Memory[0x324:0x328], "little endian")
	require.Equal(t, machine.NoException, m.WriteMem(0xfe, 2, 0xabcd1234))
	assert.Equal(t, []byte{0x34, 0x12}, m.Memory[0x3fe:0x400], "the low halfword")
	require.Equal(t, machine.NoException, m.WriteMem(0x03, 1, 0x1ff))
	assert.Equal(t, byte(0xff), m.Memory[0x303], "the low byte")

	for _, c := range []struct{ vaddr, size, want uint32 }{
		{0x24, 4, 0xdeadbeef}, {0x26, 2, 0xdead}, {0x25, 1, 0xbe}, {0xfe, 2, 0x1234}, {0x03, 1, 0xff},
	} {
		got, exc := m.ReadMem(c.vaddr, c.size)
		require.Equal(t, machine.NoException, exc)
		assert.Equal(t, c.want, got, "%d bytes at %#x", c.size, c.vaddr)
	}

	// Page 1 is frame 0.
	m.Memory[0x1fc], m.Memory[0x1fd] = 0x99, 0x88
	m.Memory[0x0fc], m.Memory[0x0fd] = 0x77, 0x66
	got, _ := m.ReadMem(0x1fc, 2)
	assert.Equal(t, uint32(0x6677), got, "virtual 0x1fc is physical 0x0fc")
}

func TestTLBPhysicalAddresses(t *testing.T) {
	m := newTLBMachine(t)
	// Page 1000 (virtual 0x3e800) is frame 2: 0x3e810 is 0x210.
	require.Equal(t, machine.NoException, m.WriteMem(1000*mmuPageSize+0x10, 4, 0x01020304))
	assert.Equal(t, []byte{4, 3, 2, 1}, m.Memory[0x210:0x214])
	got, exc := m.ReadMem(1000*mmuPageSize+0x12, 2)
	assert.Equal(t, machine.NoException, exc)
	assert.Equal(t, uint32(0x0102), got)
}

func TestUseAndDirtyBits(t *testing.T) {
	m := newPageTableMachine(t)
	_, exc := m.ReadMem(0x10, 4)
	require.Equal(t, machine.NoException, exc)
	assert.True(t, m.PageTable[0].Use)
	assert.False(t, m.PageTable[0].Dirty, "a read does not dirty the page")

	require.Equal(t, machine.NoException, m.WriteMem(0x10, 1, 7))
	assert.True(t, m.PageTable[0].Dirty)

	assert.Equal(t, machine.ReadOnlyException, m.WriteMem(0x100, 4, 7))
	assert.Equal(t, machine.TranslationEntry{VirtualPage: 1, PhysicalPage: 0, Valid: true, ReadOnly: true},
		m.PageTable[1], "a refused write sets no bits")
	_, exc = m.ReadMem(0x300, 4)
	assert.Equal(t, machine.BusErrorException, exc)
	assert.False(t, m.PageTable[3].Use, "a failed access sets no bits")
	_, exc = m.ReadMem(0x100, 4)
	require.Equal(t, machine.NoException, exc)
	assert.Equal(t, machine.TranslationEntry{VirtualPage: 1, PhysicalPage: 0, Valid: true, ReadOnly: true, Use: true},
		m.PageTable[1])

	tlb := newTLBMachine(t)
	require.Equal(t, machine.NoException, tlb.WriteMem(1000*mmuPageSize, 4, 1))
	assert.Equal(t, machine.TranslationEntry{VirtualPage: 1000, PhysicalPage: 2, Valid: true, Use: true, Dirty: true}, tlb.TLB[0])
	assert.False(t, tlb.PageTable[1].Use, "the page table is not consulted in TLB mode")
}

func TestNewAppliesDefaults(t *testing.T) {
	m := bareMachine(t, machine.Config{})
	assert.Equal(t, 128, m.PageSize())
	assert.Equal(t, 128, m.NumPhysPages())
	assert.Len(t, m.Memory, 128*128)
	assert.Nil(t, m.TLB, "no TLB: translation goes through the page table")
}

func TestNewAcceptsTheLimits(t *testing.T) {
	for _, c := range []machine.Config{
		{PageSize: 16, PhysPages: 1, TLBSize: 2},
		{PageSize: 65536, PhysPages: 2, TLBSize: 1024},
		{PageSize: 256, PhysPages: 3},
	} {
		m, err := machine.New(c)
		require.NoError(t, err, "%+v", c)
		assert.Equal(t, c.PageSize, m.PageSize())
		assert.Equal(t, c.PhysPages, m.NumPhysPages())
		assert.Len(t, m.Memory, c.PageSize*c.PhysPages)
		assert.Len(t, m.TLB, c.TLBSize)
	}
}

func TestNewRefusesImpossibleMachines(t *testing.T) {
	for _, c := range []struct {
		config machine.Config
		err    string
	}{
		{machine.Config{PageSize: 100}, "page size 100 is not a power of two between 16 and 65536"},
		{machine.Config{PageSize: 8}, "page size 8 is not a power of two between 16 and 65536"},
		{machine.Config{PageSize: 1 << 17}, "page size 131072 is not a power of two between 16 and 65536"},
		{machine.Config{PageSize: -128}, "page size -128 is not a power of two between 16 and 65536"},
		{machine.Config{PhysPages: -1}, "-1 physical pages of 128 bytes is not a memory size between one page and 1 GiB"},
		{machine.Config{PhysPages: 1<<23 + 1}, "8388609 physical pages of 128 bytes is not a memory size between one page and 1 GiB"},
		{machine.Config{PhysPages: 1 << 15, PageSize: 1 << 16}, "32768 physical pages of 65536 bytes is not a memory size between one page and 1 GiB"},
		{machine.Config{TLBSize: 1}, "a TLB size of 1 is out of range (0 for none, or 2 to 1024 entries)"},
		{machine.Config{TLBSize: -1}, "a TLB size of -1 is out of range (0 for none, or 2 to 1024 entries)"},
		{machine.Config{TLBSize: 1025}, "a TLB size of 1025 is out of range (0 for none, or 2 to 1024 entries)"},
	} {
		m, err := machine.New(c.config)
		assert.EqualError(t, err, c.err, "%+v", c.config)
		assert.Nil(t, m)
	}
}

// Regression: the memory size check multiplies in int and can wrap around.
func TestNewRefusesAMemorySizeThatOverflows(t *testing.T) {
	m, err := machine.New(machine.Config{PhysPages: 1<<48 + 1, PageSize: 1 << 16})
	assert.Error(t, err)
	assert.Nil(t, m)
}

// NumTLBHits counts the accesses the TLB answered, a refused write
// included (the TLB found the page); a look by the debug port or the
// disassembler is no access and counts nothing.
func TestTLBHitsCountAccessesOnly(t *testing.T) {
	m := newTLBMachine(t)
	_, exc := m.ReadMem(1000*mmuPageSize, 4)
	require.Equal(t, machine.NoException, exc)
	assert.Equal(t, machine.ReadOnlyException, m.WriteMem(5*mmuPageSize, 4, 7))
	_, exc = m.ReadMem(8*mmuPageSize, 4)
	require.Equal(t, machine.TLBMissException, exc)
	assert.Equal(t, 2, m.Stats.NumTLBHits)

	_, ok := m.PeekByte(1000 * mmuPageSize)
	require.True(t, ok)
	require.True(t, m.PokeByte(1000*mmuPageSize, 1))
	_, ok = m.DebugTranslate(1000 * mmuPageSize)
	require.True(t, ok)
	assert.NotEqual(t, "not mapped", m.Disassemble(1000*mmuPageSize))
	assert.Equal(t, 2, m.Stats.NumTLBHits, "peeks are not hits")
}

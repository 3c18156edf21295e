package userprog

import (
	"debug/elf"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// requireSane checks what every caller of the loader relies on: a failure
// is a *FormatError, and a success is a list of non-empty segments, sorted,
// not overlapping, inside the 32-bit address space and a sane total size,
// with no more bytes than memory.
func requireSane(t *testing.T, exe *Executable, err error) {
	t.Helper()
	if err != nil {
		var fe *FormatError
		require.True(t, errors.As(err, &fe), "want a *FormatError, got %T: %v", err, err)
		require.Nil(t, exe)
		return
	}
	require.NotEmpty(t, exe.Segments)
	var total uint64
	for i, s := range exe.Segments {
		require.NotZero(t, s.MemSize, "segment %d is empty", i)
		require.LessOrEqual(t, uint64(len(s.Data)), uint64(s.MemSize), "segment %d has more bytes than memory", i)
		require.LessOrEqual(t, uint64(s.VAddr)+uint64(s.MemSize), uint64(^uint32(0)), "segment %d wraps past 2^32", i)
		if i > 0 {
			require.LessOrEqual(t, exe.Segments[i-1].End(), s.VAddr, "segment %d overlaps or precedes segment %d", i, i-1)
		}
		total += uint64(s.MemSize)
	}
	require.LessOrEqual(t, total, uint64(MaxImageSize))
}

// FuzzLoadELF feeds mangled ELF files to the loader and the converter.
// Whenever the converter accepts a file, the NOFF reader must accept what
// it wrote.
func FuzzLoadELF(f *testing.F) {
	tiny := loadTinyELF(f)
	f.Add(tiny.data)
	f.Add(patchLE(tiny.data, tiny.sect(".rodata", shAddr), uint32(0x1000)))
	f.Add(patchLE(tiny.data, tiny.prog(2, pType), uint32(elf.PT_LOAD)))
	f.Add(elfHeader(elf.ELFCLASS64, elf.ELFDATA2LSB, elf.EM_X86_64))
	f.Add(elfHeader(elf.ELFCLASS32, elf.ELFDATA2MSB, elf.EM_MIPS))
	f.Add(elfHeader(elf.ELFCLASS32, elf.ELFDATA2LSB, elf.EM_MIPS))
	f.Fuzz(func(t *testing.T, data []byte) {
		exe, err := parseExecutable("fuzz", data)
		requireSane(t, exe, err)
		for _, rdata := range []bool{false, true} {
			noff, err := ELFToNOFF("fuzz", data, NOFFOptions{RData: rdata, GarbageEmpty: true})
			if err != nil {
				requireSane(t, nil, err)
				continue
			}
			back, err := ParseNOFF("fuzz.noff", noff)
			require.NoError(t, err, "ELFToNOFF wrote a file ParseNOFF rejects")
			requireSane(t, back, nil)
		}
	})
}

// FuzzLoadNOFF feeds mangled NOFF files, of every flavour, to the loader.
func FuzzLoadNOFF(f *testing.F) {
	tiny := loaderFixture(f, "tiny.elf")
	for _, opt := range noffVariants() {
		noff, err := ELFToNOFF("tiny.elf", tiny, opt)
		require.NoError(f, err)
		f.Add(noff)
	}
	f.Add(noffFile(binary.BigEndian, [][3]int32{{0, 52, 4}, {junkField, junkField, 0}, {junkField, junkField, 0}, {8, junkField, 8}}, countingBytes(0, 4)))
	// The bss starting 8 bytes before the end of the data, as in many
	// historical courses' files (see trimBSS).
	f.Add(noffFile(binary.LittleEndian, [][3]int32{{0, 40, 8}, {8, 48, 16}, {16, junkField, 32}}, countingBytes(0, 24)))
	f.Fuzz(func(t *testing.T, data []byte) {
		exe, err := parseExecutable("fuzz", data)
		requireSane(t, exe, err)
	})
}

package userprog

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noffVariants are every flavour of NOFF file ELFToNOFF can write.
func noffVariants() []NOFFOptions {
	var opts []NOFFOptions
	for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		for _, rdata := range []bool{false, true} {
			for _, garbage := range []bool{false, true} {
				opts = append(opts, NOFFOptions{HeaderOrder: order, RData: rdata, GarbageEmpty: garbage})
			}
		}
	}
	return opts
}

func variantName(o NOFFOptions) string {
	return fmt.Sprintf("%v rdata=%v garbage=%v", o.HeaderOrder, o.RData, o.GarbageEmpty)
}

// requireRoundTrips converts an ELF program to each NOFF variant and
// checks that the NOFF reader puts the same bytes at the same addresses
// as the ELF reader, with code and read-only data read-only. A program
// linked above a guard comes back with the guard in its code, and a jump
// from 0 to its entry point there.
func requireRoundTrips(t *testing.T, elfData []byte) {
	t.Helper()
	want, err := ParseELF("prog", elfData)
	require.NoError(t, err)
	wantImage := memoryImage(want)
	if want.guard() != 0 {
		binary.LittleEndian.PutUint32(wantImage, 0x08000000|want.Entry>>2) // j entry; nop
		want.Entry = 0
	}
	for _, opt := range noffVariants() {
		t.Run(variantName(opt), func(t *testing.T) {
			noff, err := ELFToNOFF("prog", elfData, opt)
			require.NoError(t, err)
			got, err := parseExecutable("prog.noff", noff)
			require.NoError(t, err)

			wantFormat := map[bool]Format{false: NOFF34, true: NOFF4}[opt.RData]
			assert.Equal(t, wantFormat, got.Format)
			assert.Equal(t, opt.HeaderOrder, got.HeaderOrder)
			assert.Equal(t, want.Entry, got.Entry)
			assert.Equal(t, want.End(), got.End())
			assert.Equal(t, wantImage, memoryImage(got), "the NOFF file must load the same memory image as the ELF file")
			for _, s := range got.Segments {
				assert.Equal(t, s.Name == "code" || s.Name == "rdata", s.ReadOnly, "segment %s", s.Name)
			}
		})
	}
}

func TestRoundTripTiny(t *testing.T) {
	requireRoundTrips(t, loaderFixture(t, "tiny.elf"))
}

// noffFile builds a NOFF file by hand: the magic number, the segment
// entries ({virtualAddr, inFileAddr, size} each) in the given byte order,
// then the payload.
func noffFile(order binary.ByteOrder, entries [][3]int32, payload []byte) []byte {
	var b bytes.Buffer
	for _, v := range []any{uint32(noffMagic), entries, payload} {
		if err := binary.Write(&b, order, v); err != nil {
			panic(err)
		}
	}
	return b.Bytes()
}

// countingBytes is n bytes counting up from first, so that every segment's
// bytes are recognizable.
func countingBytes(first byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = first + byte(i)
	}
	return b
}

// junkField is a header field value a reader must ignore.
const junkField = -0x21524111

func TestParseNOFFHandMade(t *testing.T) {
	code, rdata, data := countingBytes(0x10, 16), countingBytes(0x40, 8), countingBytes(0x80, 8)
	body := append(append(append([]byte{}, code...), rdata...), data...)
	for _, order := range noffByteOrders {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			t.Run("3.4", func(t *testing.T) {
				// No rdata in 3.4: the file holds code then data, and
				// the bss file offset is junkField.
				file := noffFile(order, [][3]int32{{0, 40, 16}, {0x100, 56, 8}, {0x200, junkField, 0x30}}, append(append([]byte{}, code...), data...))
				exe, err := ParseNOFF("p", file)
				require.NoError(t, err)
				assert.Equal(t, NOFF34, exe.Format)
				assert.Equal(t, order, exe.HeaderOrder)
				assert.Equal(t, uint32(0), exe.Entry)
				assert.Equal(t, []Segment{
					{Name: "code", VAddr: 0, Data: code, MemSize: 16, ReadOnly: true},
					{Name: "data", VAddr: 0x100, Data: data, MemSize: 8},
					{Name: "bss", VAddr: 0x200, MemSize: 0x30},
				}, exe.Segments)
				assert.Equal(t, uint32(0x230), exe.End())
			})
			t.Run("4.x", func(t *testing.T) {
				file := noffFile(order, [][3]int32{{0, 52, 16}, {0x10, 68, 8}, {0x100, 76, 8}, {0x200, junkField, 0x30}}, body)
				exe, err := ParseNOFF("p", file)
				require.NoError(t, err)
				assert.Equal(t, NOFF4, exe.Format)
				assert.Equal(t, []Segment{
					{Name: "code", VAddr: 0, Data: code, MemSize: 16, ReadOnly: true},
					{Name: "rdata", VAddr: 0x10, Data: rdata, MemSize: 8, ReadOnly: true},
					{Name: "data", VAddr: 0x100, Data: data, MemSize: 8},
					{Name: "bss", VAddr: 0x200, MemSize: 0x30},
				}, exe.Segments)
			})
			t.Run("empty segments hold junkField", func(t *testing.T) {
				file := noffFile(order, [][3]int32{{0, 52, 16}, {junkField, junkField, 0}, {junkField, 1 << 30, 0}, {-1, junkField, 0}}, code)
				exe, err := ParseNOFF("p", file)
				require.NoError(t, err)
				assert.Equal(t, []Segment{{Name: "code", VAddr: 0, Data: code, MemSize: 16, ReadOnly: true}}, exe.Segments)
			})
			t.Run("segments sorted by address", func(t *testing.T) {
				file := noffFile(order, [][3]int32{{0, 40, 16}, {0x300, 56, 8}, {0x100, junkField, 8}}, append(append([]byte{}, code...), data...))
				exe, err := ParseNOFF("p", file)
				require.NoError(t, err)
				require.Len(t, exe.Segments, 3)
				assert.Equal(t, []string{"code", "bss", "data"}, []string{exe.Segments[0].Name, exe.Segments[1].Name, exe.Segments[2].Name})
			})
		})
	}
}

func TestParseNOFFRejects(t *testing.T) {
	le := binary.LittleEndian
	body := countingBytes(0, 24)
	valid := [][3]int32{{0, 40, 16}, {16, 56, 8}, {32, junkField, 64}}
	with := func(seg, field int, v int32) []byte {
		entries := append([][3]int32{}, valid...)
		entries[seg][field] = v
		return noffFile(le, entries, body)
	}
	cases := []struct {
		name   string
		data   []byte
		offset int64
		wants  []string
	}{
		{"empty", nil, 0, []string{"truncated", "0 bytes"}},
		{"truncated before the code entry", noffFile(le, nil, countingBytes(0, 6)), 10, []string{"truncated", "too short for a NOFF header"}},
		{"truncated 3.4 header", noffFile(le, valid, nil)[:30], 30, []string{"truncated", "NOFF (Nachos 3.4) header is 40 bytes"}},
		{"truncated 4.x header", noffFile(le, [][3]int32{{0, 52, 4}, {0, 0, 0}}, nil), 28, []string{"truncated", "NOFF (Nachos 4.x) header is 52 bytes"}},
		{"bad magic", append([]byte{0xfe, 0xed, 0xfa, 0xce}, noffFile(le, valid, body)[4:]...), 0, []string{"not a NOFF file", "fe ed fa ce", "0xbadfad"}},
		{"code not after the header", with(0, 1, 44), 8, []string{"code at file offset 44", "40 (Nachos 3.4) or 52 (Nachos 4.x)"}},
		{"empty code", with(0, 2, 0), 12, []string{"empty code segment"}},
		{"code not at 0", with(0, 0, 0x1000), 4, []string{"code segment starts at 0x00001000", "address 0"}},
		{"negative size", with(1, 2, -8), 24, []string{"data segment's size is -8"}},
		{"negative bss size", with(2, 2, -1), 36, []string{"bss segment's size is -1"}},
		{"negative address", with(1, 0, -16), 16, []string{"data segment's virtual address is -16"}},
		{"data past the end of the file", with(1, 1, 60), 20, []string{"data segment's 8 bytes at file offset 60 lie outside the file, which is 64 bytes long"}},
		{"data before the start of the file", with(1, 1, -4), 20, []string{"outside the file"}},
		{"code past the end of the file", with(0, 2, 1000), 8, []string{"code segment's 1000 bytes", "outside the file"}},
		{"code overlaps data", with(1, 0, 8), 16, []string{"data segment [0x00000008, 0x00000010) overlaps the code segment [0x00000000, 0x00000010)"}},
		{"bss overlaps code", with(2, 0, 8), 28, []string{"bss segment [0x00000008, 0x00000048) overlaps the code segment"}},
		{"bss starts before the data", func() []byte {
			entries := append([][3]int32{}, valid...)
			entries[1][0], entries[2] = 64, [3]int32{56, junkField, 16}
			return noffFile(le, entries, body)
		}(), 16, []string{"data segment [0x00000040, 0x00000048) overlaps the bss segment [0x00000038, 0x00000048)"}},
		{"absurd bss", with(2, 2, 0x7fffffff), 28, []string{"more than 64 MiB", "corrupt"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var exe *Executable
			var err error
			require.NotPanics(t, func() { exe, err = ParseNOFF("p.noff", c.data) })
			assert.Nil(t, exe)
			fe := requireFormatError(t, err, "p.noff", c.wants...)
			assert.Equal(t, c.offset, fe.Offset)
		})
	}
}

// About one NOFF file in six from historical courses starts the bss 8
// bytes before the end of the data. Nachos zero-fills memory and copies
// the data over it, so the data's bytes win; so they do here, and the bss
// is trimmed to start where the data ends, with a note for -d a.
func TestParseNOFFBSSOverlappingData(t *testing.T) {
	elfData := loaderFixture(t, "tiny.elf")
	want, err := ParseELF("tiny.elf", elfData)
	require.NoError(t, err)
	for _, opt := range noffVariants() {
		t.Run(variantName(opt), func(t *testing.T) {
			noff, err := ELFToNOFF("tiny.elf", elfData, opt)
			require.NoError(t, err)
			// tiny.elf: .data [0x50, 0x60), .bss [0x60, 0x1f0); move the
			// bss entry (the last) 8 bytes down and make it 8 bytes longer.
			order, bss := opt.HeaderOrder, noffLayouts[0].entryAt(2)
			if order == nil {
				order = binary.LittleEndian
			}
			if opt.RData {
				bss = noffLayouts[1].entryAt(3)
			}
			order.PutUint32(noff[bss:], 0x58)
			order.PutUint32(noff[bss+8:], 0x198)
			got, err := ParseNOFF("tiny.noff", noff)
			require.NoError(t, err)
			assert.Equal(t, memoryImage(want), memoryImage(got), "the data's bytes win")
			last := got.Segments[len(got.Segments)-1]
			assert.Equal(t, Segment{Name: "bss", VAddr: 0x60, MemSize: 0x190}, last)
			require.Len(t, got.Notes, 1)
			assert.Contains(t, got.Notes[0], "the bss segment [0x00000058, 0x000001f0) starts 8 bytes before the end of the data segment [0x00000050, 0x00000060)")
		})
	}
	t.Run("bss inside the data", func(t *testing.T) {
		data := countingBytes(0x80, 16)
		file := noffFile(binary.LittleEndian, [][3]int32{{0, 40, 16}, {16, 56, 16}, {24, junkField, 4}}, append(countingBytes(0x10, 16), data...))
		exe, err := ParseNOFF("p", file)
		require.NoError(t, err)
		assert.Equal(t, []Segment{
			{Name: "code", VAddr: 0, Data: countingBytes(0x10, 16), MemSize: 16, ReadOnly: true},
			{Name: "data", VAddr: 16, Data: data, MemSize: 16},
		}, exe.Segments, "the bss is dropped")
		assert.Len(t, exe.Notes, 1)
	})
}

// NOFF's fields are signed, so no segment can reach the top of the 32-bit
// address space, however high it starts.
func TestParseNOFFHighSegment(t *testing.T) {
	file := noffFile(binary.LittleEndian, [][3]int32{{0, 40, 4}, {0, 0, 0}, {0x7fffff00, junkField, 0x7fffffff - 0x7fffff00}}, countingBytes(1, 4))
	exe, err := ParseNOFF("p", file)
	require.NoError(t, err)
	assert.Equal(t, uint32(0x7fffffff), exe.End())
}

func TestELFToNOFFHeader(t *testing.T) {
	elfData := loaderFixture(t, "tiny.elf")
	// tiny.elf: .text [0, 0x40), .rodata [0x40, 0x50), .data [0x50,
	// 0x60), .bss [0x60, 0x1f0).
	cases := []struct {
		opt     NOFFOptions
		entries [][3]int32
	}{
		{NOFFOptions{}, [][3]int32{{0, 40, 0x50}, {0x50, 40 + 0x50, 0x10}, {0x60, 0, 0x190}}},
		{NOFFOptions{GarbageEmpty: true}, [][3]int32{{0, 40, 0x50}, {0x50, 40 + 0x50, 0x10}, {0x60, junkOffset, 0x190}}},
		{NOFFOptions{RData: true}, [][3]int32{{0, 52, 0x40}, {0x40, 52 + 0x40, 0x10}, {0x50, 52 + 0x50, 0x10}, {0x60, 0, 0x190}}},
		{NOFFOptions{RData: true, HeaderOrder: binary.BigEndian}, [][3]int32{{0, 52, 0x40}, {0x40, 52 + 0x40, 0x10}, {0x50, 52 + 0x50, 0x10}, {0x60, 0, 0x190}}},
	}
	for _, c := range cases {
		t.Run(variantName(c.opt), func(t *testing.T) {
			noff, err := ELFToNOFF("tiny.elf", elfData, c.opt)
			require.NoError(t, err)
			order := c.opt.HeaderOrder
			if order == nil {
				order = binary.LittleEndian
			}
			header := noffFile(order, c.entries, nil)
			require.Greater(t, len(noff), len(header))
			assert.Equal(t, header, noff[:len(header)])
			assert.Len(t, noff, len(header)+0x60, "the header, then code, read-only data and data back to back")
		})
	}

	t.Run("junkField in empty segments", func(t *testing.T) {
		tiny := loadTinyELF(t)
		noData := patchLE(tiny.data, tiny.sect(".data", shSize), uint32(0))
		noff, err := ELFToNOFF("tiny.elf", noData, NOFFOptions{GarbageEmpty: true})
		require.NoError(t, err)
		assert.Equal(t, noffFile(binary.LittleEndian, [][3]int32{{0, 40, 0x50}, {junkAddr, junkOffset, 0}, {0x60, junkOffset, 0x190}}, nil), noff[:40])
		exe, err := ParseNOFF("tiny.noff", noff)
		require.NoError(t, err)
		assert.Equal(t, []string{"code", "bss"}, []string{exe.Segments[0].Name, exe.Segments[1].Name})
	})
}

func TestELFToNOFFRejects(t *testing.T) {
	tiny := loadTinyELF(t)
	d := tiny.data
	cases := []struct {
		name  string
		data  []byte
		opt   NOFFOptions
		wants []string
	}{
		{"not an ELF program", elfHeader(elf.ELFCLASS32, elf.ELFDATA2LSB, elf.EM_386), NOFFOptions{}, []string{"EM_386"}},
		{"entry not at 0", patchLE(d, elfEntryAt, uint32(4)), NOFFOptions{}, []string{"entry point is 0x00000004", "starts NOFF programs at 0"}},
		{"read-only data apart from the code", patchLE(d, tiny.sect(".rodata", shAddr), uint32(0x1000)), NOFFOptions{},
			[]string{"code sections (.text, .rodata) at [0x00000000, 0x00001010) and the data sections (.data) at [0x00000050, 0x00000060) are interleaved", "Nachos 4.x header"}},
		{"bss among the data", patchLE(d, tiny.sect(".bss", shAddr), uint32(0x58)), NOFFOptions{RData: true}, []string{"data sections (.data)", "bss sections (.bss)", "interleaved"}},
		{"sections overlap", patchLE(d, tiny.sect(".rodata", shAddr), uint32(0x20)), NOFFOptions{}, []string{"sections .text and .rodata overlap"}},
		{"code far above 0", patchLE(d, tiny.sect(".text", shAddr), uint32(0x100000)), NOFFOptions{RData: true}, []string{"code sections (.text) start at 0x00100000", "at most 64 KiB"}},
		{"no room for the jump", patchLE(d, tiny.sect(".text", shAddr), uint32(4)), NOFFOptions{RData: true}, []string{"code sections (.text) start at 0x00000004", "no room below them for the jump"}},
		{"data below guarded code", patchLE(d, tiny.sect(".text", shAddr), uint32(0x1000)), NOFFOptions{RData: true}, []string{"interleaved"}},
		{"section outside the file", patchLE(d, tiny.sect(".data", shOffset), uint32(0x10000)), NOFFOptions{}, []string{"section .data's 16 bytes at file offset 65536 lie outside the file"}},
		{"section above 2 GiB", patchLE(d, tiny.sect(".bss", shAddr), uint32(0x80000000)), NOFFOptions{}, []string{"section .bss", "0x7fffffff"}},
		{"huge bss section", patchLE(d, tiny.sect(".bss", shSize), uint32(100<<20)), NOFFOptions{}, []string{"more than 64 MiB"}},
		{"no section headers", patchLE(patchLE(d, elfShoffAt, uint32(0)), 48, uint32(0)), NOFFOptions{}, []string{"no code sections"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var noff []byte
			var err error
			require.NotPanics(t, func() { noff, err = ELFToNOFF("prog", c.data, c.opt) })
			assert.Nil(t, noff)
			requireFormatError(t, err, "prog", c.wants...)
		})
	}

	t.Run("read-only data apart from the code converts with 4.x", func(t *testing.T) {
		noff, err := ELFToNOFF("prog", patchLE(d, tiny.sect(".rodata", shAddr), uint32(0x1000)), NOFFOptions{RData: true})
		require.NoError(t, err)
		exe, err := ParseNOFF("prog.noff", noff)
		require.NoError(t, err)
		last := exe.Segments[len(exe.Segments)-1]
		assert.Equal(t, Segment{Name: "rdata", VAddr: 0x1000, Data: []byte("hello, nachos\x00\x00\x00"), MemSize: 16, ReadOnly: true}, last)
	})
}

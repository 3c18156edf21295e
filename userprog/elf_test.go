package userprog

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/test/tooltest"
)

// fixtureFlags build a freestanding Nachos-style program: MIPS I code with
// no PIC machinery, no C library, segments packed from address 0.
var fixtureFlags = []string{
	"-march=mips1", "-mfp32", "-mno-abicalls", "-fno-pic", "-ffreestanding",
	"-nostdlib", "-static", "-Wl,-z,max-page-size=16", "-Wl,--build-id=none",
}

// loaderFixture returns a file from testdata.
func loaderFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

// requireCrossGCC skips the test when the MIPS cross-compiler is
// missing (see tooltest).
func requireCrossGCC(t *testing.T) {
	t.Helper()
	tooltest.Require(t, "mipsel-linux-gnu-gcc", "gcc-mipsel-linux-gnu")
}

// buildFixture compiles a program from testdata with the MIPS cross
// compiler and returns the ELF file's bytes.
func buildFixture(t *testing.T, args ...string) []byte {
	t.Helper()
	requireCrossGCC(t)
	out := filepath.Join(t.TempDir(), "prog")
	cmd := exec.Command("mipsel-linux-gnu-gcc", append(append(append([]string{}, fixtureFlags...), args...), "-o", out)...)
	cmd.Dir = "testdata"
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", msg)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	return data
}

// memoryImage is the memory an executable asks for, as one byte slice from
// address 0: each segment's bytes at its address, zeros everywhere else.
func memoryImage(e *Executable) []byte {
	mem := make([]byte, e.End())
	for _, s := range e.Segments {
		copy(mem[s.VAddr:], s.Data)
	}
	return mem
}

// requireFormatError asserts that err is a *FormatError for path whose
// message mentions every one of wants, and returns it.
func requireFormatError(t *testing.T, err error, path string, wants ...string) *FormatError {
	t.Helper()
	var fe *FormatError
	require.True(t, errors.As(err, &fe), "want a *FormatError, got %v", err)
	assert.Equal(t, path, fe.Path)
	for _, w := range wants {
		assert.Contains(t, fe.Msg, w)
	}
	return fe
}

// patchLE returns a copy of data with v written little-endian at off, in as
// many bytes as v's type has.
func patchLE[T uint8 | uint16 | uint32](data []byte, off int64, v T) []byte {
	data = bytes.Clone(data)
	_, err := binary.Encode(data[off:], binary.LittleEndian, v)
	if err != nil {
		panic(err)
	}
	return data
}

// tinyELF is testdata/tiny.elf with the offsets of the header fields the
// tests corrupt, checked against what debug/elf reads so that a rebuilt
// fixture cannot silently move them.
type tinyELF struct {
	data  []byte
	progs int64 // program header table; 0 is code, 1 is data+bss, 2 is GNU_STACK
	sects map[string]int64
}

// ELF32 program and section header field offsets.
const (
	pType, pOffset, pVaddr, pFilesz, pMemsz = 0, 4, 8, 16, 20
	shAddr, shOffset, shSize                = 12, 16, 20
)

func loadTinyELF(t testing.TB) tinyELF {
	t.Helper()
	data := loaderFixture(t, "tiny.elf")
	f, err := elf.NewFile(bytes.NewReader(data))
	require.NoError(t, err)
	require.Len(t, f.Progs, 3)
	require.Equal(t, []elf.ProgType{elf.PT_LOAD, elf.PT_LOAD, elf.PT_GNU_STACK}, []elf.ProgType{f.Progs[0].Type, f.Progs[1].Type, f.Progs[2].Type})
	le := binary.LittleEndian
	tiny := tinyELF{data: data, progs: int64(le.Uint32(data[elfPhoffAt:])), sects: map[string]int64{}}
	shoff := int64(le.Uint32(data[elfShoffAt:]))
	for i, s := range f.Sections {
		tiny.sects[s.Name] = shoff + int64(i)*40
	}
	return tiny
}

// prog is the offset of field of program header i.
func (e tinyELF) prog(i int, field int64) int64 { return e.progs + int64(i)*32 + field }

// sect is the offset of field of the named section's header.
func (e tinyELF) sect(name string, field int64) int64 { return e.sects[name] + field }

func TestParseELFTiny(t *testing.T) {
	exe, err := ParseELF("tiny.elf", loaderFixture(t, "tiny.elf"))
	require.NoError(t, err)
	assert.Equal(t, ELF32, exe.Format)
	assert.Equal(t, binary.LittleEndian, exe.HeaderOrder)
	assert.Equal(t, uint32(0), exe.Entry)
	require.Len(t, exe.Segments, 2)

	code, data := exe.Segments[0], exe.Segments[1]
	assert.Equal(t, "code", code.Name)
	assert.Equal(t, uint32(0), code.VAddr)
	assert.True(t, code.ReadOnly)
	assert.Contains(t, string(code.Data), "hello, nachos", "read-only data shares the code segment")

	assert.Equal(t, "data", data.Name)
	assert.Equal(t, code.End(), data.VAddr, "tiny.ld packs data right after code")
	assert.False(t, data.ReadOnly)
	assert.Equal(t, uint32(5), binary.LittleEndian.Uint32(data.Data), "counter = 5 starts the data")
	assert.Len(t, data.Data, 16)
	assert.Equal(t, uint32(16+100*4), data.MemSize, ".data then the 400-byte table in .bss")
	assert.Equal(t, data.End(), exe.End())
}

// elfHeader builds just an ELF file header, in the class and byte order
// it claims, for files the loader must turn away before reading further.
func elfHeader(class elf.Class, order elf.Data, machine elf.Machine) []byte {
	ident := [elf.EI_NIDENT]byte{0x7f, 'E', 'L', 'F', byte(class), byte(order), byte(elf.EV_CURRENT)}
	bo := binary.ByteOrder(binary.LittleEndian)
	if order == elf.ELFDATA2MSB {
		bo = binary.BigEndian
	}
	var hdr any = elf.Header32{Ident: ident, Type: uint16(elf.ET_EXEC), Machine: uint16(machine), Version: 1, Ehsize: 52}
	if class == elf.ELFCLASS64 {
		hdr = elf.Header64{Ident: ident, Type: uint16(elf.ET_EXEC), Machine: uint16(machine), Version: 1, Ehsize: 64}
	}
	var b bytes.Buffer
	if err := binary.Write(&b, bo, hdr); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func TestParseELFRejects(t *testing.T) {
	tiny := loadTinyELF(t)
	d := tiny.data
	cases := []struct {
		name   string
		data   []byte
		offset int64
		wants  []string
	}{
		{"truncated identification", d[:10], 10, []string{"truncated"}},
		{"truncated header", d[:40], 40, []string{"truncated", "52 bytes"}},
		{"64-bit x86", elfHeader(elf.ELFCLASS64, elf.ELFDATA2LSB, elf.EM_X86_64), 4, []string{"64-bit", "mipsel-linux-gnu-gcc"}},
		{"big-endian MIPS", elfHeader(elf.ELFCLASS32, elf.ELFDATA2MSB, elf.EM_MIPS), 5, []string{"big-endian", "mipsel-linux-gnu-gcc"}},
		{"32-bit x86", elfHeader(elf.ELFCLASS32, elf.ELFDATA2LSB, elf.EM_386), elfMachineAt, []string{"EM_386", "not MIPS", "mipsel-linux-gnu-gcc"}},
		{"ARM", patchLE(d, elfMachineAt, uint16(elf.EM_ARM)), elfMachineAt, []string{"EM_ARM", "not MIPS"}},
		{"invalid class", patchLE(d, 4, uint8(9)), 4, []string{"invalid ELF class byte (9)"}},
		{"invalid data encoding", patchLE(d, 5, uint8(0)), 5, []string{"invalid ELF data encoding byte (0)"}},
		{"object file", patchLE(d, elfTypeAt, uint16(elf.ET_REL)), elfTypeAt, []string{"object file", "link it"}},
		{"position-independent", patchLE(d, elfTypeAt, uint16(elf.ET_DYN)), elfTypeAt, []string{"ET_DYN", "-static"}},
		{"core dump", patchLE(d, elfTypeAt, uint16(elf.ET_CORE)), elfTypeAt, []string{"core dump"}},
		{"damaged program header table", patchLE(d, elfPhentsizeAt, uint16(7)), 0, []string{"damaged ELF file"}},
		{"cut short", d[:len(d)-8], int64(len(d) - 8), []string{"is truncated: its headers describe more than"}},
		{"interpreter", patchLE(d, tiny.prog(2, pType), uint32(elf.PT_INTERP)), tiny.prog(2, 0), []string{"dynamically linked", "-static", "test/script.ld"}},
		{"dynamic section", patchLE(d, tiny.prog(2, pType), uint32(elf.PT_DYNAMIC)), tiny.prog(2, 0), []string{"dynamically linked"}},
		{"file size above memory size", patchLE(d, tiny.prog(1, pFilesz), uint32(0x1000)), tiny.prog(1, 0), []string{"more bytes in the file (4096) than in memory (416)"}},
		{"bytes past the end of the file", patchLE(d, tiny.prog(0, pOffset), uint32(len(d)-8)), tiny.prog(0, 0), []string{"outside the file", "truncated"}},
		{"offset far past the end", patchLE(d, tiny.prog(1, pOffset), uint32(0xfffffff0)), tiny.prog(1, 0), []string{"outside the file"}},
		{"segments overlap", patchLE(d, tiny.prog(1, pVaddr), uint32(0x20)), tiny.prog(1, 0), []string{"data segment [0x00000020, 0x000001c0) overlaps the code segment"}},
		{"past the top of memory", patchLE(d, tiny.prog(1, pVaddr), uint32(0xffffff00)), tiny.prog(1, 0), []string{"32-bit address space"}},
		{"ends exactly at 2^32", patchLE(d, tiny.prog(1, pVaddr), uint32(0xffffffff-0x1a0+1)), tiny.prog(1, 0), []string{"32-bit address space"}},
		{"absurd memory size", patchLE(d, tiny.prog(1, pMemsz), uint32(0xf0000000)), tiny.prog(1, 0), []string{"more than 64 MiB", "corrupt"}},
		{"entry point in data", patchLE(d, elfEntryAt, uint32(0x60)), elfEntryAt, []string{"entry point 0x00000060", "executable segment"}},
		{"entry point nowhere", patchLE(d, elfEntryAt, uint32(0x123456)), elfEntryAt, []string{"entry point 0x00123456"}},
		{"entry point unaligned", patchLE(d, elfEntryAt, uint32(0x3)), elfEntryAt, []string{"entry point 0x00000003 is not a multiple of 4"}},
		{"no loadable segment", patchLE(patchLE(d, tiny.prog(0, pType), uint32(elf.PT_NOTE)), tiny.prog(1, pType), uint32(elf.PT_NULL)), tiny.progs, []string{"no loadable (PT_LOAD) segment"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var exe *Executable
			var err error
			require.NotPanics(t, func() { exe, err = ParseELF("prog", c.data) })
			assert.Nil(t, exe)
			fe := requireFormatError(t, err, "prog", c.wants...)
			assert.Equal(t, c.offset, fe.Offset)
			assert.Regexp(t, `^prog: .* \(at byte offset [0-9]+\)$`, err.Error(), "one line: path, message, offset")
		})
	}
}

func TestParseELFSkipsEmptySegments(t *testing.T) {
	tiny := loadTinyELF(t)
	// A PT_LOAD with nothing in memory, even at an address that would
	// otherwise overlap the code, loads nothing.
	data := patchLE(patchLE(tiny.data, tiny.prog(2, pType), uint32(elf.PT_LOAD)), tiny.prog(2, pFilesz), uint32(0))
	exe, err := ParseELF("prog", data)
	require.NoError(t, err)
	assert.Len(t, exe.Segments, 2)
}

func TestLoadRecognizesFormats(t *testing.T) {
	elfData := loaderFixture(t, "tiny.elf")
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, data, 0o644))
		return path
	}
	convert := func(opt NOFFOptions) []byte {
		noff, err := ELFToNOFF("tiny.elf", elfData, opt)
		require.NoError(t, err)
		return noff
	}
	cases := []struct {
		name   string
		data   []byte
		format Format
		order  binary.ByteOrder
	}{
		{"tiny.elf", elfData, ELF32, binary.LittleEndian},
		{"le34.noff", convert(NOFFOptions{}), NOFF34, binary.LittleEndian},
		{"be4.noff", convert(NOFFOptions{HeaderOrder: binary.BigEndian, RData: true}), NOFF4, binary.BigEndian},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := write(c.name, c.data)
			exe, err := Load(path)
			require.NoError(t, err)
			assert.Equal(t, path, exe.Path)
			assert.Equal(t, c.format, exe.Format)
			assert.Equal(t, c.order, exe.HeaderOrder)
		})
	}

	t.Run("not a program", func(t *testing.T) {
		path := write("garbage", []byte{0x7f, 0x00, 0xff, 0x10, 'x'})
		_, err := Load(path)
		fe := requireFormatError(t, err, path, "not a program Nachos can run", "7f 00 ff 10", "mipsel-linux-gnu-gcc")
		assert.Equal(t, int64(0), fe.Offset)
	})
	t.Run("source code", func(t *testing.T) {
		path := write("hello.c", []byte("#include \"syscall.h\"\n\nint main(void)\n{\n\treturn 0;\n}\n"))
		_, err := Load(path)
		requireFormatError(t, err, path, "is a text file, not a compiled program", "make -C test")
	})
	t.Run("directory", func(t *testing.T) {
		_, err := Load(dir)
		assert.EqualError(t, err, dir+": is a directory, not a program; name a compiled program such as test/halt")
	})
	t.Run("device", func(t *testing.T) {
		// Reading /dev/zero would never end (it would fill memory first).
		_, err := Load("/dev/zero")
		assert.EqualError(t, err, "/dev/zero: is a device or a pipe, not a program; name a compiled program such as test/halt")
	})
	t.Run("empty", func(t *testing.T) {
		path := write("empty", nil)
		_, err := Load(path)
		requireFormatError(t, err, path, "is empty")
	})
	t.Run("missing", func(t *testing.T) {
		_, err := Load(filepath.Join(dir, "nope"))
		assert.ErrorIs(t, err, os.ErrNotExist)
	})
}

func TestFormatString(t *testing.T) {
	assert.Equal(t, "ELF32", ELF32.String())
	assert.Equal(t, "NOFF (Nachos 3.4)", NOFF34.String())
	assert.Equal(t, "NOFF (Nachos 4.x)", NOFF4.String())
	assert.Equal(t, "Format(0)", Format(0).String())
}

// fixturePrograms are the programs the cross-compiler tests build from
// testdata: each linked with tiny.ld, as a Nachos program should be, and
// one with the toolchain's default layout.
var fixturePrograms = []struct {
	name   string
	args   []string
	layout bool // linked with tiny.ld, so it converts to NOFF
}{
	{"tiny -O2", []string{"-O2", "-G0", "-T", "tiny.ld", "tiny.c"}, true},
	{"many -O0", []string{"-O0", "-G0", "-T", "tiny.ld", "many.c"}, true},
	{"many -O2 -G8 (small data)", []string{"-O2", "-G8", "-T", "tiny.ld", "many.c"}, true},
	{"many, default layout", []string{"-O2", "-G0", "-Wl,-Ttext=0", "-Wl,-e,__start", "many.c"}, false},
}

func TestCrossBuiltPrograms(t *testing.T) {
	for _, p := range fixturePrograms {
		t.Run(p.name, func(t *testing.T) {
			data := buildFixture(t, p.args...)
			exe, err := ParseELF("prog", data)
			require.NoError(t, err)
			assert.Equal(t, uint32(0), exe.Entry)
			assert.True(t, exe.Segments[0].ReadOnly)
			if p.layout {
				requireRoundTrips(t, data)
				return
			}
			// The default layout puts the MIPS ABI flags and register
			// summary, which are read-only data, above the data.
			for _, rdata := range []bool{false, true} {
				_, err := ELFToNOFF("prog", data, NOFFOptions{RData: rdata})
				requireFormatError(t, err, "prog", "interleaved", ".MIPS.abiflags", "test/script.ld")
			}
		})
	}
}

// TestShippedPrograms converts whatever programs in ../test have been
// built, since those are the ones students will run.
func TestShippedPrograms(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "test", "*"))
	require.NoError(t, err)
	found := 0
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(data, []byte(elfMagic)) {
			continue // directories, sources, objects in progress
		}
		if f, err := elf.NewFile(bytes.NewReader(data)); err != nil || f.Type != elf.ET_EXEC || f.Machine != elf.EM_MIPS {
			continue // host programs, such as a test's reference implementation
		}
		found++
		t.Run(filepath.Base(path), func(t *testing.T) { requireRoundTrips(t, data) })
	}
	if found == 0 {
		t.Skip("no programs built in ../test yet (build them with make -C test)")
	}
}

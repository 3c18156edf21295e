package userprog

import (
	"nachos/test/tooltest"

	"bufio"
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The binutils the tests compare Symbols with, from Debian's
// binutils-mipsel-linux-gnu.
const (
	nmTool        = "mipsel-linux-gnu-nm"
	addr2lineTool = "mipsel-linux-gnu-addr2line"
	stripTool     = "mipsel-linux-gnu-strip"
	binutilsPkg   = "binutils-mipsel-linux-gnu"
)

// shippedPrograms returns the path of every ELF program in test/.
func shippedPrograms(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir("../test")
	require.NoError(t, err)
	var progs []string
	for _, e := range entries {
		p := filepath.Join("../test", e.Name())
		data, err := os.ReadFile(p)
		if e.Type().IsRegular() && err == nil && bytes.HasPrefix(data, []byte(elfMagic)) {
			progs = append(progs, p)
		}
	}
	require.NotEmpty(t, progs)
	return progs
}

// loadShippedSymbols is LoadSymbols for a program that must load.
func loadShippedSymbols(t *testing.T, prog string) *Symbols {
	t.Helper()
	s, err := LoadSymbols(prog)
	require.NoError(t, err)
	return s
}

// toolOutput runs a binutils tool and returns its standard output.
func toolOutput(t *testing.T, stdin string, tool string, args ...string) string {
	t.Helper()
	cmd := exec.Command(tool, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "%s %v: %s", tool, args, stderr.String())
	return string(out)
}

// An nmSymbol is one line of nm -S output.
type nmSymbol struct {
	name       string
	addr, size uint32
	kind       byte // nm's letter: T code, D data, B bss, R read-only data; lower case is local
}

// nmSymbols lists the defined code and data symbols of prog, as nm sees them.
func nmSymbols(t *testing.T, prog string) []nmSymbol {
	out := toolOutput(t, "", nmTool, "--defined-only", "-S", prog)
	var syms []nmSymbol
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Fields(line)
		if len(f) == 3 {
			f = []string{f[0], "0", f[1], f[2]} // nm leaves out a zero size
		}
		require.Len(t, f, 4, "nm line %q", line)
		if !strings.ContainsAny(f[2], "TtDdBbRr") {
			continue // absolute symbols and the like name no code or data
		}
		addr, err := strconv.ParseUint(f[0], 16, 32)
		require.NoError(t, err)
		size, err := strconv.ParseUint(f[1], 16, 32)
		require.NoError(t, err)
		syms = append(syms, nmSymbol{name: f[3], addr: uint32(addr), size: uint32(size), kind: f[2][0]})
	}
	return syms
}

// Every function and variable nm lists is found by name, at nm's
// address, and every function's first and last bytes are named after it.
func TestSymbolsAgreeWithNm(t *testing.T) {
	tooltest.Require(t, nmTool, binutilsPkg)
	for _, prog := range shippedPrograms(t) {
		s := loadShippedSymbols(t, prog)
		syms := nmSymbols(t, prog)
		names, addrs := map[string]int{}, map[uint32]int{}
		for _, sym := range syms {
			names[sym.name]++
			addrs[sym.addr]++
		}
		require.Contains(t, names, "main", prog)
		for _, sym := range syms {
			if names[sym.name] == 1 { // two statics of one name: either may be found
				addr, ok := s.Lookup(sym.name)
				assert.True(t, ok, "%s: Lookup(%q)", prog, sym.name)
				assert.Equal(t, sym.addr, addr, "%s: Lookup(%q)", prog, sym.name)
			}
			if (sym.kind == 'T' || sym.kind == 't') && addrs[sym.addr] == 1 && sym.size > 0 {
				for _, off := range []uint32{0, sym.size - 1} {
					name, got, ok := s.Function(sym.addr + off)
					assert.True(t, ok && name == sym.name && got == off,
						"%s: Function(0x%x) = %q+0x%x, %v; nm says %s+0x%x", prog, sym.addr+off, name, got, ok, sym.name, off)
				}
			}
		}
		_, ok := s.Lookup("no such symbol")
		assert.False(t, ok)
	}
}

// addr2lineAnswer matches what addr2line says of one address:
// "./sort.c:42", "./sort.c:42 (discriminator 1)", or "??:0" for an
// address with no line.
var addr2lineAnswer = regexp.MustCompile(`^(.*):(\d+|\?)(?: \(discriminator \d+\))?$`)

// Line agrees with addr2line at every instruction of every program.
func TestSymbolsLineAgreesWithAddr2line(t *testing.T) {
	tooltest.Require(t, addr2lineTool, binutilsPkg)
	for _, prog := range shippedPrograms(t) {
		s := loadShippedSymbols(t, prog)
		exe, err := Load(prog)
		require.NoError(t, err)
		var pcs []uint32
		var in strings.Builder
		for _, seg := range exe.Segments {
			if seg.Name != "code" {
				continue
			}
			for pc := seg.VAddr; pc < seg.End(); pc += 4 {
				pcs = append(pcs, pc)
				fmt.Fprintf(&in, "0x%x\n", pc)
			}
		}
		out := bufio.NewScanner(strings.NewReader(toolOutput(t, in.String(), addr2lineTool, "-e", prog)))
		known := 0
		for _, pc := range pcs {
			require.True(t, out.Scan(), "%s: addr2line said too little", prog)
			m := addr2lineAnswer.FindStringSubmatch(out.Text())
			require.NotNil(t, m, "%s: addr2line said %q", prog, out.Text())
			want := ""
			if m[1] != "??" && m[2] != "?" && m[2] != "0" {
				want = path.Clean(m[1]) + ":" + m[2]
			}
			if _, _, inFunc := s.Function(pc); !inFunc {
				continue // read-only data, where addr2line gives a variable's declaration
			}
			got := ""
			if file, line, ok := s.Line(pc); ok {
				got = fmt.Sprintf("%s:%d", file, line)
				known++
			}
			assert.Equal(t, want, got, "%s: Line(0x%x)", prog, pc)
		}
		assert.NotZero(t, known, "%s has no line information: is it built with -g?", prog)
	}
}

// The source files a program names are relative to test/ (the Makefile's
// -ffile-prefix-map), so the committed programs do not depend on where
// they were built.
func TestSymbolsFilesAreRelative(t *testing.T) {
	for _, prog := range shippedPrograms(t) {
		s := loadShippedSymbols(t, prog)
		require.NotEmpty(t, s.files, prog)
		for _, f := range s.files {
			assert.False(t, path.IsAbs(f) || strings.HasPrefix(f, ".."), "%s names %s", prog, f)
		}
	}
}

// Every address LineAddrs gives for a line is the start of that line's
// code, and every line with code has at least one.
func TestSymbolsLineAddrs(t *testing.T) {
	for _, prog := range shippedPrograms(t) {
		s := loadShippedSymbols(t, prog)
		type fileLine struct {
			file string
			line int
		}
		seen := map[fileLine]bool{}
		for _, row := range s.rows {
			if file, line, ok := s.Line(row.addr); ok {
				seen[fileLine{file, line}] = true
			}
		}
		for fl := range seen {
			addrs := s.LineAddrs(fl.file, fl.line)
			if len(addrs) == 0 {
				continue // rows not flagged as statements, such as a function's closing brace in a delay slot
			}
			for _, a := range addrs {
				file, line, ok := s.Line(a)
				assert.True(t, ok && file == fl.file && line == fl.line, "%s: LineAddrs(%s, %d) gives 0x%x, which is %s:%d", prog, fl.file, fl.line, a, file, line)
			}
			assert.IsIncreasing(t, addrs)
		}
	}
	s := loadShippedSymbols(t, "../test/libtest")
	require.Contains(t, s.files, "lib/printf.c")
	line := 0
	for _, row := range s.stmts {
		if s.files[row.file] == "lib/printf.c" {
			line = int(row.line)
			break
		}
	}
	require.NotZero(t, line)
	assert.NotEmpty(t, s.LineAddrs("lib/printf.c", line))
	assert.Equal(t, s.LineAddrs("lib/printf.c", line), s.LineAddrs("printf.c", line), "a bare file name finds the file too")
	assert.Empty(t, s.LineAddrs("nosuch.c", line))
	assert.Empty(t, s.LineAddrs("lib/printf.c", 1<<20))
}

// gcc repeats a statement's row at its address without the is_stmt flag
// (a second "view"), and may start a statement after an instruction of
// the same line it scheduled earlier; a breakpoint on such a line must
// still find the statement. fork.c has both (-O1).
func TestSymbolsLineAddrsFindStatementsGccRepeats(t *testing.T) {
	s := loadShippedSymbols(t, "../test/fork")
	for _, text := range []string{"if (Fork(worker) < 0", "counter++;", "return counter;"} {
		line := tooltest.SourceLine(t, "../test/fork.c", text)
		addrs := s.LineAddrs("fork.c", line)
		require.NotEmpty(t, addrs, "fork.c:%d, %s", line, text)
		for _, a := range addrs {
			file, l, _ := s.Line(a)
			assert.Equal(t, "fork.c:"+strconv.Itoa(line), file+":"+strconv.Itoa(l), "0x%x", a)
		}
	}
}

// Describe names a function and a line, the function alone when the
// program has no line table, and nothing at all without a symbol table
// or for a NOFF program.
func TestSymbolsDescribe(t *testing.T) {
	s := loadShippedSymbols(t, "../test/halt34")
	main, ok := s.Lookup("main")
	require.True(t, ok)
	file, line, ok := s.Line(main + 4)
	require.True(t, ok)
	assert.Equal(t, "halt34.S", file)
	assert.Equal(t, fmt.Sprintf("main+0x4 (halt34.S:%d)", line), s.Describe(main+4))
	assert.Equal(t, fmt.Sprintf("main (halt34.S:%d)", line-1), s.Describe(main))

	tooltest.Require(t, stripTool, binutilsPkg)
	dir := t.TempDir()
	for _, c := range []struct{ flag, want string }{
		{"--strip-debug", "main+0x4"},
		{"--strip-all", ""},
	} {
		out := filepath.Join(dir, c.flag)
		toolOutput(t, "", stripTool, c.flag, "-o", out, "../test/halt34")
		stripped := loadShippedSymbols(t, out)
		require.NotNil(t, stripped)
		assert.Equal(t, c.want, stripped.Describe(main+4), c.flag)
		exe, err := Load(out)
		require.NoError(t, err, "the loader ignores the sections strip took away")
		assert.Equal(t, c.want, exe.Symbols().Describe(main+4), c.flag)
	}
}

func TestSymbolsOfNOFFAndMissingFiles(t *testing.T) {
	noff, err := ELFToNOFF("halt", loaderFixture(t, "tiny.elf"), NOFFOptions{})
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "halt.noff")
	require.NoError(t, os.WriteFile(p, noff, 0o644))
	s, err := LoadSymbols(p)
	require.NoError(t, err)
	require.NotNil(t, s)
	assert.Equal(t, "", s.Describe(0))
	exe, err := Load(p)
	require.NoError(t, err)
	assert.Nil(t, exe.Symbols(), "NOFF carries no symbols")

	_, err = LoadSymbols(filepath.Join(t.TempDir(), "missing"))
	assert.Error(t, err)
}

// A nil *Symbols knows nothing, and says so without panicking.
func TestSymbolsNil(t *testing.T) {
	var s *Symbols
	_, ok := s.Lookup("main")
	assert.False(t, ok)
	_, _, ok = s.Function(0)
	assert.False(t, ok)
	_, _, ok = s.Line(0)
	assert.False(t, ok)
	assert.Empty(t, s.LineAddrs("sort.c", 1))
	assert.Equal(t, "", s.Describe(0))
}

// Function and Line run for every traced instruction: they must not
// allocate.
func TestSymbolsLookupsDoNotAllocate(t *testing.T) {
	s := loadShippedSymbols(t, "../test/sort")
	main, ok := s.Lookup("main")
	require.True(t, ok)
	allocs := testing.AllocsPerRun(100, func() {
		s.Function(main + 8)
		s.Line(main + 8)
	})
	assert.Zero(t, allocs)
}

// A damaged symbol table or line table gives fewer names, never a panic:
// every byte of the tables, and of the headers that locate them, is
// overwritten in turn, and the file cut short at every length.
func TestSymbolsSurviveDamage(t *testing.T) {
	data, err := os.ReadFile("../test/sort")
	require.NoError(t, err)
	f, err := elf.NewFile(bytes.NewReader(data))
	require.NoError(t, err)
	var spans [][2]uint64
	for _, sec := range f.Sections {
		if sec.Type != elf.SHT_NOBITS && sec.Flags&elf.SHF_ALLOC == 0 {
			spans = append(spans, [2]uint64{sec.Offset, sec.Offset + sec.Size})
		}
	}
	spans = append(spans, [2]uint64{0, elf32HeaderLen}, [2]uint64{uint64(len(data)) - uint64(len(f.Sections))*40, uint64(len(data))})
	for _, span := range spans {
		for off := span[0]; off < span[1] && off < uint64(len(data)); off++ {
			for _, v := range []byte{0x00, 0xff, data[off] ^ 0x80} {
				exerciseSymbols(ParseSymbols(patchLE(data, int64(off), v)))
			}
		}
	}
	for n := range len(data) {
		exerciseSymbols(ParseSymbols(data[:n]))
	}
}

// exerciseSymbols calls every accessor of s over a range of addresses.
func exerciseSymbols(s *Symbols) {
	s.Lookup("main")
	s.LineAddrs("sort.c", 30)
	for pc := uint32(0); pc < 0x400; pc += 4 {
		s.Describe(pc)
	}
	s.Describe(0xffffffff)
}

// FuzzParseSymbols feeds mangled programs to the symbol reader.
func FuzzParseSymbols(f *testing.F) {
	for _, prog := range []string{"../test/halt34", "../test/bad", "../test/sort"} {
		data, err := os.ReadFile(prog)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := ParseSymbols(data)
		require.NotNil(t, s)
		exerciseSymbols(s)
	})
}

// Debugging information must not change what is loaded: built without
// -g, every program loads exactly as the committed one, built with it.
// (test/Makefile's check-debug compares the same with readelf and
// objcopy; this compares it as the simulator loads it.)
func TestDebugInfoLeavesImageAlone(t *testing.T) {
	tooltest.Require(t, tooltest.CrossGCC, tooltest.CrossGCCPackage)
	out := t.TempDir()
	cmd := exec.Command("make", "-s", "-C", "../test", "OUT="+out, "BUILD="+filepath.Join(out, "build"), "DEBUGFLAGS=", "all")
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", msg)
	for _, prog := range shippedPrograms(t) {
		withDebug, err := Load(prog)
		require.NoError(t, err)
		without, err := Load(filepath.Join(out, filepath.Base(prog)))
		require.NoError(t, err)
		assert.Equal(t, without.Entry, withDebug.Entry, prog)
		assert.Equal(t, without.Segments, withDebug.Segments, prog)
		assert.Empty(t, without.Symbols().files, "%s built without -g has no lines", prog)
		assert.NotEmpty(t, withDebug.Symbols().files, prog)
	}
}

// lineHeader builds a DWARF 5 line table header whose directory list has
// dirCount entries, each a string of the given form, and one file.
func lineHeader(version uint16, form byte, dirCount []byte) []byte {
	var h []byte
	h = append(h, 1, 1, 1, 0xfb, 14, 13)              // instruction length, ops, is_stmt, line base and range, opcode base
	h = append(h, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1) // the standard opcodes' operand counts
	h = append(h, 1, 1, form)                         // directories: one field, the path
	h = append(h, dirCount...)
	h = append(h, ".\x00"...)
	h = append(h, 1, 1, 0x08, 1) // files: one field, the path as a string; one file
	h = append(h, "a.c\x00"...)
	var u []byte
	u = binary.LittleEndian.AppendUint16(u, version)
	u = append(u, 4, 0) // address and segment selector sizes
	u = binary.LittleEndian.AppendUint32(u, uint32(len(h)))
	u = append(u, h...)
	return append(binary.LittleEndian.AppendUint32(nil, uint32(len(u))), u...)
}

// The line table guard passes real headers and refuses counts that
// would make debug/dwarf allocate gigabytes.
func TestLineHeaderSane(t *testing.T) {
	good := lineHeader(5, 0x08, []byte{1})
	for _, c := range []struct {
		name string
		sec  []byte
		off  int64
		want bool
	}{
		{"one directory", good, 0, true},
		{"a count of 2^31 directories", lineHeader(5, 0x08, []byte{0x80, 0x80, 0x80, 0x80, 0x08}), 0, false},
		{"an unknown form", lineHeader(5, 0x99, []byte{1}), 0, false},
		{"cut short", good[:len(good)-3], 0, false},
		{"DWARF 4: no counts", lineHeader(4, 0x08, []byte{0xff, 0xff, 0xff, 0x7f}), 0, true},
		{"an offset past the section", good, int64(len(good)), false},
		{"a negative offset", good, -1, false},
		{"64-bit DWARF", append([]byte{0xff, 0xff, 0xff, 0xff}, good...), 0, false},
	} {
		assert.Equal(t, c.want, lineHeaderSane(c.sec, c.off), c.name)
	}
	for _, prog := range shippedPrograms(t) {
		f, err := elf.Open(prog)
		require.NoError(t, err)
		sec, err := f.Section(".debug_line").Data()
		require.NoError(t, err)
		assert.True(t, lineHeaderSane(sec, 0), prog)
		f.Close()
	}
}

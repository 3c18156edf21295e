// Symbols: naming the code behind an address.
//
// A fault at "pc 0x00000258" tells a student little; "main+0x18
// (sort.c:42)" tells them where to look. An ELF file can carry both
// halves of that answer, outside the memory the program is loaded into:
//
//   - The symbol table (.symtab) gives every function and global
//     variable a name, an address and a size. The linker always writes
//     it, so any ELF program can say which function an address is in,
//     and how far into it.
//   - The DWARF line table (.debug_line), written only when the program
//     was compiled with -g, maps instruction addresses back to source
//     lines. It is a list of rows (address, file, line) in address order:
//     a row holds from its address up to the next row's. Each contiguous
//     run of code is one "sequence", closed by an end-of-sequence row
//     whose address is one past the run's last byte. Rows flagged is_stmt
//     are where a source statement begins, the places a debugger stops
//     at for a breakpoint on a line.
//
// NOFF files carry neither, so a NOFF program gets an empty Symbols and
// its messages show bare addresses, as Nachos's always did.
//
// Both tables come from the program file, which a student may have
// damaged, so nothing here trusts them: a malformed table yields fewer
// names, never an error or a panic. Function and Line are binary searches
// in sorted slices that allocate nothing, although they run only when a
// message is written (faults, -d m traces, the single-stepper), never in
// the CPU loop.

package userprog

import (
	"bytes"
	"cmp"
	"debug/dwarf"
	"debug/elf"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strings"

	"nachos/machine"
)

// Symbols names the code of one executable: functions from the ELF symbol
// table and source lines from DWARF, when the program was built with -g.
// A nil *Symbols knows nothing, and all its methods may be called.
type Symbols struct {
	funcs []symbol  // code symbols, sorted by address, one per address
	names []symbol  // functions and data objects, sorted by name
	rows  []lineRow // line table rows, sorted by address, one per address
	stmts []lineRow // statement starts, sorted by file, line and address
	files []string  // source file names, as rows index them
}

// A symbol is one named function or data object.
type symbol struct {
	name string
	addr uint32
	size uint32 // bytes; a code symbol the table gave no size runs to the next one
	rank int    // how good a name it is when several share an address (lower is better)
}

// A lineRow says that the code from addr up to the next row's address
// comes from one line of one source file.
type lineRow struct {
	addr uint32
	file int32 // index into Symbols.files; noFile ends a sequence: no line here
	line int32
	stmt bool // a statement begins here
}

// noFile marks an end-of-sequence row: the addresses from it on, up to the
// next sequence, have no source line.
const noFile = -1

// LoadSymbols reads the symbols of the program file at path. A NOFF file,
// an ELF file without a symbol table, or a damaged one gives an empty
// Symbols; only a file that cannot be read is an error.
func LoadSymbols(path string) (*Symbols, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize))
	if err != nil {
		return nil, err
	}
	return ParseSymbols(data), nil
}

// ParseSymbols is LoadSymbols for a program file already in memory.
func ParseSymbols(data []byte) *Symbols {
	s := &Symbols{}
	if !bytes.HasPrefix(data, []byte(elfMagic)) {
		return s // NOFF has no symbols
	}
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return s
	}
	s.readSymtab(f)
	s.readLines(f)
	return s
}

// symbolRanks orders the kinds of symbol by how well they name an
// address: a function beats an assembler label, a global beats a static.
var symbolRanks = map[elf.SymType]int{elf.STT_FUNC: 0, elf.STT_OBJECT: 0, elf.STT_NOTYPE: 2}

// readSymtab fills funcs and names from the ELF symbol table.
func (s *Symbols) readSymtab(f *elf.File) {
	syms, err := f.Symbols()
	if err != nil {
		return // no table, or a damaged one: no names
	}
	for _, sym := range syms {
		rank, named := symbolRanks[elf.ST_TYPE(sym.Info)]
		if !named || sym.Name == "" || sym.Section == elf.SHN_UNDEF || sym.Value > 0xffffffff || sym.Size > 0xffffffff {
			continue
		}
		if elf.ST_BIND(sym.Info) != elf.STB_GLOBAL {
			rank++
		}
		e := symbol{name: sym.Name, addr: uint32(sym.Value), size: uint32(sym.Size), rank: rank}
		s.names = append(s.names, e)
		if sec := sectionOf(f, sym.Section); sec != nil && sec.Flags&elf.SHF_EXECINSTR != 0 {
			if e.size == 0 {
				e.size = uint32(min(sec.Addr+sec.Size, 0xffffffff) - min(sym.Value, sec.Addr+sec.Size))
			}
			s.funcs = append(s.funcs, e)
		}
	}
	slices.SortFunc(s.names, func(a, b symbol) int {
		return cmp.Or(strings.Compare(a.name, b.name), cmp.Compare(a.rank, b.rank), cmp.Compare(a.addr, b.addr))
	})
	s.names = slices.CompactFunc(s.names, func(a, b symbol) bool { return a.name == b.name })
	slices.SortFunc(s.funcs, func(a, b symbol) int {
		return cmp.Or(cmp.Compare(a.addr, b.addr), cmp.Compare(a.rank, b.rank), strings.Compare(a.name, b.name))
	})
	s.funcs = slices.CompactFunc(s.funcs, func(a, b symbol) bool { return a.addr == b.addr })
	// A symbol whose size the table did not give ends where the next
	// one begins; one whose size runs into the next is cut short there,
	// so that every address has at most one function.
	for i := range len(s.funcs) - 1 {
		if next := s.funcs[i+1].addr; s.funcs[i].size > next-s.funcs[i].addr {
			s.funcs[i].size = next - s.funcs[i].addr
		}
	}
}

// sectionOf is the section a symbol is defined in, or nil for the
// special indexes (absolute, common) and out-of-range ones.
func sectionOf(f *elf.File, i elf.SectionIndex) *elf.Section {
	if i >= elf.SHN_LORESERVE || int(i) >= len(f.Sections) {
		return nil
	}
	return f.Sections[i]
}

// readLines fills rows, stmts and files from the DWARF line tables, one
// per compilation unit (source file).
func (s *Symbols) readLines(f *elf.File) {
	d, err := dwarfOf(f)
	if err != nil {
		return // built without -g, or damaged: no lines
	}
	var lineSec []byte
	if sec := f.Section(".debug_line"); sec != nil {
		lineSec, _ = sec.Data()
	}
	fileIndex := map[string]int32{}
	var seqs [][]lineRow
	var seq []lineRow
	r := d.Reader()
	for next := dwarf.Offset(0); ; {
		cu, err := r.Next()
		// Each unit lies past the last, and none is a null entry: after
		// some damage, the reader returns the same null entry forever.
		if cu == nil || err != nil || cu.Tag == 0 || cu.Offset < next {
			break
		}
		next = cu.Offset + 1
		r.SkipChildren()
		if cu.Tag != dwarf.TagCompileUnit {
			continue
		}
		off, ok := cu.Val(dwarf.AttrStmtList).(int64)
		if !ok || !lineHeaderSane(lineSec, off) {
			continue
		}
		lr, err := d.LineReader(cu)
		if lr == nil || err != nil {
			continue
		}
		var e dwarf.LineEntry
		for lr.Next(&e) == nil {
			if e.Address > 0xffffffff || e.Line < 0 || e.Line > 1<<30 {
				seq = nil // a damaged row spoils its sequence
				continue
			}
			row := lineRow{addr: uint32(e.Address), file: noFile, line: int32(e.Line), stmt: e.IsStmt}
			if !e.EndSequence {
				row.file = internFile(&s.files, fileIndex, e.File)
			}
			if len(seq) > 0 && row.addr < seq[len(seq)-1].addr {
				seq = nil // rows must not go backwards
				continue
			}
			seq = append(seq, row)
			if e.EndSequence {
				seqs = append(seqs, seq)
				seq = nil
			}
		}
		seq = nil // a sequence left open by a damaged table is dropped
	}
	// Sequences are sorted inside; sorted by where they start, and then
	// row by row in case a damaged table makes two overlap, they give
	// one table in address order.
	slices.SortStableFunc(seqs, func(a, b []lineRow) int { return cmp.Compare(a[0].addr, b[0].addr) })
	all := slices.Concat(seqs...)
	slices.SortStableFunc(all, func(a, b lineRow) int { return cmp.Compare(a.addr, b.addr) })
	for _, row := range all {
		// Of several rows at one address, the last holds (as in
		// addr2line): the earlier ones cover no bytes. gcc often
		// repeats a statement's row at the same address without the
		// is_stmt flag (a new "view"); the statement still begins there.
		if n := len(s.rows); n > 0 && s.rows[n-1].addr == row.addr {
			last := s.rows[n-1]
			row.stmt = row.stmt || last.stmt && last.file == row.file && last.line == row.line
			s.rows[n-1] = row
		} else {
			s.rows = append(s.rows, row)
		}
	}
	// A statement of a line begins where a row flagged is_stmt starts a
	// run of rows for that line, or follows rows of the line that are not
	// statements (an instruction the compiler moved ahead of it).
	for i, row := range s.rows {
		if row.stmt && row.file != noFile && row.line != 0 &&
			(i == 0 || s.rows[i-1].line != row.line || s.rows[i-1].file != row.file || !s.rows[i-1].stmt) {
			s.stmts = append(s.stmts, row)
		}
	}
	slices.SortFunc(s.stmts, func(a, b lineRow) int {
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.line, b.line), cmp.Compare(a.addr, b.addr))
	})
	s.stmts = slices.Compact(s.stmts)
}

// dwarfOf parses the DWARF sections of f. debug/dwarf checks what it
// reads but, being the standard library's reader rather than a hardened
// one, has had panics on crafted input; a program file is user input, so
// a panic here is turned into "no debugging information".
func dwarfOf(f *elf.File) (d *dwarf.Data, err error) {
	defer func() {
		if recover() != nil {
			d, err = nil, fmt.Errorf("damaged DWARF data")
		}
	}()
	return f.DWARF()
}

// internFile returns the index of a source file's name in files, adding
// it the first time. The name is the one the compiler recorded, relative
// to the build directory (test/Makefile maps that directory to ".").
func internFile(files *[]string, index map[string]int32, f *dwarf.LineFile) int32 {
	name := "?"
	if f != nil && f.Name != "" {
		name = path.Clean(f.Name)
	}
	if i, ok := index[name]; ok {
		return i
	}
	*files = append(*files, name)
	index[name] = int32(len(*files) - 1)
	return index[name]
}

// Lookup returns the address of the function or data object called name.
func (s *Symbols) Lookup(name string) (addr uint32, ok bool) {
	if s == nil {
		return 0, false
	}
	i, found := slices.BinarySearchFunc(s.names, name, func(e symbol, name string) int { return strings.Compare(e.name, name) })
	if !found {
		return 0, false
	}
	return s.names[i].addr, true
}

// Function returns the function pc is in and how many bytes into it.
func (s *Symbols) Function(pc uint32) (name string, offset uint32, ok bool) {
	if s == nil {
		return "", 0, false
	}
	i := lastAtOrBelow(len(s.funcs), func(i int) uint32 { return s.funcs[i].addr }, pc)
	if i < 0 || pc-s.funcs[i].addr >= s.funcs[i].size {
		return "", 0, false
	}
	return s.funcs[i].name, pc - s.funcs[i].addr, true
}

// Line returns the source file and line the instruction at pc was
// compiled from, when the program was built with -g.
func (s *Symbols) Line(pc uint32) (file string, line int, ok bool) {
	if s == nil {
		return "", 0, false
	}
	i := lastAtOrBelow(len(s.rows), func(i int) uint32 { return s.rows[i].addr }, pc)
	if i < 0 || s.rows[i].file == noFile || s.rows[i].line == 0 {
		return "", 0, false // line 0: code the compiler made up, such as padding
	}
	return s.files[s.rows[i].file], int(s.rows[i].line), true
}

// lastAtOrBelow is the index of the last of n ascending addresses that is
// at most pc, or -1 if all are above it. It is written out, rather than
// calling sort.Search, so that it cannot allocate.
func lastAtOrBelow(n int, addr func(int) uint32, pc uint32) int {
	lo, hi := 0, n // the answer is lo-1: addr(i) <= pc for all i < lo, > pc for all i >= hi
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if addr(mid) <= pc {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo - 1
}

// LineAddrs returns the addresses where the statements of a source line
// begin, in ascending order: where a debugger puts a breakpoint on the
// line. A line whose code the compiler spread over several places (a loop
// condition, an inlined call) has several. file is a name as Line returns
// it ("sort.c", "lib/printf.c") or just its last element ("printf.c").
func (s *Symbols) LineAddrs(file string, line int) []uint32 {
	if s == nil {
		return nil
	}
	var addrs []uint32
	for fi, name := range s.files {
		if name != file && path.Base(name) != file {
			continue
		}
		key := lineRow{file: int32(fi), line: int32(line)}
		i, _ := slices.BinarySearchFunc(s.stmts, key, func(a, b lineRow) int {
			return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.line, b.line))
		})
		for ; i < len(s.stmts) && s.stmts[i].file == key.file && int(s.stmts[i].line) == line; i++ {
			addrs = append(addrs, s.stmts[i].addr)
		}
	}
	slices.Sort(addrs)
	return slices.Compact(addrs)
}

// Describe names the code at pc for a message: "main+0x18 (sort.c:42)",
// "main+0x18" without line information, "main" at a function's first
// instruction, "sort.c:42" outside any function, or "" when nothing is
// known.
func (s *Symbols) Describe(pc uint32) string { return s.CodeName(pc).String() }

// CodeName is Describe in parts, as the machine's Namer hook returns it
// for traces.
func (s *Symbols) CodeName(pc uint32) machine.CodeName {
	var n machine.CodeName
	if name, off, ok := s.Function(pc); ok {
		n.Function = name
		if off != 0 {
			n.Function = fmt.Sprintf("%s+0x%x", name, off)
		}
	}
	if file, line, ok := s.Line(pc); ok {
		n.Line = fmt.Sprintf("%s:%d", file, line)
	}
	return n
}

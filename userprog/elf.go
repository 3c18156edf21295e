// ELF: the format mipsel-linux-gnu-gcc writes.
//
// An ELF file describes a program twice. Its section headers are the
// linker's view (.text, .rodata, .data, .bss, symbol tables, debugging
// information); its program headers are the loader's view, and the only
// one a kernel needs: each PT_LOAD entry says "copy filesz bytes from this
// file offset to this virtual address, then zero-fill up to memsz bytes",
// with flags saying whether the memory is writable or executable. Go's
// debug/elf parses the headers; this file decides whether the program is
// one Nachos can run and turns its PT_LOAD entries into Segments.
//
// Nachos runs statically linked, little-endian, 32-bit MIPS code with no
// operating system underneath it but ours, so most of the checks below
// exist to recognize a program built with the wrong compiler or flags and
// say which ones to use instead.

package userprog

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

const elfMagic = "\x7fELF"

// ELF32 header fields the loader reads directly, by offset: debug/elf does
// not expose where the header tables lie, and errors want file offsets.
const (
	elfIdentSize   = 16 // e_ident: magic, class, data encoding, ...
	elfTypeAt      = 16 // e_type
	elfMachineAt   = 18 // e_machine
	elfEntryAt     = 24 // e_entry
	elfPhoffAt     = 28 // e_phoff
	elfShoffAt     = 32 // e_shoff
	elfPhentsizeAt = 42 // e_phentsize
	elfShentsizeAt = 46 // e_shentsize
	elf32HeaderLen = 52
)

// elfClassProblems explains the ELF classes (e_ident[EI_CLASS]) other
// than ELFCLASS32.
var elfClassProblems = map[elf.Class]string{
	elf.ELFCLASS64: "is a 64-bit ELF program, but Nachos runs 32-bit MIPS code: build it with mipsel-linux-gnu-gcc",
}

// elfDataProblems explains the byte orders (e_ident[EI_DATA]) other than
// little-endian.
var elfDataProblems = map[elf.Data]string{
	elf.ELFDATA2MSB: "is big-endian, but the Nachos MIPS is little-endian: build it with mipsel-linux-gnu-gcc, not mips-linux-gnu-gcc",
}

// elfTypeProblems explains the ELF file types other than ET_EXEC.
var elfTypeProblems = map[elf.Type]string{
	elf.ET_REL:  "is an object file (ET_REL), not a linked program: link it, e.g. mipsel-linux-gnu-gcc -nostdlib -static -T test/script.ld start.S prog.c",
	elf.ET_DYN:  "is a position-independent executable or shared library (ET_DYN); link with -nostdlib -static -no-pie and test/script.ld",
	elf.ET_CORE: "is a core dump (ET_CORE), not a program",
}

// ParseELF parses a statically linked 32-bit little-endian MIPS ELF
// executable. path is used only in error messages.
// Its symbols and line table are read too, for fault reports and traces.
func ParseELF(path string, data []byte) (*Executable, error) {
	f, exe, err := parseELF(path, data)
	if err != nil {
		return nil, err
	}
	exe.Symbols = symbolsOf(f.File)
	return exe, nil
}

// An elfFile is a parsed ELF file together with the file offsets of its
// header tables.
type elfFile struct {
	*elf.File
	path       string
	phoff      int64
	phentsize  int64
	shoff      int64
	shentsize  int64
	fileLength int64
}

// progAt is the file offset of program header i.
func (f *elfFile) progAt(i int) int64 { return f.phoff + int64(i)*f.phentsize }

// sectionAt is the file offset of section header i.
func (f *elfFile) sectionAt(i int) int64 { return f.shoff + int64(i)*f.shentsize }

// inFile reports whether n bytes from offset off lie inside the file.
func (f *elfFile) inFile(off, n uint64) bool {
	return off <= uint64(f.fileLength) && n <= uint64(f.fileLength)-off
}

// parseELF is ParseELF, also returning the parsed file for ELFToNOFF,
// which needs the section headers.
func parseELF(path string, data []byte) (*elfFile, *Executable, error) {
	f, err := openELF(path, data)
	if err != nil {
		return nil, nil, err
	}
	var ps []placement
	entryOK := false
	for i, p := range f.Progs {
		at := f.progAt(i)
		switch p.Type {
		case elf.PT_INTERP, elf.PT_DYNAMIC:
			return nil, nil, formatErr(path, at, "is dynamically linked (it has a %v program header), but Nachos has no dynamic loader; link with -nostdlib -static and test/script.ld", p.Type)
		case elf.PT_LOAD:
		default:
			continue // notes, stack flags, MIPS ABI flags: nothing to load
		}
		if p.Memsz == 0 {
			continue
		}
		if p.Filesz > p.Memsz {
			return nil, nil, formatErr(path, at, "program header %d has more bytes in the file (%d) than in memory (%d); the file is corrupt: rebuild it", i, p.Filesz, p.Memsz)
		}
		if !f.inFile(p.Off, p.Filesz) {
			return nil, nil, formatErr(path, at, "program header %d's %d bytes at file offset %d lie outside the file, which is %d bytes long; the file is truncated or corrupt: rebuild it", i, p.Filesz, p.Off, len(data))
		}
		seg := Segment{
			Name:     elfSegmentName(p),
			VAddr:    uint32(p.Vaddr),
			Data:     bytes.Clone(data[p.Off : p.Off+p.Filesz]),
			MemSize:  uint32(p.Memsz),
			ReadOnly: p.Flags&elf.PF_W == 0,
		}
		if p.Flags&elf.PF_X != 0 && seg.VAddr <= uint32(f.Entry) && uint64(f.Entry) < p.Vaddr+p.Memsz {
			entryOK = true
		}
		ps = append(ps, placement{seg, at})
	}
	if len(ps) == 0 {
		return nil, nil, formatErr(path, f.phoff, "has no loadable (PT_LOAD) segment, so there is nothing to run; link it with test/script.ld")
	}
	exe, err := newExecutable(path, ELF32, binary.LittleEndian, uint32(f.Entry), ps)
	if err != nil {
		return nil, nil, err
	}
	if f.Entry%4 != 0 {
		return nil, nil, formatErr(path, elfEntryAt, "the entry point 0x%08x is not a multiple of 4, so no instruction can start there; the file is damaged: rebuild it", f.Entry)
	}
	if !entryOK {
		return nil, nil, formatErr(path, elfEntryAt, "the entry point 0x%08x is not inside an executable segment; link with test/script.ld, which puts __start at the start of the code", f.Entry)
	}
	return f, exe, nil
}

// openELF checks that data is an ELF file for a machine Nachos simulates
// and parses its headers.
func openELF(path string, data []byte) (*elfFile, error) {
	if len(data) < elfIdentSize {
		return nil, formatErr(path, int64(len(data)), "is truncated: it is %d bytes long, too short even for an ELF identification block; rebuild it", len(data))
	}
	if !bytes.HasPrefix(data, []byte(elfMagic)) {
		return nil, formatErr(path, 0, "is not an ELF file: it starts with % x instead of 7f 45 4c 46", data[:4])
	}
	if class := elf.Class(data[elf.EI_CLASS]); class != elf.ELFCLASS32 {
		return nil, identError(path, elf.EI_CLASS, elfClassProblems[class], "ELF class", data[elf.EI_CLASS])
	}
	if order := elf.Data(data[elf.EI_DATA]); order != elf.ELFDATA2LSB {
		return nil, identError(path, elf.EI_DATA, elfDataProblems[order], "ELF data encoding", data[elf.EI_DATA])
	}
	if len(data) < elf32HeaderLen {
		return nil, formatErr(path, int64(len(data)), "is truncated: an ELF32 header is %d bytes, but the file is only %d; rebuild it", elf32HeaderLen, len(data))
	}
	ef, err := elf.NewFile(bytes.NewReader(data))
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return nil, formatErr(path, int64(len(data)), "is truncated: its headers describe more than its %d bytes; rebuild it", len(data))
	case err != nil:
		return nil, formatErr(path, 0, "is a damaged ELF file (Go's debug/elf says: %v); rebuild it", err)
	}
	if ef.Machine != elf.EM_MIPS {
		return nil, formatErr(path, elfMachineAt, "is built for %v, not MIPS (EM_MIPS); was it compiled with the host's gcc? Cross-compile it with mipsel-linux-gnu-gcc", ef.Machine)
	}
	if ef.Type != elf.ET_EXEC {
		msg, ok := elfTypeProblems[ef.Type]
		if !ok {
			msg = "has ELF type " + ef.Type.String() + ", but only linked executables (ET_EXEC) can run; link it with test/script.ld"
		}
		return nil, formatErr(path, elfTypeAt, "%s", msg)
	}
	le := binary.LittleEndian
	return &elfFile{
		File:       ef,
		path:       path,
		phoff:      int64(le.Uint32(data[elfPhoffAt:])),
		phentsize:  int64(le.Uint16(data[elfPhentsizeAt:])),
		shoff:      int64(le.Uint32(data[elfShoffAt:])),
		shentsize:  int64(le.Uint16(data[elfShentsizeAt:])),
		fileLength: int64(len(data)),
	}, nil
}

// identError reports a bad byte in the ELF identification block, using
// the explanation from a problem table when there is one.
func identError(path string, at int, problem, field string, value byte) error {
	if problem == "" {
		problem = fmt.Sprintf("has an invalid %s byte (%d); the file is corrupt: rebuild it", field, value)
	}
	return formatErr(path, int64(at), "%s", problem)
}

// elfSegmentName names a PT_LOAD segment after what its flags say it holds.
func elfSegmentName(p *elf.Prog) string {
	switch {
	case p.Flags&elf.PF_X != 0:
		return "code"
	case p.Filesz == 0:
		return "bss"
	case p.Flags&elf.PF_W != 0:
		return "data"
	default:
		return "rdata"
	}
}

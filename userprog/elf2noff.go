// Converting ELF to NOFF.
//
// NOFF has one segment per kind of contents (code, read-only data, data,
// bss) where ELF has one PT_LOAD segment per set of memory permissions, so
// the converter works from the ELF section headers, the linker's finer
// view: every allocated section is sorted into a kind by its flags, and
// the sections of each kind become one NOFF segment. A segment is a single
// run of memory, so the sections of one kind must not have sections of
// another kind between them; the gaps between its sections (alignment
// padding, usually) are filled with zeros. The Nachos 3.4 header has no read-only data segment, so
// there read-only data joins the code, with nothing else between them.
//
// The file is laid out as the original converters did: the header, then
// the code, the read-only data and the data, back to back.
//
// The null-pointer guard. Our programs are linked at 0x400, above a guard
// that this kernel leaves unmapped (see test/script.ld), but NOFF has no
// entry point and no way to say "nothing here": Nachos 3.4 and 4.x size
// the address space from 0 by adding up the segment sizes, copy each
// segment to its virtual address, and start the PC at 0. So the converter
// makes the guard part of the code segment, which then starts at 0: zeros,
// except for a jump to the entry point at address 0 (and a nop in its
// delay slot). A converted program runs everywhere with the same result as
// the ELF, two instructions later, and without the guard's protection;
// on Nachos 3.4's 32-page machine the guard costs 8 of its pages.

package userprog

import (
	"cmp"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
)

// NOFFOptions chooses the flavour of NOFF file ELFToNOFF writes.
type NOFFOptions struct {
	// HeaderOrder is the byte order of the header; nil means
	// little-endian. Segment bytes are copied as they are either way.
	HeaderOrder binary.ByteOrder
	// RData writes a Nachos 4.x header (52 bytes) with read-only data in
	// a segment of its own. Without it the header is Nachos 3.4's (40
	// bytes), and read-only data is merged into the code.
	RData bool
	// GarbageEmpty fills the header fields a reader must ignore (those
	// of empty segments, and the bss segment's file offset) with junk,
	// as converters in the wild did, to test that readers ignore them.
	GarbageEmpty bool
}

// Junk for the header fields a reader must ignore, chosen to be rejected
// by any reader that wrongly checks them: a negative address and a file
// offset far past the end of the file.
const (
	junkAddr   = -0x21524111 // 0xdeadbeef as a signed 32-bit number
	junkOffset = math.MaxInt32
)

// maxNOFFGuard is the largest guard ELFToNOFF writes out as zeros. A
// program whose code starts higher was linked for another system.
const maxNOFFGuard = 64 << 10

// ELFToNOFF converts a statically linked MIPS ELF executable to a NOFF
// file; it is the work of "nachos elf2noff". The program is linked either
// at address 0 with its entry point there, or above a null-pointer guard,
// which becomes part of the code (see above). elfPath is used only in
// error messages.
func ELFToNOFF(elfPath string, elfData []byte, opt NOFFOptions) ([]byte, error) {
	f, exe, err := parseELF(elfPath, elfData)
	if err != nil {
		return nil, err
	}
	runs, err := sectionRuns(f, opt.RData)
	if err != nil {
		return nil, err
	}
	if !runs[noffCode].guarded && exe.Entry != 0 {
		return nil, formatErr(elfPath, elfEntryAt, "the entry point is 0x%08x, but NOFF has no entry point field and Nachos starts NOFF programs at 0; link with test/script.ld, which puts __start first", exe.Entry)
	}
	layout := noffLayouts[0]
	if opt.RData {
		layout = noffLayouts[1]
	}
	order := opt.HeaderOrder
	if order == nil {
		order = binary.LittleEndian
	}
	out := make([]byte, layout.headerSize())
	order.PutUint32(out, noffMagic)
	for i, kind := range layout.kinds {
		e := noffEntry{}
		if opt.GarbageEmpty {
			e = noffEntry{virtualAddr: junkAddr, inFileAddr: junkOffset}
		}
		if r := runs[kind]; r != nil {
			e.virtualAddr, e.size = int32(r.addr), int32(r.end-r.addr)
			if kind.inFile {
				e.inFileAddr = int32(len(out))
				out = append(out, r.image(elfData, exe.Entry)...)
			}
		}
		writeNOFFEntry(out[layout.entryAt(i):], order, e)
	}
	return out, nil
}

// A sectionRun is the sections of one kind, which become one NOFF segment
// covering [addr, end).
type sectionRun struct {
	kind      noffKind
	sections  []runSection // sorted by address
	addr, end uint64
	merged    bool // read-only data was merged into this code run
	guarded   bool // the code run was linked above a guard, now part of it from 0
}

// A runSection is a section in a run, with the file offset of its section
// header for error messages.
type runSection struct {
	*elf.Section
	header int64
}

// names lists the run's sections, for error messages.
func (r *sectionRun) names() string {
	var names []string
	for _, s := range r.sections {
		names = append(names, s.Name)
	}
	return strings.Join(names, ", ")
}

// image is the run's bytes in memory, with any gaps between its sections
// zero-filled. A guarded code run starts with a jump to entry, over the
// guard.
func (r *sectionRun) image(elfData []byte, entry uint32) []byte {
	b := make([]byte, r.end-r.addr)
	for _, s := range r.sections {
		copy(b[s.Addr-r.addr:], elfData[s.Offset:s.Offset+s.Size])
	}
	if r.guarded { // j entry, then a nop (0) in its delay slot
		binary.LittleEndian.PutUint32(b, mipsJ|entry>>2&mipsJTarget)
	}
	return b
}

// The MIPS jump instruction J: opcode 2 in the top six bits, then the
// target address divided by 4 in the low 26 (the top four bits of the
// target are those of the jump's own address, here 0).
const (
	mipsJ       = 2 << 26
	mipsJTarget = 1<<26 - 1
)

// coverGuard makes the guard below a code run that does not start at 0
// part of it: Nachos starts NOFF programs at 0, where the jump over the
// guard goes. The guard must hold the jump and its delay slot.
func (r *sectionRun) coverGuard(path string) error {
	switch {
	case r.addr > maxNOFFGuard:
		return formatErr(path, r.sections[0].header, "its code sections (%s) start at 0x%08x, but Nachos starts NOFF programs at address 0 and the converter fills at most %d KiB below the code; link with test/script.ld", r.names(), r.addr, maxNOFFGuard>>10)
	case r.addr < 8 || r.addr%4 != 0:
		return formatErr(path, r.sections[0].header, "its code sections (%s) start at 0x%08x, which leaves no room below them for the jump to the entry point that a NOFF program starts with; link with test/script.ld", r.names(), r.addr)
	}
	r.addr, r.guarded = 0, true
	return nil
}

// sectionKind sorts an allocated section into the NOFF segment that will
// hold it; ok is false for sections that take no memory in the program.
func sectionKind(s *elf.Section) (kind noffKind, ok bool) {
	switch {
	case s.Flags&elf.SHF_ALLOC == 0 || s.Size == 0:
		return noffKind{}, false
	case s.Type == elf.SHT_NOBITS && s.Flags&elf.SHF_TLS != 0:
		return noffKind{}, false // .tbss: a pattern for per-thread copies, not memory of its own
	case s.Type == elf.SHT_NOBITS:
		return noffBSS, true
	case s.Flags&elf.SHF_EXECINSTR != 0:
		return noffCode, true
	case s.Flags&elf.SHF_WRITE != 0:
		return noffData, true
	default:
		return noffRData, true
	}
}

// sectionRuns groups f's allocated sections into one run per kind, merging
// read-only data into the code unless rdata is set, and checks that the
// runs can be NOFF segments.
func sectionRuns(f *elfFile, rdata bool) (map[noffKind]*sectionRun, error) {
	runs := map[noffKind]*sectionRun{}
	var all []*sectionRun // the runs, in a deterministic order
	for i, s := range f.Sections {
		kind, ok := sectionKind(s)
		if !ok {
			continue
		}
		if s.Addr+s.Size > math.MaxInt32 {
			return nil, formatErr(f.path, f.sectionAt(i), "section %s [0x%08x, 0x%08x) reaches past 0x7fffffff, beyond what NOFF's signed 32-bit fields can describe; link with test/script.ld", s.Name, s.Addr, s.Addr+s.Size)
		}
		if s.Type != elf.SHT_NOBITS && !f.inFile(s.Offset, s.Size) {
			return nil, formatErr(f.path, f.sectionAt(i), "section %s's %d bytes at file offset %d lie outside the file, which is %d bytes long; the file is truncated or corrupt: rebuild it", s.Name, s.Size, s.Offset, f.fileLength)
		}
		merged := kind == noffRData && !rdata
		if merged {
			kind = noffCode
		}
		r := runs[kind]
		if r == nil {
			r = &sectionRun{kind: kind, addr: s.Addr, end: s.Addr}
			runs[kind] = r
			all = append(all, r)
		}
		r.merged = r.merged || merged
		r.sections = append(r.sections, runSection{s, f.sectionAt(i)})
		r.addr, r.end = min(r.addr, s.Addr), max(r.end, s.Addr+s.Size)
	}
	for _, r := range all {
		if err := r.sortSections(f.path); err != nil {
			return nil, err
		}
	}
	if err := checkRuns(f.path, runs, all); err != nil {
		return nil, err
	}
	return runs, nil
}

// sortSections sorts the run's sections by address and checks that they
// do not overlap.
func (r *sectionRun) sortSections(path string) error {
	slices.SortStableFunc(r.sections, func(a, b runSection) int { return cmp.Compare(a.Addr, b.Addr) })
	for j := 1; j < len(r.sections); j++ {
		if prev, s := r.sections[j-1], r.sections[j]; prev.Addr+prev.Size > s.Addr {
			return formatErr(path, s.header, "sections %s and %s overlap in memory; the file is corrupt: rebuild it", prev.Name, s.Name)
		}
	}
	return nil
}

// checkRuns checks that the runs can be NOFF segments: code at 0 (or
// above a guard that can become part of it), a sane total size, and no
// two runs interleaved.
func checkRuns(path string, runs map[noffKind]*sectionRun, all []*sectionRun) error {
	code := runs[noffCode]
	if code == nil {
		return formatErr(path, elfShoffAt, "has no code sections; the converter reads the section headers, so they must not be stripped away: rebuild the program")
	}
	if code.addr != 0 {
		if err := code.coverGuard(path); err != nil {
			return err
		}
	}
	var total uint64
	for _, r := range all {
		total += r.end - r.addr
	}
	if total > MaxImageSize {
		return formatErr(path, elfShoffAt, "its sections span more than %d MiB of memory; Nachos programs are a few KiB, so the file is probably corrupt, or the program declares a huge array", MaxImageSize>>20)
	}
	all = slices.SortedStableFunc(slices.Values(all), func(a, b *sectionRun) int { return cmp.Compare(a.addr, b.addr) })
	for j := 1; j < len(all); j++ {
		if prev, r := all[j-1], all[j]; prev.end > r.addr {
			return interleaveError(path, prev, r)
		}
	}
	return nil
}

// interleaveError reports two runs whose address ranges overlap, so that
// neither can be one NOFF segment.
func interleaveError(path string, a, b *sectionRun) error {
	msg := fmt.Sprintf("the %s sections (%s) at [0x%08x, 0x%08x) and the %s sections (%s) at [0x%08x, 0x%08x) are interleaved, but NOFF needs each kind in one piece; link with test/script.ld",
		a.kind.name, a.names(), a.addr, a.end, b.kind.name, b.names(), b.addr, b.end)
	if a.merged || b.merged {
		msg += ", or convert with a Nachos 4.x header, which keeps read-only data in a segment of its own"
	}
	return formatErr(path, b.sections[0].header, "%s", msg)
}

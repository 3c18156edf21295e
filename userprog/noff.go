// NOFF: the Nachos Object File Format.
//
// The original Nachos could not load the executables its cross-compiler
// produced, so a tool converted them to NOFF, a format simple enough to
// load in a dozen lines: a header of 32-bit signed integers, then the
// segments' bytes. The header is a magic number followed by one entry per
// segment, each {virtualAddr, inFileAddr, size}:
//
//	Nachos 3.4 (40 bytes):  magic  code  initData  uninitData
//	Nachos 4.x (52 bytes):  magic  code  readonlyData  initData  uninitData
//
// Neither version records which one it is, but the code always follows
// the header directly, so code.inFileAddr (40 or 52) tells them apart.
//
// Files found in the wild need two allowances. First, the converters left
// junk in the entries of empty segments, and in uninitData.inFileAddr
// (bss has no bytes in the file), so those fields are never looked at.
// Second, the header's byte order varies: the converter wrote it in the
// byte order of the machine it ran on, so some course distributions ship
// big-endian headers around little-endian MIPS code. The magic number
// gives the order away; the segment bytes are copied as they are.
//
// Some converters, in about one course in six, also started the bss
// (uninitData) a few bytes, 8 in every file seen, before the end of the
// initialized data. Nachos zero-fills the whole address space and then
// copies code and data in, so such a program runs there, with the data's
// bytes where the two overlap. This loader does the same: it trims the
// bss to begin where the data ends, and notes it under -d a. Any other
// overlap is still an error.
//
// NOFF has no entry point field: Nachos starts every NOFF program at
// virtual address 0, so the code segment must begin there.

package userprog

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
)

// noffMagic is the first word of every NOFF file.
const noffMagic = 0xbadfad

// noffEntrySize is the size of one segment entry in a NOFF header: three
// 32-bit integers.
const noffEntrySize = 12

// A noffKind is one of the segments a NOFF header can describe.
type noffKind struct {
	name     string // the header field's role, also the Segment's Name
	readOnly bool
	inFile   bool // whether the segment has bytes in the file (all but bss)
}

var (
	noffCode  = noffKind{name: "code", readOnly: true, inFile: true}
	noffRData = noffKind{name: "rdata", readOnly: true, inFile: true}
	noffData  = noffKind{name: "data", inFile: true}
	noffBSS   = noffKind{name: "bss"}
)

// A noffLayout is one generation of the NOFF header: which segment entries
// follow the magic number, in order.
type noffLayout struct {
	format Format
	kinds  []noffKind
}

// headerSize is the size of the header in bytes, which is also where the
// code begins in the file.
func (l noffLayout) headerSize() int { return 4 + noffEntrySize*len(l.kinds) }

// entryAt is the file offset of segment entry i.
func (l noffLayout) entryAt(i int) int { return 4 + noffEntrySize*i }

var noffLayouts = []noffLayout{
	{NOFF34, []noffKind{noffCode, noffData, noffBSS}},
	{NOFF4, []noffKind{noffCode, noffRData, noffData, noffBSS}},
}

// A noffEntry is one segment entry of a NOFF header.
type noffEntry struct {
	virtualAddr, inFileAddr, size int32
}

// readNOFFEntry decodes the segment entry at the start of b.
func readNOFFEntry(b []byte, order binary.ByteOrder) noffEntry {
	return noffEntry{
		virtualAddr: int32(order.Uint32(b[0:])),
		inFileAddr:  int32(order.Uint32(b[4:])),
		size:        int32(order.Uint32(b[8:])),
	}
}

// writeNOFFEntry encodes e at the start of b.
func writeNOFFEntry(b []byte, order binary.ByteOrder, e noffEntry) {
	order.PutUint32(b[0:], uint32(e.virtualAddr))
	order.PutUint32(b[4:], uint32(e.inFileAddr))
	order.PutUint32(b[8:], uint32(e.size))
}

// noffByteOrders are the header byte orders ParseNOFF recognizes.
var noffByteOrders = []binary.ByteOrder{binary.LittleEndian, binary.BigEndian}

// ParseNOFF parses a NOFF executable with a Nachos 3.4 or 4.x header in
// either byte order. path is used only in error messages. The entry point
// is always 0, where Nachos starts every NOFF program.
func ParseNOFF(path string, data []byte) (*Executable, error) {
	order, layout, err := noffHeader(path, data)
	if err != nil {
		return nil, err
	}
	var ps []placement
	for i, kind := range layout.kinds {
		at := layout.entryAt(i)
		e := readNOFFEntry(data[at:], order)
		if e.size == 0 {
			continue // the other fields are junk
		}
		if e.size < 0 {
			return nil, formatErr(path, int64(at+8), "the %s segment's size is %d, which is negative; the header is corrupt: convert the program again", kind.name, e.size)
		}
		if e.virtualAddr < 0 {
			return nil, formatErr(path, int64(at), "the %s segment's virtual address is %d, which is negative; the header is corrupt: convert the program again", kind.name, e.virtualAddr)
		}
		seg := Segment{Name: kind.name, VAddr: uint32(e.virtualAddr), MemSize: uint32(e.size), ReadOnly: kind.readOnly}
		if kind.inFile {
			if e.inFileAddr < 0 || int64(e.inFileAddr)+int64(e.size) > int64(len(data)) {
				return nil, formatErr(path, int64(at+4), "the %s segment's %d bytes at file offset %d lie outside the file, which is %d bytes long; the file is truncated or corrupt: convert the program again", kind.name, e.size, e.inFileAddr, len(data))
			}
			seg.Data = bytes.Clone(data[e.inFileAddr : e.inFileAddr+e.size])
		}
		ps = append(ps, placement{seg, int64(at)})
	}
	// The code entry is first in both layouts, and noffHeader has checked
	// that it is not empty.
	if code := ps[0]; code.VAddr != 0 {
		return nil, formatErr(path, code.header, "the code segment starts at 0x%08x, but Nachos starts a NOFF program at address 0; link the program with test/script.ld, and convert it with nachos elf2noff, which starts the code at 0", code.VAddr)
	}
	ps, note := trimBSS(ps)
	exe, err := newExecutable(path, layout.format, order, 0, ps)
	if exe != nil && note != "" {
		exe.Notes = append(exe.Notes, note)
	}
	return exe, err
}

// trimBSS makes a bss segment that starts inside the data segment start
// where the data ends instead (see the file comment), and says so in a
// note; it drops a bss that lies wholly inside the data.
func trimBSS(ps []placement) ([]placement, string) {
	data := slices.IndexFunc(ps, func(p placement) bool { return p.Name == noffData.name })
	bss := slices.IndexFunc(ps, func(p placement) bool { return p.Name == noffBSS.name })
	if data < 0 || bss < 0 {
		return ps, ""
	}
	d, b := ps[data], ps[bss]
	if b.VAddr < d.VAddr || b.VAddr >= d.End() {
		return ps, ""
	}
	overlap := min(d.End(), b.End()) - b.VAddr
	note := fmt.Sprintf("the bss segment [0x%08x, 0x%08x) starts %d bytes before the end of the data segment [0x%08x, 0x%08x); as in Nachos, the data's bytes win where they overlap",
		b.VAddr, b.End(), d.End()-b.VAddr, d.VAddr, d.End())
	ps = slices.Clone(ps)
	if b.End() <= d.End() {
		return slices.Delete(ps, bss, bss+1), note
	}
	ps[bss].VAddr = d.End()
	ps[bss].MemSize -= overlap
	return ps, note
}

// noffHeader checks the magic number and works out the header's byte
// order and layout.
func noffHeader(path string, data []byte) (binary.ByteOrder, noffLayout, error) {
	codeAt := noffLayouts[0].entryAt(0)
	if len(data) < codeAt+noffEntrySize {
		return nil, noffLayout{}, formatErr(path, int64(len(data)), "is truncated: it is only %d bytes long, too short for a NOFF header; convert the program again", len(data))
	}
	i := slices.IndexFunc(noffByteOrders, func(o binary.ByteOrder) bool { return o.Uint32(data) == noffMagic })
	if i < 0 {
		return nil, noffLayout{}, formatErr(path, 0, "is not a NOFF file: it starts with % x, not the magic number 0x%x in either byte order", data[:4], noffMagic)
	}
	order := noffByteOrders[i]
	code := readNOFFEntry(data[codeAt:], order)
	if code.size == 0 {
		return nil, noffLayout{}, formatErr(path, int64(codeAt+8), "has an empty code segment, so there is nothing to run; convert the program again")
	}
	for _, l := range noffLayouts {
		if int(code.inFileAddr) != l.headerSize() {
			continue
		}
		if len(data) < l.headerSize() {
			return nil, noffLayout{}, formatErr(path, int64(len(data)), "is truncated: its %v header is %d bytes, but the file is only %d; convert the program again", l.format, l.headerSize(), len(data))
		}
		return order, l, nil
	}
	return nil, noffLayout{}, formatErr(path, int64(codeAt+4),
		"has the code at file offset %d, but code follows the header directly, at offset %d (Nachos 3.4) or %d (Nachos 4.x); the header is corrupt: convert the program again",
		code.inFileAddr, noffLayouts[0].headerSize(), noffLayouts[1].headerSize())
}

// A guard in front of debug/dwarf's line table reader.
//
// A DWARF 5 line table starts with a header that lists the program's
// source directories and files, each list after a count of its entries.
// debug/dwarf makes a slice of that many entries before it reads a single
// one, and the count comes from the program file: a damaged count asks
// for gigabytes, and running out of memory would take the simulator down,
// which no user program may do. So before a line table is handed to
// debug/dwarf, lineHeaderSane walks its header as far as the end of the
// file list and checks that neither count is larger than the bytes left
// in the header. Every real table passes: an entry takes at least a byte.
//
// Older line tables (DWARF 2 to 4) end each list with an empty entry
// instead of counting it, and need no check.

package userprog

import (
	"bytes"
	"encoding/binary"
)

// lineCursor reads a line table header. A read past the end leaves ok
// false and returns zero, so a walk can check ok once at the end.
type lineCursor struct {
	b  []byte
	ok bool
}

// take returns the next n bytes, or nil if there are fewer left.
func (c *lineCursor) take(n uint64) []byte {
	if !c.ok || n > uint64(len(c.b)) {
		c.ok = false
		return nil
	}
	v := c.b[:n]
	c.b = c.b[n:]
	return v
}

func (c *lineCursor) u8() uint64 {
	if b := c.take(1); b != nil {
		return uint64(b[0])
	}
	return 0
}

func (c *lineCursor) u16() uint64 {
	if b := c.take(2); b != nil {
		return uint64(binary.LittleEndian.Uint16(b))
	}
	return 0
}

func (c *lineCursor) u32() uint64 {
	if b := c.take(4); b != nil {
		return uint64(binary.LittleEndian.Uint32(b))
	}
	return 0
}

// leb128 reads an unsigned or signed LEB128 number; the bits past 64 are
// dropped, which only matters for skipping, where they do not.
func (c *lineCursor) leb128() uint64 {
	var v uint64
	for shift := 0; c.ok; shift += 7 {
		b := c.u8()
		if shift < 64 {
			v |= (b & 0x7f) << shift
		}
		if b < 0x80 {
			break
		}
	}
	return v
}

// cstring skips a NUL-terminated string.
func (c *lineCursor) cstring() {
	i := bytes.IndexByte(c.b, 0)
	if i < 0 {
		c.ok = false
		return
	}
	c.b = c.b[i+1:]
}

// fixedForm skips a form of n bytes.
func fixedForm(n uint64) func(*lineCursor) {
	return func(c *lineCursor) { c.take(n) }
}

// lineFormSkips skips a value of each form a DWARF 5 line table header
// may use for its directory and file entries (32-bit DWARF; the forms
// debug/dwarf reads there), by the form's code. A header using any other
// form is not trusted.
var lineFormSkips = map[uint64]func(*lineCursor){
	0x05: fixedForm(2),                               // DW_FORM_data2
	0x06: fixedForm(4),                               // DW_FORM_data4
	0x07: fixedForm(8),                               // DW_FORM_data8
	0x08: (*lineCursor).cstring,                      // DW_FORM_string
	0x09: func(c *lineCursor) { c.take(c.leb128()) }, // DW_FORM_block
	0x0b: fixedForm(1),                               // DW_FORM_data1
	0x0e: fixedForm(4),                               // DW_FORM_strp
	0x0f: func(c *lineCursor) { c.leb128() },         // DW_FORM_udata
	0x1a: func(c *lineCursor) { c.leb128() },         // DW_FORM_strx
	0x1d: fixedForm(4),                               // DW_FORM_strp_sup
	0x1e: fixedForm(16),                              // DW_FORM_data16 (MD5 sums)
	0x1f: fixedForm(4),                               // DW_FORM_line_strp
	0x25: fixedForm(1),                               // DW_FORM_strx1
	0x26: fixedForm(2),                               // DW_FORM_strx2
	0x27: fixedForm(3),                               // DW_FORM_strx3
	0x28: fixedForm(4),                               // DW_FORM_strx4
}

// lineHeaderSane reports whether the line table at offset off of the
// .debug_line section sec can be handed to debug/dwarf: its directory
// and file counts, if it has them, fit in its header.
func lineHeaderSane(sec []byte, off int64) bool {
	if off < 0 || off >= int64(len(sec)) {
		return false
	}
	c := lineCursor{b: sec[off:], ok: true}
	length := c.u32()
	if length >= 0xfffffff0 {
		return false // 64-bit DWARF, which no 32-bit MIPS compiler writes
	}
	c = lineCursor{b: c.take(length), ok: c.ok}
	if version := c.u16(); version < 5 {
		return c.ok // no counts to check
	}
	c.take(2) // address and segment selector sizes
	c = lineCursor{b: c.take(c.u32()), ok: c.ok}
	c.take(5) // instruction length, ops per instruction, default is_stmt, line base and range
	if base := c.u8(); base > 0 {
		c.take(base - 1) // the standard opcodes' operand counts
	}
	for range 2 { // the directories, then the files
		var skips []func(*lineCursor)
		for n := c.u8(); n > 0; n-- {
			c.leb128() // what the field is (name, directory index, MD5...)
			skip, known := lineFormSkips[c.leb128()]
			if !known {
				return false
			}
			skips = append(skips, skip)
		}
		count := c.leb128()
		if count > uint64(len(c.b)) {
			return false
		}
		for range count {
			for _, skip := range skips {
				skip(&c)
			}
		}
		if !c.ok {
			return false
		}
	}
	return true
}

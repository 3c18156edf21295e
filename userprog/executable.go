// Executables: what the loader makes of a program file.
//
// Whatever its format, a program file says the same few things: put these
// bytes at that virtual address, reserve so many zeroed bytes at this other
// one, and start running here. An Executable is exactly that list, sorted
// and checked, so the rest of the kernel never needs to know which format
// the file was in. The checks are the ones a real kernel's exec makes,
// because the file comes from a user and may be truncated, corrupt or
// built for another machine: segments must lie inside the file and inside
// the 32-bit address space, must not overlap, and must add up to a sane
// amount of memory.

package userprog

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
)

// MaxImageSize caps the memory all of a program's segments may ask for
// together. Nachos programs need kilobytes; a size field in the gigabytes
// means a corrupt file, and the loader must say so rather than try to
// find that much memory.
const MaxImageSize = 64 << 20

// maxFileSize caps how much of a file Load reads. It is generous, because
// an ELF file may carry debugging information that is never loaded.
const maxFileSize = 4 * MaxImageSize

// Format names an executable file format.
type Format int

// The formats Load understands.
const (
	ELF32  Format = iota + 1 // 32-bit little-endian MIPS ELF
	NOFF34                   // Nachos 3.4 NOFF: 40-byte header, no read-only data segment
	NOFF4                    // Nachos 4.x NOFF: 52-byte header with a read-only data segment
)

var formatNames = map[Format]string{
	ELF32:  "ELF32",
	NOFF34: "NOFF (Nachos 3.4)",
	NOFF4:  "NOFF (Nachos 4.x)",
}

func (f Format) String() string {
	if name, ok := formatNames[f]; ok {
		return name
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// A Segment is one piece of a program image placed at a virtual address.
type Segment struct {
	Name     string // "code", "rdata", "data" or "bss"
	VAddr    uint32
	Data     []byte // bytes from the file; len(Data) <= MemSize
	MemSize  uint32 // bytes in memory; the tail past len(Data) is zero-filled (bss)
	ReadOnly bool   // code and read-only data: the program may not write them
}

// End is one past the segment's last byte in memory.
func (s Segment) End() uint32 { return s.VAddr + s.MemSize }

// Executable is a loaded program image, independent of the machine it
// will run on: the address space decides where its bytes go.
type Executable struct {
	Path        string
	Format      Format
	HeaderOrder binary.ByteOrder // byte order of the file's header (NOFF may be either; ELF32 here is always little-endian)
	Entry       uint32           // where execution starts; always 0 for NOFF
	Segments    []Segment        // sorted by VAddr, non-overlapping, non-empty ones only
	Symbols     *Symbols         // names of the code, for messages (ELF only: nil for NOFF)
}

// End is one past the highest byte of any segment: the size of the
// address space the program needs before its stack.
func (e *Executable) End() uint32 {
	if len(e.Segments) == 0 {
		return 0
	}
	return e.Segments[len(e.Segments)-1].End()
}

// A FormatError reports a malformed executable: which file, where in it,
// and what is wrong.
type FormatError struct {
	Path   string
	Offset int64  // byte offset in the file of the field or bytes at fault
	Msg    string // what is wrong and what to try
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("%s: %s (at byte offset %d)", e.Path, e.Msg, e.Offset)
}

// formatErr builds a *FormatError with a printf-style message.
func formatErr(path string, offset int64, format string, args ...any) error {
	return &FormatError{Path: path, Offset: offset, Msg: fmt.Sprintf(format, args...)}
}

// Load reads the program file at path, recognizes its format from its
// first bytes, and parses it.
func Load(path string) (*Executable, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Only a regular file can hold a program. Reading a device or a pipe
	// could wait forever (/dev/stdin) or fill memory (/dev/zero).
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, err
	case info.IsDir():
		return nil, fmt.Errorf("%s: is a directory, not a program; name a compiled program such as test/halt", path)
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("%s: is a device or a pipe, not a program; name a compiled program such as test/halt", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, formatErr(path, maxFileSize, "is larger than %d MiB, far too big for a Nachos program; is it the right file?", maxFileSize>>20)
	}
	return parseExecutable(path, data)
}

// magics maps each format's first bytes to its parser. NOFF appears twice
// because its magic number may be written in either byte order.
var magics = []struct {
	magic []byte
	parse func(path string, data []byte) (*Executable, error)
}{
	{[]byte(elfMagic), ParseELF},
	{binary.LittleEndian.AppendUint32(nil, noffMagic), ParseNOFF},
	{binary.BigEndian.AppendUint32(nil, noffMagic), ParseNOFF},
}

// parseExecutable is Load without the file system: it sniffs the magic
// number and hands data to the matching parser.
func parseExecutable(path string, data []byte) (*Executable, error) {
	for _, m := range magics {
		if bytes.HasPrefix(data, m.magic) {
			return m.parse(path, data)
		}
	}
	if len(data) == 0 {
		return nil, formatErr(path, 0, "is empty; rebuild the program")
	}
	if isText(data) {
		return nil, formatErr(path, 0, "is a text file, not a compiled program: source code is compiled first (make -C test builds test/NAME from test/NAME.c)")
	}
	return nil, formatErr(path, 0,
		"is not a program Nachos can run: it starts with bytes % x, not the ELF magic 7f 45 4c 46 or the NOFF magic 0x%x; compile it with mipsel-linux-gnu-gcc (see test/Makefile)",
		data[:min(len(data), 4)], noffMagic)
}

// isText reports whether data starts like a text file (C source, a
// script): its first bytes are printable ASCII, tabs and line breaks.
func isText(data []byte) bool {
	for _, b := range data[:min(len(data), 512)] {
		if (b < ' ' || b > '~') && b != '\t' && b != '\n' && b != '\r' {
			return false
		}
	}
	return true
}

// A placement is a segment on its way into an Executable, with the file
// offset of the header entry that described it, for error messages.
type placement struct {
	Segment
	header int64
}

// newExecutable checks the segments a parser found, drops the empty ones,
// and sorts the rest into an Executable.
func newExecutable(path string, format Format, order binary.ByteOrder, entry uint32, ps []placement) (*Executable, error) {
	var kept []placement
	var total uint64
	for _, p := range ps {
		if p.MemSize == 0 {
			continue
		}
		// End must fit in a uint32, so the last byte may be at most 0xfffffffe.
		if end := uint64(p.VAddr) + uint64(p.MemSize); end > math.MaxUint32 {
			return nil, formatErr(path, p.header,
				"the %s segment at 0x%08x is %d bytes long and runs past the top of the 32-bit address space; the file is corrupt: rebuild it",
				p.Name, p.VAddr, p.MemSize)
		}
		total += uint64(p.MemSize)
		if total > MaxImageSize {
			return nil, formatErr(path, p.header,
				"needs more than %d MiB of memory (the %s segment alone is %d bytes); Nachos programs are a few KiB, so the file is probably corrupt, or the program declares a huge array",
				MaxImageSize>>20, p.Name, p.MemSize)
		}
		kept = append(kept, p)
	}
	slices.SortStableFunc(kept, func(a, b placement) int { return cmp.Compare(a.VAddr, b.VAddr) })
	for i := 1; i < len(kept); i++ {
		if prev, p := kept[i-1], kept[i]; prev.End() > p.VAddr {
			return nil, formatErr(path, p.header,
				"the %s segment [0x%08x, 0x%08x) overlaps the %s segment [0x%08x, 0x%08x); the file is corrupt or was linked wrongly: relink with test/script.ld",
				p.Name, p.VAddr, p.End(), prev.Name, prev.VAddr, prev.End())
		}
	}
	exe := &Executable{Path: path, Format: format, HeaderOrder: order, Entry: entry}
	for _, p := range kept {
		exe.Segments = append(exe.Segments, p.Segment)
	}
	return exe, nil
}

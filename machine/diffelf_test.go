// A batch of generated programs, laid out in memory the same way for our
// CPU and for qemu.
//
// qemu-mipsel runs Linux programs, so each batch becomes a small static
// Linux executable: one ELF segment, readable, writable and executable,
// that holds a driver and all the programs. For each program the driver
//
//  1. loads HI, LO and all 31 registers from the program's input table
//     (using $1 as the pointer, loaded last);
//  2. falls into the program;
//  3. at the program's end, stores all 31 registers, HI and LO through the
//     program's own base register, which nothing else writes and which
//     points next to the output table;
//  4. write(2)s the output table and the data buffer to standard output.
//
// Writing each program's record as soon as it finishes tells which
// program killed qemu, if one does. After the last program the driver
// calls exit(0).
//
// Our CPU runs the same image with BREAK in place of step 3, so each
// program runs at the same address on both sides: jump targets and the
// addresses JAL and BGEZAL leave in $31 agree.

package machine_test

import (
	"bytes"
	"debug/elf"
	"encoding/binary"

	"nachos/machine"
)

const (
	diffLoadAddr  = 0x400000 // where the executable's segment starts
	diffCodeStart = 0x100    // room for the ELF headers before the code

	diffTableWords = machine.LoReg // $1..$31, HI, LO: one word each
	diffRecordSize = 4*diffTableWords + diffBufSize

	// Linux o32 system call numbers.
	sysExit  = 4001
	sysWrite = 4004

	// ELF header flags: the code is MIPS32 release 2, for the o32 ABI.
	efMIPSArch32R2 = 0x70000000
	efMIPSABIO32   = 0x00001000
)

// diffTableOffset is where register r (1..33) lives in an input or output
// table.
func diffTableOffset(r uint32) int32 { return 4 * int32(r-1) }

// diffCase is one program in a batch, with where it lives and how it ran.
type diffCase struct {
	index int // position in the whole run: the program's seed
	prog  *diffProgram
	code  []uint32 // encoded at codeAddr; repairs patch it

	prologueAddr, codeAddr, endAddr uint32 // endAddr: the BREAK or epilogue
	inAddr, outAddr, bufAddr        uint32

	init diffState // the state the program starts in
	ours diffState // and ends in on our CPU
	// skip, when set, says why the program does not go to qemu.
	skip    string
	repairs int // instructions swapped for their harmless twins
}

// diffState is a program's architectural state: registers indexed like
// the machine's ($0..$31, HI, LO) and the data buffer.
type diffState struct {
	regs [machine.LoReg + 1]uint32
	buf  [diffBufSize]byte
}

// baseValue is what the base register holds: the middle of the buffer.
func (c *diffCase) baseValue() uint32 { return c.bufAddr + diffBufSize/2 }

// diffBatch is the programs that share one qemu run.
type diffBatch struct {
	cases           []*diffCase
	exitAddr, limit uint32 // limit: the first address past the image
}

// newDiffBatch places the programs in memory: all the code first, then
// the data, and sets each program's initial state.
func newDiffBatch(progs []*diffProgram, firstIndex int) *diffBatch {
	b := &diffBatch{}
	a := uint32(diffLoadAddr + diffCodeStart)
	for i, p := range progs {
		c := &diffCase{index: firstIndex + i, prog: p}
		c.prologueAddr = a
		c.codeAddr = a + 4*diffPrologueWords
		c.code = p.encode(c.codeAddr)
		c.endAddr = c.codeAddr + uint32(4*len(c.code))
		a = c.endAddr + 4*diffEpilogueWords
		b.cases = append(b.cases, c)
	}
	b.exitAddr = a
	a += 4 * uint32(len(diffExit()))
	for _, c := range b.cases {
		c.inAddr = a
		c.outAddr = a + 4*diffTableWords
		c.bufAddr = c.outAddr + 4*diffTableWords
		a = c.bufAddr + diffBufSize
		c.init.regs = c.prog.regs
		c.init.regs[c.prog.base] = c.baseValue()
		c.init.buf = c.prog.buf
	}
	b.limit = a
	return b
}

// image returns the memory image from diffLoadAddr: the ELF headers, the
// driver and programs, the input tables and the initial buffers. Programs
// marked skip are replaced by NOPs, so that qemu runs them harmlessly.
func (b *diffBatch) image() []byte {
	img := make([]byte, b.limit-diffLoadAddr)
	put := func(addr uint32, words []uint32) {
		for i, w := range words {
			binary.LittleEndian.PutUint32(img[addr-diffLoadAddr+uint32(4*i):], w)
		}
	}
	copy(img, diffELFHeaders(b.limit-diffLoadAddr))
	for _, c := range b.cases {
		put(c.prologueAddr, diffPrologue(c.inAddr))
		if c.skip == "" {
			put(c.codeAddr, c.code) // else the zeros are NOPs
		}
		put(c.endAddr, diffEpilogue(c))
		put(c.inAddr, c.init.regs[1:])
		copy(img[c.bufAddr-diffLoadAddr:], c.init.buf[:])
	}
	put(b.exitAddr, diffExit())
	return img
}

// diffELFHeaders returns the ELF header and the one program header of a
// static executable whose single segment is the whole file, loaded at
// diffLoadAddr, starting at the first program's prologue.
func diffELFHeaders(size uint32) []byte {
	var buf bytes.Buffer
	h := elf.Header32{
		Type:      uint16(elf.ET_EXEC),
		Machine:   uint16(elf.EM_MIPS),
		Version:   uint32(elf.EV_CURRENT),
		Entry:     diffLoadAddr + diffCodeStart,
		Phoff:     uint32(binary.Size(elf.Header32{})),
		Flags:     efMIPSArch32R2 | efMIPSABIO32,
		Ehsize:    uint16(binary.Size(elf.Header32{})),
		Phentsize: uint16(binary.Size(elf.Prog32{})),
		Phnum:     1,
	}
	copy(h.Ident[:], elf.ELFMAG)
	h.Ident[elf.EI_CLASS] = byte(elf.ELFCLASS32)
	h.Ident[elf.EI_DATA] = byte(elf.ELFDATA2LSB)
	h.Ident[elf.EI_VERSION] = byte(elf.EV_CURRENT)
	p := elf.Prog32{
		Type:   uint32(elf.PT_LOAD),
		Vaddr:  diffLoadAddr,
		Paddr:  diffLoadAddr,
		Filesz: size,
		Memsz:  size,
		Flags:  uint32(elf.PF_R | elf.PF_W | elf.PF_X),
		Align:  0x1000,
	}
	// Writes to a bytes.Buffer cannot fail.
	_ = binary.Write(&buf, binary.LittleEndian, h)
	_ = binary.Write(&buf, binary.LittleEndian, p)
	return buf.Bytes()
}

const (
	diffPrologueWords = 2 + 4 + 30 + 1
	diffEpilogueWords = 31 + 4 + 6
)

// diffPrologue loads a program's initial state from its input table.
func diffPrologue(in uint32) []uint32 {
	const ptr = 1
	code := li32(ptr, in)
	code = append(code,
		lw(2, ptr, diffTableOffset(machine.HiReg)), encR(opSpecial, 2, 0, 0, 0, fnMTHI),
		lw(2, ptr, diffTableOffset(machine.LoReg)), encR(opSpecial, 2, 0, 0, 0, fnMTLO))
	for r := uint32(2); r < 32; r++ {
		code = append(code, lw(r, ptr, diffTableOffset(r)))
	}
	return append(code, lw(ptr, ptr, diffTableOffset(ptr)))
}

// diffEpilogue saves a program's final state through its base register
// and writes the output table and buffer, which follow each other, to
// standard output.
func diffEpilogue(c *diffCase) []uint32 {
	base := c.prog.base
	at := func(addr uint32) int32 { return int32(addr - c.baseValue()) }
	var code []uint32
	for r := uint32(1); r < 32; r++ {
		code = append(code, sw(r, base, at(c.outAddr+uint32(diffTableOffset(r)))))
	}
	tmp := uint32(2)
	if base == tmp {
		tmp = 3
	}
	code = append(code,
		encR(opSpecial, 0, 0, tmp, 0, fnMFHI), sw(tmp, base, at(c.outAddr+uint32(diffTableOffset(machine.HiReg)))),
		encR(opSpecial, 0, 0, tmp, 0, fnMFLO), sw(tmp, base, at(c.outAddr+uint32(diffTableOffset(machine.LoReg)))),
		addiu(2, 0, sysWrite), addiu(4, 0, 1))
	code = append(code, li32(5, c.outAddr)...)
	return append(code, addiu(6, 0, diffRecordSize), syscallInstr())
}

// diffExit ends the qemu run with exit(0).
func diffExit() []uint32 {
	return []uint32{addiu(2, 0, sysExit), addiu(4, 0, 0), syscallInstr()}
}

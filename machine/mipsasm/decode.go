// Decoding: finding a word's row in the encoding table and reading its
// operand fields.

package mipsasm

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
)

// ErrTruncated means Decode was given fewer than the 4 bytes of an
// instruction word.
var ErrTruncated = errors.New("mipsasm: truncated instruction")

// ErrUnknown means the word is not an instruction this package knows: a
// reserved opcode, an instruction from outside the decoded set (such as a
// MIPS64, DSP or paired-single instruction), a must-be-zero field that is
// not zero, or operand fields the manual calls UNPREDICTABLE (an EXT or
// INS bit field that does not fit in a word, a CLZ whose rd and rt differ).
var ErrUnknown = errors.New("mipsasm: unknown instruction")

// byOpcode holds the encoding table's rows grouped by primary opcode, so
// Decode looks at a handful of rows instead of all of them. It is built
// on first use, not when nachos starts: most runs never disassemble.
var byOpcode = sync.OnceValue(func() *[64][]row { return groupByOpcode(encodings) })

func groupByOpcode(rows []row) *[64][]row {
	var groups [64][]row
	for _, r := range rows {
		op := r.value >> 26
		groups[op] = append(groups[op], r)
	}
	return &groups
}

// Decode decodes the instruction word at the start of src, stored in byte
// order ord (binary.LittleEndian for the Nachos machine). It returns an
// error wrapping ErrTruncated if src is shorter than 4 bytes, and one
// wrapping ErrUnknown if the word is not a supported instruction.
func Decode(src []byte, ord binary.ByteOrder) (Inst, error) {
	if len(src) < 4 {
		return Inst{}, fmt.Errorf("%w: got %d bytes, but a MIPS instruction is a 4-byte word", ErrTruncated, len(src))
	}
	w := ord.Uint32(src)
	for _, r := range byOpcode()[w>>26] {
		if w&r.mask != r.value {
			continue
		}
		if inst, ok := decodeRow(w, r); ok {
			return inst, nil
		}
	}
	return Inst{}, fmt.Errorf("%w: word 0x%08x (primary opcode 0x%02x, function 0x%02x) "+
		"is not a MIPS32r2 instruction this disassembler knows; "+
		"in a Nachos program this usually means the PC has wandered into data",
		ErrUnknown, w, w>>26, w&0x3f)
}

// decodeRow reads w's operands as row r lists them. It fails if an
// operand field holds a value the instruction does not allow.
func decodeRow(w uint32, r row) (Inst, bool) {
	inst := Inst{Op: r.op, Enc: w}
	for i, k := range r.args {
		if k == 0 {
			break
		}
		a, ok := k.decode(w)
		if !ok {
			return Inst{}, false
		}
		inst.Args[i] = a
	}
	return inst, true
}

// decode reads one operand of kind k out of w. It fails for the field
// values the manual calls UNPREDICTABLE: an EXT or INS bit field that runs
// past bit 31 or ends before it starts, and a CLZ or CLO whose two copies
// of the destination differ.
func (k argKind) decode(w uint32) (Arg, bool) {
	rs, rt, rd, sa := w>>21&31, w>>16&31, w>>11&31, w>>6&31
	imm := int32(int16(w))
	switch k {
	case argRS:
		return Reg(rs), true
	case argRT:
		return Reg(rt), true
	case argRD:
		return Reg(rd), true
	case argSA:
		return Uimm(sa), true
	case argSimm16:
		return Imm(imm), true
	case argUimm16:
		return Uimm(w & 0xffff), true
	case argMem:
		return Mem{Base: Reg(rs), Offset: int16(imm)}, true
	case argBranch:
		return PCRel(4 + imm*4), true
	case argJump:
		return Target(w & 0x03ffffff << 2), true
	case argCode20:
		return Uimm(w >> 6 & 0xfffff), true
	case argCodeHi:
		return Uimm(w >> 16 & 0x3ff), true
	case argCodeLo:
		return Uimm(w >> 6 & 0x3ff), true
	case argExtSize: // rd holds size-1
		return Uimm(rd + 1), sa+rd+1 <= 32
	case argInsSize: // rd holds the last bit, sa the first
		return Uimm(rd - sa + 1), rd >= sa
	case argRDRT:
		return Reg(rd), rd == rt
	case argHint:
		return Uimm(rt), true
	case argCode19:
		return Uimm(w >> 6 & 0x7ffff), true
	case argCP0:
		return CP0Reg{Reg: uint8(rd), Sel: uint8(w & 7)}, true
	case argHWR:
		return HWReg(rd), true
	case argFT:
		return FReg(rt), true
	case argFS:
		return FReg(rd), true
	case argFD:
		return FReg(sa), true
	case argFCR:
		return FCReg(rd), true
	case argCCBranch:
		return CC(rt >> 2), true
	case argCCCompare:
		return CC(sa >> 2), true
	}
	panic(fmt.Sprintf("mipsasm: encoding table uses argKind %d, which decode does not know", k))
}

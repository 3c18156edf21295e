// The target as gdb sees it: a 32-bit little-endian MIPS with gdb's
// register numbering.
//
// gdb's MIPS target numbers its registers 0-31 for the general
// registers, then 32 status, 33 lo, 34 hi, 35 badvaddr, 36 cause, 37 pc,
// 38-69 the floating-point registers f0-f31, 70 fcsr and 71 fir. The g
// packet carries them in that order, each as 4 bytes in the target's
// byte order (little-endian here), in hex.
//
// The stub also describes them in a target description (target.xml,
// read with qXfer:features:read), so that gdb knows the registers are 32
// bits wide without having to guess from the program file.
//
// Simulator note: this CPU has no FPU and no coprocessor 0 registers a
// user program can see. Their slots read as 0, and writes to them are
// ignored; badvaddr is the machine's BadVAddr register.

package gdbstub

import (
	"fmt"
	"strings"

	"nachos/machine"
)

// gdb's register numbers that differ from the machine's.
const (
	gdbStatus   = 32
	gdbLo       = 33
	gdbHi       = 34
	gdbBadVAddr = 35
	gdbCause    = 36
	gdbPC       = 37
	gdbF0       = 38
	gdbFCSR     = 70
	gdbFIR      = 71
	numGDBRegs  = 72
)

// machineReg maps a gdb register number to the machine's, or -1 for a
// register this machine does not have.
func machineReg(n int) int {
	switch {
	case n < machine.NumGPRegs:
		return n
	case n == gdbLo:
		return machine.LoReg
	case n == gdbHi:
		return machine.HiReg
	case n == gdbBadVAddr:
		return machine.BadVAddrReg
	case n == gdbPC:
		return machine.PCReg
	}
	return -1
}

// targetXML is the target description.
var targetXML = func() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>` + "\n" + `<!DOCTYPE target SYSTEM "gdb-target.dtd">` + "\n" +
		"<target version=\"1.0\">\n<architecture>mips</architecture>\n<osabi>none</osabi>\n")
	reg := func(name string, n int, extra string) {
		fmt.Fprintf(&b, "  <reg name=\"%s\" bitsize=\"32\" regnum=\"%d\"%s/>\n", name, n, extra)
	}
	b.WriteString("<feature name=\"org.gnu.gdb.mips.cpu\">\n")
	for r := range machine.NumGPRegs {
		reg(fmt.Sprintf("r%d", r), r, "")
	}
	reg("lo", gdbLo, "")
	reg("hi", gdbHi, "")
	reg("pc", gdbPC, ` type="code_ptr"`)
	b.WriteString("</feature>\n<feature name=\"org.gnu.gdb.mips.cp0\">\n")
	reg("status", gdbStatus, "")
	reg("badvaddr", gdbBadVAddr, ` type="data_ptr"`)
	reg("cause", gdbCause, "")
	b.WriteString("</feature>\n<feature name=\"org.gnu.gdb.mips.fpu\">\n")
	for f := range 32 {
		reg(fmt.Sprintf("f%d", f), gdbF0+f, ` type="ieee_single"`)
	}
	reg("fcsr", gdbFCSR, ` group="float"`)
	reg("fir", gdbFIR, ` group="float"`)
	b.WriteString("</feature>\n</target>\n")
	return b.String()
}()

// Coprocessor operands: the registers of the floating-point unit
// (coprocessor 1), of the system control coprocessor (coprocessor 0),
// and the hardware registers that RDHWR reads.
//
// The simulated CPU has neither coprocessor for user programs: it raises
// a reserved-instruction exception for every instruction here. They are
// decoded anyway, so that a trace or a kill report names the instruction
// a program tried to run ("lwc1 $f0,0($4)") instead of showing a bare
// ".word", and the kernel can say why it was refused.
//
// objdump prints most of these registers by name (c0_status, c1_fcsr,
// hwr_cc), even with -M gpr-names=numeric; the name tables below are the
// names binutils 2.40 prints for MIPS32r2, and the golden files check them.

package mipsasm

import (
	"fmt"
	"sync"
)

// FReg is a floating-point register, $f0 to $f31.
type FReg uint8

// String returns the register as both the assembler and objdump write it.
func (r FReg) String() string { return fmt.Sprintf("$f%d", uint8(r)) }

// CC is one of the eight floating-point condition codes that C.cond.fmt
// sets and BC1F and BC1T test.
type CC uint8

// String returns the condition code as objdump writes it: "$fcc3".
// (objdump leaves out $fcc0, the only one MIPS I had; see gnu.go.)
func (c CC) String() string { return fmt.Sprintf("$fcc%d", uint8(c)) }

// CP0Reg is a coprocessor 0 register: a register number and a select
// field that picks one of up to eight registers behind that number
// (Config is 16,0, Config1 is 16,1).
type CP0Reg struct {
	Reg, Sel uint8
}

// String returns the register literally: "$12,0".
func (r CP0Reg) String() string { return fmt.Sprintf("$%d,%d", r.Reg, r.Sel) }

// gnuName returns the register as objdump prints it: by name when it has
// one ("c0_status", "c0_watchlo,1"), otherwise by number, with the select
// field only when it is not zero ("$21", "$31,7").
func (r CP0Reg) gnuName() string {
	if name, ok := cp0Names()[r]; ok {
		return name
	}
	if r.Sel == 0 {
		return fmt.Sprintf("$%d", r.Reg)
	}
	return r.String()
}

// FCReg is a floating-point control register, which CFC1 and CTC1 move
// to and from a general register (31 is the FCSR, which holds the
// rounding mode and the exception flags).
type FCReg uint8

// String returns the register literally: "$31".
func (r FCReg) String() string { return fmt.Sprintf("$%d", uint8(r)) }

// HWReg is a hardware register that RDHWR reads: the CPU number, the
// cycle counter, or (29) the thread pointer that Linux keeps for
// thread-local variables.
type HWReg uint8

// String returns the register literally: "$29".
func (r HWReg) String() string { return fmt.Sprintf("$%d", uint8(r)) }

// namedOr returns names[n], or "$n" if the register has no name.
func namedOr(names map[uint8]string, n uint8) string {
	if name, ok := names[n]; ok {
		return name
	}
	return fmt.Sprintf("$%d", n)
}

func (FReg) isArg()   {}
func (CC) isArg()     {}
func (CP0Reg) isArg() {}
func (FCReg) isArg()  {}
func (HWReg) isArg()  {}

// The name tables below are maps, which Go builds when the program
// starts unless they are made only when first used: most runs of nachos
// never disassemble a coprocessor instruction, and nachos should start as
// fast as a program that does nothing.

// fcrNames are objdump's names for the floating-point control registers.
var fcrNames = sync.OnceValue(func() map[uint8]string {
	return map[uint8]string{
		0: "c1_fir", 1: "c1_ufr", 4: "c1_unfr",
		25: "c1_fccr", 26: "c1_fexr", 28: "c1_fenr", 31: "c1_fcsr",
	}
})

// hwrNames are objdump's names for the RDHWR registers.
var hwrNames = sync.OnceValue(func() map[uint8]string {
	return map[uint8]string{
		0: "hwr_cpunum", 1: "hwr_synci_step", 2: "hwr_cc", 3: "hwr_ccres",
	}
})

// cp0Names are objdump's names for the MIPS32r2 coprocessor 0 registers,
// including those of the MT and trace extensions.
var cp0Names = sync.OnceValue(func() map[CP0Reg]string {
	return map[CP0Reg]string{
		{0, 0}: "c0_index", {0, 1}: "c0_mvpcontrol", {0, 2}: "c0_mvpconf0", {0, 3}: "c0_mvpconf1",
		{1, 0}: "c0_random", {1, 1}: "c0_vpecontrol", {1, 2}: "c0_vpeconf0", {1, 3}: "c0_vpeconf1",
		{1, 4}: "c0_yqmask", {1, 5}: "c0_vpeschedule", {1, 6}: "c0_vpeschefback",
		{2, 0}: "c0_entrylo0", {2, 1}: "c0_tcstatus", {2, 2}: "c0_tcbind", {2, 3}: "c0_tcrestart",
		{2, 4}: "c0_tchalt", {2, 5}: "c0_tccontext", {2, 6}: "c0_tcschedule", {2, 7}: "c0_tcschefback",
		{3, 0}: "c0_entrylo1",
		{4, 0}: "c0_context", {4, 1}: "c0_contextconfig",
		{5, 0}: "c0_pagemask", {5, 1}: "c0_pagegrain",
		{6, 0}: "c0_wired", {6, 1}: "c0_srsconf0", {6, 2}: "c0_srsconf1", {6, 3}: "c0_srsconf2",
		{6, 4}: "c0_srsconf3", {6, 5}: "c0_srsconf4",
		{7, 0}: "c0_hwrena", {8, 0}: "c0_badvaddr", {9, 0}: "c0_count",
		{10, 0}: "c0_entryhi", {11, 0}: "c0_compare",
		{12, 0}: "c0_status", {12, 1}: "c0_intctl", {12, 2}: "c0_srsctl", {12, 3}: "c0_srsmap",
		{13, 0}: "c0_cause", {14, 0}: "c0_epc", {15, 0}: "c0_prid", {15, 1}: "c0_ebase",
		{16, 0}: "c0_config", {16, 1}: "c0_config1", {16, 2}: "c0_config2", {16, 3}: "c0_config3",
		{17, 0}: "c0_lladdr",
		{18, 0}: "c0_watchlo", {18, 1}: "c0_watchlo,1", {18, 2}: "c0_watchlo,2", {18, 3}: "c0_watchlo,3",
		{18, 4}: "c0_watchlo,4", {18, 5}: "c0_watchlo,5", {18, 6}: "c0_watchlo,6", {18, 7}: "c0_watchlo,7",
		{19, 0}: "c0_watchhi", {19, 1}: "c0_watchhi,1", {19, 2}: "c0_watchhi,2", {19, 3}: "c0_watchhi,3",
		{19, 4}: "c0_watchhi,4", {19, 5}: "c0_watchhi,5", {19, 6}: "c0_watchhi,6", {19, 7}: "c0_watchhi,7",
		{20, 0}: "c0_xcontext",
		{23, 0}: "c0_debug", {23, 1}: "c0_tracecontrol", {23, 2}: "c0_tracecontrol2",
		{23, 3}: "c0_usertracedata", {23, 4}: "c0_tracebpc",
		{24, 0}: "c0_depc",
		{25, 0}: "c0_perfcnt", {25, 1}: "c0_perfcnt,1", {25, 2}: "c0_perfcnt,2", {25, 3}: "c0_perfcnt,3",
		{25, 4}: "c0_perfcnt,4", {25, 5}: "c0_perfcnt,5", {25, 6}: "c0_perfcnt,6", {25, 7}: "c0_perfcnt,7",
		{26, 0}: "c0_errctl",
		{27, 0}: "c0_cacheerr", {27, 1}: "c0_cacheerr,1", {27, 2}: "c0_cacheerr,2", {27, 3}: "c0_cacheerr,3",
		{28, 0}: "c0_taglo", {28, 1}: "c0_datalo", {28, 2}: "c0_taglo1", {28, 3}: "c0_datalo1",
		{28, 4}: "c0_taglo2", {28, 5}: "c0_datalo2", {28, 6}: "c0_taglo3", {28, 7}: "c0_datalo3",
		{29, 0}: "c0_taghi", {29, 1}: "c0_datahi", {29, 2}: "c0_taghi1", {29, 3}: "c0_datahi1",
		{29, 4}: "c0_taghi2", {29, 5}: "c0_datahi2", {29, 6}: "c0_taghi3", {29, 7}: "c0_datahi3",
		{30, 0}: "c0_errorepc", {31, 0}: "c0_desave",
	}
})

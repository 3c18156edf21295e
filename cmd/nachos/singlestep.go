// Single-stepping: stop after every instruction, show the machine, and
// ask what to do next.

package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"nachos/machine"
)

type stepper struct {
	m        *machine.Machine
	in       *bufio.Reader
	out      io.Writer
	runUntil int64 // do not stop before this tick
}

func newStepper(m *machine.Machine, in *bufio.Reader, out io.Writer) *stepper {
	return &stepper{m: m, in: in, out: out}
}

// step is the machine's StepHook.
func (s *stepper) step() {
	if s.m.Stats.TotalTicks < s.runUntil {
		return
	}
	s.dump()
	for {
		now := s.m.Stats.TotalTicks
		fmt.Fprintf(s.out, "%d> ", now)
		line, err := s.in.ReadString('\n')
		cmd := strings.TrimSpace(line)
		switch {
		case cmd == "" && err == nil:
			return
		case err != nil: // the input ended: end the prompt's line, and continue
			fmt.Fprintln(s.out)
			fallthrough
		case cmd == "c":
			s.m.StepHook = nil
			return
		}
		tick, perr := strconv.ParseInt(cmd, 10, 64)
		switch {
		case perr != nil:
			fmt.Fprintln(s.out, "Enter steps one instruction, a number runs to that tick, c continues without stopping.")
		case tick <= now:
			fmt.Fprintf(s.out, "It is tick %d already: give a later tick.\n", now)
		default:
			s.runUntil = tick
			return
		}
	}
}

// dump shows the registers and the next instruction, with the function
// and source line it belongs to when the program has symbols:
//
//	Time 12, next: 0x00000010 in main (halt34.S:53)  addiu $29,$29,-24
func (s *stepper) dump() {
	m := s.m
	m.DumpGPRs(s.out)
	fmt.Fprintf(s.out, "  Hi 0x%08x   Lo 0x%08x   PrevPC 0x%08x   NextPC 0x%08x\n",
		m.ReadRegister(machine.HiReg), m.ReadRegister(machine.LoReg),
		m.ReadRegister(machine.PrevPCReg), m.ReadRegister(machine.NextPCReg))
	pc := m.ReadRegister(machine.PCReg)
	where := ""
	if name := m.CodeName(pc).String(); name != "" {
		where = " in " + name
	}
	fmt.Fprintf(s.out, "Time %d, next: 0x%08x%s  %s\n", m.Stats.TotalTicks, pc, where, m.Disassemble(pc))
}

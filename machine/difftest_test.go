// The differential test: random programs run on our CPU and on qemu's,
// and every register and byte they can change must agree.
//
// qemu-mipsel's MIPS32r2 CPU model is a well-used independent
// implementation of the same architecture, so each disagreement is a bug
// in one of the two, almost always ours. The test is deterministic:
// program i of a run is generated from the seed and i alone, so a failure
// can be replayed with
//
//	go test ./machine/ -run Differential -difftest.case=i
//
// which reruns the batch holding program i and prints it in full. Other
// seeds and longer runs look for rarer bugs:
//
//	go test ./machine/ -run Differential -difftest.seed=7 -difftest.cases=100000
//
// The generator is in diffgen_test.go, the executable qemu runs in
// diffelf_test.go.

package machine_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"nachos/machine"
	"nachos/test/tooltest"
)

var (
	diffSeedFlag  = flag.Uint64("difftest.seed", 1, "seed of the differential test's random programs")
	diffCasesFlag = flag.Int("difftest.cases", 0, "number of random programs (default 10000, 1000 with -short)")
	diffCaseFlag  = flag.Int("difftest.case", -1, "run only the batch holding this program, and print it")
)

const (
	diffCases      = 10000
	diffShortCases = 1000
	diffBatchSize  = 200 // programs per qemu run, to pay qemu's start-up once
	diffMaxReports = 5   // mismatches printed in full; the rest are counted
	diffQEMUCPU    = "24Kc"
	diffQEMUTime   = 60 * time.Second // per batch: only a hung qemu takes this long
)

func TestDifferentialQEMU(t *testing.T) {
	requireQEMU(t)
	n := *diffCasesFlag
	switch {
	case n > 0:
	case testing.Short():
		n = diffShortCases
	default:
		n = diffCases
	}
	first, last := 0, n
	if *diffCaseFlag >= 0 {
		first = *diffCaseFlag / diffBatchSize * diffBatchSize
		last = max(min(first+diffBatchSize, n), *diffCaseFlag+1)
	}
	dir := t.TempDir()
	var compared, repairs, reported int
	for start := first; start < last; start += diffBatchSize {
		b := genDiffBatch(*diffSeedFlag, start, min(start+diffBatchSize, last))
		runDiffBatchOurs(t, b)
		results := runDiffBatchQEMU(t, b, dir)
		for i, c := range b.cases {
			repairs += c.repairs
			if c.skip != "" {
				t.Errorf("program %d: %s\n%s", c.index, c.skip, diffDescribe(c, nil))
				continue
			}
			if i >= len(results) {
				break // runDiffBatchQEMU has reported why
			}
			compared++
			q := &results[i]
			if c.index == *diffCaseFlag {
				t.Logf("program %d, as asked:\n%s", c.index, diffDescribe(c, q))
			}
			if !diffAgree(c, q) {
				if reported++; reported <= diffMaxReports {
					t.Errorf("program %d: our CPU and qemu disagree\n%s", c.index, diffDescribe(c, q))
				}
			}
		}
	}
	if reported > diffMaxReports {
		t.Errorf("%d more programs disagree (not shown)", reported-diffMaxReports)
	}
	t.Logf("compared %d programs with qemu (seed %d); %d ADD/SUB/trap instructions were swapped for their non-raising twins",
		compared, *diffSeedFlag, repairs)
	require.Equal(t, last-first, compared, "every program must reach the comparison")
}

// requireQEMU skips the test when qemu-mipsel is missing (see tooltest).
func requireQEMU(t *testing.T) {
	t.Helper()
	tooltest.Require(t, "qemu-mipsel", "qemu-user")
}

// genDiffBatch generates programs first..last-1 and places them.
func genDiffBatch(seed uint64, first, last int) *diffBatch {
	progs := make([]*diffProgram, 0, last-first)
	for i := first; i < last; i++ {
		progs = append(progs, genDiffProgram(rand.New(rand.NewPCG(seed, uint64(i))), true))
	}
	return newDiffBatch(progs, first)
}

// runDiffBatchOurs runs every program of the batch on our CPU. A program
// whose ADD, SUB or trap raised an exception gets the instruction swapped
// for its twin and runs again; any other exception marks it skip.
func runDiffBatchOurs(t *testing.T, b *diffBatch) {
	m := newBatchMachine(t, b)
	for _, c := range b.cases {
		if stop := runRepaired(t, m, c); stop.cause == machine.TrapException && stop.pc == c.endAddr {
			c.ours = diffStateOf(m, c)
		} else {
			c.skip = fmt.Sprintf("our CPU raised %v at 0x%08x, which the generator never asks for "+
				"(or the instruction and its twin both raised it)", stop.cause, stop.pc)
		}
	}
}

// newBatchMachine returns a machine loaded with the batch's programs, each
// ending in a BREAK that stops it.
func newBatchMachine(t *testing.T, b *diffBatch) *machine.Machine {
	img := b.image()
	m := newMappedMachine(t, diffLoadAddr, len(img))
	copy(m.Memory, img)
	for _, c := range b.cases {
		putWord(t, m, c.endAddr, brk())
	}
	return m
}

// runRepaired runs a program on our CPU, swapping each ADD, SUB or trap
// that raises an exception for its twin and starting again, until the
// program stops on something else (normally its final BREAK).
func runRepaired(t *testing.T, m *machine.Machine, c *diffCase) diffStop {
	t.Helper()
	for {
		stop := runDiffCase(m, c)
		if c.repairs >= len(c.code) { // an instruction and its twin both raised
			return stop
		}
		word, ok := c.repair(stop)
		if !ok {
			return stop
		}
		putWord(t, m, stop.pc, word)
	}
}

// diffStop is how a run ended: the exception, the program counters and
// the failing address it left, and the ticks the run took.
type diffStop struct {
	cause                machine.ExceptionType
	pc, nextPC, badVAddr uint32
	userTicks            int64
}

// runDiffCase runs a program from its initial state until its first
// exception.
func runDiffCase(m *machine.Machine, c *diffCase) diffStop {
	copy(m.Memory[c.bufAddr-diffLoadAddr:], c.init.buf[:])
	for r := 1; r < len(c.init.regs); r++ {
		m.WriteRegister(r, c.init.regs[r])
	}
	m.SetPC(c.codeAddr)
	var stop diffStop
	m.SetExceptionHandler(func(cause machine.ExceptionType) {
		stop = diffStop{cause: cause, pc: m.ReadRegister(machine.PCReg),
			nextPC: m.ReadRegister(machine.NextPCReg), badVAddr: m.ReadRegister(machine.BadVAddrReg)}
		m.Stop()
	})
	ticks := m.Stats.UserTicks
	m.Run()
	stop.userTicks = m.Stats.UserTicks - ticks
	return stop
}

func diffStateOf(m *machine.Machine, c *diffCase) diffState {
	var s diffState
	for r := 1; r < len(s.regs); r++ {
		s.regs[r] = m.ReadRegister(r)
	}
	copy(s.buf[:], m.Memory[c.bufAddr-diffLoadAddr:])
	return s
}

// diffRepairs pairs each instruction that may raise an exception on
// random operands with a twin that cannot raise it on the same operands:
// the twin is the word XOR flip.
var diffRepairs = []struct {
	mask, match, flip uint32
	cause             machine.ExceptionType
}{
	{0xfc00003f, 0x00000020, 0x01, machine.OverflowException},                // ADD -> ADDU
	{0xfc00003f, 0x00000022, 0x01, machine.OverflowException},                // SUB -> SUBU
	{0xfc000000, 0x20000000, 0x04000000, machine.OverflowException},          // ADDI -> ADDIU
	{0xfc00003d, 0x00000030, 0x02, machine.TrapException},                    // TGE <-> TLT
	{0xfc00003d, 0x00000031, 0x02, machine.TrapException},                    // TGEU <-> TLTU
	{0xfc00003d, 0x00000034, 0x02, machine.TrapException},                    // TEQ <-> TNE
	{0xfc1d0000, opRegimm<<26 | 0x08<<16, 0x02 << 16, machine.TrapException}, // TGEI <-> TLTI
	{0xfc1d0000, opRegimm<<26 | 0x09<<16, 0x02 << 16, machine.TrapException}, // TGEIU <-> TLTIU
	{0xfc1d0000, opRegimm<<26 | 0x0c<<16, 0x02 << 16, machine.TrapException}, // TEQI <-> TNEI
}

// repair swaps the program's instruction that stopped the run for its
// twin, if it has one for that exception, and returns the new word.
func (c *diffCase) repair(s diffStop) (uint32, bool) {
	if s.pc < c.codeAddr || s.pc >= c.endAddr {
		return 0, false
	}
	i := (s.pc - c.codeAddr) / 4
	for _, r := range diffRepairs {
		if c.code[i]&r.mask == r.match && s.cause == r.cause {
			c.code[i] ^= r.flip
			c.repairs++
			return c.code[i], true
		}
	}
	return 0, false
}

// runDiffBatchQEMU runs the batch under qemu and returns the final state
// of each program that finished.
func runDiffBatchQEMU(t *testing.T, b *diffBatch, dir string) []diffState {
	t.Helper()
	path := filepath.Join(dir, fmt.Sprintf("batch%d", b.cases[0].index))
	require.NoError(t, os.WriteFile(path, b.image(), 0o755))
	ctx, cancel := context.WithTimeout(context.Background(), diffQEMUTime)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "qemu-mipsel", "-cpu", diffQEMUCPU, path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Dir = dir // where qemu drops a core file if a program crashes it
	err := cmd.Run()
	out := stdout.Bytes()
	results := make([]diffState, 0, len(b.cases))
	for len(out) >= diffRecordSize && len(results) < len(b.cases) {
		var s diffState
		for r := 1; r < len(s.regs); r++ {
			s.regs[r] = binary.LittleEndian.Uint32(out[diffTableOffset(uint32(r)):])
		}
		copy(s.buf[:], out[4*diffTableWords:diffRecordSize])
		results = append(results, s)
		out = out[diffRecordSize:]
	}
	if err != nil || len(results) < len(b.cases) {
		msg := fmt.Sprintf("qemu-mipsel %s: %v, after %d of %d programs\nstderr: %s",
			path, err, len(results), len(b.cases), stderr.String())
		if len(results) < len(b.cases) {
			c := b.cases[len(results)]
			msg += fmt.Sprintf("\nqemu stopped in program %d (our CPU's view of it):\n%s", c.index, diffDescribe(c, nil))
		}
		t.Error(msg)
	}
	return results
}

// diffAgree reports whether qemu's final state q matches ours. HI and LO
// count only where the program leaves them defined.
func diffAgree(c *diffCase, q *diffState) bool {
	for r := 1; r < len(q.regs); r++ {
		if !c.compares(r) {
			continue
		}
		if q.regs[r] != c.ours.regs[r] {
			return false
		}
	}
	return q.buf == c.ours.buf
}

// compares says whether register r's final value is defined.
func (c *diffCase) compares(r int) bool {
	switch r {
	case machine.HiReg:
		return c.prog.hiDefined
	case machine.LoReg:
		return c.prog.loDefined
	}
	return true
}

// diffDescribe prints a program for a person chasing a bug: where it
// lives, its code in hex, and a table of initial and final registers and
// buffer bytes, marking those where qemu (q, if known) and we disagree.
func diffDescribe(c *diffCase, q *diffState) string {
	var b strings.Builder
	fmt.Fprintf(&b, "code at 0x%08x, %d words; base register $%d = 0x%08x, the middle of the %d-byte buffer at 0x%08x\n",
		c.codeAddr, len(c.code), c.prog.base, c.baseValue(), diffBufSize, c.bufAddr)
	var le strings.Builder
	for i, w := range c.code {
		if i%8 == 0 {
			fmt.Fprintf(&b, "  0x%08x:", c.codeAddr+uint32(4*i))
		}
		fmt.Fprintf(&b, " %08x", w)
		if i%8 == 7 || i == len(c.code)-1 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&le, "%02x%02x%02x%02x", byte(w), byte(w>>8), byte(w>>16), byte(w>>24))
	}
	fmt.Fprintf(&b, "  (then BREAK; to disassemble: echo %s | xxd -r -p > p.bin && "+
		"mipsel-linux-gnu-objdump -D -b binary -m mips:isa32r2 -EL --adjust-vma=0x%x p.bin)\n",
		le.String(), c.codeAddr)
	if q == nil {
		fmt.Fprintf(&b, "  %-9s %-10s\n", "register", "initial")
	} else {
		fmt.Fprintf(&b, "  %-9s %-10s  %-10s  %-10s\n", "register", "initial", "ours", "qemu")
	}
	for r := 1; r < len(c.init.regs); r++ {
		fmt.Fprintf(&b, "  $%-2d %-5s 0x%08x", r, machine.RegisterName(r), c.init.regs[r])
		switch {
		case q == nil:
		case !c.compares(r):
			fmt.Fprintf(&b, "  0x%08x", c.ours.regs[r])
			fmt.Fprintf(&b, "  0x%08x  (undefined here: not compared)", q.regs[r])
		case q.regs[r] != c.ours.regs[r]:
			fmt.Fprintf(&b, "  0x%08x  0x%08x  <-- differs", c.ours.regs[r], q.regs[r])
		default:
			fmt.Fprintf(&b, "  0x%08x  0x%08x", c.ours.regs[r], q.regs[r])
		}
		b.WriteString("\n")
	}
	if q != nil {
		for i := range q.buf {
			if q.buf[i] != c.ours.buf[i] {
				fmt.Fprintf(&b, "  buffer byte %+d from base (0x%08x): initial 0x%02x, ours 0x%02x, qemu 0x%02x  <-- differs\n",
					i-diffBufSize/2, c.bufAddr+uint32(i), c.init.buf[i], c.ours.buf[i], q.buf[i])
			}
		}
	}
	return b.String()
}

// newMappedMachine returns a machine with 128-byte pages whose page table
// maps size bytes from virtual address vaddr (a page multiple) to physical
// memory from 0.
func newMappedMachine(t testing.TB, vaddr uint32, size int) *machine.Machine {
	t.Helper()
	const pageSize = 128
	pages := (size + pageSize - 1) / pageSize
	m, err := machine.New(machine.Config{PhysPages: pages, PageSize: pageSize})
	require.NoError(t, err)
	first := int(vaddr / pageSize)
	m.PageTable = make([]machine.TranslationEntry, first+pages)
	for p := range pages {
		m.PageTable[first+p] = machine.TranslationEntry{
			VirtualPage: uint32(first + p), PhysicalPage: uint32(p), Valid: true}
	}
	return m
}

// putWord stores an instruction at a mapped virtual address.
func putWord(t testing.TB, m *machine.Machine, vaddr, word uint32) {
	t.Helper()
	require.Equal(t, machine.NoException, m.WriteMem(vaddr, 4, word), "storing an instruction at 0x%08x", vaddr)
}

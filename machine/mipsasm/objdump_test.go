// Tests against GNU objdump itself, the oracle for the printer. They need
// binutils-mipsel-linux-gnu; without it they skip, and the golden files
// they write (with -update) keep decode_test.go checking the same lines.

package mipsasm

//go:generate go test -run ^TestObjdump -update

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"nachos/test/tooltest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from objdump's output")

const (
	asTool      = "mipsel-linux-gnu-as"
	objdumpTool = "mipsel-linux-gnu-objdump"
	binutils    = "binutils-mipsel-linux-gnu"
	programDir  = "../../test" // the shipped MIPS test programs
)

// The assembler and objdump options that make every golden file.
var (
	asFlags      = []string{"-mips32r2", "-O0", "-mno-shared"}
	objdumpFlags = []string{"-d", "-z"} // -z: print runs of zero words, not "..."
	numericFlags = []string{"-M", "gpr-names=numeric"}
)

// acceptedMismatch is the one place where the printer may differ from
// objdump. It reports why the difference between objdump's text for word
// and ours is accepted.
func acceptedMismatch(word uint32, objdumpText string) (string, bool) {
	op, operands, _ := strings.Cut(objdumpText, "\t")
	special2, special3 := word>>26 == 0x1c, word>>26 == 0x1f
	switch {
	case special3 && (op == "ext" || op == "ins"):
		// EXT or INS whose bit field runs past bit 31, or whose last bit
		// comes before its first. The manual calls these UNPREDICTABLE,
		// and the CPU raises a reserved instruction exception, so Decode
		// rejects them; objdump prints them anyway (an INS "size" of
		// 0xfffffffe, say).
		return "EXT/INS with an impossible bit field", true
	case special2 && (op == "clz" || op == "clo"):
		// CLZ and CLO whose rd and rt fields differ: UNPREDICTABLE, so
		// Decode rejects them. objdump prints "clz v0 or a3,a0", or just
		// the nonzero one of the two.
		return "CLZ/CLO with rd != rt", true
	case strings.Contains(operands, "$ac"):
		// The DSP ASE's accumulators $ac1..$ac3, named in fields that
		// MULT, MADD, MFHI and the like require to be zero. objdump
		// decodes the DSP ASE by default; this CPU has only Hi and Lo.
		return "DSP accumulator", true
	}
	return "", false
}

// assemble assembles an assembly file into an object file in a temporary
// directory.
func assemble(t *testing.T, src string) string {
	t.Helper()
	tooltest.Require(t, asTool, binutils)
	obj := filepath.Join(t.TempDir(), strings.TrimSuffix(filepath.Base(src), ".S")+".o")
	args := append(slices.Clone(asFlags), "-o", obj, src)
	out, err := exec.Command(asTool, args...).CombinedOutput()
	require.NoError(t, err, "%s %s:\n%s", asTool, strings.Join(args, " "), out)
	return obj
}

// An objdump instruction line: "     4c:\t0000014c \tsyscall\t0x5".
var objdumpLine = regexp.MustCompile(`^ *([0-9a-f]+):\t([0-9a-f]{8}) \t(.*)$`)

// A branch target as objdump prints it: the address and, when a symbol
// precedes it, " <symbol+offset>"; "0x" before the address when none does.
var branchTarget = regexp.MustCompile(`([\t,])(?:0x)?([0-9a-f]+)(?: <[^>]*>)?$`)

// Mnemonics whose last operand is a branch or jump target.
var branchMnemonics = []string{
	"b", "bal", "beq", "beqz", "bne", "bnez", "blez", "bgtz",
	"bltz", "bgez", "bltzal", "bgezal", "j", "jal",
	"beql", "beqzl", "bnel", "bnezl", "blezl", "bgtzl",
	"bltzl", "bgezl", "bltzall", "bgezall",
	"bc1f", "bc1t", "bc1fl", "bc1tl",
}

// objdump disassembles file and returns its instruction lines, with
// branch targets as the printer writes them.
func objdump(t *testing.T, file string, extra ...string) []goldenLine {
	t.Helper()
	tooltest.Require(t, objdumpTool, binutils)
	args := append(append(slices.Clone(objdumpFlags), extra...), file)
	out, err := exec.Command(objdumpTool, args...).Output()
	require.NoError(t, err, "%s %s", objdumpTool, strings.Join(args, " "))
	var lines []goldenLine
	for _, line := range strings.Split(string(out), "\n") {
		m := objdumpLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		text := m[3]
		if op, _, _ := strings.Cut(text, "\t"); slices.Contains(branchMnemonics, op) {
			text = branchTarget.ReplaceAllString(text, "$1$2")
		}
		pc, _ := strconv.ParseUint(m[1], 16, 32)
		word, _ := strconv.ParseUint(m[2], 16, 32)
		lines = append(lines, goldenLine{
			where: fmt.Sprintf("%s at 0x%s", filepath.Base(file), m[1]),
			pc:    uint32(pc), word: uint32(word), text: text,
		})
	}
	require.NotEmpty(t, lines, "%s %s printed no instructions", objdumpTool, strings.Join(args, " "))
	return lines
}

func TestObjdumpAllInsns(t *testing.T) {
	obj := assemble(t, "testdata/allinsns.S")
	for _, c := range []struct {
		golden string
		flags  []string
		syntax func(Inst, uint32) string
	}{
		{goldenGNU, nil, GNUSyntax},
		{goldenNumeric, numericFlags, NumericSyntax},
	} {
		lines := objdump(t, obj, c.flags...)
		checkLines(t, lines, c.syntax)
		if *update {
			cmd := strings.Join(append(append(slices.Clone(objdumpFlags), c.flags...), "allinsns.o"), " ")
			writeGolden(t, c.golden, fmt.Sprintf(goldenHeader,
				"allinsns.S, every instruction the CPU implements and those it refuses by name",
				asTool+" "+strings.Join(asFlags, " ")+" -o allinsns.o allinsns.S\n  "+objdumpTool+" "+cmd),
				[]string{""}, map[string][]goldenLine{"": lines})
		}
	}
}

const goldenHeader = `What GNU objdump (binutils 2.40) prints for %s.
Made by
  %s
with " <symbol+offset>" and "0x" removed from branch targets.
Regenerate: go generate ./machine/mipsasm/  (needs binutils-mipsel-linux-gnu)
Format: address <TAB> word <TAB> text (which holds a tab itself)`

// TestObjdumpPrograms disassembles the .text of every shipped test
// program: the printer must agree with objdump on every line.
func TestObjdumpPrograms(t *testing.T) {
	tooltest.Require(t, objdumpTool, binutils)
	programs := shippedPrograms(t)
	if len(programs) == 0 {
		t.Skipf("no MIPS programs in %s yet (build them with make -C test)", programDir)
	}
	lines := map[string][]goldenLine{}
	for _, p := range programs {
		lines[p] = objdump(t, filepath.Join(programDir, p), "-j", ".text")
		checkLines(t, lines[p], GNUSyntax)
	}
	if *update {
		writeGolden(t, goldenPrograms, fmt.Sprintf(goldenHeader,
			"the .text of each program in test/",
			objdumpTool+" "+strings.Join(objdumpFlags, " ")+" -j .text test/PROGRAM"),
			programs, lines)
	}
}

// shippedPrograms returns the names of the ELF files directly in
// programDir, in name order.
func shippedPrograms(t *testing.T) []string {
	entries, err := os.ReadDir(programDir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		head := make([]byte, 4)
		f, err := os.Open(filepath.Join(programDir, e.Name()))
		require.NoError(t, err)
		n, _ := f.Read(head)
		f.Close()
		if bytes.Equal(head[:n], []byte("\x7fELF")) {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestObjdumpRandomWords compares the decoder with objdump on words near
// real encodings: every word that Decode accepts must print as objdump
// prints it, and every word objdump prints as one of our instructions
// must be decoded.
func TestObjdumpRandomWords(t *testing.T) {
	tooltest.Require(t, asTool, binutils)
	words := randomWords(20000)
	var src strings.Builder
	src.WriteString("\t.text\nstart:\n")
	for _, w := range words {
		fmt.Fprintf(&src, "\t.word\t%#08x\n", w)
	}
	asm := filepath.Join(t.TempDir(), "random.S")
	require.NoError(t, os.WriteFile(asm, []byte(src.String()), 0o644))
	obj := assemble(t, asm)

	vocabulary := ourMnemonics()
	for _, c := range []struct {
		flags  []string
		syntax func(Inst, uint32) string
	}{{nil, GNUSyntax}, {numericFlags, NumericSyntax}} {
		var relevant []goldenLine
		for _, g := range objdump(t, obj, c.flags...) {
			op, _, _ := strings.Cut(g.text, "\t")
			if _, err := render(g.word, g.pc, c.syntax); err == nil || vocabulary[op] {
				relevant = append(relevant, g)
			}
		}
		require.Greater(t, len(relevant), len(words)/2, "too few words decode: is the generator broken?")
		checkLines(t, relevant, c.syntax)
	}
}

// randomWords returns n words, each a random row of the encoding table
// with random operand fields. Fields are often zero, to hit the aliases,
// and every fourth word has one identifying bit flipped, to test that
// Decode rejects near-misses. The seed is fixed so that runs repeat.
func randomWords(n int) []uint32 {
	rng := rand.New(rand.NewPCG(1, 2))
	words := make([]uint32, n)
	for i := range words {
		r := encodings[rng.IntN(len(encodings))]
		w := r.value | rng.Uint32()&^r.mask
		for shift := 6; shift <= 21; shift += 5 { // sa, rd, rt, rs
			if rng.IntN(2) == 0 {
				w &^= 31 << shift
			}
		}
		if i%4 == 3 {
			w ^= 1 << rng.IntN(32)
		}
		words[i] = w
	}
	return words
}

// ourMnemonics returns every mnemonic the printer can produce.
func ourMnemonics() map[string]bool {
	m := map[string]bool{}
	for _, r := range encodings {
		m[r.op.String()] = true
	}
	for _, s := range spellings {
		m[s.name] = true
	}
	for _, name := range wholeWord() {
		m[name] = true
	}
	return m
}

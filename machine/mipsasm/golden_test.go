// Golden files: objdump's disassembly, saved so that the printer can be
// checked on a machine without binutils.
//
// A golden file has comment lines starting with '#', and one line per
// instruction:
//
//	address <TAB> word <TAB> text
//
// address and word are 8 hex digits, and text is what objdump printed for
// the word, less the " <symbol+offset>" objdump adds after a branch target
// (the text itself holds a tab, between mnemonic and operands). A comment
// "# file: NAME" starts the instructions of the program NAME.

package mipsasm

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The golden files, made by `go generate` (see objdump_test.go).
const (
	goldenGNU      = "testdata/allinsns.gnu.txt"
	goldenNumeric  = "testdata/allinsns.numeric.txt"
	goldenPrograms = "testdata/programs.txt"
)

// goldenLine is one instruction as objdump printed it.
type goldenLine struct {
	where    string // file and line, or program and address, for messages
	pc, word uint32
	text     string
}

// readGolden parses a golden file, failing the test on any line it cannot
// read.
func readGolden(t testing.TB, name string) []goldenLine {
	t.Helper()
	f, err := os.Open(name)
	require.NoError(t, err, "the golden files are made by `go generate ./machine/mipsasm/`")
	defer f.Close()
	var lines []goldenLine
	program := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "# file: "); ok {
			program = p + " "
		}
		if line == "" || line[0] == '#' {
			continue
		}
		where := fmt.Sprintf("%s:%d: %s", name, n, program)
		g, err := parseGolden(line)
		if err != nil {
			t.Errorf("%s cannot be read: %v (want: 8 hex digits of address, TAB, 8 of word, TAB, text)", where, err)
			continue
		}
		g.where = where + fmt.Sprintf("0x%x", g.pc)
		lines = append(lines, g)
	}
	require.NoError(t, sc.Err())
	return lines
}

func parseGolden(line string) (goldenLine, error) {
	f := strings.SplitN(line, "\t", 3)
	if len(f) != 3 || len(f[0]) != 8 || len(f[1]) != 8 || f[2] == "" {
		return goldenLine{}, fmt.Errorf("%q has not three tab-separated fields", line)
	}
	pc, err := strconv.ParseUint(f[0], 16, 32)
	if err != nil {
		return goldenLine{}, fmt.Errorf("address: %w", err)
	}
	word, err := strconv.ParseUint(f[1], 16, 32)
	if err != nil {
		return goldenLine{}, fmt.Errorf("word: %w", err)
	}
	return goldenLine{pc: uint32(pc), word: uint32(word), text: f[2]}, nil
}

// writeGolden writes a golden file: the header comment, then each
// program's lines under a "# file:" comment (none if there is one
// program, named "").
func writeGolden(t *testing.T, name, header string, programs []string, lines map[string][]goldenLine) {
	t.Helper()
	var b strings.Builder
	for _, h := range strings.Split(strings.TrimSpace(header), "\n") {
		fmt.Fprintf(&b, "# %s\n", h)
	}
	for _, p := range programs {
		if p != "" {
			fmt.Fprintf(&b, "\n# file: %s\n", p)
		}
		for _, g := range lines[p] {
			fmt.Fprintf(&b, "%08x\t%08x\t%s\n", g.pc, g.word, g.text)
		}
	}
	require.NoError(t, os.WriteFile(name, []byte(b.String()), 0o644))
}

// checkLines requires that syntax prints each word as objdump did, and
// logs how many differences acceptedMismatch excused.
func checkLines(t *testing.T, lines []goldenLine, syntax func(Inst, uint32) string) {
	t.Helper()
	accepted := map[string]int{}
	for _, g := range lines {
		got, err := render(g.word, g.pc, syntax)
		if got == g.text {
			continue
		}
		if reason, ok := acceptedMismatch(g.word, g.text); ok {
			accepted[reason]++
			continue
		}
		if err != nil {
			t.Errorf("%s: word %08x: objdump prints %q, Decode fails: %v", g.where, g.word, g.text, err)
		} else {
			t.Errorf("%s: word %08x: objdump prints %q, we print %q", g.where, g.word, g.text, got)
		}
	}
	for _, reason := range slices.Sorted(maps.Keys(accepted)) {
		t.Logf("accepted %d mismatches: %s", accepted[reason], reason)
	}
}

// render decodes word and prints it, or returns what objdump prints for
// a word it cannot decode.
func render(word, pc uint32, syntax func(Inst, uint32) string) (string, error) {
	var raw [4]byte
	binary.LittleEndian.PutUint32(raw[:], word)
	inst, err := Decode(raw[:], binary.LittleEndian)
	if err != nil {
		return fmt.Sprintf(".word\t%#x", word), err
	}
	return syntax(inst, pc), nil
}

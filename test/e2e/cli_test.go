package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A run is a pure function of its inputs and its seed: the same seed gives
// byte-identical output, and the classic spelling "-rs" means "--rs".
func TestRandomSeedIsRepeatable(t *testing.T) {
	a := nachos(t, "", "-x", "test/matmult", "-rs", "7")
	b := nachos(t, "", "-x", "test/matmult", "--rs", "7")
	c := nachos(t, "", "-x", "test/matmult", "-rs", "8")
	require.Equal(t, 0, a.status, a.stderr)
	assert.Equal(t, a.stdout, b.stdout)
	// The random timer interrupts matmult hundreds of times; each forced
	// yield re-enables interrupts, so system time depends on the seed,
	// while the program's own work does not.
	assert.NotEqual(t, a.stdout, c.stdout)
	for _, r := range []result{a, c} {
		assert.Contains(t, r.stderr, "exited with status 7220")
		assert.Contains(t, r.stdout, ", user 78783\n")
	}
	plain := nachos(t, "", "-x", "test/matmult")
	assert.NotEqual(t, plain.stdout, a.stdout, "-rs must start the timer")
}

func TestMaxTicksStopsARunawayProgram(t *testing.T) {
	r := nachos(t, "", "-x", "test/sort", "--max-ticks", "5000")
	assert.Equal(t, 3, r.status)
	assert.Contains(t, r.stderr, "stopped at tick 5000")
	assert.Contains(t, r.stderr, "--max-ticks")
	assert.Contains(t, r.stdout, "Ticks: total 5000, idle 0, system 10, user 4990\n")
}

// Nachos 3.4's machine has 32 pages, too small for matmult's arrays.
func TestProgramTooBigForMemory(t *testing.T) {
	r := nachos(t, "", "-x", "test/matmult", "--phys-pages", "32")
	assert.Equal(t, 2, r.status)
	assert.Regexp(t, `^nachos: test/matmult: needs \d+ pages of memory \(\d+ bytes of program and 1024 of stack\) but only 32 of the machine's 32 pages are free; run with a larger --phys-pages\n$`, r.stderr)
	assert.Empty(t, r.stdout)

	r = nachos(t, "", "-x", "test/matmult", "--phys-pages", "32", "--page-size", "256")
	assert.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stderr, "exited with status 7220")
}

// The stack never shares a page with read-only code, so a program whose
// code ends its image runs with large pages and with a small stack; a
// stack too small for any C function is refused up front.
func TestStackIsWritableWhateverThePageSize(t *testing.T) {
	for _, args := range [][]string{{"--page-size", "4096"}, {"--page-size", "65536"}, {"--stack", "64"}} {
		r := nachos(t, "", append(args, "-x", "test/hello")...)
		assert.Equal(t, 0, r.status, "%v: %s", args, r.stderr)
		assert.Contains(t, r.stderr, "nachos: test/hello: exited with status 0 (pid 1)\n", args)
	}
	r := nachos(t, "", "--stack", "8", "-x", "test/hello")
	assert.Equal(t, 2, r.status)
	assert.Equal(t, "nachos: --stack: a stack of 8 bytes is too small for a C program: use at least 64 (the default is 1024)\n", r.stderr)
}

// Translating through a small TLB gives the same results. Each TLB miss
// costs the faulting instruction a tick, as in Nachos, so user time grows.
func TestTLBTranslation(t *testing.T) {
	ticks := regexp.MustCompile(`Ticks: total (\d+), idle 0, system 10, user (\d+)\n`)
	plain := ticks.FindStringSubmatch(nachos(t, "", "-x", "test/matmult").stdout)
	r := nachos(t, "", "-x", "test/matmult", "-tlb", "4")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stderr, "exited with status 7220")
	tlb := ticks.FindStringSubmatch(r.stdout)
	require.NotNil(t, plain)
	require.NotNil(t, tlb, r.stdout)
	assert.Greater(t, atoi(t, tlb[2]), atoi(t, plain[2]), "TLB misses cost user ticks")
	assert.Equal(t, atoi(t, tlb[2])+10, atoi(t, tlb[1]))

	r = nachos(t, "", "-x", "test/hello", "--tlb", "2")
	assert.True(t, strings.HasPrefix(r.stdout, "Hello, world!\n"), r.stdout)

	r = nachos(t, "", "-x", "test/halt", "--tlb", "1")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "TLB size of 1 is out of range")
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage")
	require.NoError(t, os.WriteFile(garbage, []byte("#!/bin/sh\necho not a MIPS program\n"), 0o644))
	truncated := filepath.Join(dir, "truncated")
	halt, err := os.ReadFile(filepath.Join(repoRoot, "test/halt"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(truncated, halt[:100], 0o644))

	for _, path := range []string{filepath.Join(dir, "missing"), garbage, truncated} {
		r := nachos(t, "", "-x", path)
		assert.Equal(t, 2, r.status, path)
		assert.Empty(t, r.stdout, path)
		assert.Regexp(t, `^nachos: .*`+regexp.QuoteMeta(filepath.Base(path))+`.*\n$`, r.stderr, "one line naming the file")
	}
}

// Every NOFF variant elf2noff writes runs like the ELF it came from: same
// output, and the same ticks but for the two instructions (a jump and its
// delay slot) that take a NOFF program from address 0 over the guard.
func TestNOFFVariantsRunLikeELF(t *testing.T) {
	dir := t.TempDir()
	elf := nachos(t, "", "-x", "test/hello")
	require.Equal(t, 0, elf.status)
	want := overTheGuard(t, elf.stdout)
	variants := map[string][]string{
		"le34":         nil,
		"be34":         {"--header-order", "big"},
		"le4":          {"--rdata"},
		"be4-garbage":  {"--rdata", "--header-order", "big", "--garbage-empty"},
		"le34-garbage": {"--garbage-empty"},
	}
	for name, flags := range variants {
		out := filepath.Join(dir, name)
		conv := nachos(t, "", append([]string{"elf2noff", "test/hello", out}, flags...)...)
		require.Equal(t, 0, conv.status, conv.stderr)
		r := nachos(t, "", "-x", out)
		assert.Equal(t, 0, r.status, name)
		assert.Equal(t, strings.ReplaceAll(want, "test/hello", out), r.stdout, name)
	}
}

// overTheGuard is a run's output with two more user ticks: those of the
// jump over the guard that elf2noff puts at address 0.
func overTheGuard(t *testing.T, stdout string) string {
	ticks := regexp.MustCompile(`Ticks: total (\d+), idle (\d+), system (\d+), user (\d+)`)
	m := ticks.FindStringSubmatch(stdout)
	require.NotNil(t, m, stdout)
	n := make([]int, 4)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	return strings.Replace(stdout, m[0], fmt.Sprintf("Ticks: total %d, idle %d, system %d, user %d", n[0]+2, n[1], n[2], n[3]+2), 1)
}

// A NOFF file of a program linked above the guard starts with a jump over
// it, as Nachos 3.4 and 4.x start every NOFF program at 0.
func TestNOFFJumpsOverTheGuard(t *testing.T) {
	out := filepath.Join(t.TempDir(), "halt.noff")
	require.Equal(t, 0, nachos(t, "", "elf2noff", "test/halt", out).status)
	r := nachos(t, "", "-d", "m", "-x", out)
	require.Equal(t, 0, r.status)
	lines := strings.Split(r.stderr, "\n")
	require.Greater(t, len(lines), 3)
	assert.Regexp(t, `^\s+10  0x00000000  j 400\s*$`, lines[0])
	assert.Regexp(t, `^\s+11  0x00000004  nop\s*$`, lines[1])
	assert.Regexp(t, `^\s+12  0x00000400  jal `, lines[2], "__start, where the ELF starts")
}

// -d m traces every instruction with the function it is in, and the
// source line above it whenever the line changes.
func TestInstructionTrace(t *testing.T) {
	r := nachos(t, "", "-x", "test/halt34", "-d", "m")
	require.Equal(t, 0, r.status)
	assert.Equal(t, haltStats(22, 0, 10, 12, 0, 0), r.stdout, "the trace is not in the output")
	var insts []string
	sources := map[string]string{} // the source line shown above each instruction line
	source := ""
	for _, line := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
		if m := regexp.MustCompile(`^ {21}(halt34\.S:\d+)$`).FindStringSubmatch(line); m != nil {
			assert.NotEqual(t, source, m[1], "a source line is shown only when it changes")
			source = m[1]
			continue
		}
		insts = append(insts, line)
		sources[line] = source
	}
	require.Len(t, insts, 13)
	assert.Regexp(t, `^\s+10  0x00000000  __start\s+jal 10\s+\$31: 0x00000000 -> 0x00000008$`, insts[0], "the tick, once")
	assert.Regexp(t, `^\s+12  0x00000010  main\s+addiu \$29,\$29,-24\s+\$29: 0x00000470 -> 0x00000458$`, insts[2])
	assert.Regexp(t, `^\s+22  0x0000004c  Halt\+0x4\s+syscall\s+raises system call$`, insts[12])
	assert.Equal(t, fmt.Sprintf("halt34.S:%d", sourceLine(t, "halt34.S", "addiu\t$sp, $sp, -24")), sources[insts[2]])
}

// Traces go to standard error, each line after its tick, or to
// --debug-file; a program's output stays as it is.
func TestDebugFlags(t *testing.T) {
	r := nachos(t, "", "-x", "test/hello", "-d", "ta")
	assert.Equal(t, "Hello, world!\n", programOutput(r.stdout))
	assert.Regexp(t, `(?m)^\s+1591  System call Exit\(`, r.stderr)
	assert.Regexp(t, `(?m)^\s+\d+  Sleeping thread`, r.stderr)

	file := filepath.Join(t.TempDir(), "trace")
	f := nachos(t, "", "-x", "test/hello", "-d", "ta", "--debug-file", file)
	assert.Equal(t, r.stdout, f.stdout)
	assert.Equal(t, "nachos: test/hello: exited with status 0 (pid 1)\n", f.stderr)
	trace, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, problems(r.stderr), string(trace))

	r = nachos(t, "", "-d", "help")
	for _, letter := range []string{"+", "t", "s", "i", "m", "a"} {
		assert.Regexp(t, `(?m)^  `+regexp.QuoteMeta(letter)+`  `, r.stdout)
	}
	r = nachos(t, "", "-x", "test/halt", "-d", "q")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, `unknown debug flag 'q'`)
}

// Single-stepping: Enter steps, a number runs to that tick, c continues.
func TestSingleStep(t *testing.T) {
	r := nachos(t, "\n20\nc\n", "-x", "test/halt34", "-s")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, 3, strings.Count(r.stdout, "> "), "prompts at ticks 11, 12 and 20")
	assert.Contains(t, r.stdout, "11> ")
	assert.Contains(t, r.stdout, "12> ")
	assert.Contains(t, r.stdout, "20> ")
	assert.Regexp(t, `Time 20, next: 0x00000028 in main\+0x18 \(halt34\.S:\d+\)  nop\n`, r.stdout)
	assert.Contains(t, r.stdout, haltStats(22, 0, 10, 12, 0, 0))
}

// The stepper says why it did not move, and ends its prompt's line when
// the input runs out.
func TestSingleStepAnswersEveryLine(t *testing.T) {
	r := nachos(t, "5\nnext\n", "-x", "test/halt34", "-s")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "11> It is tick 11 already: give a later tick.\n"+
		"11> Enter steps one instruction, a number runs to that tick, c continues without stopping.\n"+
		"11> \nMachine halting!")
}

func TestHelpExplainsEveryFlag(t *testing.T) {
	r := nachos(t, "", "--help")
	require.Equal(t, 0, r.status)
	for _, flag := range []string{"-x, --execute", "-d, --debug", "--rs", "-s, --single-step",
		"--phys-pages", "--page-size", "--tlb", "--max-ticks", "--stack", "elf2noff"} {
		assert.Contains(t, r.stdout, flag)
	}
	r = nachos(t, "")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "nothing to run")
}

// nachos -K runs Nachos's ThreadTest and prints exactly what Nachos 3.4
// prints for it.
func TestThreadTestMatchesNachos34(t *testing.T) {
	r := nachos(t, "", "-K")
	require.Equal(t, 0, r.status, r.stderr)
	var want strings.Builder
	for num := range 5 {
		fmt.Fprintf(&want, "*** thread 0 looped %d times\n*** thread 1 looped %d times\n", num, num)
	}
	want.WriteString("No threads ready or runnable, and no pending interrupts.\nAssuming the program completed.\n")
	want.WriteString(haltStats(130, 0, 130, 0, 0, 0))
	assert.Equal(t, want.String(), r.stdout)
	assert.Equal(t, r.stdout, nachos(t, "", "-K", "threadtest").stdout)
}

func atoi(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	require.NoError(t, err)
	return n
}

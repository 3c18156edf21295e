package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/test/tooltest"
)

// The hand-assembled halt executes the same 13 instructions as Nachos
// 3.4's compiled halt, so it must print exactly what Nachos 3.4 prints:
// 12 user ticks (the halting syscall is never counted) and 10 system ticks
// for enabling interrupts at boot.
func TestHalt34MatchesNachos34(t *testing.T) {
	r := nachos(t, "", "-x", "test/halt34")
	assert.Equal(t, 0, r.status)
	assert.Empty(t, problems(r.stderr))
	assert.Equal(t, haltStats(22, 0, 10, 12, 0, 0), r.stdout)
}

// The other programs' tick counts are pinned too: they change only if the
// timing model or the committed binaries change, and both must be noticed.
func TestPrograms(t *testing.T) {
	cases := []struct {
		program string
		stdin   string
		output  string // what the program itself prints
		exit    string // the kernel's exit line, "" for Halt
		stats   string
	}{
		{"test/halt", "", "", "", haltStats(17, 0, 10, 7, 0, 0)},
		{"test/matmult", "", "", "exited with status 7220", haltStats(78793, 0, 10, 78783, 0, 0)},
		{"test/sort", "", "", "exited with status 0", haltStats(6301718, 0, 10, 6301708, 0, 0)},
		{"test/hello", "", "Hello, world!\n", "exited with status 0", haltStats(1591, 1400, 170, 21, 0, 14)},
		{"test/echo", "hi\n", "hi\n", "exited with status 3", haltStats(873, 600, 190, 83, 3, 3)},
		{"test/echo", "", "", "exited with status 0", haltStats(168, 100, 40, 28, 0, 0)},
	}
	for _, c := range cases {
		t.Run(strings.TrimPrefix(c.program, "test/")+"/"+c.stdin, func(t *testing.T) {
			r := nachos(t, c.stdin, "-x", c.program)
			require.Equal(t, 0, r.status, r.stderr)
			wantErr := ""
			if c.exit != "" {
				wantErr = "nachos: " + c.program + ": " + c.exit + " (pid 1)\n"
			}
			assert.Equal(t, wantErr, r.stderr)
			assert.Equal(t, c.output+c.stats, r.stdout)
		})
	}
}

// r2ops is built at -O2 for MIPS32r2; its expected exit value was computed
// by running the same C on the host (test/r2ops.expect).
func TestR2Ops(t *testing.T) {
	expect, err := os.ReadFile(filepath.Join(repoRoot, "test/r2ops.expect"))
	require.NoError(t, err)
	r := nachos(t, "", "-x", "test/r2ops")
	assert.Equal(t, 0, r.status)
	assert.Contains(t, r.stderr, "nachos: test/r2ops: exited with status "+strings.TrimSpace(string(expect))+" (pid 1)\n")
}

// A faulting program is killed with a message naming the program, the PC,
// the function and source line there, the instruction and the address,
// and nachos exits with status 1.
func TestBadAddressKillsTheProgram(t *testing.T) {
	r := nachos(t, "", "-x", "test/bad")
	assert.Equal(t, 1, r.status)
	// gcc moves the load into the function's epilogue, which its line
	// table gives to the closing brace, on the line after the return.
	line := sourceLine(t, "bad.c", "return *address;")
	assert.Regexp(t, fmt.Sprintf(`nachos: test/bad: address error at pc 0x[0-9a-f]{8} in main\+0x[0-9a-f]+ \(bad\.c:(%d|%d)\) \(lw \$2,0\(\$2\)\): bad address 0x7ffffff1\n`, line, line+1), r.stderr)
	assert.Contains(t, r.stderr, "process 1 killed")
	assert.Contains(t, r.stdout, "Machine halting!")

	both := nachosOnTerminal(t, "", "-x", "test/bad")
	assert.Equal(t, r.stderr+r.stdout, both, "on a terminal, the report comes before the statistics")
	assert.Contains(t, readme(t), "$ bin/nachos -x test/bad\n"+both+"$ echo $?\n1\n", "the README shows the whole output word for word")
}

// A call through a bad function pointer is reported as a jump to where no
// instruction can start, under a page table and under a TLB alike. The
// report names the call it came from, not whatever function the bad
// address happens to fall in.
func TestBadJumpKillsTheProgram(t *testing.T) {
	call := sourceLine(t, "badjump.c", "function();")
	for _, mmu := range [][]string{nil, {"--tlb", "4"}} {
		r := nachos(t, "", append(mmu, "-x", "test/badjump")...)
		assert.Equal(t, 1, r.status, mmu)
		assert.Regexp(t, fmt.Sprintf(`^nachos: test/badjump: address error at pc 0x00000043, reached from main\+0x[0-9a-f]+ \(badjump\.c:%d\) `, call)+
			regexp.QuoteMeta("(not a multiple of 4: no instruction starts there): bad address 0x00000043\n"+
				"nachos: test/badjump: process 1 killed; the program jumped to an address that holds no code: check function pointers, and arrays on the stack, which can overwrite a return address\n")+"$",
			r.stderr, mmu)
	}
}

// A fault in a function other than main, in a thread other than the
// first, names that function and its line.
func TestFaultNamesFunctionAndLine(t *testing.T) {
	r := nachos(t, "", "-x", "test/crashjoin")
	assert.Equal(t, 1, r.status, "a program was killed")
	assert.Regexp(t, fmt.Sprintf(`nachos: test/crash: address error at pc 0x[0-9a-f]{8} in fault\+0x[0-9a-f]+ \(crash\.c:%d\) \(sw `,
		sourceLine(t, "crash.c", "*(int *)0x7fff0000 = 1;")), r.stdout+r.stderr)
}

// sourceLine is the number of the line of test/FILE where text begins,
// so that tests name source lines without hard-coding them.
func sourceLine(t *testing.T, file, text string) int {
	t.Helper()
	return tooltest.SourceLine(t, filepath.Join(repoRoot, "test", file), text)
}

// A recursion that outgrows the stack faults only when it reaches the
// code, far from the cause; the report names the cause from the stack
// pointer.
func TestStackOverflowIsNamed(t *testing.T) {
	r := nachos(t, "", "-x", "test/overflow")
	assert.Equal(t, 1, r.status)
	assert.Regexp(t, `nachos: test/overflow: stack overflow: store to 0x[0-9a-f]{8} at pc 0x[0-9a-f]{8} in depth\+0x[0-9a-f]+ \(overflow.c:\d+\) \(sw \$4,0\(\$2\)\)\n`, r.stderr)
	assert.Regexp(t, `nachos: test/overflow: process 1 killed; the stack overflowed: the stack pointer 0x[0-9a-f]{8} is \d+ bytes below the bottom of this thread's 1024-byte stack \(0x[0-9a-f]{8}\), after the function at the fault took a frame of 88 bytes \(addiu \$29,\$29,-88 at pc 0x[0-9a-f]{8}\); make large local arrays global or static, recurse less, or run with a larger stack \(at least --stack \d+\)\n`, r.stderr)
	big := nachos(t, "", "--stack", "100000", "--phys-pages", "1024", "-x", "test/overflow")
	assert.Contains(t, big.stderr, "nachos: test/overflow: exited with status 500500 (pid 1)\n", "with stack enough, the recursion ends")
}

// Following a NULL pointer faults in the guard below the program and is
// reported as a null pointer dereference, under a page table and under a
// TLB alike, with the status of a page fault.
func TestNullPointerIsNamed(t *testing.T) {
	for _, mmu := range [][]string{nil, {"--tlb", "4"}} {
		r := nachos(t, "", append(mmu, "-x", "test/nullptr")...)
		assert.Equal(t, 1, r.status, mmu)
		assert.Regexp(t, `^nachos: test/nullptr: null pointer dereference: load from 0x00000004 at pc 0x[0-9a-f]{8} in next_value\+0x[0-9a-f]+ \(nullptr.c:\d+\) \(lw \$2,4\(\$2\)\)\n`+
			`nachos: test/nullptr: process 1 killed; 0x00000004 is 4 bytes past NULL, in the unmapped guard below the program \(0x00000000-0x000003ff\): the program followed a NULL pointer to a field of a struct or an element of an array; check that a pointer is not NULL before using it`, r.stderr, mmu)
		assert.Contains(t, readme(t), r.stderr, "the README shows this report word for word")
	}
}

// readme is the text of README.md.
func readme(t *testing.T) string {
	b, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	require.NoError(t, err)
	return string(b)
}

// Calling a NULL function pointer jumps into the guard, and the report
// says so, under a page table and under a TLB alike.
func TestNullFunctionPointerIsNamed(t *testing.T) {
	for _, mmu := range [][]string{nil, {"--tlb", "4"}} {
		r := nachos(t, "", append(mmu, "-x", "test/nullcall")...)
		assert.Equal(t, 1, r.status, mmu)
		assert.Regexp(t, `^nachos: test/nullcall: null pointer dereference: jump to 0x00000000 at pc 0x00000000, reached from main\+0x[0-9a-f]+ \(nullcall.c:\d+\) \(not mapped\)\n`+
			`nachos: test/nullcall: process 1 killed; the program jumped to 0x00000000, in the unmapped guard below the program \(0x00000000-0x000003ff\): it called a function through a NULL function pointer; check that the pointer is set before the call\n$`, r.stderr, mmu)
	}
}

// A historical program linked at 0 has no guard: converted to NOFF (which
// keeps the guard as code from 0), nullptr reads an instruction word
// through its NULL pointer and goes on, exactly as under Nachos 3.4.
func TestNoGuardInAProgramAtZero(t *testing.T) {
	out := filepath.Join(t.TempDir(), "nullptr.noff")
	require.Equal(t, 0, nachos(t, "", "elf2noff", "test/nullptr", out).status)
	r := nachos(t, "", "-x", out)
	assert.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stderr, "exited with status", "no fault: address 4 holds the jump's delay slot")
}

// A local array bigger than the stack moves the stack pointer below the
// stack, here wrapping around below address 0. The report says it is a
// stack overflow, not a bad pointer, names the frame, and suggests a
// --stack that works, for main and for a forked thread alike.
func TestLargeLocalArrayIsAStackOverflow(t *testing.T) {
	for _, c := range []struct{ prog, frame string }{{"bigarray", "4024"}, {"bigthread", "4000"}} {
		for _, mmu := range [][]string{nil, {"--tlb", "4"}} {
			r := nachos(t, "", append(mmu, "-x", "test/"+c.prog)...)
			assert.Equal(t, 1, r.status, c.prog, mmu)
			assert.Regexp(t, `^nachos: test/`+c.prog+`: stack overflow: store to 0x[0-9a-f]{8} at pc 0x[0-9a-f]{8} in \w+\+0x[0-9a-f]+ \(`+c.prog+`.c:\d+\) \(sw `, r.stderr, c.prog, mmu)
			assert.Regexp(t, `process 1 killed; the stack overflowed: the stack pointer 0x[0-9a-f]{8} (wrapped around below address 0, and )?is \d+ bytes below the bottom of this thread's 1024-byte stack \(0x[0-9a-f]{8}\), after the function at the fault took a frame of `+c.frame+` bytes \(addiu \$29,\$29,-`+c.frame+` at pc 0x[0-9a-f]{8}\); make large local arrays global or static, recurse less, or run with a larger stack \(at least --stack 5120\)\n$`, r.stderr, c.prog, mmu)
			assert.NotContains(t, r.stderr, "check pointers", c.prog)
			if c.prog == "bigarray" {
				assert.Contains(t, readme(t), r.stderr, "the README shows this report word for word")
			}
		}
		big := nachos(t, "", "--stack", "5120", "-x", "test/"+c.prog)
		assert.Contains(t, big.stderr, "nachos: test/"+c.prog+": exited with status 499500 (pid 1)\n", "the suggested --stack is enough")
	}
}

// Threads woken just before their process is killed end too, and pass on
// what they were handed; a dead process's console Read stops after the
// character it waited for. The next Read, the parent's, gets the rest.
func TestJoinProcessesKilledWhileTheirThreadsWake(t *testing.T) {
	for _, mmu := range [][]string{nil, {"--tlb", "3"}} {
		r := nachos(t, "0123456789abcdefghijklmnopq", append(mmu, "-d", "a", "-x", "test/killjoin")...)
		assert.Equal(t, 1, r.status, mmu)
		assert.Contains(t, r.stdout, "killjoin: wokenkill ended with -1005, readkill with -1005, midread with -1005\n", mmu)
		assert.Contains(t, r.stdout, "killjoin: then read bcdefghijk\n", mmu)
		assert.Contains(t, r.stderr, "nachos: test/killjoin: exited with status 0 (pid 1)\n", mmu)
		// The dead reader's Read is refused, named as the Read it was,
		// although other threads made other calls while it waited.
		assert.Contains(t, r.stderr, "Read by test/midread (pid 4) thread 1 returns -1: bad address", mmu)
		assert.NotContains(t, r.stderr, "deadlock", mmu)
	}
}

// Threads started and finished one after another reuse one stack, and a
// thread whose $5 holds a stray code address still ends when its function
// returns.
func TestForkedThreadsGiveTheirStacksBack(t *testing.T) {
	for _, mmu := range [][]string{nil, {"--tlb", "4"}, {"--page-size", "16", "--phys-pages", "1024"}} {
		r := nachos(t, "", append(mmu, "-x", "test/forkjoin")...)
		assert.Contains(t, r.stderr, "nachos: test/forkjoin: exited with status 200 (pid 1)\n", mmu)
	}
}

// Processes: exec starts hello and matmult, joins both, and checks the
// failure cases of Exec and Join, including a child killed by a fault.
func TestExecAndJoin(t *testing.T) {
	r := nachos(t, "", "-x", "test/exec")
	assert.Equal(t, 1, r.status, "a child was killed by an exception")
	assert.Contains(t, r.stderr, "nachos: test/exec: exited with status 7220 (pid 1)\n")
	assert.Contains(t, r.stderr, "nachos: test/hello: exited with status 0 (pid 2)\n")
	assert.Contains(t, r.stderr, "nachos: test/matmult: exited with status 7220 (pid 3)\n")
	assert.Contains(t, r.stderr, "nachos: test/bad: process 4 killed")
	// matmult ends while hello writes, one character per 100 ticks; the
	// kernel's message about it waits for the end of hello's Write.
	both := nachosOnTerminal(t, "", "-x", "test/exec")
	assert.True(t, strings.HasPrefix(both, "Hello, world!\nnachos: test/matmult: exited"), both)
	assert.Equal(t, r, nachos(t, "", "-x", "test/exec"), "runs are repeatable")
}

// A kernel message held back during a Write still comes out when the
// run stops in the middle of that Write: matmult ends while hello writes,
// and --max-ticks stops the run before hello is done.
func TestAHeldBackMessageSurvivesTheTickLimit(t *testing.T) {
	r := nachos(t, "", "-x", "test/exec", "--max-ticks", "79600")
	assert.Equal(t, 3, r.status)
	assert.Contains(t, r.stderr, "nachos: test/matmult: exited with status 7220 (pid 3)\n")
	both := nachosOnTerminal(t, "", "-x", "test/exec", "--max-ticks", "79600")
	assert.Contains(t, both, "nachos: test/matmult: exited with status 7220 (pid 3)\nMachine halting!")
}

// A process killed while its other threads sleep (in P and in Wait)
// still ends, so the parent joining it wakes with the killed status.
// The status is the same with a TLB: an address outside the program is an
// address error either way. The report of crash's death, on the error
// output, waits for the end of the line crashjoin is writing meanwhile, so
// that on a terminal, where both streams meet, the line comes out whole.
func TestJoinAProcessKilledWhileItsThreadsSleep(t *testing.T) {
	cmd := exec.Command(nachosBin, "-x", "test/crashjoin")
	cmd.Dir = repoRoot
	both, _ := cmd.CombinedOutput()
	assert.Contains(t, string(both), "crashjoin: this line is not cut by the report of crash's death\nnachos: test/crash: address error")

	for _, mmu := range [][]string{nil, {"--tlb", "3"}} {
		r := nachos(t, "", append(mmu, "-x", "test/crashjoin")...)
		assert.Equal(t, 1, r.status, "a child was killed by an exception")
		assert.Contains(t, r.stderr, "nachos: test/crash: address error at pc", mmu)
		assert.Contains(t, r.stderr, "nachos: test/crash: process 2 killed", mmu)
		assert.Contains(t, r.stdout, "crashjoin: crash ended with status -1005\n", mmu)
		assert.Contains(t, r.stderr, "nachos: test/crashjoin: exited with status 0 (pid 1)\n", mmu)
		assert.NotContains(t, r.stderr, "deadlock", mmu)
	}
}

// Threads in a user program: two forked workers each add 100 to a shared
// counter. Switching only at Yield, no update is lost; a random timer
// (-rs) switches between a load and its store, and updates are lost, the
// same way for the same seed.
func TestForkAndYield(t *testing.T) {
	r := nachos(t, "", "-x", "test/fork")
	assert.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stderr, "nachos: test/fork: exited with status 200 (pid 1)\n")

	lost := 0
	for _, seed := range []string{"1", "2", "3"} {
		r := nachos(t, "", "-x", "test/fork", "-rs", seed)
		require.Equal(t, 0, r.status, r.stderr)
		m := regexp.MustCompile(`exited with status (\d+)`).FindStringSubmatch(r.stderr)
		require.NotNil(t, m, r.stdout)
		if m[1] != "200" {
			lost++
		}
		assert.Equal(t, r, nachos(t, "", "-x", "test/fork", "-rs", seed))
	}
	assert.Positive(t, lost, "the random timer must expose the race on the counter")
}

// A program whose Fork finds no memory for the new thread's stack says
// so and ends, rather than waiting forever for a thread that never ran.
func TestProgramsThatCannotForkSaySo(t *testing.T) {
	for program, pages := range map[string]string{"fork": "24", "prodcons": "24", "office": "32"} {
		r := nachos(t, "", "--phys-pages", pages, "--max-ticks", "100000000", "-x", "test/"+program)
		assert.Equal(t, 0, r.status, r.stderr)
		assert.Contains(t, r.stdout, program+": no memory for a thread's stack; run with more --phys-pages\n")
		assert.Contains(t, r.stderr, "nachos: test/"+program+": exited with status -2 (pid 1)\n")
	}
}

// Files live in the --fs-root sandbox: files.c writes, reads back and
// removes a file, and finds names outside the sandbox refused.
func TestFilesInTheSandbox(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(filepath.Dir(dir), "escape")
	require.NoError(t, os.WriteFile(outside, []byte("secret"), 0o644))
	t.Cleanup(func() { os.Remove(outside) })

	r := nachos(t, "", "-x", "test/files", "--fs-root", dir)
	require.Equal(t, 0, r.status, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "stored text\npid 1, printf works, ff%\nMachine halting!\n"), r.stdout)
	assert.Equal(t, "nachos: test/files: exited with status 0 (pid 1)\n", r.stderr)
	assertNoFilesLeft(t, dir, "the program removed its file")
}

// The shell runs the programs it is told to, by bare name too.
func TestShell(t *testing.T) {
	r := nachos(t, "halt\n", "-x", "test/shell")
	require.Equal(t, 0, r.status, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "-- Machine halting!\n"), r.stdout)

	r = nachos(t, "hello\nmatmult\nnothere\n\nexit\n", "-x", "test/shell")
	require.Equal(t, 0, r.status, r.stderr)
	both := nachosOnTerminal(t, "hello\nmatmult\nnothere\n\nexit\n", "-x", "test/shell")
	assert.True(t, strings.HasPrefix(both, "-- Hello, world!\n"+
		"nachos: test/hello: exited with status 0 (pid 2)\n"+
		"-- nachos: test/matmult: exited with status 7220 (pid 3)\n"+
		"matmult: exit status 7220\n"+
		"-- nothere: cannot run it\n"+
		"-- -- \n"+
		"nachos: test/shell: exited with status 0 (pid 1)\n"), both)
	assert.Equal(t, "-- Hello, world!\n-- matmult: exit status 7220\n-- nothere: cannot run it\n-- -- \n", programOutput(r.stdout),
		"standard output holds only what programs wrote")
}

// User-level producer/consumer with a lock and two condition variables:
// the sum arrives intact however the random timer interleaves the threads.
func TestProducerConsumer(t *testing.T) {
	for _, seed := range []string{"", "1", "2", "3", "4", "5"} {
		args := []string{"-x", "test/prodcons"}
		if seed != "" {
			args = append(args, "-rs", seed)
		}
		r := nachos(t, "", args...)
		require.Equal(t, 0, r.status, r.stderr)
		assert.True(t, strings.HasPrefix(r.stderr, "nachos: test/prodcons: exited with status 2550 (pid 1)\n"), "seed %s: %s", seed, r.stderr)
	}
}

// Code pages are read-only: a program that writes into its code is
// killed, and the report says so and names the address (main's).
func TestWriteToCodeIsReadOnly(t *testing.T) {
	r := nachos(t, "", "-x", "test/readonly")
	assert.Equal(t, 1, r.status)
	assert.Regexp(t, fmt.Sprintf(`^nachos: test/readonly: read-only page at pc 0x[0-9a-f]{8} in main\+0x[0-9a-f]+ \(readonly\.c:%d\) `,
		sourceLine(t, "readonly.c", "*(volatile int *)main = 0;"))+
		`\([a-z]+ \$0,\d+\(\$\d+\)\): bad address 0x[0-9a-f]{8}\n`+
		`nachos: test/readonly: process 1 killed; the program wrote into its own code`, r.stderr)
}

// 100 processes in a row: each one's memory comes back when it ends.
func TestSpawnHundredProcesses(t *testing.T) {
	r := nachos(t, "", "-x", "test/spawn")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, 100, strings.Count(r.stderr, "nachos: test/true: exited with status 0"))
	assert.Contains(t, r.stderr, "nachos: test/spawn: exited with status 100 (pid 1)\n")
	assert.Contains(t, r.stderr, "exited with status 0 (pid 101)\n")
}

// A shell written the Nachos 3.4 way (prompt "--", one character per
// Read, Exec and Join) runs unchanged; at the end of its input it reads
// past its memory and is killed, so the run still ends.
func TestNachos34StyleShell(t *testing.T) {
	r := nachos(t, "halt\n", "-x", "test/shell34")
	require.Equal(t, 0, r.status, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "--Machine halting!\n"), r.stdout)

	r = nachos(t, "hello\n", "-x", "test/shell34")
	assert.Equal(t, 1, r.status)
	assert.Equal(t, "--Hello, world!\n--", programOutput(r.stdout))
	assert.Contains(t, r.stderr, "nachos: test/shell34: address error")
}

// A process may hold 1024 objects of a kind and 64 open files, and all
// processes together 256 files; past a limit the call returns -1 and -d a
// says why, while other processes (and Exec) carry on. limits.c checks
// the counts and that freed handles are reused lowest first.
func TestHandleAndFileLimits(t *testing.T) {
	dir := t.TempDir()
	r := nachos(t, "", "-x", "test/limits", "--fs-root", dir)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "limits: 1024 locks at once\n"+
		"limits: 64 files open at once\n"+
		"limits: 192 more in other processes: 256 in all\n", programOutput(r.stdout))
	assert.Contains(t, r.stderr, "nachos: test/limits: exited with status 0 (pid 1)\n")

	r = nachos(t, "", "-x", "test/limits", "--fs-root", dir, "-d", "a")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stderr, "CreateLock by test/limits (pid 1) returns -1: the process already has 1024 locks, the most it may have at once; destroy one first\n")
	assert.Contains(t, r.stderr, "Open by test/limits (pid 1) returns -1: the process already has 64 files open, the most it may; close one first\n")
	assert.Contains(t, r.stderr, "Open by test/limits (pid 5) returns -1: all processes together have 256 files open, the most the kernel allows\n")
	assertNoFilesLeft(t, dir, "the program removed its file")
}

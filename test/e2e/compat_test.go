package e2e

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readtopInput starts as readtop's 100-byte file does.
const readtopInput = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// A program from a historical course reads 100 bytes from a 16-byte file
// into a buffer a few dozen bytes below the top of its stack. Only the
// bytes that arrive must be writable: it gets 16, as on Linux and Nachos.
// A longer file or the console fills the buffer up to the top, and the
// next Read goes on from there.
func TestReadNearTheTopOfTheStack(t *testing.T) {
	for _, pageSize := range []string{"128", "16384"} {
		for _, tlb := range []string{"0", "4"} {
			r := nachos(t, readtopInput, "--page-size", pageSize, "--phys-pages", "64", "--tlb", tlb,
				"--fs-root", t.TempDir(), "-x", "test/readtop")
			require.Equal(t, 0, r.status, r.stderr)
			out := programOutput(r.stdout)
			assert.Equal(t, "readtop: Read(buf, 100) of a 16-byte file near the top of the stack: 16: ok\n"+
				"readtop: Read(buf, 100) of a 100-byte file fills the 56 bytes up to the top: ok\n"+
				"readtop: the next Read goes on where the short one stopped: ok\n"+
				"readtop: Read(buf, 100) of the console takes 56 characters and leaves the rest: ok\n", out)
			assert.Contains(t, r.stderr, "nachos: test/readtop: exited with status 0 (pid 1)\n")
		}
	}
	r := nachos(t, readtopInput, "--fs-root", t.TempDir(), "-d", "a", "-x", "test/readtop")
	assert.Equal(t, 2, strings.Count(r.stderr, "Read by test/readtop (pid 1) stops after 56 bytes: bad address 0x"),
		"-d a says where each short Read stopped")
}

// A NOFF file whose bss starts 8 bytes before the end of its data, as
// about one in six do from historical courses' converters, runs as it
// does on Nachos: exactly like the program it came from.
func TestNOFFWithBSSOverlappingDataRuns(t *testing.T) {
	noff := filepath.Join(t.TempDir(), "office.noff")
	conv := nachos(t, "", "elf2noff", "test/office", noff)
	require.Equal(t, 0, conv.status, conv.stderr)
	data, err := os.ReadFile(noff)
	require.NoError(t, err)
	// The 3.4 header's entries, {virtualAddr, inFileAddr, size} each:
	// data at byte 16, bss at byte 28. Start the bss 8 bytes before the
	// end of the data, and make it 8 bytes longer.
	le := binary.LittleEndian
	dataStart, dataSize := le.Uint32(data[16:]), le.Uint32(data[24:])
	bssStart, bssSize := le.Uint32(data[28:]), le.Uint32(data[36:])
	require.NotZero(t, dataSize, "office needs initialized data for this test")
	require.Equal(t, dataStart+dataSize, bssStart, "office's bss follows its data")
	le.PutUint32(data[28:], bssStart-8)
	le.PutUint32(data[36:], bssSize+8)
	require.NoError(t, os.WriteFile(noff, data, 0o644))

	// The patched file runs exactly as the converted one does (which
	// jumps over the guard, two ticks later than the ELF file).
	plain := filepath.Join(t.TempDir(), "office.noff")
	require.Equal(t, 0, nachos(t, "", "elf2noff", "test/office", plain).status)
	want := nachos(t, "", "-x", plain)
	got := nachos(t, "", "-x", noff)
	assert.Equal(t, want.status, got.status, got.stderr)
	assert.Equal(t, want.stdout, got.stdout)
	assert.Equal(t, strings.ReplaceAll(want.stderr, plain, noff), got.stderr)
	debug := nachos(t, "", "-d", "a", "-x", noff)
	assert.Contains(t, debug.stderr, fmt.Sprintf("%s: the bss segment [0x%08x, 0x%08x) starts 8 bytes before the end of the data segment [0x%08x, 0x%08x); as in Nachos, the data's bytes win where they overlap\n",
		noff, bssStart-8, bssStart+bssSize, dataStart, bssStart))
}

// A program built for another course's numbering, which passes names with
// their lengths and locks and conditions by name, runs with the course's
// numbering in YAML (test/course).
func TestCourseNumberingFromYAML(t *testing.T) {
	dir := t.TempDir()
	r := nachos(t, "", "--abi", "test/course/course.yaml", "--fs-root", dir, "-x", "test/course/locks")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "course: Create a file named with its length: ok\n"+
		"course: Open it, Write and Read back: ok\n"+
		"course: Remove it: ok\n"+
		"course: CreateLock and CreateCV by name: ok\n"+
		"course: AcquireLock of a lock that does not exist: ok\n"+
		"course: two workers counted under the lock, signalling by name: ok\n"+
		"course: DestroyLock and DestroyCV by name: ok\n"+
		"course: a call nachos does not have returns -1: ok\n", programOutput(r.stdout))
	assert.Contains(t, r.stderr, "nachos: test/course/locks: exited with status 0 (pid 1)\n")
	assert.Regexp(t, `^nachos: test/course/locks: unknown system call 40 \(NetSend, at test/course/course.yaml:\d+, which this kernel does not have\) at pc 0x[0-9a-f]{8} in NetSend\+0x[0-9a-f]+ \(course/start.S:\d+\) in the test/course/course.yaml system call numbering`, r.stderr)
	assertNoFilesLeft(t, dir, "the program removed its file")

	// The course's syscall.h alone gives the codes but not the argument
	// styles: the lock names are then read as NUL-terminated strings,
	// and the handles as names, so the program fails its checks.
	r = nachos(t, "", "--abi", "test/course/syscall.h", "--fs-root", dir, "--max-ticks", "1000000", "-x", "test/course/locks")
	assert.Contains(t, r.stdout, "FAILED")
}

// A course's syscall.h is matched to this kernel's calls by name,
// whatever names it uses among the known aliases. Our own test/syscall.h
// is the default numbering; a header with the same codes under other
// names runs prodcons just the same.
func TestCourseNumberingFromSyscallH(t *testing.T) {
	want := nachos(t, "", "-x", "test/prodcons")
	require.Equal(t, 0, want.status, want.stderr)
	assert.Equal(t, want, nachos(t, "", "--abi", "test/syscall.h", "-x", "test/prodcons"))

	header := filepath.Join(t.TempDir(), "syscall.h")
	require.NoError(t, os.WriteFile(header, []byte(`/* A course's names for the same codes. */
#ifndef SYSCALL_H
#define SYSCALL_H
#define SC_Halt		0
#define SC_Exit		1
#define SC_Exec		2
#define SC_Join		3
#define SC_Fork		9
#define SC_Yield	10
#define SC_LockCreate	11
#define SC_LockDestroy	12
#define SC_AcquireLock	13
#define SC_ReleaseLock	14
#define SC_CreateCV	15
#define SC_DestroyCV	16
#define SC_WaitCV	17
#define SC_SignalCV	18
#define SC_BroadcastCV	19
#define SC_PrintString	28
#define SC_Printf	29
int LockCreate(char *name);
#endif
`), 0o644))
	got := nachos(t, "", "--abi", header, "-x", "test/prodcons")
	assert.Equal(t, want, got)
}

// A bad numbering file is refused before anything runs, naming the file
// and the line.
func TestBadNumberingFile(t *testing.T) {
	header := filepath.Join(t.TempDir(), "syscall.h")
	require.NoError(t, os.WriteFile(header, []byte("#define SC_Halt 0\n#define SC_Exit SC_Halt + 1\n"), 0o644))
	r := nachos(t, "", "--abi", header, "-x", "test/halt")
	assert.Equal(t, 2, r.status)
	assert.Equal(t, "nachos: --abi: "+header+`:2: SC_Exit is defined as "SC_Halt + 1", not a number: --abi reads only #define SC_Name N lines with a plain number N`+"\n", r.stderr)
	assert.Empty(t, r.stdout)
}

// A thread that exits holding a lock, a condition nobody is left to
// signal, a process whose last runnable thread exits while the others
// wait: -d s warns as each thread exits, and the deadlock report that
// follows names the lock's holder as finished and the stranded process.
func TestStrandedThreadsAreReported(t *testing.T) {
	const (
		main      = `"test/stranded (pid 1)"`
		holder    = `"test/stranded (pid 1) thread 1"`
		waiter    = `"test/stranded (pid 1) thread 2"`
		latecomer = `"test/stranded (pid 1) thread 3"`
		waits     = waiter + ` waits on condition "ready (pid 1)" (no owner)`
		stuck     = latecomer + ` waits for lock "pages (pid 1)" held by ` + holder + `, which has finished without releasing it`
	)
	r := nachos(t, "", "-x", "test/stranded")
	assert.Equal(t, 5, r.status)
	assert.Equal(t, "nachos: deadlock: no thread can run and no interrupt is pending, but 2 threads are blocked forever\n"+
		"Blocked: "+waits+".\n"+
		"Blocked: "+stuck+".\n"+
		"Stranded: process 1 (test/stranded) has no thread left that could wake its waiting threads: "+
		"only its own threads can release its locks, and signal its conditions and semaphores.\n", r.stderr)

	d := nachos(t, "", "-d", "s", "-x", "test/stranded")
	assert.True(t, strings.HasSuffix(d.stderr, r.stderr), "-d s adds warnings before the same report:\n%s", d.stderr)
	assert.Contains(t, d.stderr, holder+` exits holding lock "pages (pid 1)": it stays held, and every thread that Acquires it will wait forever`+"\n")
	assert.Contains(t, d.stderr, main+" exits, and no other thread of process 1 can run: "+waits+"; "+stuck+
		"; only threads of process 1 could wake them, so it can never end\n")

	// Programs that end properly, or are killed, leave nothing stranded.
	for _, program := range []string{"prodcons", "office", "crashjoin", "forkjoin"} {
		r := nachos(t, "", "-d", "s", "-x", "test/"+program)
		assert.NotEqual(t, 5, r.status, program)
		assert.NotRegexp(t, "exits holding|exits, and no other|Stranded", r.stdout+r.stderr, program)
	}
}

// C code that divides by zero traps on the check gcc adds after the
// division, and the report says what happened in words.
func TestDivisionByZeroIsNamed(t *testing.T) {
	r := nachos(t, "", "-x", "test/divzero")
	assert.Equal(t, 1, r.status)
	assert.Regexp(t, `^nachos: test/divzero: trap at pc 0x[0-9a-f]{8} in main\+0x[0-9a-f]+ \(divzero.c:\d+\) \(break 0x7\): integer division by zero\n`, r.stderr)
	assert.Contains(t, r.stderr, "nachos: test/divzero: process 1 killed; the program stopped itself at a break or trap instruction, which compilers add as checks: for a division by zero, test the divisor before dividing\n")
}

// Every program shipped in test/ has a row in the README's table of
// programs.
func TestREADMEListsEveryProgram(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	require.NoError(t, err)
	var sources []string
	for _, pattern := range []string{"test/*.c", "test/*.S", "test/course/*.c"} {
		found, err := filepath.Glob(filepath.Join(repoRoot, pattern))
		require.NoError(t, err)
		sources = append(sources, found...)
	}
	var checked []string
	for _, src := range sources {
		program := strings.TrimSuffix(src, filepath.Ext(src))
		if _, err := os.Stat(program); err != nil {
			continue // not a program of its own: start.S, r2ops_host.c
		}
		name, err := filepath.Rel(filepath.Join(repoRoot, "test"), program)
		require.NoError(t, err)
		checked = append(checked, name)
		assert.Regexp(t, "\\| (`[a-z0-9/]+`, )*`"+name+"`[ ,]", string(readme), "README's table of programs must list %s", name)
	}
	assert.Subset(t, checked, []string{"halt", "halt34", "course/locks"}, "the C, assembly and course programs were all found")
}

// A thread made by Fork gets a stack as big as main's: --stack bytes. With
// stacks twice the default, about half as many threads fit in the same
// memory.
func TestForkedStacksFollowTheStackFlag(t *testing.T) {
	threads := func(args ...string) int {
		r := nachos(t, "", append(args, "-x", "test/forkall")...)
		require.Equal(t, 0, r.status, r.stderr)
		m := regexp.MustCompile(`nachos: test/forkall: exited with status (\d+) \(pid 1\)\n`).FindStringSubmatch(r.stderr)
		require.NotNil(t, m, r.stderr)
		return atoi(t, m[1])
	}
	small, big := threads(), threads("--stack", "2048")
	assert.Equal(t, 14, small, "as the README says")
	assert.Less(t, big, small/2+1)
	assert.Greater(t, big, small/2-3)
}

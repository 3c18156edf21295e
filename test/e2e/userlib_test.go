package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The user library (test/lib) formats with printf, including field widths
// and a line longer than printf's buffer, and passes its own checks of the
// string functions, atoi/itoa, snprintf and malloc.
func TestUserLibrary(t *testing.T) {
	r := nachos(t, "", "-x", "test/libtest")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Empty(t, problems(r.stderr))
	checks := []string{"strlen", "strcmp", "strcpy", "strncpy pads with NULs",
		"strncpy truncates", "memset", "memcpy", "memcmp", "atoi", "itoa",
		"snprintf truncates", "structure copy", "malloc", "blocks do not overlap",
		"first fit reuses the hole", "too big", "free blocks merge", "the arena fills up"}
	want := "[42] [   42] [42   |] [-0042] [-2147483648]\n" +
		"[4000000000] [beef] [0000beef] [N] [  x]\n" +
		"[nachos] [      os] [os      |] [%] [0]\n" +
		"A line longer than printf's buffer goes out in more than one Write, and still arrives whole and in order.\n"
	for _, c := range checks {
		want += "libtest: " + c + ": ok\n"
	}
	assert.Equal(t, want, programOutput(r.stdout))
	assert.Equal(t, []string{"nachos: test/libtest: exited with status 0 (pid 1)\n"}, kernelMessages(r.stderr))
}

// On a machine just big enough for badcall itself, it has too little
// memory left for its child and its forked thread: it must say which
// checks it could not make, and finish rather than wait forever for a
// thread that never ran.
func TestBadCallOnASmallMachineFinishes(t *testing.T) {
	r := nachos(t, "", "--phys-pages", "130", "--max-ticks", "100000000", "--fs-root", t.TempDir(), "-x", "test/badcall")
	require.Equal(t, 0, r.status, r.stderr)
	var failed []string
	for l := range strings.Lines(programOutput(r.stdout)) {
		if strings.Contains(l, "FAILED") {
			failed = append(failed, l)
		}
	}
	assert.Equal(t, []string{
		"badcall: Exec prodcons (allowed): FAILED, got 0, want 1\n",
		"badcall: Fork a waiter (allowed; needs --phys-pages 256): FAILED, got 0, want 1\n",
		"badcall: Join the child prodcons: FAILED, got -1, want 2550\n",
	}, failed)
	assert.Contains(t, r.stderr, "nachos: test/badcall: exited with status 3 (pid 1)\n")
}

// badcall feeds bad arguments to every system call; each must return -1
// (or do the documented thing) and leave the kernel working. The program
// prints one line per check and exits with the number that failed.
func TestBadCall(t *testing.T) {
	dir := t.TempDir()
	r := nachos(t, "", "--phys-pages", "256", "--fs-root", dir, "-x", "test/badcall")
	require.Equal(t, 0, r.status, r.stderr)

	lines := strings.Split(strings.TrimSuffix(programOutput(r.stdout), "\n"), "\n")
	require.NotEmpty(t, lines)
	summary := lines[len(lines)-1]
	var failed []string
	for _, l := range lines[:len(lines)-1] {
		if !regexp.MustCompile(`^badcall: [^:]+: ok$`).MatchString(l) {
			failed = append(failed, l)
		}
	}
	assert.Empty(t, failed, "checks that failed")
	assert.Regexp(t, `^badcall: \d{3} checks, 0 failed$`, summary)
	assert.Contains(t, lines, "badcall: Read into code: ok")
	assert.Contains(t, lines, "badcall: Exec unterminated name: ok")
	assert.Contains(t, lines, "badcall: Release a lock nobody holds: ok")
	assert.Contains(t, lines, "badcall: Wait without the lock: ok")
	assert.Contains(t, lines, "badcall: Join the child prodcons: ok")
	assert.Contains(t, r.stderr, "nachos: test/badcall: exited with status 0 (pid 1)\n")

	// The unknown system call codes are reported, and nothing else is.
	assert.Equal(t, 3, strings.Count(problems(r.stderr), "\n"), r.stderr)
	for _, code := range []string{"36", "1000", "-1"} {
		assert.Contains(t, r.stderr, "nachos: test/badcall: unknown system call "+code+" at pc ")
	}

	assertNoFilesLeft(t, dir, "badcall removed its scratch file")
	assert.Equal(t, r, nachos(t, "", "--phys-pages", "256", "--fs-root", dir, "-x", "test/badcall"),
		"runs are repeatable")
}

// On pages of 16 KB, badcall's code shares a page with its data, so the
// page is writable; the kernel must still refuse to Read into the code,
// and every other check must hold as well.
func TestBadCallOnLargePages(t *testing.T) {
	r := nachos(t, "", "--page-size", "16384", "--phys-pages", "200", "--fs-root", t.TempDir(), "-x", "test/badcall")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "badcall: Read into code: ok\n")
	assert.NotContains(t, r.stdout, "FAILED")
	assert.Contains(t, r.stderr, "nachos: test/badcall: exited with status 0 (pid 1)\n")
}

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/test/tooltest"
)

// buildFiles are what test/Makefile needs to build a C program.
var buildFiles = []string{"Makefile", "script.ld", "start.S", "syscall.h", "lib"}

// scratchTestDir copies the build files of test/ into a fresh directory,
// with the program sources given, so that a test can run make there
// without touching the committed programs.
func scratchTestDir(t *testing.T, sources map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range buildFiles {
		src := filepath.Join(repoRoot, "test", name)
		if info, err := os.Stat(src); err == nil && info.IsDir() {
			require.NoError(t, os.CopyFS(filepath.Join(dir, name), os.DirFS(src)), name)
			continue
		}
		data, err := os.ReadFile(src)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	for name, text := range sources {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	return dir
}

// runMake runs make in dir with args and returns its combined output.
func runMake(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	tooltest.Require(t, "make", "make")
	out, err := exec.Command("make", append([]string{"-C", dir, "--no-print-directory"}, args...)...).CombinedOutput()
	return string(out), err
}

// A program that uses the C library needs only its name in C_PROGRAMS:
// every program is linked against the library.
func TestLibraryProgramNeedsOneLine(t *testing.T) {
	tooltest.Require(t, tooltest.CrossGCC, tooltest.CrossGCCPackage)
	dir := scratchTestDir(t, map[string]string{"greet.c": `#include "lib/nachos.h"

int main(void)
{
	printf("%s has %d letters\n", "nachos", (int)strlen("nachos"));
	return 0;
}
`})
	out, err := runMake(t, dir, "C_PROGRAMS=greet", "ASM_PROGRAMS=", "COURSE_PROGRAMS=")
	require.NoError(t, err, out)
	r := nachos(t, "", "-x", filepath.Join(dir, "greet"))
	require.Equal(t, 0, r.status, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "nachos has 6 letters\n"), r.stdout)
}

// Without the cross-compiler, make says how to install it instead of
// "No such file or directory".
func TestMakeWithoutCrossCompilerSaysWhatToInstall(t *testing.T) {
	dir := scratchTestDir(t, map[string]string{"halt.c": "int main(void) { return 0; }\n"})
	out, err := runMake(t, dir, "CROSS_COMPILE=/nonexistent/mipsel-", "C_PROGRAMS=halt", "ASM_PROGRAMS=", "COURSE_PROGRAMS=")
	require.Error(t, err)
	assert.Contains(t, out, "the MIPS cross-compiler /nonexistent/mipsel-gcc is not installed")
	assert.Contains(t, out, "apt-get install gcc-mipsel-linux-gnu binutils-mipsel-linux-gnu")
	assert.NotContains(t, out, "No such file or directory")
	assert.NoFileExists(t, filepath.Join(dir, "build", "halt.o"))
}

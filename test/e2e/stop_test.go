package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A run stopped by a signal keeps its output, even written to files
// (which nachos buffers): the program's lines, then the statistics, and,
// on standard error, the tick it stopped at; the status is 128 plus the
// signal's number. spin loops forever (its input ends at once); shell34
// waits for input that never comes (its standard input stays open).
func TestASignalStopsTheRunAndKeepsItsOutput(t *testing.T) {
	cases := []struct {
		program, shown string
		inputOpen      bool
		sig            syscall.Signal
		status         int
		why            string
	}{
		{"test/spin", "spinning\n", false, syscall.SIGTERM, 143, "terminated (SIGTERM)"},
		{"test/spin", "spinning\n", false, syscall.SIGHUP, 129, "the terminal hung up (SIGHUP)"},
		{"test/shell34", "--", true, syscall.SIGINT, 130, "interrupted (SIGINT)"},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.program)+"/"+c.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			stdout, stderr := filepath.Join(dir, "out"), filepath.Join(dir, "err")
			cmd := exec.Command(nachosBin, "-x", c.program)
			cmd.Dir = repoRoot
			cmd.Stdout, cmd.Stderr = createFile(t, stdout), createFile(t, stderr)
			input, err := cmd.StdinPipe() // never written
			require.NoError(t, err)
			if c.inputOpen {
				defer input.Close()
			} else {
				input.Close()
			}
			require.NoError(t, cmd.Start())

			// Nachos writes its output out before it reads its input:
			// once the line is in the file, the program is past it.
			waitForFile(t, stdout, c.shown)
			require.NoError(t, cmd.Process.Signal(c.sig))
			err = cmd.Wait()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit)
			assert.Equal(t, c.status, exit.ExitCode())

			out := readFile(t, stdout)
			assert.True(t, strings.HasPrefix(out, c.shown+"Machine halting!\n\nTicks: total "), out)
			assert.True(t, strings.HasSuffix(out, "\nCleaning up...\n"), out)
			assert.Regexp(t, `^nachos: stopped at tick \d+: `+regexp.QuoteMeta(c.why)+`\n$`, readFile(t, stderr))
		})
	}
}

// --quiet leaves only what the program wrote on standard output, even
// when the run is stopped.
func TestQuietStopKeepsOnlyTheProgramsOutput(t *testing.T) {
	dir := t.TempDir()
	stdout := filepath.Join(dir, "out")
	cmd := exec.Command(nachosBin, "--quiet", "-x", "test/spin")
	cmd.Dir = repoRoot
	cmd.Stdout = createFile(t, stdout)
	cmd.Stdin = strings.NewReader("")
	require.NoError(t, cmd.Start())
	waitForFile(t, stdout, "spinning\n")
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	require.Error(t, cmd.Wait())
	assert.Equal(t, 143, cmd.ProcessState.ExitCode())
	assert.Equal(t, "spinning\n", readFile(t, stdout))
}

func TestQuietPrintsOnlyWhatProgramsWrite(t *testing.T) {
	r := nachos(t, "", "--quiet", "-x", "test/hello")
	assert.Equal(t, 0, r.status)
	assert.Equal(t, "Hello, world!\n", r.stdout)
	assert.Empty(t, r.stderr)

	r = nachos(t, "", "-q", "-x", "test/bad")
	assert.Equal(t, 1, r.status)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "nachos: test/bad: process 1 killed", "errors are still reported")
}

func createFile(t *testing.T, path string) *os.File {
	f, err := os.Create(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

func readFile(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

// waitForFile waits until the file at path holds want. It polls: a
// process writing to a file has no other way to say it has.
func waitForFile(t *testing.T, path, want string) {
	t.Helper()
	for range 1000 {
		if readFile(t, path) == want {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	require.Fail(t, "nachos never wrote "+want, "the file holds %q", readFile(t, path))
}

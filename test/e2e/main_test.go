// Package e2e runs the shipped MIPS programs through the real nachos
// binary, as a student or a grader would, and checks what they print and
// how they exit.
package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/test/tooltest"
)

// nachosBin is the simulator, built once for the whole package.
var nachosBin string

// repoRoot is where the commands run, so that programs are named as in
// the README ("test/halt").
const repoRoot = "../.."

func TestMain(m *testing.M) { tooltest.RunWithNachos(m, repoRoot, &nachosBin) }

// result is what one run of nachos did.
type result struct {
	stdout, stderr string
	status         int
}

// nachos runs the simulator with args, feeding it stdin.
func nachos(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(nachosBin, args...)
	cmd.Dir = repoRoot
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	status := 0
	if ee, ok := err.(*exec.ExitError); ok {
		status = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return result{out.String(), errOut.String(), status}
}

// assertNoFilesLeft checks that the programs that ran on --fs-root dir
// removed every file they made there.
func assertNoFilesLeft(t *testing.T, dir, why string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, why)
}

// nachosOnTerminal runs the simulator with its output and its error
// output going to one place, as on a terminal or with 2>&1, and returns
// what came out, in the order it came.
func nachosOnTerminal(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(nachosBin, args...)
	cmd.Dir = repoRoot
	cmd.Stdin = strings.NewReader(stdin)
	var both bytes.Buffer
	cmd.Stdout, cmd.Stderr = &both, &both
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit)
	}
	return both.String()
}

// haltStats is what the machine prints when it halts with these ticks and
// no device activity.
func haltStats(total, idle, system, user int, consoleReads, consoleWrites int) string {
	return fmt.Sprintf("Machine halting!\n\n"+
		"Ticks: total %d, idle %d, system %d, user %d\n"+
		"Disk I/O: reads 0, writes 0\n"+
		"Console I/O: reads %d, writes %d\n"+
		"Paging: faults 0\n"+
		"Network I/O: packets received 0, sent 0\n"+
		"\nCleaning up...\n", total, idle, system, user, consoleReads, consoleWrites)
}

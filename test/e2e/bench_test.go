package e2e

import (
	"io"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/userprog"
)

// benchmarkProgram runs a shipped program b.N times and reports the
// simulator's speed in guest instructions per second of host time.
func benchmarkProgram(b *testing.B, path string) {
	b.ReportAllocs()
	var instructions int64
	for b.Loop() {
		k, err := userprog.New(kernel.Config{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, userprog.Config{})
		require.NoError(b, err)
		status, err := k.RunProgram(path)
		require.NoError(b, err)
		require.Equal(b, kernel.ExitOK, status)
		instructions += k.Machine.Stats.UserTicks
	}
	b.ReportMetric(float64(instructions)/b.Elapsed().Seconds(), "instr/s")
	b.ReportMetric(float64(instructions)/float64(b.N), "instr/op")
}

func BenchmarkSort(b *testing.B)    { benchmarkProgram(b, "../sort") }
func BenchmarkMatmult(b *testing.B) { benchmarkProgram(b, "../matmult") }

// BenchmarkHalt measures what it costs to boot a machine, load a program
// and halt: the fixed price of every run.
func BenchmarkHalt(b *testing.B) { benchmarkProgram(b, "../halt") }

// BenchmarkNachosHaltCommand runs "nachos -x test/halt" as a separate
// process, as a grader's script would: the whole cost of one run,
// including starting the simulator.
func BenchmarkNachosHaltCommand(b *testing.B) {
	for b.Loop() {
		cmd := exec.Command(nachosBin, "-x", "test/halt")
		cmd.Dir = repoRoot
		require.NoError(b, cmd.Run())
	}
}

// BenchmarkSpawn100 runs test/spawn, which starts and joins 100 processes
// one after another: one op is the whole command.
func BenchmarkSpawn100(b *testing.B) {
	for b.Loop() {
		cmd := exec.Command(nachosBin, "-x", "test/spawn")
		cmd.Dir = repoRoot
		out, err := cmd.Output()
		require.NoError(b, err)
		require.Contains(b, string(out), "nachos: test/spawn: exited with status 100 (pid 1)\n")
	}
}

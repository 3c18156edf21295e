package e2e

import (
	"io"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/kernel/trace"
	"nachos/machine"
	"nachos/userprog"
)

// benchmarkProgram runs a shipped program b.N times and reports the
// simulator's speed in guest instructions per second of host time.
func benchmarkProgram(b *testing.B, path string) { benchmarkRun(b, path, kernel.Config{}, false) }

// benchmarkRun runs path b.N times on a kernel configured by c, traced
// into a writer that discards if traced.
func benchmarkRun(b *testing.B, path string, c kernel.Config, traced bool) {
	b.ReportAllocs()
	var instructions int64
	c.In, c.Out, c.Err = strings.NewReader(""), io.Discard, io.Discard
	for b.Loop() {
		if traced {
			c.Trace = trace.NewWriter(io.Discard, "bench")
		}
		k, err := userprog.New(c, userprog.Config{})
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

// The cost of --trace: sort and matmult traced into a writer that
// discards (every event but instructions is recorded and formatted), and
// with a random timer (-rs), which interrupts every 100 ticks on average,
// untraced and traced. Compare each with its untraced twin.
func BenchmarkSortTraced(b *testing.B) { benchmarkRun(b, "../sort", kernel.Config{}, true) }
func BenchmarkSortRandomTimer(b *testing.B) {
	benchmarkRun(b, "../sort", kernel.Config{RandomYield: true, Machine: machine.Config{Seed: 7}}, false)
}
func BenchmarkSortRandomTimerTraced(b *testing.B) {
	benchmarkRun(b, "../sort", kernel.Config{RandomYield: true, Machine: machine.Config{Seed: 7}}, true)
}
func BenchmarkMatmultRandomTimer(b *testing.B) {
	benchmarkRun(b, "../matmult", kernel.Config{RandomYield: true, Machine: machine.Config{Seed: 7}}, false)
}
func BenchmarkMatmultRandomTimerTraced(b *testing.B) {
	benchmarkRun(b, "../matmult", kernel.Config{RandomYield: true, Machine: machine.Config{Seed: 7}}, true)
}

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

// Tests that the policies drive the real kernel: threads that compute
// without ever yielding take turns under a preemptive policy (the timer
// asks ShouldPreempt every 100 ticks) and run one after another under
// FCFS.

package kernel_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
)

// computeUnder boots a kernel with the policy and forks three threads
// that compute for 30 stretches of 10 ticks each, never giving up the
// CPU themselves. It returns who ran each stretch, and the threads.
func computeUnder(t *testing.T, policy string) ([]string, []*kernel.Thread) {
	t.Helper()
	p, err := kernel.ParsePolicy(policy)
	require.NoError(t, err)
	r := newKernelRig(t, kernel.Config{Policy: p}, "")
	k := r.k
	var trace []string
	var threads []*kernel.Thread
	status := k.Boot(func() {
		for _, name := range []string{"A", "B", "C"} {
			threads = append(threads, k.Fork(name, func() {
				for range 30 {
					trace = append(trace, name)
					kernelWork(k, 1)
				}
			}))
		}
	})
	require.Equal(t, kernel.ExitOK, status, r.err.String())
	return trace, threads
}

// runLengths writes a trace compactly: "A×3 B×2" is A, A, A, B, B.
func runLengths(trace []string) string {
	var parts []string
	for i := 0; i < len(trace); {
		j := i
		for j < len(trace) && trace[j] == trace[i] {
			j++
		}
		parts = append(parts, fmt.Sprintf("%s×%d", trace[i], j-i))
		i = j
	}
	return strings.Join(parts, " ")
}

func TestFCFSRunsComputingThreadsOneAfterAnother(t *testing.T) {
	trace, threads := computeUnder(t, "fcfs")
	assert.Equal(t, "A×30 B×30 C×30", runLengths(trace))
	for _, th := range threads {
		assert.Equal(t, 1, th.Stats().Runs, th.Name())
	}
}

// Under round robin with a quantum of one timer period, the timer takes
// the CPU from each thread after 9 stretches (90 ticks of computing and
// the 10 of turning interrupts back on as it resumes). A is the
// exception: it got the CPU at tick 40, had used only 60 ticks at the
// interrupt at 100, and kept the CPU until the one at 200. When A
// finishes between two interrupts, B's turn likewise lasts until the
// second one.
func TestRoundRobinInterleavesComputingThreads(t *testing.T) {
	trace, threads := computeUnder(t, "rr:100")
	assert.Equal(t, "A×15 B×9 C×9 A×9 B×9 C×9 A×6 B×12 C×12", runLengths(trace))
	for _, th := range threads {
		assert.Greater(t, th.Stats().Runs, 1, th.Name())
	}
}

// The kernel consults the policy only at timer interrupts, every 100
// ticks: a thread is preempted at the first interrupt after its quantum
// runs out. With a quantum of 30 ticks (3 stretches), A is preempted at
// the interrupt at 100, its quantum long gone; every later turn begins at
// an interrupt and lasts a whole timer period, 9 stretches, until the
// last threads finish between interrupts.
func TestQuantaAreRoundedUpToTheTimer(t *testing.T) {
	trace, _ := computeUnder(t, "rr:30")
	assert.Equal(t, "A×5 B×9 C×9 A×9 B×9 C×9 A×9 B×9 C×9 A×7 B×3 C×3", runLengths(trace))
}

// Every policy of the table can drive the kernel to the end.
func TestEveryPolicyRunsTheKernel(t *testing.T) {
	for _, kind := range kernel.Policies {
		trace, _ := computeUnder(t, kind.Name)
		assert.Len(t, trace, 90, kind.Name)
		for _, name := range []string{"A", "B", "C"} {
			assert.Equal(t, 30, count(trace, name), kind.Name+": "+runLengths(trace))
		}
	}
}

func count(trace []string, name string) int {
	n := 0
	for _, who := range trace {
		if who == name {
			n++
		}
	}
	return n
}

// Tests for the thread system at scale and at its edges: no goroutine
// outlives Boot however the simulation ends, ten thousand threads live at
// once, and a context switch costs no allocation (with a benchmark of
// what it does cost).

package kernel_test

import (
	"fmt"
	"io"
	"iter"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"nachos/kernel"
	"nachos/kernel/trace"
	"nachos/test/tooltest"
)

// raceDetector is true when the tests run with -race, which allows at
// most 8128 live goroutines and allocates on its own: tests that count
// either adapt.
const raceDetector = tooltest.Race

// Every way a simulation can end leaves no goroutine behind: each thread
// runs on a coroutine, and Boot must end every one that is still
// suspended, whether the machine halted normally, on a kernel error with
// many threads blocked, on a deadlock, at the tick limit, or because of a
// Go panic in a thread.
func TestNoGoroutineOutlivesBoot(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())

	assert.Equal(t, kernel.ExitOK, runSelfTest(t, "office", 1, true).status)
	assert.Equal(t, kernel.ExitDeadlock, runSelfTest(t, "philosophers-naive", 0, false).status)

	// Blocked threads, ready threads and threads that never ran.
	crowd := func(k *kernel.Kernel) {
		never := k.NewSemaphore("never", 0)
		for i := range 200 {
			k.Fork(fmt.Sprintf("blocked %d", i), never.P)
		}
		k.Yield()
		for i := range 50 {
			k.Fork(fmt.Sprintf("ready %d", i), func() {})
		}
	}
	r := newKernelRig(t, kernel.Config{}, "")
	assert.Equal(t, kernel.ExitKernelError, r.k.Boot(func() {
		crowd(r.k)
		r.k.Fatalf("stop with %d threads around", 250)
	}))

	r = newKernelRig(t, kernel.Config{MaxTicks: 500}, "")
	assert.Equal(t, kernel.ExitTickLimit, r.k.Boot(func() {
		crowd(r.k)
		for {
			r.k.Yield()
		}
	}))

	r = newKernelRig(t, kernel.Config{}, "")
	assert.PanicsWithValue(t, "a bug in a thread", func() {
		r.k.Boot(func() {
			crowd(r.k)
			r.k.Fork("buggy", func() { panic("a bug in a thread") })
		})
	})
}

// Ten thousand threads are forked, all blocked at once on one semaphore,
// then released; every one finishes.
func TestTenThousandLiveThreads(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	n := 10000
	if raceDetector {
		n = 4000
	}
	r := newKernelRig(t, kernel.Config{}, "")
	finished := 0
	assert.Equal(t, kernel.ExitOK, r.k.Boot(func() {
		gate := r.k.NewSemaphore("gate", 0)
		threads := make([]*kernel.Thread, n)
		for i := range threads {
			threads[i] = r.k.Fork(fmt.Sprintf("thread %d", i), func() {
				gate.P()
				r.k.Yield()
				finished++
			})
		}
		r.k.Yield() // every thread runs up to gate.P
		for _, th := range threads {
			require.Equal(t, kernel.Blocked, th.Status())
		}
		for range n {
			gate.V()
		}
		for _, th := range threads {
			r.k.Join(th)
		}
	}))
	assert.Equal(t, n, finished)
	assert.True(t, strings.HasPrefix(r.out.String(), noMoreWork))
}

// Once the ready queue has grown to its size, switching threads allocates
// nothing: no trace arguments built for a disabled flag, no queue
// reallocated.
func TestContextSwitchDoesNotAllocate(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector allocates on its own")
	}
	// The same with the structured trace on (--trace): its events are
	// written into a buffer that is reused.
	for name, c := range map[string]kernel.Config{"untraced": {}, "traced": {Trace: trace.NewWriter(io.Discard, "test")}} {
		r := newKernelRig(t, c, "")
		var allocs float64
		r.k.Boot(func() {
			done := false
			r.k.Fork("other", func() {
				for !done {
					r.k.Yield()
				}
			})
			r.k.Yield() // warm up
			allocs = testing.AllocsPerRun(1000, r.k.Yield)
			done = true
		})
		assert.Zero(t, allocs, name)
	}
}

// BenchmarkContextSwitch has two threads yield to each other; one
// operation is one context switch.
func BenchmarkContextSwitch(b *testing.B) { benchmarkContextSwitch(b, kernel.Config{}) }

// benchmarkContextSwitch is BenchmarkContextSwitch on a kernel built
// from c.
func benchmarkContextSwitch(b *testing.B, c kernel.Config) {
	k := newKernelRig(b, c, "").k
	b.ReportAllocs()
	k.Boot(func() {
		switches := 0
		pingPong := func() {
			for switches < b.N {
				switches++
				k.Yield()
			}
		}
		k.Fork("pong", pingPong)
		b.ResetTimer()
		pingPong()
	})
}

// BenchmarkCoroutineRoundTrip is the floor under BenchmarkContextSwitch:
// what the Go runtime alone charges to resume a coroutine and have it
// hand control back, the two coroutine switches that every kernel context
// switch makes (thread to dispatcher, dispatcher to thread). The machine's
// own speed drifts from run to run; comparing the figures from the same
// run says how much the kernel adds.
func BenchmarkCoroutineRoundTrip(b *testing.B) {
	next, stop := iter.Pull(func(yield func(struct{}) bool) {
		for yield(struct{}{}) {
		}
	})
	defer stop()
	b.ReportAllocs()
	for b.Loop() {
		next()
	}
}

// BenchmarkChannelHandoff is the design the kernel does not use: threads
// as goroutines taking turns through unbuffered channels, each handoff the
// Go scheduler parking one goroutine and waking another. One operation is
// a round trip, two handoffs; ns/handoff is the cost of one.
func BenchmarkChannelHandoff(b *testing.B) {
	ping, pong := make(chan struct{}), make(chan struct{})
	go func() {
		for range ping {
			pong <- struct{}{}
		}
	}()
	defer close(ping)
	b.ReportAllocs()
	for b.Loop() {
		ping <- struct{}{}
		<-pong
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(2*b.N), "ns/handoff")
}

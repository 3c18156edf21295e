package kernel_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/kernel/trace"
)

// runTracedSelfTest runs the named self-test, traced into tr if it is not nil,
// and returns what it printed and the statistics it ended with.
func runTracedSelfTest(t *testing.T, name string, seed uint32, tr *trace.Writer) (string, string) {
	t.Helper()
	test, ok := kernel.FindSelfTest(name)
	require.True(t, ok, name)
	c := kernel.Config{RandomYield: seed != 0, Trace: tr}
	c.Machine.Seed = seed
	r := newKernelRig(t, c, "")
	r.k.Boot(func() { test.Run(r.k) })
	return r.out.String(), r.err.String()
}

// A trace only watches: every self-test, with and without a random timer,
// prints the same and ends at the same tick traced or not.
func TestTracingDoesNotChangeTheRun(t *testing.T) {
	for _, st := range kernel.SelfTests {
		for _, seed := range []uint32{0, 7} {
			out, errOut := runTracedSelfTest(t, st.Name, seed, nil)
			var buf bytes.Buffer
			w := trace.NewWriter(&buf, "test")
			tracedOut, tracedErr := runTracedSelfTest(t, st.Name, seed, w)
			require.NoError(t, w.Close())
			assert.Equal(t, out, tracedOut, "%s -rs %d", st.Name, seed)
			assert.Equal(t, errOut, tracedErr, "%s -rs %d", st.Name, seed)
			_, events, err := trace.Read(&buf, st.Name)
			require.NoError(t, err)
			require.NotEmpty(t, events)
			assert.Equal(t, trace.Halt, events[len(events)-1].Kind, "%s: the last event", st.Name)
		}
	}
}

// kindsOf returns the kinds of events, in order.
func kindsOf(events []trace.Event) []trace.Kind {
	var kinds []trace.Kind
	for _, e := range events {
		kinds = append(kinds, e.Kind)
	}
	return kinds
}

// A thread that waits for a lock is recorded blocking on it, naming the
// holder, and then acquiring it once the holder has handed it over.
func TestTraceRecordsALockWait(t *testing.T) {
	var buf bytes.Buffer
	w := trace.NewWriter(&buf, "test")
	r := newKernelRig(t, kernel.Config{Trace: w}, "")
	k := r.k
	k.Boot(func() {
		l := k.NewLock("buf")
		l.Acquire()
		k.Fork("waiter", func() {
			l.Acquire()
			l.Release()
		})
		k.Yield()
		l.Release()
		k.Yield()
	})
	require.NoError(t, w.Close())
	_, events, err := trace.Read(&buf, "test")
	require.NoError(t, err)

	var block, handOver, acquired *trace.Event
	for i := range events {
		e := &events[i]
		switch {
		case e.Kind == trace.ThreadBlock && e.Thread == "waiter":
			block = e
		case e.Kind == trace.LockRelease && e.Thread == "main" && e.Peer == "waiter":
			handOver = e
		case e.Kind == trace.LockAcquire && e.Thread == "waiter":
			acquired = e
		}
	}
	require.NotNil(t, block, "the waiter blocks: %v", kindsOf(events))
	assert.Equal(t, "lock", block.Wait)
	assert.Equal(t, "buf", block.Name)
	assert.Equal(t, "main", block.Peer)
	assert.Equal(t, 1, block.PeerTID, "main is thread 1")
	assert.Equal(t, 2, block.TID, "the waiter is thread 2")
	require.NotNil(t, handOver, "main hands the lock to the waiter")
	require.NotNil(t, acquired, "the waiter gets the lock")
	assert.Less(t, block.Tick, handOver.Tick)
	assert.LessOrEqual(t, handOver.Tick, acquired.Tick)
}

// Every kind of wait is recorded with its kind and name, and with the
// thread that must act first where there is one: a lock's holder, the
// thread joined.
func TestTraceNamesEveryKindOfWait(t *testing.T) {
	var buf bytes.Buffer
	w := trace.NewWriter(&buf, "test")
	k := newKernelRig(t, kernel.Config{Trace: w}, "").k
	k.Boot(func() {
		l, c, s := k.NewLock("l"), k.NewCondition("c"), k.NewSemaphore("s", 0)
		l.Acquire()
		child := k.Fork("child", func() {
			l.Acquire() // held by main
			l.Release()
			s.P()
		})
		k.Yield()
		l.Release() // to child
		k.Fork("waiter", func() {
			l.Acquire()
			c.Wait(l)
			l.Release()
		})
		k.Yield() // child waits on s, then waiter on c
		l.Acquire()
		c.Signal(l)
		l.Release()
		s.V()
		k.Join(child)
	})
	require.NoError(t, w.Close())
	_, events, err := trace.Read(&buf, "test")
	require.NoError(t, err)
	var blocks []string
	for _, e := range events {
		if e.Kind == trace.ThreadBlock {
			blocks = append(blocks, fmt.Sprintf("%s: %s %q peer %q %d", e.Thread, e.Wait, e.Name, e.Peer, e.PeerTID))
		}
	}
	assert.Equal(t, []string{
		`child: lock "l" peer "main" 1`,
		`child: semaphore "s" peer "" 0`,
		`waiter: condition "c" peer "" 0`,
		`main: join "child" peer "child" 2`,
	}, blocks)
}

// Locks, semaphores and conditions allocate nothing for the trace when it
// is off.
func TestSynchronizationUntracedDoesNotAllocate(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector allocates on its own")
	}
	r := newKernelRig(t, kernel.Config{}, "")
	var allocs float64
	r.k.Boot(func() {
		l := r.k.NewLock("l")
		s := r.k.NewSemaphore("s", 0)
		c := r.k.NewCondition("c")
		allocs = testing.AllocsPerRun(1000, func() {
			l.Acquire()
			c.Signal(l)
			c.Broadcast(l)
			l.Release()
			s.V()
			s.P()
		})
	})
	assert.Zero(t, allocs)
}

// BenchmarkContextSwitchTraced is BenchmarkContextSwitch with tracing
// on, into a writer that discards: the cost of recording the switch and
// the ready event.
func BenchmarkContextSwitchTraced(b *testing.B) {
	benchmarkContextSwitch(b, kernel.Config{Trace: trace.NewWriter(io.Discard, "bench")})
}

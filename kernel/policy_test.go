// Tests for the policy table (ParsePolicy and its errors) and for the
// policies' bookkeeping called directly, as the kernel's scheduler calls
// them.

package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
)

func TestParsePolicyNamesAndParameters(t *testing.T) {
	cases := map[string]string{
		"fcfs":         "fcfs",
		"rr":           "rr:100",
		"rr:50":        "rr:50",
		" RR:7 ":       "rr:7",
		"priority":     "priority",
		"aging":        "aging:100",
		"aging:20":     "aging:20",
		"mlfq":         "mlfq:100:1000:3",
		"mlfq:10":      "mlfq:10:100:3",
		"mlfq:10:50":   "mlfq:10:50:3",
		"mlfq:10:50:4": "mlfq:10:50:4",
		"sjf":          "sjf:100",
		"srtf:40":      "srtf:40",
	}
	for spec, name := range cases {
		p, err := kernel.ParsePolicy(spec)
		require.NoError(t, err, spec)
		assert.Equal(t, name, p.Name(), spec)
		again, err := kernel.ParsePolicy(p.Name())
		require.NoError(t, err, "a policy's name parses back")
		assert.Equal(t, p, again, spec)
	}
}

func TestParsePolicyErrors(t *testing.T) {
	cases := map[string]string{
		"lottery":     `unknown scheduling policy "lottery": choose one of fcfs, rr, priority, aging, mlfq, sjf, srtf`,
		"":            `unknown scheduling policy "": choose one of fcfs, rr, priority, aging, mlfq, sjf, srtf`,
		"rr:0":        `scheduling policy "rr:0": QUANTUM must be a whole number from 1 to 1000000000, not "0" (rr[:QUANTUM])`,
		"rr:fast":     `scheduling policy "rr:fast": QUANTUM must be a whole number from 1 to 1000000000, not "fast" (rr[:QUANTUM])`,
		"rr:":         `scheduling policy "rr:": QUANTUM must be a whole number from 1 to 1000000000, not "" (rr[:QUANTUM])`,
		"rr:5:5":      `scheduling policy "rr:5:5": rr takes 1 number(s) (rr[:QUANTUM]), not 2`,
		"fcfs:3":      `scheduling policy "fcfs:3": fcfs takes 0 number(s) (fcfs), not 1`,
		"mlfq:1:1:17": `scheduling policy "mlfq:1:1:17": LEVELS must be a whole number from 1 to 16, not "17" (mlfq[:QUANTUM[:BOOST[:LEVELS]]])`,
	}
	for spec, want := range cases {
		_, err := kernel.ParsePolicy(spec)
		assert.EqualError(t, err, want, spec)
	}
}

func TestEveryPolicyKindIsDocumented(t *testing.T) {
	for _, k := range kernel.Policies {
		assert.NotEmpty(t, k.Doc, k.Name)
		for _, p := range k.Params {
			assert.Contains(t, p.Doc, "default", k.Name+" "+p.Name)
		}
		assert.Equal(t, k.Name, k.New().Name()[:len(k.Name)])
		if k.Name == "mlfq" {
			assert.Equal(t, "mlfq[:QUANTUM[:BOOST[:LEVELS]]]", k.Usage())
		}
	}
}

// The kernel dispatches its first thread without asking the policy, and
// may ask ShouldPreempt about it: the policies take its running time from
// the scheduler.
func TestPoliciesCopeWithTheKernelsFirstThread(t *testing.T) {
	main := kernel.NewThread("main", 0)
	other := kernel.NewThread("other", 0)
	rr := kernel.NewRR(100)
	rr.Add(other, 50)
	assert.False(t, rr.ShouldPreempt(main, 99, 99))
	assert.True(t, rr.ShouldPreempt(main, 100, 100))

	mlfq := kernel.NewMLFQ(3, 100, 10000)
	mlfq.Add(other, 50)
	assert.True(t, mlfq.ShouldPreempt(main, 100, 100), "main used its allotment")
	assert.Equal(t, 1, mlfq.Level(main))
}

// MLFQ counts a thread's allotment across bursts: blocking just before
// the quantum ends does not keep a thread on top.
func TestMLFQChargesTheAllotmentAcrossBursts(t *testing.T) {
	p := kernel.NewMLFQ(3, 10, 1000)
	a := kernel.NewThread("a", 0)
	p.Add(a, 0)
	require.Equal(t, a, p.Next(0))
	assert.False(t, p.ShouldPreempt(a, 9, 9))
	p.Ran(a, 9, false) // blocks at 9, 1 tick short of its quantum
	assert.Equal(t, 0, p.Level(a))

	p.Add(a, 20)
	require.Equal(t, a, p.Next(20))
	assert.False(t, p.ShouldPreempt(a, 1, 21), "nobody else is ready")
	assert.Equal(t, 1, p.Level(a), "10 ticks used on level 0")
	assert.Equal(t, int64(20), p.Quantum(1))

	assert.False(t, p.ShouldPreempt(a, 979, 1000))
	assert.Equal(t, 0, p.Level(a), "the boost at tick 1000")
}

// In the kernel, a thread that yields is put back in the ready queue
// before the policy hears how long it ran (Yield: Next, Add, Ran). If
// that burst uses up its allotment, the thread moves down with its place
// in line.
func TestMLFQDemotesAThreadAlreadyQueued(t *testing.T) {
	p := kernel.NewMLFQ(3, 10, 1000)
	a, b, c := kernel.NewThread("a", 0), kernel.NewThread("b", 0), kernel.NewThread("c", 0)
	p.Add(a, 0)
	p.Add(b, 0)
	require.Equal(t, a, p.Next(0))
	require.Equal(t, b, p.Next(10)) // a yields at 10
	p.Add(a, 10)
	p.Ran(a, 10, false)
	assert.Equal(t, 1, p.Level(a))
	p.Add(c, 12)
	assert.Equal(t, c, p.Next(15), "c, new, is on level 0; a is on level 1")
	assert.Equal(t, a, p.Next(20))
}

// Aging: the running thread keeps the priority it was chosen with.
func TestAgingRaisesPriorityWhileWaiting(t *testing.T) {
	p := kernel.NewAging(10)
	low, high := kernel.NewThread("low", 1), kernel.NewThread("high", 4)
	p.Add(low, 0)
	p.Add(high, 5)
	assert.Equal(t, high, p.Next(5))
	assert.False(t, p.ShouldPreempt(high, 34, 39), "low: 1 + 39/10 = 4, not above 4")
	assert.True(t, p.ShouldPreempt(high, 35, 40), "low: 1 + 40/10 = 5")
	assert.Equal(t, low, p.Next(40))
	p.Add(high, 40)
	assert.False(t, p.ShouldPreempt(low, 9, 49), "high: 4 + 0 is not above low's 5")
	assert.True(t, p.ShouldPreempt(low, 20, 60), "high: 4 + 2")
}

func TestSRTFComparesWhatRemains(t *testing.T) {
	p := kernel.NewSRTF(100)
	long, short := kernel.NewThread("long", 0), kernel.NewThread("short", 0)
	p.Estimate(long, 50)
	p.Estimate(short, 20)
	p.Add(long, 0)
	require.Equal(t, long, p.Next(0))
	p.Add(short, 25)
	assert.True(t, p.ShouldPreempt(long, 25, 25), "25 left against 20")
	assert.False(t, p.ShouldPreempt(long, 30, 30), "20 left against 20: no gain")
	assert.True(t, kernel.NewSRTF(1).Preemptive())
	assert.False(t, kernel.NewSJF(1).Preemptive())
}

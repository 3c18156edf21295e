// Tests for booting and halting the kernel, its exit statuses, the tick
// limit, and the random timer's forced yields, with the exact text and
// statistics the kernel prints.

package kernel_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/machine"
)

// kernelRig is a kernel whose screen and error reports are captured.
type kernelRig struct {
	k        *kernel.Kernel
	out, err bytes.Buffer
}

// newKernelRig builds a kernel from c, with the debug flags given (Out
// receives the traces, as on the command line).
func newKernelRig(t testing.TB, c kernel.Config, debugFlags string) *kernelRig {
	t.Helper()
	r := &kernelRig{}
	debug, err := kernel.ParseDebug(debugFlags, &r.out)
	require.NoError(t, err)
	c.Debug, c.In, c.Out, c.Err = debug, strings.NewReader(""), &r.out, &r.err
	r.k, err = kernel.New(c)
	require.NoError(t, err)
	return r
}

// noMoreWork is what the kernel says when nothing can ever run again.
const noMoreWork = "No threads ready or runnable, and no pending interrupts.\nAssuming the program completed.\n"

// haltReport is what the kernel prints when it halts, for the given Ticks
// line and no I/O.
func haltReport(ticks string) string {
	return "Machine halting!\n\n" + ticks + "\n" +
		"Disk I/O: reads 0, writes 0\n" +
		"Console I/O: reads 0, writes 0\n" +
		"Paging: faults 0\n" +
		"Network I/O: packets received 0, sent 0\n" +
		"\nCleaning up...\n"
}

// kernelWork stands for n stretches of kernel code that end by turning
// interrupts back on: n system ticks.
func kernelWork(k *kernel.Kernel, n int) {
	for range n {
		k.Machine.Interrupt.SetLevel(machine.IntOff)
		k.Machine.Interrupt.SetLevel(machine.IntOn)
	}
}

func TestBootWithNothingToDoHalts(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	assert.Equal(t, kernel.ExitOK, r.k.Boot(func() {}))
	assert.Equal(t, noMoreWork+haltReport("Ticks: total 10, idle 0, system 10, user 0"), r.out.String())
	assert.Empty(t, r.err.String())
	assert.True(t, r.k.Machine.Stopped())
}

func TestBootRunsMainWithInterruptsOn(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	ran := false
	r.k.Boot(func() {
		ran = true
		assert.Equal(t, machine.IntOn, r.k.Machine.Interrupt.Level())
		assert.Equal(t, machine.Statistics{TotalTicks: 10, SystemTicks: 10}, *r.k.Machine.Stats, "enabling interrupts cost 10")
		assert.Equal(t, "main", r.k.CurrentThread().Name())
		assert.Equal(t, kernel.Running, r.k.CurrentThread().Status())
	})
	assert.True(t, ran)
}

func TestMainThreadIsFinishedAfterBoot(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	r.k.Boot(func() {})
	assert.Equal(t, kernel.Finished, r.k.CurrentThread().Status())
	assert.Equal(t, "main", r.k.CurrentThread().Name())
}

func TestHaltEndsTheSimulationAtOnce(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	after := false
	assert.Equal(t, kernel.ExitOK, r.k.Boot(func() {
		kernelWork(r.k, 2)
		r.k.Halt()
		after = true
	}))
	assert.False(t, after, "Halt does not return")
	assert.Equal(t, haltReport("Ticks: total 30, idle 0, system 30, user 0"), r.out.String())
}

func TestFailKeepsTheMostSeriousStatus(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	assert.Equal(t, kernel.ExitUserFault, r.k.Boot(func() {
		r.k.Fail(kernel.ExitUserFault)
		r.k.Fail(kernel.ExitOK)
	}))

	r = newKernelRig(t, kernel.Config{}, "")
	assert.Equal(t, kernel.ExitTickLimit, r.k.Boot(func() {
		r.k.Fail(kernel.ExitTickLimit)
		r.k.Fail(kernel.ExitBadInput)
	}))
	assert.Equal(t, kernel.ExitTickLimit, r.k.ExitStatus)
}

func TestBootPassesOtherPanicsOn(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	assert.PanicsWithValue(t, "boom", func() { r.k.Boot(func() { panic("boom") }) })
}

func TestSleepWithInterruptsOnPanics(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	assert.PanicsWithValue(t, "kernel: Sleep called with interrupts on", func() { r.k.Boot(r.k.Sleep) })
}

func TestYieldWithOneThreadOnlyCostsTime(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "")
	r.k.Boot(func() {
		main := r.k.CurrentThread()
		for range 3 {
			r.k.Yield()
		}
		assert.Same(t, main, r.k.CurrentThread())
		assert.Equal(t, kernel.Running, main.Status())
	})
	assert.Equal(t, noMoreWork+haltReport("Ticks: total 40, idle 0, system 40, user 0"), r.out.String())
}

func TestNewRefusesAnImpossibleMachine(t *testing.T) {
	_, err := kernel.New(kernel.Config{Machine: machine.Config{PageSize: 100}})
	assert.EqualError(t, err, "page size 100 is not a power of two between 16 and 65536")
}

const tickLimitReport = "nachos: stopped at tick %d, having reached the limit of %d set by --max-ticks: a program may be in an endless loop (raise the limit if it is just slow)\n"

func TestMaxTicksWhileRunning(t *testing.T) {
	r := newKernelRig(t, kernel.Config{MaxTicks: 95}, "")
	done := 0
	assert.Equal(t, kernel.ExitTickLimit, r.k.Boot(func() {
		for range 1000 {
			kernelWork(r.k, 1)
			done++
		}
	}))
	assert.Equal(t, 8, done, "ticks 20 to 90 completed; the one reaching 100 stopped")
	assert.Equal(t, haltReport("Ticks: total 100, idle 0, system 100, user 0"), r.out.String())
	assert.Equal(t, fmt.Sprintf(tickLimitReport, 100, 95), r.err.String())
}

func TestMaxTicksWhileIdleStopsAtTheLimit(t *testing.T) {
	r := newKernelRig(t, kernel.Config{MaxTicks: 1000}, "")
	fired := false
	assert.Equal(t, kernel.ExitTickLimit, r.k.Boot(func() {
		r.k.Machine.Interrupt.Schedule(func() { fired = true }, 5000, machine.DiskInt)
	}))
	assert.False(t, fired)
	assert.Equal(t, haltReport("Ticks: total 1000, idle 990, system 10, user 0"), r.out.String())
	assert.Equal(t, fmt.Sprintf(tickLimitReport, 1000, 1000), r.err.String())
}

func TestMaxTicksReachedWhileBooting(t *testing.T) {
	r := newKernelRig(t, kernel.Config{MaxTicks: 5}, "")
	ran := false
	assert.Equal(t, kernel.ExitTickLimit, r.k.Boot(func() { ran = true }))
	assert.False(t, ran)
	assert.Equal(t, haltReport("Ticks: total 10, idle 0, system 10, user 0"), r.out.String())
}

// randomYieldRun boots a kernel with a random timer, does work system
// ticks of kernel work in main, and returns the final statistics and how
// many times the thread was made to yield.
func randomYieldRun(t *testing.T, seed uint32, work int) (machine.Statistics, int) {
	r := newKernelRig(t, kernel.Config{RandomYield: true, Machine: machine.Config{Seed: seed}}, "t")
	require.Equal(t, kernel.ExitOK, r.k.Boot(func() { kernelWork(r.k, work) }))
	return *r.k.Machine.Stats, strings.Count(r.out.String(), `Yielding thread "main"`)
}

// The timer's periods are 1 + random()%200 (see machine/timer_test.go):
// seed 1 gives 184, 87, 178; seed 7 gives 78, 100, 100, 72. A timer
// interrupt is serviced at the first system tick at or after its time,
// and the next period counts from there; each yield costs a system tick.
// When main ends, the machine idles to the next timer interrupt.
func TestRandomYieldFollowsTheSeed(t *testing.T) {
	// Seed 1: interrupts at 190 (due 184) and 280 (due 190+87 = 277),
	// yields to 200 and 290, main ends at 330; next due 280+178 = 458.
	stats, yields := randomYieldRun(t, 1, 30)
	assert.Equal(t, machine.Statistics{TotalTicks: 458, IdleTicks: 128, SystemTicks: 330}, stats)
	assert.Equal(t, 2, yields)

	// Seed 7: interrupts at 80 (due 78), 180 (due 80+100) and 280 (due
	// 180+100), yields to 90, 190 and 290, main ends at 340; next due
	// 280+72 = 352.
	stats, yields = randomYieldRun(t, 7, 30)
	assert.Equal(t, machine.Statistics{TotalTicks: 352, IdleTicks: 12, SystemTicks: 340}, stats)
	assert.Equal(t, 3, yields)
}

func TestRandomYieldIsRepeatable(t *testing.T) {
	first, firstYields := randomYieldRun(t, 4242, 500)
	again, againYields := randomYieldRun(t, 4242, 500)
	other, _ := randomYieldRun(t, 4243, 500)
	assert.Equal(t, first, again)
	assert.Equal(t, firstYields, againYields)
	assert.NotEqual(t, first, other)
	assert.Equal(t, int64(5010+10*firstYields), first.SystemTicks, "boot, the work, and one tick per yield")
}

// With nothing to run, the lone timer does not keep the machine alive: it
// idles up to the timer's time (184 for seed 1) and halts.
func TestRandomYieldTimerAloneDoesNotKeepTheMachineAlive(t *testing.T) {
	r := newKernelRig(t, kernel.Config{RandomYield: true, Machine: machine.Config{Seed: 1}}, "")
	assert.Equal(t, kernel.ExitOK, r.k.Boot(func() {}))
	assert.Equal(t, noMoreWork+haltReport("Ticks: total 184, idle 174, system 10, user 0"), r.out.String())
}

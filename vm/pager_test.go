package vm

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/kernel/trace"
	"nachos/machine"
	"nachos/test/tooltest"
	"nachos/userprog"
)

// raceDetector is true under the race detector, which makes the CPU's
// one-instruction-at-a-time path (exact LRU, OPT) many times slower.
const raceDetector = tooltest.Race

// machineFor builds a kernel with frames frames and a 4-entry TLB, and a
// pager with c, reading the console from in and writing it and messages
// to out.
func machineFor(t testing.TB, frames int, c Config, in string, out io.Writer) (*userprog.Kernel, *Pager) {
	t.Helper()
	return seededMachine(t, frames, 0, c, in, out)
}

// seededMachine is machineFor with a timer at random times from seed
// (-rs), unless seed is 0.
func seededMachine(t testing.TB, frames int, seed uint32, c Config, in string, out io.Writer) (*userprog.Kernel, *Pager) {
	t.Helper()
	k, err := userprog.New(kernel.Config{
		Machine: machine.Config{PhysPages: frames, TLBSize: 4, Seed: seed}, RandomYield: seed != 0,
		In: strings.NewReader(in), Out: out, Err: out,
	}, userprog.Config{})
	require.NoError(t, err)
	pg, err := New(k, c)
	require.NoError(t, err)
	t.Cleanup(func() { pg.Close() })
	return k, pg
}

// runVM runs program under demand paging in frames frames, and returns
// what it printed, the simulation's exit status and the pager.
func runVM(t testing.TB, program string, frames int, c Config) (string, int, *Pager) {
	t.Helper()
	return runWithInput(t, program, "", frames, c)
}

// runWithInput is runVM with console input.
func runWithInput(t testing.TB, program, in string, frames int, c Config) (string, int, *Pager) {
	t.Helper()
	var out bytes.Buffer
	k, pg := machineFor(t, frames, c, in, &out)
	status, err := k.RunProgram(program)
	require.NoError(t, err)
	return out.String(), status, pg
}

// configFor is the configuration that runs program under policy p: OPT
// needs a first run to record the future, as -P opt does.
func configFor(t testing.TB, program string, frames int, p *PolicyInfo) Config {
	if !p.Future {
		return Config{Policy: p}
	}
	k, err := userprog.New(kernel.Config{Machine: machine.Config{PhysPages: frames, TLBSize: 4},
		In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, userprog.Config{})
	require.NoError(t, err)
	future, err := Rehearse(k, program, Config{})
	require.NoError(t, err)
	return Config{Policy: p, Refs: future}
}

// exits lists the "exited with status" lines of a run's output.
func exits(out string) []string {
	return regexp.MustCompile(`(?m)^nachos: \S+: exited with status -?\d+.*$`).FindAllString(out, -1)
}

// requireNoLeaks checks that every frame and swap slot is free again.
func requireNoLeaks(t *testing.T, pg *Pager) {
	t.Helper()
	assert.Len(t, pg.ipt.free, len(pg.ipt.frames), "frames still in use")
	assert.Equal(t, pg.swap.size, pg.swap.slots.NumClear(), "swap slots still in use")
	assert.Zero(t, pg.committed, "pages still promised")
	for f := range pg.ipt.anchor {
		assert.Equal(t, int32(noFrame), pg.ipt.anchor[f], "hash chain %d not empty", f)
	}
}

func TestProgramsRunUnderEveryPolicy(t *testing.T) {
	for _, p := range Policies {
		for _, frames := range []int{16, 32} {
			for _, prog := range []struct{ path, exit string }{
				{"../test/matmult", "7220"}, {"../test/sort", "0"},
			} {
				t.Run(fmt.Sprintf("%s/%d/%s", p.Name, frames, prog.path), func(t *testing.T) {
					if raceDetector && p.Exact && prog.path == "../test/sort" {
						t.Skip("6 million instructions one at a time: too slow under the race detector (the test runs without it)")
					}
					out, status, pg := runVM(t, prog.path, frames, configFor(t, prog.path, frames, &p))
					assert.Equal(t, kernel.ExitOK, status, out)
					assert.Equal(t, []string{fmt.Sprintf("nachos: %s: exited with status %s (pid 1)", prog.path, prog.exit)}, exits(out))
					assert.Greater(t, pg.Stats().Faults, frames, "it ran in less memory than it needs")
					requireNoLeaks(t, pg)
				})
			}
		}
	}
}

// A write that only the TLB has seen (its dirty bit is set in the TLB
// entry, not yet in the inverted page table) must reach swap when the
// page is evicted, and be read back.
func TestWriteSeenOnlyByTheTLBSurvivesEviction(t *testing.T) {
	k, pg := machineFor(t, 2, Config{}, "", io.Discard)
	m := k.Machine
	exe, err := userprog.Load("../test/matmult")
	require.NoError(t, err)
	ps := uint32(m.PageSize())
	k.Boot(func() {
		paged, err := pg.NewSpace(1, exe, 0, 60)
		require.NoError(t, err)
		paged.Activate()
		// Touch the page at addr (through the TLB, repairing a miss).
		access := func(addr uint32, write bool, v uint32) uint32 {
			for {
				var exc machine.ExceptionType
				var got uint32
				if write {
					exc = m.WriteMem(addr, 4, v)
				} else {
					got, exc = m.ReadMem(addr, 4)
				}
				if exc == machine.NoException {
					return got
				}
				require.Equal(t, machine.TLBMissException, exc)
				fault, err := paged.Fault(addr)
				require.NoError(t, err)
				require.Equal(t, machine.NoException, fault)
			}
		}
		addr := 40 * ps
		access(addr, false, 0)         // loaded clean
		access(addr, true, 0xdeadbeef) // dirty in the TLB only
		f := pg.ipt.lookup(1, addr/ps)
		require.NotEqual(t, noFrame, f)
		assert.False(t, pg.ipt.frames[f].Dirty, "the IPT learns of the write only from the TLB")
		for vpn := uint32(41); vpn < 45; vpn++ { // two frames: the page goes out
			access(vpn*ps, false, 0)
		}
		assert.Equal(t, noFrame, pg.ipt.lookup(1, addr/ps), "the page was not evicted")
		assert.Equal(t, homeSwap, paged.(*space).pages[addr/ps].home, "the dirty page went to swap")
		assert.Equal(t, uint32(0xdeadbeef), access(addr, false, 0))
		code := paged.(*space).pages[exe.Entry/ps]
		assert.Equal(t, backing{home: homeExec, slot: -1}, code, "read-only code never goes to swap")
		paged.Release()
		k.Halt()
	})
	assert.Equal(t, 1, pg.Stats().SwapReads)
	requireNoLeaks(t, pg)
}

// Every frame, slot and promise comes back when processes end: a hundred
// programs in turn, and programs killed by a fault, in 16 frames. The
// programs name their children from the top of the tree (test/true), so
// they run from there: from vm/ every Exec failed, and no child ran.
func TestEndedProcessesLeakNothing(t *testing.T) {
	t.Chdir("..")
	for prog, status := range map[string]string{"test/spawn": "100", "test/exec": "7220", "test/multi": "0"} {
		t.Run(prog, func(t *testing.T) {
			out, _, pg := runVM(t, prog, 16, Config{})
			assert.Contains(t, exits(out), fmt.Sprintf("nachos: %s: exited with status %s (pid 1)", prog, status), out)
			requireNoLeaks(t, pg)
		})
	}
}

// A halt that comes while a process waits for the disk in a page fault
// (here the --max-ticks limit, with three processes paging in six frames)
// ends the run with the halt's status: the thread unwinding out of the
// fault must not release the pager's lock from the wrong thread, a kernel
// error.
func TestHaltDuringAFaultEndsCleanly(t *testing.T) {
	t.Chdir("..") // exec runs test/hello and test/matmult
	for _, limit := range []int64{10000, 17919, 25838} {
		var out bytes.Buffer
		k, err := userprog.New(kernel.Config{
			Machine: machine.Config{PhysPages: 6, TLBSize: 4, Seed: 3}, RandomYield: true, MaxTicks: limit,
			Out: &out, Err: &out,
		}, userprog.Config{})
		require.NoError(t, err)
		pg, err := New(k, Config{})
		require.NoError(t, err)
		status, err := k.RunProgram("test/exec")
		pg.Close()
		require.NoError(t, err)
		assert.Equal(t, kernel.ExitTickLimit, status, "limit %d: %s", limit, out.String())
		assert.NotContains(t, out.String(), "kernel error", "limit %d", limit)
		assert.Equal(t, 1, strings.Count(out.String(), "Machine halting!"), "limit %d", limit)
	}
}

func TestSparseArrayRunsInAFewFrames(t *testing.T) {
	out, status, pg := runVM(t, "../test/sparse", 8, Config{})
	assert.Equal(t, kernel.ExitOK, status)
	assert.Contains(t, out, "exited with status 36")
	assert.Less(t, pg.Stats().ZeroFills, 16, "only the pages touched were filled")
}

func TestOutOfSwapKillsTheProcessThatNeededASlot(t *testing.T) {
	// Without --overcommit, the program is refused at once.
	k, _ := machineFor(t, 32, Config{SwapPages: 1024}, "", io.Discard)
	_, err := k.RunProgram("../test/swapfill")
	require.ErrorContains(t, err, "needs 2062 pages, but only 1056 of the 1056 pages of memory and swap are not promised")

	// With just enough for every page it was promised, it runs, though
	// memory and swap fill up completely (a page read back from swap
	// gives its slot to its victim).
	out, status, _ := runVM(t, "../test/swapfill", 32, Config{SwapPages: 2030})
	assert.Equal(t, kernel.ExitOK, status, out)
	assert.Contains(t, out, "exited with status 2048")

	// With --overcommit it starts, and is killed when the swap is full;
	// the shell goes on to run matmult.
	out, status, pg := runWithInput(t, "../test/shell", "swapfill\nmatmult\n", 32, Config{SwapPages: 1024, Overcommit: true})
	assert.Equal(t, kernel.ExitUserFault, status)
	assert.Regexp(t, `nachos: \S+/swapfill: out of swap space: the page at 0x[0-9a-f]+ needs a frame, .* whose 1024 slots are all in use`, out)
	assert.Contains(t, out, "swapfill: process 2 killed")
	assert.Contains(t, out, "matmult: exited with status 7220 (pid 3)")
	requireNoLeaks(t, pg)
}

func TestTLBTagsSaveMissesAcrossSwitches(t *testing.T) {
	run := func(asid bool) Stats {
		var out bytes.Buffer
		k, pg := seededMachine(t, 64, 5, Config{ASID: asid}, "", &out)
		status, err := k.RunProgram("../test/multi")
		require.NoError(t, err)
		require.Equal(t, kernel.ExitOK, status, out.String())
		require.Len(t, exits(out.String()), 5)
		return pg.Stats()
	}
	flushed, tagged := run(false), run(true)
	assert.Less(t, tagged.TLBMisses, flushed.TLBMisses)
}

// Under --trace, every fault, frame and eviction is an event, and the
// events agree with the statistics.
func TestPagingIsTraced(t *testing.T) {
	var buf bytes.Buffer
	w := trace.NewWriter(&buf, "test")
	k, err := userprog.New(kernel.Config{
		Machine: machine.Config{PhysPages: 16, TLBSize: 4}, Trace: w,
		In: strings.NewReader(""), Out: io.Discard, Err: io.Discard,
	}, userprog.Config{})
	require.NoError(t, err)
	pg, err := New(k, Config{})
	require.NoError(t, err)
	defer pg.Close()
	_, err = k.RunProgram("../test/matmult")
	require.NoError(t, err)
	require.NoError(t, w.Close())
	_, events, err := trace.Read(&buf, "test")
	require.NoError(t, err)
	count := map[trace.Kind]int{}
	dirty := 0
	for _, e := range events {
		count[e.Kind]++
		if e.Kind == trace.Eviction && e.Dirty {
			dirty++
		}
	}
	s := pg.Stats()
	assert.Equal(t, s.Faults, count[trace.PageFault])
	assert.Equal(t, s.Faults, count[trace.FrameAlloc])
	assert.Equal(t, s.CleanEvictions+s.DirtyEvictions, count[trace.Eviction])
	assert.Equal(t, s.DirtyEvictions, dirty)
	assert.Equal(t, s.TLBMisses, count[trace.TLBMiss])
	assert.Equal(t, 16, count[trace.FrameFree], "every frame is freed at the end")
}

// The README's table of matmult's faults in 16 frames, per policy, is
// what the kernel does; OPT faults least.
func TestMatmultFaultsPerPolicy(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	least := map[string]int{}
	for _, p := range Policies {
		var out bytes.Buffer
		k, pg := machineFor(t, 16, configFor(t, "../test/matmult", 16, &p), "", &out)
		_, err := k.RunProgram("../test/matmult")
		require.NoError(t, err)
		s := pg.Stats()
		row := fmt.Sprintf("| `%s` | %d | %d | %d |", p.Name, s.Faults, s.DirtyEvictions, k.Machine.Stats.TotalTicks)
		t.Log(row)
		assert.Contains(t, string(readme), row+"\n")
		least[p.Name] = s.Faults
	}
	for name, faults := range least {
		assert.LessOrEqual(t, least["opt"], faults, name)
	}
}

// Under --local each process replaces its own pages once it has its
// share: the results are the same, and the frames all come back.
func TestLocalReplacement(t *testing.T) {
	out, status, pg := runVM(t, "../test/multi", 32, Config{Local: true})
	assert.Equal(t, kernel.ExitOK, status, out)
	assert.Equal(t, 2, strings.Count(out, "multi: matmult exited with 7220\n"))
	assert.Equal(t, 2, strings.Count(out, "multi: sort exited with 0\n"))
	assert.Contains(t, out, "nachos: ../test/multi: exited with status 0 (pid 1)\n")
	requireNoLeaks(t, pg)
	_, _, global := runVM(t, "../test/multi", 32, Config{})
	assert.NotEqual(t, global.Stats(), pg.Stats(), "--local chooses other victims than global replacement")
}

package e2e

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vmPolicies are the page replacement policies, as USC's courses and
// the README spell them.
var vmPolicies = []string{"FIFO", "RAND", "clock", "eclock", "LRU", "aging", "nru", "opt"}

// paging returns the statistics lines demand paging adds.
func paging(stdout string) string {
	return strings.Join(regexp.MustCompile(`(?m)^(Paging|TLB|Page-ins|Evictions): .*$`).FindAllString(stdout, -1), "\n")
}

// -P alone turns demand paging on, with a 4-entry TLB; the program runs
// as without it, in less memory than it needs.
func TestPolicyFlagImpliesVM(t *testing.T) {
	r := nachos(t, "", "-x", "test/matmult", "-P", "FIFO", "--phys-pages", "16")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "nachos: test/matmult: exited with status 7220 (pid 1)\n", kernelMessages(r.stderr)[0])
	assert.Contains(t, r.stdout, "Paging: faults 6646\nTLB: hits ")
	assert.Contains(t, r.stdout, "Evictions: clean 6210, dirty 420; swap writes 420\n")

	bad := nachos(t, "", "-x", "test/matmult", "-P", "mru")
	assert.Equal(t, 2, bad.status)
	assert.Contains(t, bad.stderr, `no page replacement policy "mru"; the policies are fifo, rand, clock, eclock, lru, aging, nru, opt`)
}

// Without --vm nothing changes: the statistics have no paging lines.
func TestNoPagingWithoutVM(t *testing.T) {
	r := nachos(t, "", "-x", "test/matmult")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "Paging: faults 0", paging(r.stdout))
}

// The programs give the same results under every policy; only the
// statistics differ.
func TestProgramsUnderDemandPaging(t *testing.T) {
	runs := []struct {
		args  []string
		input string
	}{
		{[]string{"-x", "test/multi", "--phys-pages", "32"}, ""},
		{[]string{"-x", "test/exec", "--phys-pages", "16"}, ""},
		{[]string{"-x", "test/fork", "--phys-pages", "16"}, ""},
		{[]string{"-x", "test/prodcons", "--phys-pages", "16"}, ""},
		{[]string{"-x", "test/shell", "--phys-pages", "16"}, "hello\nmatmult\nsort\n"},
	}
	for _, run := range runs {
		t.Run(run.args[1], func(t *testing.T) {
			plain := nachos(t, run.input, run.args[0], run.args[1], "--phys-pages", "256") // all in memory
			for _, policy := range vmPolicies {
				r := nachos(t, run.input, append(run.args, "-P", policy)...)
				assert.Equal(t, plain.status, r.status, policy)
				assert.Equal(t, programOutput(plain.stdout), programOutput(r.stdout), policy)
				// The same programs end with the same statuses, though
				// paging's disk waits may change the order they end in.
				assert.Equal(t, problems(plain.stderr), problems(r.stderr), policy)
				assert.ElementsMatch(t, kernelMessages(plain.stderr), kernelMessages(r.stderr), policy)
			}
		})
	}
}

// reclaim under demand paging: memory and swap run out for Exec (two
// matmults of 52 pages fit in 32 frames and 100 pages of swap), and come
// back, as frames do without it; forkall's threads too.
func TestReclaimUnderDemandPaging(t *testing.T) {
	for _, policy := range vmPolicies {
		r := nachos(t, "", "-x", "test/reclaim", "-P", policy, "--phys-pages", "32", "--swap", "100")
		require.Equal(t, 0, r.status, r.stderr)
		assert.Equal(t, "reclaim: 2 matmults fit in memory at once\n"+
			"reclaim: 20 matmults one after another: all exited with 7220\n"+
			"reclaim: 2 matmults fit again: every frame came back\n"+
			"reclaim: forkall made 12 threads, 3 times\n", programOutput(r.stdout), policy)
	}
}

// Seeded runs of two matmults and two sorts at once in 32 frames, with
// context switches at random times.
func TestMultiUnderDemandPagingWithSeeds(t *testing.T) {
	for seed := 1; seed <= 5; seed++ {
		r := nachos(t, "", "-x", "test/multi", "--vm", "--phys-pages", "32", "-rs", fmt.Sprint(seed))
		require.Equal(t, 0, r.status, "seed %d: %s", seed, r.stderr)
		assert.Contains(t, r.stderr, "nachos: test/multi: exited with status 0 (pid 1)\n", "seed %d", seed)
	}
}

// The NOFF programs elf2noff makes run under --vm as without it.
func TestNOFFUnderDemandPaging(t *testing.T) {
	dir := t.TempDir()
	for name, flags := range map[string][]string{"le34": nil, "be34": {"--header-order", "big"}, "le4": {"--rdata"}, "be4": {"--rdata", "--header-order", "big"}} {
		out := filepath.Join(dir, name)
		require.Equal(t, 0, nachos(t, "", append([]string{"elf2noff", "test/matmult", out}, flags...)...).status)
		r := nachos(t, "", "-x", out, "--vm", "--phys-pages", "16")
		assert.Equal(t, 0, r.status, name)
		assert.Contains(t, r.stderr, "exited with status 7220", name)
	}
}

// A bad address is still a bad address: the same report as without --vm.
func TestBadAddressUnderDemandPaging(t *testing.T) {
	plain := nachos(t, "", "-x", "test/bad")
	r := nachos(t, "", "-x", "test/bad", "--vm")
	assert.Equal(t, 1, r.status)
	assert.Equal(t, plain.stderr, r.stderr)
}

// -d p prints each process's paging counts as it ends.
func TestPagingDebugFlag(t *testing.T) {
	r := nachos(t, "", "-x", "test/exec", "--vm", "--phys-pages", "16", "-d", "p")
	require.Equal(t, 1, r.status) // exec runs bad, which is killed
	for _, child := range []string{"test/hello (pid 2)", "test/matmult (pid 3)", "test/bad (pid 4)", "test/exec (pid 1)"} {
		assert.Contains(t, r.stderr, "Paging for "+child+": faults ")
	}
	// The first fault is at the entry point, above the null-pointer guard.
	assert.Regexp(t, `(?m)^\s+\d+  Page fault: page 8 \(0x00000400\) of test/exec \(pid 1\): executable$`, r.stderr)
}

// Aging's counters shift at every timer interrupt, as the textbook's do
// at each clock tick, when the machine has a timer (-rs). matmult's
// references do not depend on timing, so FIFO faults as often with the
// timer as without it; aging does not.
func TestAgingShiftsAtTimerInterrupts(t *testing.T) {
	faults := func(args ...string) string {
		r := nachos(t, "", append([]string{"-x", "test/matmult", "--phys-pages", "16"}, args...)...)
		require.Equal(t, 0, r.status, r.stderr)
		return regexp.MustCompile(`Paging: faults \d+`).FindString(r.stdout)
	}
	assert.Equal(t, faults("-P", "fifo"), faults("-P", "fifo", "-rs", "1"))
	assert.NotEqual(t, faults("-P", "aging"), faults("-P", "aging", "-rs", "1"))
}

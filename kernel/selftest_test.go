// Tests that run every self-test over many seeds, with and without the
// random timer, and check their exit statuses, their messages and the
// invariants their traces report.

package kernel_test

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/machine"
)

// selfTestRun is what one run of a self-test left behind.
type selfTestRun struct {
	status   int
	out, err string
}

// runSelfTest boots a kernel seeded with seed, with the random timer if
// randomYield (as -rs does), and runs the self-test called name.
func runSelfTest(t testing.TB, name string, seed uint32, randomYield bool) selfTestRun {
	t.Helper()
	test, ok := kernel.FindSelfTest(name)
	require.True(t, ok, "no self-test %q", name)
	var out, errOut bytes.Buffer
	k, err := kernel.New(kernel.Config{Machine: machine.Config{Seed: seed}, RandomYield: randomYield,
		Out: &out, Err: &errOut, In: strings.NewReader("")})
	require.NoError(t, err)
	status := k.Boot(func() { test.Run(k) })
	return selfTestRun{status, out.String(), errOut.String()}
}

// seeds is how many seeds each self-test runs with; -short runs fewer.
func seeds() uint32 {
	if testing.Short() {
		return 20
	}
	return 200
}

// The self-tests that must end well, and the last line of their traces.
var passingSelfTests = map[string]string{
	"threadtest":           "looped 4 times\n",
	"lock":                 "all 9 visits were alone, in order of arrival\n",
	"cond-signal-lost":     "sleeper wakes up\n",
	"cond-signal-one":      "each signal woke one waiter, the one that had waited longest\n",
	"cond-broadcast":       "one broadcast woke all 4 waiters\n",
	"race":                 "", // checked in TestRaceOutcomesDependOnTheSeed
	"race-locked":          "",
	"synchlist":            "all 30 items were got exactly once\n",
	"soda-semaphores":      "all 30 items were got exactly once\n",
	"soda-monitor":         "all 30 items were got exactly once\n",
	"readers-writers":      "", // checked in TestReadersWriters
	"sleeping-barber":      "", // checked in TestSleepingBarber
	"philosophers-ordered": "every philosopher ate 3 meals\n",
	"office":               "", // checked in TestOfficeBalancesItsBooks
}

// The self-tests that pass by stopping with a kernel error.
var misuseSelfTests = map[string]string{
	"lock-release-unowned": `lock "buf" released by "consumer" but held by "producer"`,
	"lock-reacquire":       `"main" acquired lock "l", which it already holds: it would wait for itself forever`,
	"cond-wait-unlocked":   `"main" called Wait on condition "ready" without holding lock "mutex"`,
	"cond-wrong-lock":      `"main" called Signal on condition "ready" with lock "b", but its waiters use lock "a"`,
}

// The self-tests checked by tests of their own.
var selfTestsCheckedElsewhere = []string{
	"philosophers-naive", // deadlock_test.go
	"priority-inversion", // donation_test.go: it needs --sched priority
}

// Every self-test is in one of the tables above, and names are unique.
func TestEverySelfTestIsChecked(t *testing.T) {
	var names []string
	for _, test := range kernel.SelfTests {
		names = append(names, test.Name)
		_, passing := passingSelfTests[test.Name]
		_, misuse := misuseSelfTests[test.Name]
		assert.True(t, passing || misuse || slices.Contains(selfTestsCheckedElsewhere, test.Name), "self-test %q is not checked", test.Name)
		assert.NotEmpty(t, test.Doc, test.Name)
		found, ok := kernel.FindSelfTest(test.Name)
		assert.True(t, ok)
		assert.Equal(t, test.Name, found.Name)
	}
	assert.Len(t, slices.Compact(slices.Sorted(slices.Values(names))), len(names), "self-test names are unique")
	_, ok := kernel.FindSelfTest("nope")
	assert.False(t, ok)
}

func TestPassingSelfTestsOverSeeds(t *testing.T) {
	for name, last := range passingSelfTests {
		for seed := range seeds() {
			for _, randomYield := range []bool{false, true} {
				run := runSelfTest(t, name, seed, randomYield)
				require.Equal(t, kernel.ExitOK, run.status, "%s, seed %d, -rs %v:\n%s", name, seed, randomYield, run.err)
				assert.Empty(t, run.err, "%s, seed %d", name, seed)
				trace, halt, found := strings.Cut(run.out, noMoreWork)
				require.True(t, found, "%s, seed %d: the simulation ends with nothing left to run", name, seed)
				assert.True(t, strings.HasSuffix(trace, last), "%s, seed %d: the trace ends with %q:\n%s", name, seed, last, trace)
				assert.True(t, strings.HasPrefix(halt, "Machine halting!\n"), name)
			}
		}
	}
}

func TestMisuseSelfTestsStopWithAKernelError(t *testing.T) {
	for name, message := range misuseSelfTests {
		for seed := range seeds() {
			for _, randomYield := range []bool{false, true} {
				run := runSelfTest(t, name, seed, randomYield)
				assert.Equal(t, kernel.ExitKernelError, run.status, "%s, seed %d", name, seed)
				assert.Equal(t, "nachos: kernel error: "+message+"\n", run.err, "%s, seed %d", name, seed)
				assert.NotContains(t, run.out, noMoreWork)
				assert.Contains(t, run.out, "Machine halting!\n")
			}
		}
	}
}

// The exact trace of the lock misuse test, as nachos -K prints it.
func TestLockReleaseUnownedTrace(t *testing.T) {
	run := runSelfTest(t, "lock-release-unowned", 0, false)
	assert.Equal(t, "producer holds lock \"buf\"\n"+
		"consumer releases lock \"buf\", which it does not hold\n"+
		haltReport("Ticks: total 80, idle 0, system 80, user 0"), run.out)
}

// finalValue returns the value of i the race test printed last.
func finalValue(t *testing.T, out string) string {
	_, after, found := strings.Cut(out, "i ends as ")
	require.True(t, found, out)
	value, _, _ := strings.Cut(after, "\n")
	return value
}

// Across seeds, the race leaves i at each of 0, 1, 9 and 10, and at
// nothing else; with the lock, only at 1 or 9.
func TestRaceOutcomesDependOnTheSeed(t *testing.T) {
	for name, want := range map[string][]string{"race": {"0", "1", "10", "9"}, "race-locked": {"1", "9"}} {
		for _, randomYield := range []bool{false, true} {
			seen := map[string]bool{}
			for seed := range uint32(100) {
				seen[finalValue(t, runSelfTest(t, name, seed, randomYield).out)] = true
			}
			assert.Equal(t, want, slices.Sorted(maps.Keys(seen)), "%s, -rs %v", name, randomYield)
		}
	}
}

// One run of the race, step by step.
func TestRaceTrace(t *testing.T) {
	run := runSelfTest(t, "race", 0, false)
	assert.Equal(t, "A: i = 0\nB: i = 10\nB: i = i - 1, now 9\nA: i = i + 1, now 10\ni ends as 10\n"+
		noMoreWork+haltReport("Ticks: total 80, idle 0, system 80, user 0"), run.out)
}

func TestReadersWriters(t *testing.T) {
	concurrentReads := false
	for seed := range seeds() {
		run := runSelfTest(t, "readers-writers", seed, true)
		require.Equal(t, kernel.ExitOK, run.status, run.err)
		assert.Contains(t, run.out, "6 updates, none lost; at most ")
		concurrentReads = concurrentReads || !strings.Contains(run.out, "at most 1 readers read at once")
	}
	assert.True(t, concurrentReads, "in some run, readers read at the same time")
}

func TestSleepingBarber(t *testing.T) {
	turnedAway := false
	for seed := range seeds() {
		run := runSelfTest(t, "sleeping-barber", seed, true)
		require.Equal(t, kernel.ExitOK, run.status, run.err)
		assert.Contains(t, run.out, "the barber goes home\n")
		served := strings.Count(run.out, "leaves with a haircut\n")
		away := strings.Count(run.out, "finds every chair taken and leaves\n")
		assert.Equal(t, 10, served+away)
		assert.Equal(t, served, strings.Count(run.out, "the barber cuts hair"))
		turnedAway = turnedAway || away > 0
	}
	assert.True(t, turnedAway, "in some run, the chairs were all taken")
}

// The office over 150 seeds: its own checks pass, every customer the
// opening line announced left exactly once, and the manager collected
// what the customers paid.
func TestOfficeBalancesItsBooks(t *testing.T) {
	n := uint32(150)
	if testing.Short() {
		n = 20
	}
	shapes := map[string]bool{}
	for seed := range n {
		run := runSelfTest(t, "office", seed, seed%2 == 0)
		require.Equal(t, kernel.ExitOK, run.status, "seed %d: %s", seed, run.err)
		opening, _, _ := strings.Cut(run.out, "\n")
		shapes[opening] = true
		var clerks, customers int
		_, err := fmt.Sscanf(opening, "the post office opens with %d clerks; %d customers are coming", &clerks, &customers)
		require.NoError(t, err, opening)
		assert.Equal(t, customers, strings.Count(run.out, "leaves with his stamps\n"), "seed %d", seed)
		assert.Equal(t, customers, strings.Count(run.out, " pays clerk "), "seed %d", seed)
		assert.Equal(t, clerks, strings.Count(run.out, " goes home, having served "), "seed %d", seed)
		assert.Contains(t, run.out, "customers served once each", "seed %d", seed)
	}
	assert.Greater(t, len(shapes), 10, "the seed decides how many clerks and customers there are")
}

// The same seed gives the same run, byte for byte.
func TestSelfTestsAreDeterministic(t *testing.T) {
	for _, test := range kernel.SelfTests {
		for _, seed := range []uint32{3, 1234} {
			first := runSelfTest(t, test.Name, seed, true)
			again := runSelfTest(t, test.Name, seed, true)
			assert.Equal(t, first, again, "%s, seed %d", test.Name, seed)
		}
	}
}

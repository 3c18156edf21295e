package dist

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// wanted is how many entries a mutual exclusion run wants: every node's,
// but the coordinator's of the centralized algorithm.
func wanted(alg *Algorithm, sc Scenario) int {
	if alg == Centralized {
		return (sc.Nodes - 1) * sc.Entries
	}
	return sc.Nodes * sc.Entries
}

// Without contention every entry waits what the theory says, in message
// times: the centralized algorithm exactly 2 (REQUEST, GRANT); those
// that ask everyone at least a request and its answer, and at most the
// textbook's 2(n-1), every message after the one before; the token ring
// anything from nothing (the token is arriving) to n (it has just left,
// and comes back after n hops), n/2 on average.
func TestUncontendedDelayMatchesTheory(t *testing.T) {
	count := max(seeds(t)/30, 10) // the seeds differ only in where the token is
	for _, n := range []int{3, 5, 8} {
		everyone := float64(2 * (n - 1))
		for _, c := range []struct {
			alg       *Algorithm
			low, high float64
		}{
			{Centralized, 2, 2},
			{RicartAgrawala, 2, everyone},
			{RicartAgrawalaNotOK, 2, everyone},
			{LamportMutex, 2, everyone},
			{MajorityOK, 2, everyone},
			{Voting, 2, everyone},
			{TokenRing, 0, float64(n)},
		} {
			sc := Scenario{Nodes: n, Entries: 3, TakeTurns: true}
			s, err := Sweep(c.alg, sc, count, func(r *Result) {
				assert.Equal(t, wanted(c.alg, sc), r.Count(Enter), "%s n=%d seed %d", c.alg.Name, n, r.Scenario.Seed)
				assert.Zero(t, r.Overlapped, "%s n=%d seed %d: turns overlap", c.alg.Name, n, r.Scenario.Seed)
				assert.False(t, r.CutOff)
			})
			require.NoError(t, err)
			assert.Empty(t, s.Violations)
			require.Equal(t, count*wanted(c.alg, sc), s.Wait.n, "%s n=%d: every entry's wait measured", c.alg.Name, n)
			assert.GreaterOrEqual(t, s.Wait.Min, c.low-0.01, "%s n=%d", c.alg.Name, n)
			assert.LessOrEqual(t, s.Wait.Max, c.high+0.01, "%s n=%d", c.alg.Name, n)
			t.Logf("%-22s n=%d: wait per entry min %.2f, mean %.2f, max %.2f message times (bounds %g to %g)",
				c.alg.Name, n, s.Wait.Min, s.Wait.Mean(), s.Wait.Max, c.low, c.high)
			if c.alg == TokenRing {
				assert.InDelta(t, float64(n)/2, s.Wait.Mean(), 0.5, "n=%d: the token is anywhere on the ring", n)
				assert.Greater(t, s.Wait.Max, float64(n-1), "n=%d: a token that has just left makes n hops to come back", n)
			}
		}
	}
}

// The message time is the run's fastest message: on an idle wire, the
// interface's send time, the latency, and the receiver's acknowledgement
// (another send time) before its handler sees the message, and a little
// for the threads; it grows with --latency, tick for tick.
func TestMessageTimeIsSendLatencyAndAcknowledgement(t *testing.T) {
	r := mustRun(t, Centralized, Scenario{Nodes: 3, Entries: 1, TakeTurns: true})
	mt := r.MessageTime()
	assert.Greater(t, mt, int64(300), "send 100, latency 100, acknowledgement 100")
	assert.Less(t, mt, int64(400))
	assert.Equal(t, []int64{2 * mt, 2 * mt}, r.Waits, "REQUEST and GRANT")
	assert.Contains(t, r.Outcome, "2 entries made (2 wanted), 3.00 messages per entry, wait per entry: 700 ticks = 2.00 message times (a message takes 350 ticks)")

	slow := mustRun(t, Centralized, Scenario{Nodes: 3, Entries: 1, TakeTurns: true, Faults: machine.Faults{Latency: 400}})
	assert.Equal(t, mt+300, slow.MessageTime())
	assert.Zero(t, (&Result{}).MessageTime(), "no message, no message time")
}

// Turns that would not fit in the run, or for an algorithm without a
// critical section, are refused, saying why.
func TestUncontendedTurnsMustFit(t *testing.T) {
	_, err := Run(RicartAgrawala, Scenario{Nodes: 32, Entries: 3, TakeTurns: true})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "--uncontended: 32 nodes taking turns for 3 entries each need")
	assert.Contains(t, err.Error(), "raise it")
	_, err = Run(Bully, Scenario{Nodes: 3, TakeTurns: true})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "bully is not a mutual exclusion algorithm")
}

// Without faults every mutual exclusion algorithm lets every node make
// all its entries under contention, on every seed: all but majority
// rules, whose OKs split between nodes asking at once and deadlock them
// (the notes' variation has no way out). Without contention all are
// live: TestUncontendedDelayMatchesTheory counts every entry.
func TestMutexIsLiveWithoutFaults(t *testing.T) {
	count := seeds(t) / 10
	for _, alg := range []*Algorithm{Centralized, RicartAgrawala, RicartAgrawalaNotOK, LamportMutex, MajorityOK, TokenRing, Voting} {
		stuck := 0
		for _, n := range []int{3, 5, 8} {
			sc := Scenario{Nodes: n, Entries: 3}
			s, err := Sweep(alg, sc, count, func(r *Result) {
				if r.Count(Enter) < wanted(alg, sc) {
					stuck++
				}
				assert.False(t, r.CutOff, "%s n=%d seed %d", alg.Name, n, r.Scenario.Seed)
			})
			require.NoError(t, err)
			assert.Empty(t, s.Violations, alg.Name)
		}
		if alg == MajorityOK {
			assert.Positive(t, stuck, "majority rules deadlocks")
			continue
		}
		assert.Zero(t, stuck, "%s: runs where some node did not make all its entries", alg.Name)
	}
}

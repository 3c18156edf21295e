package dist

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// Each rule keeps its ordering over a reordering, lossy wire, and the
// weaker ones visibly break the next stronger ordering in some runs.
func TestMulticastOrderings(t *testing.T) {
	sc := Scenario{Nodes: 4, Faults: machine.Faults{Loss: 0.1, Jitter: 300, Reorder: 0.2}}
	for _, c := range []struct {
		alg    *Algorithm
		breaks string // the ordering it is expected to break, sometimes
	}{
		{UnorderedMulticast, "FIFO"}, {FIFOMulticast, "causal"}, {CausalMulticast, "total"}, {TotalMulticast, ""},
	} {
		broken := 0
		s, err := Sweep(c.alg, sc, seeds(t), func(r *Result) {
			assert.Contains(t, r.Outcome, "48 of 48 deliveries", "%s seed %d", c.alg.Name, r.Scenario.Seed)
			if c.breaks != "" && r.Broken[c.breaks] > 0 {
				broken++
			}
		})
		require.NoError(t, err)
		assert.Empty(t, s.Violations, c.alg.Name)
		if c.breaks != "" {
			assert.Greater(t, broken, 10, "%s should break %s order in some runs", c.alg.Name, c.breaks)
		}
	}
}

// The checker fails a run that breaks the ordering its algorithm
// promises: each rule, promised by the next weaker algorithm, which
// breaks it in some runs.
func TestOrderCheckerCatchesABrokenPromise(t *testing.T) {
	sc := Scenario{Nodes: 4, Faults: machine.Faults{Loss: 0.1, Jitter: 300, Reorder: 0.2}}
	for _, c := range []struct {
		alg     *Algorithm
		promise ordering
	}{
		{UnorderedMulticast, fifoOrder}, {FIFOMulticast, causalOrder}, {CausalMulticast, totalOrder},
	} {
		liar := *c.alg
		liar.Checker = func() Checker { return &orderChecker{promise: c.promise} }
		s, err := Sweep(&liar, sc, 100, nil)
		require.NoError(t, err)
		require.NotEmpty(t, s.Violations, "%s promising %s order", c.alg.Name, c.promise)
		assert.Contains(t, s.Violations[0].Rule, "not "+c.promise.String(), c.alg.Name)
	}
}

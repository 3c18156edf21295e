package dist

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// Resynchronizing every L = E/2D ticks keeps every pair of clocks within
// E (plus the round trip's own error), over a lossy, jittery wire; every
// 2L, many seeds drift too far.
func TestPhysicalClocksStayWithinEAtPeriodL(t *testing.T) {
	for _, alg := range []*Algorithm{Cristian, NTP, Berkeley} {
		sc := Scenario{Nodes: 5, Faults: machine.Faults{Loss: 0.1, Jitter: 50}}
		s, err := Sweep(alg, sc, seeds(t), nil)
		require.NoError(t, err)
		assert.Empty(t, s.Violations, alg.Name)

		sc.Period = 2 * int64(DefaultMaxError/(2*DefaultDrift))
		s, err = Sweep(alg, sc, 100, nil)
		require.NoError(t, err)
		assert.Greater(t, len(s.Violations), 20, alg.Name)
		assert.Contains(t, s.Violations[0].Rule, "more than E + a round trip")
	}
}

// Berkeley's master leaves a clock far from the median out of the
// average: node 4, an hour off, does not drag the others.
func TestBerkeleyLeavesOutliersOut(t *testing.T) {
	assert.Equal(t, 10, meanWithoutOutliers([]int{0, 20, 10, 3_600_000}, 2500))
	assert.Equal(t, -3, meanWithoutOutliers([]int{-3000, 0, -9, 2600, 0}, 2500), "both far ends are left out")
	assert.Equal(t, 1_000_001, meanWithoutOutliers([]int{0, 1_000_000, 1_000_001, 1_000_002, 1_000_003}, 2500),
		"the master's own clock (offset 0) is left out when it is the one far off")
}

// A clock told to go back slows down instead: it never runs backwards.
func TestClockAdjustmentIsGradual(t *testing.T) {
	c := &physicalClock{rate: 1.01}
	c.adjust(1000, -500, 100)
	last := c.read(1000)
	for tick := int64(1000); tick <= 3000; tick += 10 {
		v := c.read(tick)
		assert.GreaterOrEqual(t, v, last)
		last = v
	}
	assert.InDelta(t, 1010+2000*1.01-500, c.read(3000), 1e-6, "the whole correction is made")
}

// NTP's delay is the round trip less the server's time; both clients
// and the server have their own drift, yet the delay is positive.
func TestNTPMeasuresDelay(t *testing.T) {
	r := mustRun(t, NTP, Scenario{Nodes: 3, Seed: 4})
	require.Nil(t, r.Violation)
	delays := 0
	for _, e := range r.Events {
		if e.Kind == Decide && e.What == "delay" {
			delays++
			assert.Greater(t, e.Value, 0)
			assert.Less(t, e.Value, MaxRoundTrip)
		}
	}
	assert.Equal(t, 2*SyncRounds, delays)
}

// A clock that runs backwards is caught, though it is within E of the
// others; a node that is down is not read.
func TestSkewCheckerCatchesAClockRunningBackwards(t *testing.T) {
	c := &skewChecker{}
	r := &Result{Scenario: Scenario{MaxError: DefaultMaxError, Drift: DefaultDrift}}
	down := math.NaN()
	require.NoError(t, c.Sample(r, 2000, []float64{down, 2000, 2010}))
	require.NoError(t, c.Sample(r, 4000, []float64{down, down, 4020}))
	assert.Equal(t, 10.0, r.Skew, "the worst skew so far")
	err := c.Sample(r, 6000, []float64{down, 1990, 6030})
	assert.ErrorContains(t, err, "node 1's clock ran backwards, from 2000 to 1990")
}

package vm

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func policy(t *testing.T, name string) *PolicyInfo {
	t.Helper()
	p, err := FindPolicy(name)
	require.NoError(t, err)
	return p
}

func TestFindPolicyTakesClassicSpellings(t *testing.T) {
	for spelling, name := range map[string]string{"FIFO": "fifo", "RAND": "rand", "Random": "rand", "LRU": "lru", "optimal": "opt", "second-chance": "clock"} {
		assert.Equal(t, name, policy(t, spelling).Name, spelling)
	}
	_, err := FindPolicy("mru")
	assert.EqualError(t, err, `no page replacement policy "mru"; the policies are fifo, rand, clock, eclock, lru, aging, nru, opt`)
}

// Belady's anomaly: FIFO faults more with more frames on this string.
func TestBeladysAnomaly(t *testing.T) {
	refs, err := ParseRefs("1,2,3,4,1,2,5,1,2,3,4,5")
	require.NoError(t, err)
	fifo := policy(t, "fifo")
	three, _ := Simulate(refs, 3, fifo, 0, false)
	four, _ := Simulate(refs, 4, fifo, 0, false)
	assert.Equal(t, 9, three)
	assert.Equal(t, 10, four)
	for _, name := range []string{"lru", "opt"} {
		three, _ := Simulate(refs, 3, policy(t, name), 0, false)
		four, _ := Simulate(refs, 4, policy(t, name), 0, false)
		assert.LessOrEqual(t, four, three, name)
	}
}

// OPT is never beaten, and the stack algorithms (LRU, OPT) never fault
// more with more frames, on random strings with and without locality.
func TestOptIsNeverBeatenAndStackAlgorithmsHaveNoAnomaly(t *testing.T) {
	for seed := uint32(1); seed <= 60; seed++ {
		refs := RandomRefs(200, 12, float64(seed%3)/2, seed)
		for frames := 1; frames <= 12; frames++ {
			best, _ := Simulate(refs, frames, policy(t, "opt"), seed, false)
			for _, p := range Policies {
				faults, _ := Simulate(refs, frames, &p, seed, false)
				require.GreaterOrEqual(t, faults, best, "%s beat opt with %d frames on seed %d", p.Name, frames, seed)
			}
			for _, name := range []string{"lru", "opt"} {
				fewer, _ := Simulate(refs, frames, policy(t, name), seed, false)
				more, _ := Simulate(refs, frames+1, policy(t, name), seed, false)
				require.LessOrEqual(t, more, fewer, "%s faulted more with %d frames than %d on seed %d", name, frames+1, frames, seed)
			}
		}
	}
}

func TestSimulationSteps(t *testing.T) {
	refs, _ := ParseRefs("0 1 # a comment\n2,0\n3")
	faults, steps := Simulate(refs, 3, policy(t, "fifo"), 0, true)
	assert.Equal(t, 4, faults)
	require.Len(t, steps, 5)
	assert.True(t, steps[3].Hit)
	assert.Equal(t, Step{Page: 3, Evicted: 0, Evicts: true, Frames: []uint32{3, 1, 2}, Held: []bool{true, true, true}}, steps[4])
}

func TestParseRefsRejectsJunk(t *testing.T) {
	_, err := ParseRefs("1, 2, x")
	assert.EqualError(t, err, `line 1: "x" is not a page number (a whole number, or pid:page)`)
	_, err = ParseRefs("# nothing\n")
	assert.EqualError(t, err, "the reference string is empty")
}

// The simulator and the kernel run the same policy code on the same
// string: a string recorded from a real run faults as often in the
// simulator as it did in the kernel.
func TestSimulatorAgreesWithTheKernel(t *testing.T) {
	for _, name := range []string{"fifo", "lru"} {
		t.Run(name, func(t *testing.T) {
			refs := RecordRefs()
			_, status, pg := runVM(t, "../test/matmult", 16, Config{Policy: policy(t, name), Refs: refs})
			require.Zero(t, status)
			var saved bytes.Buffer
			require.NoError(t, refs.Save(&saved))
			parsed, err := ParseRefs(saved.String())
			require.NoError(t, err)
			require.Equal(t, refs.Len(), len(parsed))
			faults, _ := Simulate(parsed, 16, policy(t, name), 0, false)
			assert.Equal(t, pg.Stats().Faults, faults, fmt.Sprintf("%d references", len(parsed)))
		})
	}
}

// Each pid:page pair of a recorded string is a page of its own, shown as
// #N in order of first appearance; plain pages keep their numbers.
func TestPidPagePairsArePagesOfTheirOwn(t *testing.T) {
	refs, err := ParseRefs("1:3 1:4\n2:3, 1:3 5")
	require.NoError(t, err)
	var names []string
	for _, p := range refs {
		names = append(names, PageName(p))
	}
	assert.Equal(t, []string{"#0", "#1", "#2", "#0", "5"}, names)
}

package network

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

func TestLinkSpellings(t *testing.T) {
	wire := machine.Faults{Loss: 0.1, Latency: 100, Jitter: 20}
	both, err := ParseLinkFaults("1-2:loss=0.5", wire)
	require.NoError(t, err)
	half := machine.Faults{Loss: 0.5, Latency: 100, Jitter: 20}
	assert.Equal(t, []machine.LinkFaults{{From: 1, To: 2, Faults: half}, {From: 2, To: 1, Faults: half}}, both,
		"both directions; the faults not named are the wire's")

	want := []machine.LinkFaults{{From: 2, To: 3,
		Faults: machine.Faults{Loss: 0.3, Duplicate: 0.1, Latency: 800, Jitter: 200, Reorder: 0.2}}}
	for _, s := range []string{"2to3:loss=0.3,dup=0.1,latency=800,jitter=200,reorder=0.2", "2>3: loss=0.3, dup=0.1, latency=800, jitter=200, reorder=0.2"} {
		one, err := ParseLinkFaults(s, wire)
		require.NoError(t, err, s)
		assert.Equal(t, want, one, s)
	}
}

// Every mistake says what is wrong and shows a spelling that works.
func TestLinkMistakesAreExplained(t *testing.T) {
	for s, msg := range map[string]string{
		"1-2":               "give the link, a colon and the faults",
		"1-2:":              "give the link, a colon and the faults",
		"12:loss=1":         `"12" is not a link: give FROM-TO for both directions, or FROMtoTO for one`,
		"x-2:loss=1":        `"x" is not a machine number (0 to 1023)`,
		"1-5000:loss=1":     `"5000" is not a machine number`,
		"3to3:loss=1":       "a link joins two different machines",
		"1-2:los=0.5":       `no fault "los": the faults are loss, dup, reorder, latency, jitter`,
		"1-2:loss":          "give loss a value, as loss=VALUE",
		"1-2:loss=half":     "loss=half: give a probability, a number from 0 to 1",
		"1-2:loss=1.5":      "loss 1.5 is not a probability",
		"1-2:dup=NaN":       "duplicate NaN is not a probability",
		"1-2:latency=0":     "latency=0: give a whole number of ticks, at least 1",
		"1-2:jitter=-5":     "jitter=-5: give a whole number of ticks, at least 0",
		"1to2:latency=1.5":  "latency=1.5: give a whole number of ticks",
		"1-2:loss=0.1,,":    `"" names no fault: give NAME=VALUE between the commas`,
		"1-2:=0.5":          `"=0.5" names no fault: give NAME=VALUE`,
		"1-2:reorder=0.1;x": "reorder=0.1;x: give a probability",
	} {
		_, err := ParseLinkFaults(s, machine.Faults{})
		require.Error(t, err, s)
		assert.Contains(t, err.Error(), msg, s)
		assert.Contains(t, err.Error(), "e.g. --link 1-2:loss=0.5 (both directions) or --link 2to3:", s)
	}
}

// Whatever a student types, the spelling's parser never panics.
func FuzzLinkSpellings(f *testing.F) {
	for _, s := range []string{"1-2:loss=0.5", "2to3:latency=800,jitter=200", "2>3:dup=0.1,reorder=0.2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		links, err := ParseLinkFaults(s, machine.Faults{})
		for _, l := range links {
			if err != nil || l.Faults.Check() != nil || l.From == l.To {
				t.Fatalf("%q: accepted %+v", s, l)
			}
		}
	})
}

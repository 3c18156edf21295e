package dist

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel/trace"
	"nachos/machine"
)

// Every algorithm, traced, reports exactly what it reports untraced, and
// its trace holds the run's history in the order it was recorded: each
// event, once, on its node's machine, at its tick, and the broken rule,
// if any, on machine 0.
func TestTracedRunIsTheSameRunAndItsHistory(t *testing.T) {
	for _, alg := range Algorithms {
		t.Run(alg.Name, func(t *testing.T) {
			sc := Scenario{Nodes: 4, Seed: 5, Faults: machine.Faults{Loss: 0.1}, Crashes: []Outage{{Node: 2, At: 3000, Until: 40000}}}
			plain, err := Run(alg, sc)
			require.NoError(t, err)
			var buf bytes.Buffer
			w := trace.NewWriter(&buf, "nachos dist "+alg.Name)
			traced, err := RunTraced(alg, sc, w)
			require.NoError(t, err)
			require.NoError(t, w.Close())
			var want, got bytes.Buffer
			WriteReport(&want, plain)
			WriteReport(&got, traced)
			require.Equal(t, want.String(), got.String())

			_, events, err := trace.ReadKinds(&buf, alg.Name, func(k trace.Kind) bool { return k >= trace.DistSend })
			require.NoError(t, err)
			var history []trace.Event
			add := func(te trace.Event) { // as written and read back: only the kind's own fields
				var back trace.Event
				require.NoError(t, json.Unmarshal(te.AppendJSON(nil), &back))
				history = append(history, back)
			}
			for _, e := range traced.Events {
				te := e.traceEvent()
				te.Tick, te.Machine = e.Tick, e.Node
				add(te)
			}
			if v := traced.Violation; v != nil {
				add(trace.Event{Tick: v.Tick, Kind: trace.DistViolation, Name: v.Rule})
			}
			for i := range events { // the running thread is the machine's business
				events[i].PID, events[i].TID, events[i].Thread = 0, 0, ""
			}
			assert.Equal(t, history, events)
		})
	}
}

package dist

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustRun(t *testing.T, alg *Algorithm, sc Scenario) *Result {
	t.Helper()
	r, err := Run(alg, sc)
	require.NoError(t, err)
	return r
}

// The worked example: six nodes, node 6 has crashed, node 3 notices.
func TestBullyNodeFiveWinsWhenSixIsDown(t *testing.T) {
	r := mustRun(t, Bully, Scenario{Nodes: 6, Crashes: []Outage{{Node: 6}}, Initiators: []Start{{Node: 3, At: 1}}})
	require.Nil(t, r.Violation)
	assert.Equal(t, "leader 5, known to nodes 1,2,3,4,5", r.Outcome)
	for _, e := range r.Events {
		t.Log(e)
	}
	t.Log(r.Counts)
}

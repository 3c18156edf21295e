package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel/trace"
	"nachos/test/tooltest"
)

// bully is the lecture's example: node 6 is down, node 3 notices.
var bully = []string{"dist", "bully", "--nodes", "6", "--crash", "6@0", "--initiator", "3"}

// A trace never changes a dist run: the report and the exit status are
// the same with --trace as without, and the trace holds the run's events,
// the machines' and the algorithm's.
func TestDistTraceDoesNotChangeTheRun(t *testing.T) {
	cases := []struct {
		args  []string
		kinds []trace.Kind // at least one of each
	}{
		{bully, []trace.Kind{trace.DistSend, trace.DistReceive, trace.DistGiveUp, trace.DistDecide, trace.DistCrash,
			trace.ThreadSwitch, trace.Interrupt, trace.PacketSend, trace.PacketReceive}},
		{[]string{"dist", "ricart-agrawala", "--nodes", "4", "--crash", "2@5000-30000"},
			[]trace.Kind{trace.DistEnter, trace.DistExit, trace.DistCrash, trace.DistRecover}},
		{[]string{"dist", "2pc-naive", "--nodes", "4", "--seed", "2", "--crash", "1@1300"}, []trace.Kind{trace.DistViolation}},
		{[]string{"dist", "snapshot", "--nodes", "3", "--loss", "0.2", "--seed", "4"}, []trace.Kind{trace.PacketDrop, trace.DistDecide}},
	}
	for _, c := range cases {
		plain, h, n := traceAlongside(t, c.args, c.kinds)
		assert.Equal(t, "nachos "+strings.Join(c.args[:2], " "), strings.Join(strings.Fields(h.Command)[:3], " "), "the header names the algorithm")
		// every event of the report's listing by node is in the trace, once
		algorithm := 0
		for k := trace.DistSend; k < trace.DistViolation; k++ {
			algorithm += n[k]
		}
		listing, _, ok := strings.Cut(plain.stdout, "\noutcome:")
		require.True(t, ok, plain.stdout)
		assert.Equal(t, len(regexp.MustCompile(`(?m)^ +\d+  node \d+  `).FindAllString(listing, -1)), algorithm, "%v", c.args)
	}
}

// The bully run's trace: every node is a machine of the trace, and the
// algorithm's messages, decisions and crash are there with their
// numbers and Lamport clocks, a receipt matching its send.
func TestDistTraceOfTheBullyElection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bully.jsonl")
	r := nachos(t, "", append(bully, "--trace", path)...)
	require.Zero(t, r.status, r.stderr)
	h, events := readTrace(t, path)
	assert.Equal(t, "nachos dist bully --crash 6@0 --initiator 3 --nodes 6 --trace "+path, h.Command)
	assert.Equal(t, trace.Version, h.Version)
	machines := map[int]bool{}
	sends := map[int64]trace.Event{}
	sent := map[string]int{}
	var decisions, gaveUp []string
	for _, e := range events {
		machines[e.Machine] = true
		switch e.Kind {
		case trace.DistSend:
			assert.Equal(t, e.Machine, e.Src, "a send is recorded by its sender")
			sends[e.ID] = e
			sent[e.Name]++
		case trace.DistReceive:
			s, ok := sends[e.ID]
			require.True(t, ok, "message %d received before it was sent", e.ID)
			assert.Equal(t, e.Machine, e.Dst, "a receipt is recorded by its receiver")
			assert.Equal(t, []any{s.Name, s.Src, s.Dst}, []any{e.Name, e.Src, e.Dst})
			assert.Greater(t, e.Lamport, s.Lamport, "the receiver's clock passes the sender's")
			assert.GreaterOrEqual(t, e.Tick, s.Tick)
		case trace.DistGiveUp:
			gaveUp = append(gaveUp, fmt.Sprintf("%s %d>%d", e.Name, e.Src, e.Dst))
		case trace.DistDecide:
			decisions = append(decisions, fmt.Sprintf("%d: %s=%d", e.Machine, e.Name, e.Value))
		case trace.DistCrash:
			assert.Equal(t, []any{6, int64(0)}, []any{e.Machine, e.Tick})
		}
	}
	assert.Equal(t, map[int]bool{1: true, 2: true, 3: true, 4: true, 5: true, 6: true}, machines)
	assert.Equal(t, map[string]int{"ELECTION": 6, "OK": 3, "COORDINATOR": 5}, sent, "the report's messages: 14 (ELECTION 6, OK 3, COORDINATOR 5)")
	assert.Equal(t, []string{"ELECTION 3>6", "ELECTION 4>6", "ELECTION 5>6", "COORDINATOR 5>6"}, gaveUp)
	assert.Equal(t, []string{"5: leader=5", "1: leader=5", "2: leader=5", "3: leader=5", "4: leader=5"}, decisions)
}

// The same flags give the same trace, byte for byte.
func TestDistTraceRepeats(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.jsonl")
	var first []byte
	for i := range 2 {
		r := nachos(t, "", "dist", "ricart-agrawala", "--nodes", "4", "--loss", "0.1", "--jitter", "50", "--seed", "3", "--trace", path)
		require.Zero(t, r.status, r.stderr)
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		if i == 0 {
			first = b
			require.NoError(t, os.Remove(path), "the second run must write its own trace") // same path: the header names it
		} else {
			assert.True(t, string(first) == string(b), "the second trace differs from the first")
		}
	}
}

// A sweep is many runs, and a trace holds one: --trace with --seeds is
// refused before anything runs.
func TestDistTraceRefusesASweep(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.jsonl")
	r := nachos(t, "", "dist", "bully", "--seeds", "10", "--trace", path)
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "--trace records one run, and --seeds 10 is a sweep of many: trace one seed with --seed S")
	assert.NoFileExists(t, path)
}

// pageData is the part of a page's data the tests read (see
// kernel/trace/view/html.go).
type pageData struct {
	Strings   []string `json:"strings"`
	Algorithm struct {
		Messages []int64 `json:"messages"` // id, src, dst, kind, sent, received, gave up, lamport
		Marks    []int64 `json:"marks"`    // node, tick, event kind, label, detail
	} `json:"algorithm"`
}

// readPageData reads the data packed into a page nachos view wrote.
func readPageData(t *testing.T, page string) pageData {
	t.Helper()
	m := regexp.MustCompile(`<script id="data" type="application/json">(.*?)</script>`).FindStringSubmatch(page)
	require.NotNil(t, m, "the page has no data")
	var d pageData
	require.NoError(t, json.Unmarshal([]byte(m[1]), &d))
	return d
}

// nachos view draws the bully election: an arrow per message, labelled
// ELECTION, OK and COORDINATOR, the ones given up on apart, and node 5's
// decision; the page renders in Chromium without a script error.
func TestViewDrawsTheBullyElection(t *testing.T) {
	dir := t.TempDir()
	tr := filepath.Join(dir, "bully.jsonl")
	require.Zero(t, nachos(t, "", append(bully, "--trace", tr)...).status)
	r := nachos(t, "", "view", tr)
	require.Zero(t, r.status, r.stderr)
	b, err := os.ReadFile(filepath.Join(dir, "bully.html"))
	require.NoError(t, err)

	d := readPageData(t, string(b))
	arrived, lost := map[string]int{}, map[string]int{}
	for i := 0; i+8 <= len(d.Algorithm.Messages); i += 8 {
		m := d.Algorithm.Messages[i : i+8]
		if m[5] >= 0 {
			arrived[d.Strings[m[3]]]++
		}
		if m[6] >= 0 {
			lost[d.Strings[m[3]]]++
		}
	}
	assert.Equal(t, map[string]int{"ELECTION": 3, "OK": 3, "COORDINATOR": 4}, arrived)
	assert.Equal(t, map[string]int{"ELECTION": 3, "COORDINATOR": 1}, lost)
	var node5 []string
	for i := 0; i+5 <= len(d.Algorithm.Marks); i += 5 {
		if d.Algorithm.Marks[i] == 5 {
			node5 = append(node5, d.Strings[d.Algorithm.Marks[i+3]])
		}
	}
	assert.Equal(t, []string{"leader=5"}, node5)

	dom := tooltest.RenderedDOM(t, "file://"+filepath.Join(dir, "bully.html"))
	assert.Contains(t, dom, "Messages of the algorithm: ELECTION 6, OK 3, COORDINATOR 5; 4 given up")
	assert.Contains(t, dom, "<li>node 5 decided leader = 5 (tick ")
	assert.NotContains(t, dom, `id="algorithm-section" style="display: none;"`)
}

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/network/dist"
)

func TestDistListsEveryAlgorithm(t *testing.T) {
	out, _, status := runNachos(t, "dist", "list")
	require.Equal(t, 0, status)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, len(dist.Algorithms))
	column := strings.Index(lines[0], dist.Algorithms[0].Summary)
	for i, a := range dist.Algorithms {
		assert.True(t, strings.HasPrefix(lines[i], a.Name+" "), lines[i])
		assert.Equal(t, column, strings.Index(lines[i], a.Summary), "the summaries line up: %q", lines[i])
	}
}

// The lecture's bully example is one line, and draws an SVG.
func TestDistBullyExample(t *testing.T) {
	svg := filepath.Join(t.TempDir(), "bully.svg")
	out, errOut, status := runNachos(t, "dist", "bully", "--nodes", "6", "--crash", "6@0", "--initiator", "3", "--svg", svg)
	require.Equal(t, 0, status, errOut)
	assert.Contains(t, out, "outcome: leader 5, known to nodes 1,2,3,4,5\n")
	assert.Contains(t, out, "messages: 14 (ELECTION 6, OK 3, COORDINATOR 5)\n")
	assert.Contains(t, out, "     130  |                 |                 ELECTION>4")
	b, err := os.ReadFile(svg)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(b), "<svg"))
	again, _, _ := runNachos(t, "dist", "bully", "--nodes", "6", "--crash", "6@0", "--initiator", "3")
	assert.Equal(t, out, again)
}

// --concurrent lists the pairs the clocks line counts, with clocks that
// show why: node 2's OK arrives with a smaller Lamport clock than node 1's
// COORDINATOR, yet neither vector is before the other.
func TestDistListsConcurrentPairs(t *testing.T) {
	out, errOut, status := runNachos(t, "dist", "bully", "--nodes", "3", "--concurrent")
	require.Equal(t, 0, status, errOut)
	clocks := regexp.MustCompile(`(\d+) pairs of events are concurrent`).FindStringSubmatch(out)
	require.NotNil(t, clocks, out)
	assert.Contains(t, out, "concurrent events (neither happened before the other): "+clocks[1]+" pairs\n")
	assert.Contains(t, out, "\n       1650  node 2  receive OK from 3 (msg 8)  L=10 V=[2 6 7]\n"+
		" ||    1750  node 1  receive COORDINATOR[3] from 3 (msg 9)  L=12 V=[7 3 9]\n")
	assert.Equal(t, clocks[1], strconv.Itoa(strings.Count(out, "\n || ")))
}

// The README's --link example: a link that loses every packet from 1 to
// 2 makes node 1 give up on 2, alive, and the ring skips it; 2 never
// learns the leader, and the checker says so. The run repeats byte for
// byte, and 1>2 says the same as 1to2.
func TestDistLinkExample(t *testing.T) {
	out, _, status := runNachos(t, "dist", "ring", "--link", "1to2:loss=1")
	assert.Equal(t, 1, status)
	assert.Contains(t, out, "node 1  give up on ELECTION to 2 (msg 1): no answer\n")
	assert.Contains(t, out, "outcome: leader 5, known to nodes 1,3,4,5; no leader at nodes 2\n")
	assert.Contains(t, out, "once the run is quiet, node 2 follows no leader, but the highest live node is 5\n")
	again, _, _ := runNachos(t, "dist", "ring", "--link", "1>2:loss=1")
	assert.Equal(t, out, again)
}

// A broken safety property exits with status 1 and names the seed.
func TestDistViolationExitsWithStatusOne(t *testing.T) {
	out, _, status := runNachos(t, "dist", "2pc-naive", "--nodes", "4", "--seed", "2", "--crash", "1@1300")
	assert.Equal(t, 1, status)
	assert.Contains(t, out, "violation at seed 2, tick 223760: node 1 committed, but node 3 aborted: not atomic")
	out, _, status = runNachos(t, "dist", "snapshot", "--nodes", "4", "--reorder", "0.3", "--no-fifo", "--link", "1>2:dup=0.1", "--seeds", "50")
	assert.Equal(t, 1, status)
	assert.Contains(t, out, "snapshot: 50 runs\n")
	// The sweep ends with the command that repeats its first violation.
	repeat := regexp.MustCompile(`\nrepeat the first: nachos (dist snapshot --link '1>2:dup=0.1' --no-fifo --nodes 4 --reorder 0.3 --seed (\d+))\n$`).FindStringSubmatch(out)
	require.NotNil(t, repeat, out)
	args := shellWords(repeat[1])
	again, _, status := runNachos(t, args...)
	assert.Equal(t, 1, status)
	assert.Contains(t, again, "violation at seed "+repeat[2]+", tick ")
	assert.Contains(t, out, strings.SplitN(again[strings.Index(again, "violation at seed"):], "\n", 2)[0], "the repeated run breaks the rule the sweep reported")
}

// The command that repeats a violation keeps a flag set false as false:
// a bare --uncontended would ask for turns, which snapshot refuses.
func TestDistRepeatKeepsFalseFlags(t *testing.T) {
	out, _, status := runNachos(t, "dist", "snapshot", "--nodes", "4", "--reorder", "0.3", "--no-fifo", "--uncontended=false", "--seeds", "20")
	assert.Equal(t, 1, status)
	repeat := regexp.MustCompile(`\nrepeat the first: nachos (dist snapshot --no-fifo --nodes 4 --reorder 0.3 --uncontended=false --seed \d+)\n$`).FindStringSubmatch(out)
	require.NotNil(t, repeat, out)
	again, errOut, status := runNachos(t, strings.Fields(repeat[1])...)
	assert.Equal(t, 1, status, errOut)
	assert.Contains(t, again, "violation at seed ")
}

func TestDistExplainsBadFlags(t *testing.T) {
	for args, msg := range map[string]string{
		"dist nosuch":                       "no algorithm \"nosuch\"",
		"dist bully --crash 9@0":            "there is no node 9",
		"dist bully --crash 2":              "give NODE@TICK",
		"dist ring --ring 1,2":              "name every node from 1 to 5 once",
		"dist bully --partition 1,2":        "give the groups and the ticks",
		"dist voting --entries -3":          "give positive numbers",
		"dist voting --votes 2":             "m must be a majority",
		"dist cristian --drift 1e-9":        "a resynchronization period of",
		"dist bully --max-ticks 1e12":       "--max-ticks",
		"dist bully --latency 0":            "--latency 0: a packet takes at least 1 tick",
		"dist ring --link 1-9:loss=1":       "--link: there is no node 9 (nodes are 1 to 5)",
		"dist ring --link 1-2:loss=2":       "loss 2 is not a probability: give a number from 0 to 1; e.g. --link 1-2:loss=0.5 (both directions)",
		"dist ring --link 1->2:dup=1":       `"1-" is not a machine number (0 to 1023); e.g. --link 1-2:loss=0.5`,
		"dist ring --link 1to2":             `--link "1to2": give the link, a colon and the faults; e.g.`,
		"dist bully --seeds 3 --concurrent": "--concurrent lists the concurrent events of one run, and --seeds 3 is a sweep of many: list those of one seed with --seed S",
		"dist bully --seeds 3 --svg x.svg":  "--svg draws one run, and --seeds 3 is a sweep of many: draw one seed with --seed S",
	} {
		_, errOut, status := runNachos(t, strings.Fields(args)...)
		assert.NotEqual(t, 0, status, args)
		assert.Contains(t, errOut, msg, args)
	}
}

// A mutual exclusion run states the wait per entry in message times;
// with --uncontended that is the textbook's delay before entry, and a
// sweep gives its range over every entry.
func TestDistStatesTheDelayBeforeEntry(t *testing.T) {
	out, errOut, status := runNachos(t, "dist", "centralized", "--nodes", "3", "--uncontended")
	require.Equal(t, 0, status, errOut)
	assert.Contains(t, out, "outcome: 4 entries made (4 wanted), 3.00 messages per entry, wait per entry: 700 ticks = 2.00 message times (a message takes 350 ticks)\n")
	out, _, status = runNachos(t, "dist", "token-ring", "--nodes", "4", "--uncontended", "--seeds", "10")
	require.Equal(t, 0, status)
	assert.Regexp(t, `wait per entry: min 0\.\d\d, mean \d\.\d\d, max [34]\.\d\d message times`, out)
	out, _, _ = runNachos(t, "dist", "bully", "--seeds", "3")
	assert.NotContains(t, out, "wait per entry", "only mutual exclusion waits")
	_, errOut, status = runNachos(t, "dist", "ricart-agrawala", "--nodes", "32", "--entries", "3", "--uncontended")
	assert.NotEqual(t, 0, status)
	assert.Contains(t, errOut, "raise it, or ask for fewer entries")
}

package grade

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"nachos/kernel/trace"
)

// check compiles the check written as YAML.
func check(t *testing.T, src string) Check {
	t.Helper()
	var c Check
	require.NoError(t, yaml.Unmarshal([]byte(src), &c))
	require.NoError(t, c.compile())
	return c
}

// Each check on a trace that keeps its rule and one that breaks it.
func TestTraceChecks(t *testing.T) {
	acquire := func(tick int64, tid int, lock string) trace.Event {
		return trace.Event{Tick: tick, TID: tid, Thread: []string{"", "a", "b"}[tid], Kind: trace.LockAcquire, Name: lock}
	}
	release := func(tick int64, tid int, lock string) trace.Event {
		return trace.Event{Tick: tick, TID: tid, Kind: trace.LockRelease, Name: lock}
	}
	start := func(proc int, name string) trace.Event {
		return trace.Event{Kind: trace.ProcessStart, Proc: proc, Name: name}
	}
	exit := func(tick int64, proc int, status int64) trace.Event {
		return trace.Event{Tick: tick, Kind: trace.ProcessExit, Proc: proc, Result: status}
	}
	join := func(tick int64, child int32) trace.Event {
		return trace.Event{Tick: tick, TID: 1, Thread: "parent", Kind: trace.Syscall, Name: "Join", Args: [4]int32{child}}
	}
	joined := func(tick int64, status int64) trace.Event {
		return trace.Event{Tick: tick, TID: 1, Thread: "parent", Kind: trace.SyscallReturn, Name: "Join", Result: status}
	}
	cases := []struct {
		check  string
		events []trace.Event
		want   string // "" if the rule holds
	}{
		{"mutual-exclusion: room", []trace.Event{acquire(1, 1, "room"), release(2, 1, "room"), acquire(3, 2, "room")}, ""},
		{"mutual-exclusion: room", []trace.Event{acquire(1, 1, "room"), acquire(3, 2, "room")}, `tick 3: thread "b" acquired lock "room" while thread "a" held it (since tick 1)`},
		{"mutual-exclusion: room", []trace.Event{acquire(1, 1, "other"), acquire(3, 2, "other")}, ""},
		{`mutual-exclusion: "*"`, []trace.Event{acquire(1, 1, "other"), acquire(3, 2, "other")}, "two threads in at once"},
		{"no-deadlock: true", []trace.Event{
			{Kind: trace.ThreadBlock, TID: 2, Thread: "b", Wait: "lock", Name: "room"},
			{Kind: trace.ThreadReady, PeerTID: 2}}, ""},
		{"no-deadlock: true", []trace.Event{{Tick: 5, Kind: trace.ThreadBlock, TID: 2, Thread: "b", Wait: "lock", Name: "room"}},
			`thread "b" has waited since tick 5 on lock "room"`},
		{"exits: {p: 3}", []trace.Event{start(1, "p"), exit(9, 1, 3), start(2, "p"), exit(10, 2, 3)}, ""},
		{"exits: {p: 3}", []trace.Event{start(1, "p"), exit(9, 1, 4)}, "process 1 (p) ended with status 4, expected 3"},
		{"exits: {p: 3}", []trace.Event{start(1, "q"), exit(9, 1, 3)}, "program p never ran"},
		{"exits: {p: 3}", []trace.Event{start(1, "p"), start(2, "p"), exit(9, 1, 3)}, "process 2 (p) never ended"},
		{"exits: {p: [1, 2]}", []trace.Event{start(1, "p"), start(2, "p"), exit(9, 2, 2), exit(10, 1, 1)}, ""},
		{"exits: {p: [1, 2]}", []trace.Event{start(1, "p"), exit(10, 1, 1)}, "ran as 1 processes, expected 2"},
		{"join-waits: true", []trace.Event{join(1, 2), exit(5, 2, 7), joined(6, 7)}, ""},
		{"join-waits: true", []trace.Event{join(1, 2), joined(2, -1)}, ""},
		{"join-waits: true", []trace.Event{join(1, 2), joined(2, 0), exit(5, 2, 7)}, "returned 0 while process 2 was still running"},
		{"join-waits: true", []trace.Event{join(1, 2), exit(5, 2, 7), joined(6, 8)}, "but process 2 ended with status 7"},
		{"count: {kind: lock-acquire, min: 2}", []trace.Event{acquire(1, 1, "x"), acquire(2, 1, "y")}, ""},
		{"count: {kind: lock-acquire, name: x, min: 2}", []trace.Event{acquire(1, 1, "x"), acquire(2, 1, "y")}, "has 1 lock-acquire \"x\" events, expected at least 2"},
		{"count: {kind: lock-acquire, max: 1}", []trace.Event{acquire(1, 1, "x"), acquire(2, 1, "y")}, "expected at most 1"},
	}
	for _, c := range cases {
		err := check(t, c.check).run(c.events)
		if c.want == "" {
			assert.NoError(t, err, c.check)
		} else if assert.Error(t, err, c.check) {
			assert.Contains(t, err.Error(), c.want, c.check)
		}
	}
}

// A check's argument is checked when the suite is read.
func TestTraceCheckArguments(t *testing.T) {
	for _, src := range []string{"no-deadlock: false", "exits: {}", "exits: {p: x}", "count: {kind: halt}", "mutual-exclusion: \"\"", "join-waits: 3"} {
		var c Check
		require.NoError(t, yaml.Unmarshal([]byte(src), &c))
		assert.Error(t, c.compile(), src)
	}
}

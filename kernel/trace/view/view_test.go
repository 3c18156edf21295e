package view

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/kernel/trace"
)

// selfTestTrace runs a kernel self-test, traced, and returns its trace.
func selfTestTrace(t testing.TB, name string, seed uint32) (trace.Header, []trace.Event) {
	t.Helper()
	test, ok := kernel.FindSelfTest(name)
	require.True(t, ok, name)
	var buf bytes.Buffer
	w := trace.NewWriter(&buf, "nachos -K "+name)
	c := kernel.Config{RandomYield: seed != 0, Trace: w, In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}
	c.Machine.Seed = seed
	k, err := kernel.New(c)
	require.NoError(t, err)
	k.Boot(func() { test.Run(k) })
	require.NoError(t, w.Close())
	h, events, err := trace.Read(&buf, name)
	require.NoError(t, err)
	return h, events
}

// clusterTrace is a made-up run of two machines, small enough to check
// by hand, with paging and packets.
func clusterTrace() (trace.Header, []trace.Event) {
	h := trace.Header{Schema: trace.Schema, Version: trace.Version, Command: "made up"}
	var events []trace.Event
	at := func(tick int64, machine, tid int, e trace.Event) {
		e.Tick, e.Machine, e.TID, e.PID = tick, machine, tid, 1
		e.Thread = map[int]string{1: "main", 2: "worker"}[tid]
		events = append(events, e)
	}
	for m := range 2 {
		at(0, m, 0, trace.Event{Kind: trace.ThreadCreate, Peer: "main", PeerTID: 1})
		at(0, m, 0, trace.Event{Kind: trace.ThreadSwitch, Peer: "main", PeerTID: 1})
		at(0, m, 1, trace.Event{Kind: trace.FrameAlloc, Frame: 0, Proc: 1, Page: 0})
		at(5, m, 1, trace.Event{Kind: trace.ThreadCreate, Peer: "worker", PeerTID: 2})
		at(5, m, 1, trace.Event{Kind: trace.ThreadReady, Peer: "worker", PeerTID: 2})
		at(10, m, 1, trace.Event{Kind: trace.Syscall, Name: "Send", Args: [4]int32{1, 2, 3, 4}})
		at(10, m, 1, trace.Event{Kind: trace.PacketSend, Src: m, Dst: 1 - m, Port: 1, Size: 32, ID: int64(m + 1)})
		at(20, m, 1, trace.Event{Kind: trace.ThreadBlock, Wait: "lock", Name: "net", PeerTID: 2, Peer: "worker"})
		at(20, m, 1, trace.Event{Kind: trace.ThreadSwitch, Peer: "worker", PeerTID: 2})
		at(30, m, 2, trace.Event{Kind: trace.PageFault, Addr: 0x400, Page: 8})
		at(30, m, 2, trace.Event{Kind: trace.Eviction, Frame: 0, Proc: 1, Page: 0, Dirty: true})
		at(31, m, 2, trace.Event{Kind: trace.FrameAlloc, Frame: 0, Proc: 1, Page: 8})
		at(40, m, 2, trace.Event{Kind: trace.Exception, Name: "address error", PC: 0x40, Addr: 0x7ffffff1})
		at(50, m, 2, trace.Event{Kind: trace.ThreadBlock, Wait: "lock", Name: "disk", PeerTID: 1, Peer: "main"})
	}
	at(60, 1, 2, trace.Event{Kind: trace.PacketReceive, Src: 0, Dst: 1, Port: 1, Size: 32, ID: 1})
	at(65, 0, 2, trace.Event{Kind: trace.PacketDrop, Src: 1, Dst: 0, Port: 1, Size: 32, ID: 2, Name: "loss"})
	at(100, 0, 2, trace.Event{Kind: trace.Halt})
	at(100, 1, 2, trace.Event{Kind: trace.Halt})
	return h, events
}

// distTrace is a made-up run of nachos dist on three nodes: node 3 is
// down from the start, node 1's ELECTION to it is given up on, node 2
// answers OK and leads, both enter the critical section, and a checker
// finds a broken rule at the end.
func distTrace() (trace.Header, []trace.Event) {
	h := trace.Header{Schema: trace.Schema, Version: trace.Version, Command: "nachos dist made-up"}
	var events []trace.Event
	at := func(tick int64, machine int, e trace.Event) {
		e.Tick, e.Machine, e.TID, e.Thread = tick, machine, 4, "dist handler"
		events = append(events, e)
	}
	msg := func(kind trace.Kind, name string, src, dst int, id, lamport int64) trace.Event {
		return trace.Event{Kind: kind, Name: name, Src: src, Dst: dst, ID: id, Lamport: lamport}
	}
	at(0, 3, trace.Event{Kind: trace.DistCrash, Lamport: 1})
	at(10, 1, msg(trace.DistSend, "ELECTION", 1, 2, 1, 1))
	at(20, 1, msg(trace.DistSend, "ELECTION", 1, 3, 2, 2))
	at(40, 2, msg(trace.DistReceive, "ELECTION", 1, 2, 1, 2))
	at(40, 2, msg(trace.DistSend, "OK", 2, 1, 3, 3))
	at(60, 1, msg(trace.DistReceive, "OK", 2, 1, 3, 4))
	at(500, 1, msg(trace.DistGiveUp, "ELECTION", 1, 3, 2, 5))
	at(600, 2, trace.Event{Kind: trace.DistDecide, Name: "leader", Value: 2, Lamport: 4})
	at(600, 2, msg(trace.DistSend, "COORDINATOR", 2, 1, 4, 5))
	at(650, 1, msg(trace.DistReceive, "COORDINATOR", 2, 1, 4, 6))
	at(650, 1, trace.Event{Kind: trace.DistDecide, Name: "leader", Value: 2, Lamport: 7})
	at(700, 1, trace.Event{Kind: trace.DistEnter, Lamport: 8})
	at(750, 1, trace.Event{Kind: trace.DistExit, Lamport: 9})
	at(800, 2, trace.Event{Kind: trace.DistEnter, Lamport: 6})
	at(900, 3, trace.Event{Kind: trace.DistRecover, Lamport: 2})
	events = append(events, trace.Event{Tick: 950, Kind: trace.DistViolation, Name: "two leaders"})
	at(1000, 1, trace.Event{Kind: trace.Halt})
	return h, events
}

// The algorithm's events replay into messages from send to receipt (or
// to the give-up), marks and spans; a broken rule belongs to no machine.
func TestBuildReplaysTheAlgorithm(t *testing.T) {
	m := Build(distTrace())
	require.Len(t, m.Machines, 3, "nodes 1 to 3, and no machine 0 for the violation")
	assert.Equal(t, 1, m.Machines[0].ID)
	a := m.Algorithm
	require.Len(t, a.Messages, 4)
	assert.Equal(t, Message{ID: 1, Kind: "ELECTION", Src: 1, Dst: 2, Sent: 10, Received: 40, GaveUp: -1, Lamport: 1}, *a.Messages[0])
	assert.Equal(t, Message{ID: 2, Kind: "ELECTION", Src: 1, Dst: 3, Sent: 20, Received: -1, GaveUp: 500, Lamport: 2}, *a.Messages[1])
	assert.Equal(t, "COORDINATOR", a.Messages[3].Kind)
	var marks []string
	for _, mk := range a.Marks {
		marks = append(marks, fmt.Sprintf("%d@%d %s", mk.Node, mk.Tick, mk.Label))
	}
	assert.Equal(t, []string{"3@0 crash", "2@600 leader=2", "1@650 leader=2", "3@900 up", "0@950 violation"}, marks)
	assert.Equal(t, "node 2 decided leader = 2 (tick 600, Lamport 4)", a.Marks[1].Detail)
	assert.Equal(t, "violation: two leaders", a.Marks[4].Detail)
	assert.Equal(t, []NodeSpan{
		{Node: 3, Start: 0, End: 900, Kind: trace.DistCrash},
		{Node: 1, Start: 700, End: 750, Kind: trace.DistEnter},
		{Node: 2, Start: 800, End: 1000, Kind: trace.DistEnter}, // still inside at the end
	}, a.Spans)
}

// The model replays a thread's life into spans: running, ready, blocked
// on what, with system calls and exceptions as marks.
func TestBuildReplaysThreadsMemoryAndPackets(t *testing.T) {
	m := Build(clusterTrace())
	require.Len(t, m.Machines, 2)
	mc := m.Machines[0]
	require.Len(t, mc.Threads, 2)
	main, worker := mc.Threads[0], mc.Threads[1]
	assert.Equal(t, []Span{
		{Start: 0, End: 20, State: Running},
		{Start: 20, End: 100, State: Blocked, Wait: &Wait{Kind: "lock", Name: "net", PeerTID: 2}},
	}, main.Spans)
	assert.Equal(t, []Span{
		{Start: 5, End: 20, State: Ready},
		{Start: 20, End: 50, State: Running},
		{Start: 50, End: 100, State: Blocked, Wait: &Wait{Kind: "lock", Name: "disk", PeerTID: 1}},
	}, worker.Spans)
	require.Len(t, main.Marks, 1)
	assert.Equal(t, "Send(1, 2, 3, 4)", main.Marks[0].Detail)
	assert.Equal(t, int64(-1), main.Marks[0].End, "the call never returned")
	assert.Equal(t, []FrameSpan{{Frame: 0, Start: 0, End: 30, PID: 1, Page: 0}, {Frame: 0, Start: 31, End: 100, PID: 1, Page: 8}}, mc.Frames)
	assert.Len(t, mc.Paging, 2)
	require.Len(t, m.Packets, 2)
	assert.Equal(t, Packet{ID: 1, Src: 0, Dst: 1, Port: 1, Size: 32, Sent: 10, Received: 60, Dropped: -1}, *m.Packets[0])
	assert.Equal(t, Packet{ID: 2, Src: 1, Dst: 0, Port: 1, Size: 32, Sent: 10, Received: -1, Dropped: 65, Why: "loss"}, *m.Packets[1])
}

// The chrome export is one JSON object whose begin and end events pair
// up on every track, with a named process per machine and a named thread
// per thread.
func TestChromeExportIsBalanced(t *testing.T) {
	for _, c := range []struct {
		m     *Model
		names []string // processes and tracks it must name
	}{
		{Build(clusterTrace()), []string{"machine 0", "machine 1", "interrupts"}},
		{Build(selfTestTrace(t, "soda-monitor", 3)), []string{"machine 0", "interrupts"}},
		{Build(distTrace()), []string{"machine 1", "machine 2", "machine 3", "algorithm", "critical section, down"}},
	} {
		m := c.m
		var buf bytes.Buffer
		require.NoError(t, WriteChrome(&buf, m))
		var out struct {
			TraceEvents []chromeEvent `json:"traceEvents"`
		}
		require.NoError(t, json.Unmarshal(buf.Bytes(), &out), buf.String())
		depth := map[[2]int]int{}
		names := map[string]bool{}
		for _, e := range out.TraceEvents {
			track := [2]int{e.Pid, e.Tid}
			switch e.Ph {
			case "B":
				depth[track]++
				assert.Equal(t, 1, depth[track], "slices on a track never nest: %+v", e)
			case "E":
				depth[track]--
				assert.Zero(t, depth[track], "%+v", e)
			case "M":
				if name, ok := e.Args["name"].(string); ok {
					names[name] = true
				}
			}
		}
		for track, d := range depth {
			assert.Zero(t, d, "a slice on track %v never ends", track)
		}
		for _, name := range c.names {
			assert.True(t, names[name], "no process or track named %q", name)
		}
	}
}

// A message of a distributed algorithm is a flow from its send to its
// receipt, and its kind names both ends.
func TestChromeExportDrawsMessagesAsFlows(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteChrome(&buf, Build(distTrace())))
	var out struct {
		TraceEvents []chromeEvent `json:"traceEvents"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &out), buf.String())
	flows := map[int64][]string{}
	var names []string
	for _, e := range out.TraceEvents {
		switch e.Ph {
		case "s", "f":
			flows[e.ID] = append(flows[e.ID], fmt.Sprintf("%s %s machine %d at %d", e.Ph, e.Name, e.Pid-1, e.Ts))
		case "X", "i":
			names = append(names, e.Name)
		}
	}
	assert.Equal(t, map[int64][]string{
		1: {"s ELECTION machine 1 at 10", "f ELECTION machine 2 at 40"},
		3: {"s OK machine 2 at 40", "f OK machine 1 at 60"},
		4: {"s COORDINATOR machine 2 at 600", "f COORDINATOR machine 1 at 650"},
	}, flows, "message 2 was given up on: no flow")
	for _, want := range []string{"gave up on ELECTION to node 3", "leader=2", "violation", "critical section", "down"} {
		assert.Contains(t, names, want)
	}
}

// Formats are found by name, or by the output file's extension.
func TestFindFormat(t *testing.T) {
	f, err := FindFormat("", "run.json")
	require.NoError(t, err)
	assert.Equal(t, "chrome", f.Name)
	f, err = FindFormat("", "run.html")
	require.NoError(t, err)
	assert.Equal(t, "html", f.Name)
	f, err = FindFormat("chrome", "x.out")
	require.NoError(t, err)
	assert.Equal(t, "chrome", f.Name)
	_, err = FindFormat("svg", "")
	assert.ErrorContains(t, err, `no format "svg" (the formats are html, chrome)`)
}

// The page is self-contained: no script, style or image comes from
// anywhere else, and a name with markup in it stays text.
func TestHTMLIsSelfContained(t *testing.T) {
	h, events := clusterTrace()
	h.Command = `nachos -x "</script><script>alert(1)</script>"`
	var buf bytes.Buffer
	require.NoError(t, WriteHTML(&buf, Build(h, events)))
	page := buf.String()
	for _, ref := range []string{"src=", "href=", "@import", "url(http", "fetch("} {
		assert.NotContains(t, page, ref)
	}
	assert.Equal(t, 2, strings.Count(page, "</script>"), "the data cannot close its script element")
}

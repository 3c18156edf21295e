// Export to the Trace Event Format, the JSON that chrome://tracing and
// Perfetto (ui.perfetto.dev) open, so that a run can be read in a tool
// instructors already know.
//
// Each machine is a process of the format ("machine 0"), and each of its
// threads a thread with a timeline of begin/end slices: running, ready,
// blocked (named after what it waits for). System calls, exceptions and
// TLB misses are instant events on the thread; interrupts are instant
// events on a track of their own, packets instant events on the sending
// and the receiving machine. Physical memory is one more process,
// "memory of machine N", with a track per frame whose slices say which
// process's page it held. A run of nachos dist adds, on each node's
// machine, an "algorithm" track, where each message is a short slice at
// its send and at its receipt joined by a flow arrow, and decisions,
// crashes and recoveries are instant events, and a track for the
// critical sections and the time the node is down.
//
// One tick is shown as one microsecond: the format counts time in µs.

package view

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"nachos/kernel/trace"
)

// chromeEvent is one entry of traceEvents.
type chromeEvent struct {
	Name  string         `json:"name"`
	Cat   string         `json:"cat,omitempty"`
	Ph    string         `json:"ph"`
	Ts    int64          `json:"ts"`
	Pid   int            `json:"pid"`
	Tid   int            `json:"tid"`
	Scope string         `json:"s,omitempty"`
	Dur   int64          `json:"dur,omitempty"`
	ID    int64          `json:"id,omitempty"` // a flow's: the message's number
	Bind  string         `json:"bp,omitempty"` // a flow end's binding point
	Args  map[string]any `json:"args,omitempty"`
}

// The format's process numbers: machine N is N+1 (some viewers treat 0
// as "no process"), and its memory comes after all the machines.
func machinePid(id int) int          { return id + 1 }
func memoryPid(m *Model, id int) int { return len(m.Machines) + 1 + id }

// The tracks of a machine that are not threads (threads start at 1).
const (
	interruptTid = 0
	algorithmTid = 1 << 30 // nachos dist's messages and marks
	intervalTid  = algorithmTid + 1
)

// WriteChrome writes the model in the Trace Event Format.
func WriteChrome(w io.Writer, m *Model) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	first := true
	emit := func(e chromeEvent) {
		if !first {
			bw.WriteString(",")
		}
		first = false
		enc.Encode(e) // cannot fail on these types; write errors surface at Flush
	}
	fmt.Fprintf(bw, `{"displayTimeUnit":"ms","otherData":{"command":%q,"time":"1 tick is shown as 1 microsecond"},"traceEvents":[`+"\n", m.Command)
	for _, mc := range m.Machines {
		pid := machinePid(mc.ID)
		emit(chromeEvent{Name: "process_name", Ph: "M", Pid: pid, Args: map[string]any{"name": fmt.Sprintf("machine %d", mc.ID)}})
		nameTrack(emit, pid, interruptTid, "interrupts", 0)
		for i, t := range mc.Threads {
			nameTrack(emit, pid, t.TID, t.ThreadLabel(), i+1)
			writeSpans(emit, pid, t)
			for _, mk := range t.Marks {
				emit(chromeEvent{Name: mk.Label, Cat: mk.Kind.String(), Ph: "i", Ts: mk.Tick, Pid: pid, Tid: t.TID, Scope: "t",
					Args: map[string]any{"detail": mk.Detail}})
			}
		}
		for _, mk := range mc.Interrupts {
			emit(chromeEvent{Name: mk.Label, Cat: "interrupt", Ph: "i", Ts: mk.Tick, Pid: pid, Tid: interruptTid, Scope: "t"})
		}
		writeMemory(emit, m, mc)
	}
	writeAlgorithm(emit, m)
	for _, p := range m.Packets {
		args := map[string]any{"id": p.ID, "src": p.Src, "dst": p.Dst, "port": p.Port, "size": p.Size}
		if p.Sent >= 0 {
			emit(chromeEvent{Name: fmt.Sprintf("send packet %d to machine %d", p.ID, p.Dst), Cat: "network", Ph: "i", Ts: p.Sent, Pid: machinePid(p.Src), Scope: "p", Args: args})
		}
		if p.Received >= 0 {
			emit(chromeEvent{Name: fmt.Sprintf("receive packet %d from machine %d", p.ID, p.Src), Cat: "network", Ph: "i", Ts: p.Received, Pid: machinePid(p.Dst), Scope: "p", Args: args})
		}
		if p.Dropped >= 0 {
			emit(chromeEvent{Name: fmt.Sprintf("packet %d lost: %s", p.ID, p.Why), Cat: "network", Ph: "i", Ts: p.Dropped, Pid: machinePid(p.Src), Scope: "p", Args: args})
		}
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}

// nameTrack names track tid of process pid and, unless sort is 0, puts
// it at sort among the process's tracks.
func nameTrack(emit func(chromeEvent), pid, tid int, name string, sort int) {
	emit(chromeEvent{Name: "thread_name", Ph: "M", Pid: pid, Tid: tid, Args: map[string]any{"name": name}})
	if sort != 0 {
		emit(chromeEvent{Name: "thread_sort_index", Ph: "M", Pid: pid, Tid: tid, Args: map[string]any{"sort_index": sort}})
	}
}

// writeSpans writes a thread's spans as begin/end pairs.
func writeSpans(emit func(chromeEvent), pid int, t *Thread) {
	for _, sp := range t.Spans {
		if sp.End <= sp.Start {
			continue // a thread made ready and run at the same tick: nothing to see
		}
		name, args := sp.State.String(), map[string]any(nil)
		if sp.Wait != nil {
			name = "blocked: " + sp.Wait.String()
			args = map[string]any{"wait": sp.Wait.Kind, "on": sp.Wait.Name, "waits_for_tid": sp.Wait.PeerTID}
		}
		emit(chromeEvent{Name: name, Cat: "thread", Ph: "B", Ts: sp.Start, Pid: pid, Tid: t.TID, Args: args})
		emit(chromeEvent{Name: name, Cat: "thread", Ph: "E", Ts: sp.End, Pid: pid, Tid: t.TID})
	}
}

// writeMemory writes which process held each frame of mc, one track per
// frame.
func writeMemory(emit func(chromeEvent), m *Model, mc *Machine) {
	if len(mc.Frames) == 0 && len(mc.Paging) == 0 {
		return
	}
	pid := memoryPid(m, mc.ID)
	emit(chromeEvent{Name: "process_name", Ph: "M", Pid: pid, Args: map[string]any{"name": fmt.Sprintf("memory of machine %d", mc.ID)}})
	for f := range mc.NumFrames {
		nameTrack(emit, pid, f+1, fmt.Sprintf("frame %d", f), 0)
	}
	for _, f := range mc.Frames {
		name := fmt.Sprintf("pid %d page %d", f.PID, f.Page)
		emit(chromeEvent{Name: name, Cat: "memory", Ph: "B", Ts: f.Start, Pid: pid, Tid: f.Frame + 1})
		emit(chromeEvent{Name: name, Cat: "memory", Ph: "E", Ts: f.End, Pid: pid, Tid: f.Frame + 1})
	}
	for _, mk := range mc.Paging {
		emit(chromeEvent{Name: mk.Label, Cat: mk.Kind.String(), Ph: "i", Ts: mk.Tick, Pid: pid, Scope: "p", Args: map[string]any{"detail": mk.Detail}})
	}
}

// spanNames names a node's spans (NodeSpan) by their kind.
var spanNames = map[trace.Kind]string{trace.DistEnter: "critical section", trace.DistCrash: "down"}

// writeAlgorithm writes what nachos dist recorded: the messages, with a
// flow arrow from each send to its receipt, the marks and the spans.
func writeAlgorithm(emit func(chromeEvent), m *Model) {
	a := &m.Algorithm
	if len(a.Messages)+len(a.Marks)+len(a.Spans) == 0 {
		return
	}
	for _, mc := range m.Machines {
		pid := machinePid(mc.ID)
		nameTrack(emit, pid, algorithmTid, "algorithm", -2)
		nameTrack(emit, pid, intervalTid, "critical section, down", -1)
	}
	for _, msg := range a.Messages {
		if msg.Sent < 0 {
			continue
		}
		args := map[string]any{"message": msg.ID, "from": msg.Src, "to": msg.Dst, "lamport": msg.Lamport}
		src, dst := machinePid(msg.Src), machinePid(msg.Dst)
		emit(chromeEvent{Name: fmt.Sprintf("send %s to node %d", msg.Kind, msg.Dst), Cat: "message", Ph: "X", Ts: msg.Sent, Dur: 1, Pid: src, Tid: algorithmTid, Args: args})
		if msg.Received >= 0 {
			emit(chromeEvent{Name: msg.Kind, Cat: "message", Ph: "s", Ts: msg.Sent, Pid: src, Tid: algorithmTid, ID: msg.ID})
			emit(chromeEvent{Name: fmt.Sprintf("receive %s from node %d", msg.Kind, msg.Src), Cat: "message", Ph: "X", Ts: msg.Received, Dur: 1, Pid: dst, Tid: algorithmTid, Args: args})
			emit(chromeEvent{Name: msg.Kind, Cat: "message", Ph: "f", Bind: "e", Ts: msg.Received, Pid: dst, Tid: algorithmTid, ID: msg.ID})
		}
		if msg.GaveUp >= 0 {
			emit(chromeEvent{Name: fmt.Sprintf("gave up on %s to node %d", msg.Kind, msg.Dst), Cat: "message", Ph: "i", Ts: msg.GaveUp, Pid: src, Tid: algorithmTid, Scope: "t", Args: args})
		}
	}
	for _, mk := range a.Marks {
		e := chromeEvent{Name: mk.Label, Cat: mk.Kind.String(), Ph: "i", Ts: mk.Tick, Pid: machinePid(mk.Node), Tid: algorithmTid, Scope: "t", Args: map[string]any{"detail": mk.Detail}}
		if mk.Node == 0 { // a broken rule: the whole run
			e.Pid, e.Tid, e.Scope = 0, 0, "g"
		}
		emit(e)
	}
	for _, sp := range a.Spans {
		emit(chromeEvent{Name: spanNames[sp.Kind], Cat: sp.Kind.String(), Ph: "X", Ts: sp.Start, Dur: max(1, sp.End-sp.Start), Pid: machinePid(sp.Node), Tid: intervalTid})
	}
}

// Events: one line of a trace.
//
// An Event holds every field any kind can carry; the kind's row in
// Kinds says which of them it has. The writer writes only those, in the
// table's order, and the reader fills them back in, so an Event written
// and read again compares equal.

package trace

import (
	"strconv"
	"unicode/utf8"
)

// Event is one thing that happened in a run.
type Event struct {
	// The base fields, on every event. The Recorder fills them in: an
	// emitter gives only Kind and the kind's own fields.
	Tick    int64  `json:"tick"`
	Machine int    `json:"machine"` // which machine of a cluster; 0 for a lone machine
	PID     int    `json:"pid"`     // the running process; 0 for a kernel thread
	TID     int    `json:"tid"`     // the running thread, numbered from 1 in creation order; 0 before the first
	Thread  string `json:"thread"`  // its name
	Kind    Kind   `json:"kind"`

	// The kinds' own fields (see Kinds and Fields).
	Name    string   `json:"name"`
	Wait    string   `json:"wait"`
	Lock    string   `json:"lock"`
	Peer    string   `json:"peer"`
	PeerTID int      `json:"peer_tid"`
	Args    [4]int32 `json:"args"`
	Result  int64    `json:"result"`
	Count   int      `json:"count"`
	Proc    int      `json:"proc"`
	PC      uint32   `json:"pc"`
	Addr    uint32   `json:"addr"`
	Word    uint32   `json:"word"`
	Page    int      `json:"page"`
	Frame   int      `json:"frame"`
	Dirty   bool     `json:"dirty"`
	Sector  int      `json:"sector"`
	Src     int      `json:"src"`
	Dst     int      `json:"dst"`
	Port    int      `json:"port"`
	Size    int      `json:"size"`
	ID      int64    `json:"id"`
	Lamport int64    `json:"lamport"`
	Value   int      `json:"value"`
}

// Field names one of an event's own fields.
type Field uint8

// The fields kinds may carry.
const (
	FName Field = iota
	FWait
	FLock
	FPeer
	FPeerTID
	FArgs
	FResult
	FCount
	FProc
	FPC
	FAddr
	FWord
	FPage
	FFrame
	FDirty
	FSector
	FSrc
	FDst
	FPort
	FSize
	FID
	FLamport
	FValue
	NumFields
)

// FieldInfo describes a field: its JSON key, its type as the README
// shows it, and how to append its value.
type FieldInfo struct {
	Key    string
	Type   string
	Doc    string
	append func(b []byte, e *Event) []byte
}

// Fields is the table of every field, indexed by Field.
var Fields = [NumFields]FieldInfo{
	FName:    {"name", "string", "the object, call, exception, device or program; in nachos dist, a message's kind, a decision or a broken rule", func(b []byte, e *Event) []byte { return appendString(b, e.Name) }},
	FWait:    {"wait", "string", "what a thread blocks on: lock, condition, semaphore, join or other", func(b []byte, e *Event) []byte { return appendString(b, e.Wait) }},
	FLock:    {"lock", "string", "the lock a condition's waiter releases", func(b []byte, e *Event) []byte { return appendString(b, e.Lock) }},
	FPeer:    {"peer", "string", "the other thread's name (empty: none)", func(b []byte, e *Event) []byte { return appendString(b, e.Peer) }},
	FPeerTID: {"peer_tid", "int", "the other thread's number (0: none)", func(b []byte, e *Event) []byte { return strconv.AppendInt(b, int64(e.PeerTID), 10) }},
	FArgs:    {"args", "[4]int", "the argument registers $4..$7, signed", appendArgs},
	FResult:  {"result", "int", "what a call returned, or a process's exit status", func(b []byte, e *Event) []byte { return strconv.AppendInt(b, e.Result, 10) }},
	FCount:   {"count", "int", "how many threads a broadcast woke", func(b []byte, e *Event) []byte { return strconv.AppendInt(b, int64(e.Count), 10) }},
	FProc:    {"proc", "int", "the process concerned (not always the running one)", func(b []byte, e *Event) []byte { return strconv.AppendInt(b, int64(e.Proc), 10) }},
	FPC:      {"pc", "uint32", "a user instruction's address", func(b []byte, e *Event) []byte { return strconv.AppendUint(b, uint64(e.PC), 10) }},
	FAddr:    {"addr", "uint32", "a virtual address", func(b []byte, e *Event) []byte { return strconv.AppendUint(b, uint64(e.Addr), 10) }},
	FWord:    {"word", "uint32", "an instruction word", func(b []byte, e *Event) []byte { return strconv.AppendUint(b, uint64(e.Word), 10) }},
	FPage:    {"page", "int", "a virtual page number", func(b []byte, e *Event) []byte { return strconv.AppendInt(b, int64(e.Page), 10) }},
	FFrame:   {"frame", "int", "a physical frame number", func(b []byte, e *Event) []byte { return strconv.AppendInt(b, int64(e.Frame), 10) }},
	FDirty:   {"dirty", "bool", "the page was written to since it was loaded", func(b []byte, e *Event) []byte { return strconv.AppendBool(b, e.Dirty) }},
	FSector:  {"sector", "int", "a disk sector", func(b []byte, e *Event) []byte { return strconv.AppendInt(b, int64(e.Sector), 10) }},
	FSrc:     {"src", "int", "the sending machine (in nachos dist, node)", func(b []byte, e *Event) []byte { return strconv.AppendInt(b, int64(e.Src), 10) }},
	FDst:     {"dst", "int", "the receiving machine (in nachos dist, node)", func(b []byte, e *Event) []byte { return strconv.AppendInt(b, int64(e.Dst), 10) }},
	FPort:    {"port", "int", "the mailbox (port) on the receiving machine", func(b []byte, e *Event) []byte { return strconv.AppendInt(b, int64(e.Port), 10) }},
	FSize:    {"size", "int", "bytes of payload", func(b []byte, e *Event) []byte { return strconv.AppendInt(b, int64(e.Size), 10) }},
	FID:      {"id", "int", "a packet's number, the same in its send, receive or drop; a dist message's, the same in its send, receive or give-up", func(b []byte, e *Event) []byte { return strconv.AppendInt(b, e.ID, 10) }},
	FLamport: {"lamport", "int", "the node's Lamport clock after the event", func(b []byte, e *Event) []byte { return strconv.AppendInt(b, e.Lamport, 10) }},
	FValue:   {"value", "int", "a decision's value", func(b []byte, e *Event) []byte { return strconv.AppendInt(b, int64(e.Value), 10) }},
}

func appendArgs(b []byte, e *Event) []byte {
	b = append(b, '[')
	for i, a := range e.Args {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(a), 10)
	}
	return append(b, ']')
}

// AppendJSON appends the event as one JSON object, without a newline:
// the base fields, then the kind's own in the table's order.
func (e *Event) AppendJSON(b []byte) []byte {
	b = append(b, `{"tick":`...)
	b = strconv.AppendInt(b, e.Tick, 10)
	b = append(b, `,"machine":`...)
	b = strconv.AppendInt(b, int64(e.Machine), 10)
	b = append(b, `,"pid":`...)
	b = strconv.AppendInt(b, int64(e.PID), 10)
	b = append(b, `,"tid":`...)
	b = strconv.AppendInt(b, int64(e.TID), 10)
	b = append(b, `,"thread":`...)
	b = appendString(b, e.Thread)
	b = append(b, `,"kind":"`...)
	b = append(b, Kinds[e.Kind].Name...)
	b = append(b, '"')
	for _, f := range Kinds[e.Kind].Fields {
		b = append(b, ',', '"')
		b = append(b, Fields[f].Key...)
		b = append(b, '"', ':')
		b = Fields[f].append(b, e)
	}
	return append(b, '}')
}

// appendString appends s as a JSON string. Names come from programs and
// the command line, so anything may be in them: quotes, backslashes and
// control characters are escaped, and invalid UTF-8 is replaced.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < 0x80 {
			b = append(b, c)
			continue
		}
		// The rare path: let strconv quote the rest, then turn Go's
		// escapes into JSON's.
		return appendQuotedSlow(b, s[i:])
	}
	return append(b, '"')
}

func appendQuotedSlow(b []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r < 0x20:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[r>>4], "0123456789abcdef"[r&15])
		default:
			b = utf8.AppendRune(b, r) // invalid UTF-8 arrives as U+FFFD
		}
	}
	return append(b, '"')
}

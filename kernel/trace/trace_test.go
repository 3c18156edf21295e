package trace

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every kind survives a round trip through the writer and the reader,
// with its own fields and the base ones, and names with quotes, control
// characters and invalid UTF-8 come back as valid JSON strings.
func TestWriteThenReadEveryKind(t *testing.T) {
	for f := range NumFields { // a field with no sample would round-trip only its zero
		var e Event
		setSample(&e, f)
		require.NotEqual(t, Event{}, e, "sample has no value for field %q, or Event no field of that key", Fields[f].Key)
	}
	var buf bytes.Buffer
	w := NewWriter(&buf, `nachos -x "odd name"`)
	clock := int64(0)
	r := NewRecorder(w, 2, &clock)
	r.SetRunning(3, "t \"quoted\"\n\x01", 5)
	var want []Event
	for k := range NumKinds {
		clock += 10
		e := Event{Kind: k}
		for _, f := range Kinds[k].Fields {
			setSample(&e, f)
		}
		r.Emit(e)
		e.Tick, e.Machine, e.PID, e.TID, e.Thread = clock, 2, 5, 3, "t \"quoted\"\n\x01"
		want = append(want, e)
	}
	require.NoError(t, w.Close())
	h, got, err := Read(&buf, "t.jsonl")
	require.NoError(t, err)
	assert.Equal(t, Header{Schema: Schema, Version: Version, Command: `nachos -x "odd name"`}, h)
	assert.Equal(t, want, got)
}

// ReadKinds keeps exactly the events of the kinds asked for, in order.
func TestReadKindsKeepsOnlyThoseKinds(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, "nachos")
	clock := int64(0)
	r := NewRecorder(w, 0, &clock)
	for k := range NumKinds {
		clock++
		r.Emit(Event{Kind: k, Name: "x"})
	}
	require.NoError(t, w.Close())
	_, got, err := ReadKinds(&buf, "t.jsonl", func(k Kind) bool { return k == LockAcquire || k == Halt })
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, LockAcquire, got[0].Kind)
	assert.Equal(t, Halt, got[1].Kind)
}

// sample has each of the kinds' own fields set to a value that is not
// zero; the name needs escaping and has a letter beyond ASCII.
var sample = Event{Name: "name\\é", Wait: "lock", Lock: "mutex", Peer: "peer", PeerTID: 6,
	Args: [4]int32{-1, 2, 1 << 30, -1 << 31}, Result: -1005, Count: 3, Proc: 4, PC: 0xfffffffc,
	Addr: 0x80000000, Word: 0x24020001, Page: 17, Frame: 9, Dirty: true, Sector: 1023, Src: 1,
	Dst: 2, Port: 7, Size: 64, ID: 1 << 40, Lamport: 1<<33 + 1, Value: -7}

// setSample gives field f of e its value in sample, finding the field by
// its JSON key, so a key in Fields that names no field of Event is found
// too.
func setSample(e *Event, f Field) {
	v, s := reflect.ValueOf(e).Elem(), reflect.ValueOf(sample)
	for i := range v.NumField() {
		if strings.Split(v.Type().Field(i).Tag.Get("json"), ",")[0] == Fields[f].Key {
			v.Field(i).Set(s.Field(i))
			return
		}
	}
}

// Invalid UTF-8 in a name is written as U+FFFD, so the line stays JSON.
func TestInvalidUTF8IsReplaced(t *testing.T) {
	e := Event{Kind: ProcessStart, Name: "bad\xffname"}
	assert.Equal(t, `{"tick":0,"machine":0,"pid":0,"tid":0,"thread":"","kind":"process-start","proc":0,"name":"bad`+"\uFFFD"+`name"}`,
		string(e.AppendJSON(nil)))
}

// A trace of version 1, from before nachos dist's kinds, still reads.
func TestReadTakesVersionOne(t *testing.T) {
	h, events, err := Read(strings.NewReader(`{"schema":"nachos-trace","version":1}`+"\n"+`{"tick":3,"machine":0,"pid":0,"tid":0,"thread":"","kind":"halt"}`), "old.jsonl")
	require.NoError(t, err)
	assert.Equal(t, 1, h.Version)
	assert.Equal(t, []Event{{Tick: 3, Kind: Halt}}, events)
}

// EmitAt stamps the tick it is given, and the rest as Emit does.
func TestEmitAtKeepsItsTick(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, "")
	clock := int64(500)
	r := NewRecorder(w, 4, &clock)
	r.SetRunning(2, "dist handler", 0)
	r.EmitAt(300, Event{Kind: DistCrash, Lamport: 6})
	require.NoError(t, w.Close())
	_, got, err := Read(&buf, "t.jsonl")
	require.NoError(t, err)
	assert.Equal(t, []Event{{Tick: 300, Machine: 4, TID: 2, Thread: "dist handler", Kind: DistCrash, Lamport: 6}}, got)
	var nilRecorder *Recorder
	nilRecorder.EmitAt(1, Event{Kind: Halt})
}

// A nil Recorder records nothing and does not fail: that is tracing off.
func TestNilRecorderDoesNothing(t *testing.T) {
	var r *Recorder
	assert.False(t, r.Enabled())
	r.SetRunning(1, "x", 1)
	r.Emit(Event{Kind: Halt})
	assert.Zero(t, testing.AllocsPerRun(100, func() { r.Emit(Event{Kind: LockAcquire, Name: "l"}) }))
}

// Recording an event allocates nothing once the buffers have grown.
func TestEmitDoesNotAllocate(t *testing.T) {
	clock := int64(0)
	r := NewRecorder(NewWriter(&bytes.Buffer{}, ""), 0, &clock)
	r.Emit(Event{Kind: Syscall, Name: "Write"})
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		r.Emit(Event{Kind: Syscall, Name: "Write", Args: [4]int32{1, 2, 3, 4}})
	}))
}

// What is not a trace, or is a trace of another version, is refused with
// a message that says what to do.
func TestReadRefusesWhatIsNotATrace(t *testing.T) {
	cases := map[string]string{
		"":                                       "is empty",
		"hello\n":                                "does not start with a nachos trace header",
		`{"schema":"other","version":1}` + "\n":  "does not start with a nachos trace header",
		`{"schema":"nachos-trace","version":99}`: "schema version 99, and this nachos reads versions 1 to 2",
		`{"schema":"nachos-trace","version":0}`:  "schema version 0",
		`{"schema":"nachos-trace","version":1}` + "\n" + `{"tick":1,"kind":"no-such-kind"}`: `t.jsonl:2: unknown event kind "no-such-kind"`,
		`{"schema":"nachos-trace","version":1}` + "\n" + `{"tick":`:                         "t.jsonl:2:",
	}
	for in, want := range cases {
		_, _, err := Read(strings.NewReader(in), "t.jsonl")
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), want, in)
	}
}

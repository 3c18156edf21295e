// Writing a trace: JSON Lines, one event per line after a header.
//
// The first line is the header record, which says what the file is and
// which version of the schema it follows:
//
//	{"schema":"nachos-trace","version":2,"command":"nachos -x test/sort --trace t.jsonl"}
//
// Every later line is one event (event.go). The writer formats events by
// hand into one reused buffer, so that recording an event allocates
// nothing; a run of test/sort records tens of thousands of them.
//
// The version goes up whenever a kind or a field is added, even though
// nothing old changes meaning: a reader refuses a kind it does not know
// rather than drop events silently, so an older nachos must learn from
// the header, at the first line, that the file is newer than it. A
// reader reads every version from OldestVersion on: version 2 only
// added the kinds of nachos dist (dist-send ...) and the lamport and
// value fields, so a version 1 file is a valid version 2 file.

package trace

import (
	"bufio"
	"encoding/json"
	"io"
)

// The schema this package writes, and the versions it reads.
const (
	Schema        = "nachos-trace"
	Version       = 2
	OldestVersion = 1
)

// Header is the first line of a trace.
type Header struct {
	Schema  string `json:"schema"`
	Version int    `json:"version"`
	Command string `json:"command,omitempty"` // the command line that made the trace
}

// Writer writes events to a file. The machines of a cluster share one
// Writer, each through a Recorder of its own, so their events land in
// one file in the order they happened. It is not safe for concurrent
// use: the machines take turns, as everything in a simulation does.
type Writer struct {
	w   *bufio.Writer
	buf []byte
	err error // the first write error; later writes are skipped
}

// NewWriter starts a trace on w by writing its header. command is the
// command line that runs the simulation, for whoever reads the trace.
func NewWriter(w io.Writer, command string) *Writer {
	tw := &Writer{w: bufio.NewWriterSize(w, 64<<10), buf: make([]byte, 0, 256)}
	h, _ := json.Marshal(Header{Schema: Schema, Version: Version, Command: command})
	tw.write(append(h, '\n'))
	return tw
}

// Write appends one event.
func (w *Writer) Write(e *Event) {
	w.buf = append(e.AppendJSON(w.buf[:0]), '\n')
	w.write(w.buf)
}

func (w *Writer) write(b []byte) {
	if w.err == nil {
		_, w.err = w.w.Write(b)
	}
}

// Close flushes what is buffered and returns the first error met while
// writing. It does not close the underlying file.
func (w *Writer) Close() error {
	if w.err == nil {
		w.err = w.w.Flush()
	}
	return w.err
}

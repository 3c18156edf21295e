// Writing a trace: JSON Lines, one event per line after a header.
//
// The first line is the header record, which says what the file is and
// which version of the schema it follows:
//
//	{"schema":"nachos-trace","version":1,"command":"nachos -x test/sort --trace t.jsonl"}
//
// Every later line is one event (event.go). The writer formats events by
// hand into one reused buffer, so that recording an event allocates
// nothing; a run of test/sort records tens of thousands of them.

package trace

import (
	"bufio"
	"encoding/json"
	"io"
)

// The schema this package writes and reads.
const (
	Schema  = "nachos-trace"
	Version = 1
)

// Header is the first line of a trace.
type Header struct {
	Schema  string `json:"schema"`
	Version int    `json:"version"`
	Command string `json:"command,omitempty"` // the command line that made the trace
}

// Writer writes events to a file. The machines of a cluster share one
// Writer, each through a Recorder of its own, so their events land in
// one file in the order they happened.
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

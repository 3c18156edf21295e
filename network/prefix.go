// Telling machines apart in a cluster's output.
//
// The machines of a cluster share the host's standard output. A
// PrefixWriter starts each line a machine writes with its name, and holds
// a line back until it is complete, so that one machine's characters never
// land in the middle of another's line. The order of the lines is the
// order in which the simulation finished them, so it repeats exactly.

package network

import (
	"bytes"
	"io"
)

// PrefixWriter writes whole lines to an underlying writer, each with a
// prefix.
type PrefixWriter struct {
	w      io.Writer
	prefix []byte
	line   []byte // the unfinished line
}

// NewPrefixWriter returns a writer that prefixes every line with prefix.
func NewPrefixWriter(w io.Writer, prefix string) *PrefixWriter {
	return &PrefixWriter{w: w, prefix: []byte(prefix)}
}

// Write buffers p and writes out every line it completes.
func (p *PrefixWriter) Write(b []byte) (int, error) {
	p.line = append(p.line, b...)
	for {
		i := bytes.IndexByte(p.line, '\n')
		if i < 0 {
			return len(b), nil
		}
		if err := p.emit(p.line[:i+1]); err != nil {
			return len(b), err
		}
		p.line = p.line[:copy(p.line, p.line[i+1:])]
	}
}

// Flush writes out an unfinished last line, ending it.
func (p *PrefixWriter) Flush() error {
	if len(p.line) == 0 {
		return nil
	}
	err := p.emit(append(p.line, '\n'))
	p.line = p.line[:0]
	return err
}

func (p *PrefixWriter) emit(line []byte) error {
	if _, err := p.w.Write(p.prefix); err != nil {
		return err
	}
	_, err := p.w.Write(line)
	return err
}

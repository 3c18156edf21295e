// Marshalling: how RPC stubs put arguments and results into bytes.
//
// Integers travel as 4 little-endian bytes, strings as their length (4
// bytes) and their bytes. A Decoder never panics on a short or garbled
// message: it remembers that it ran out, and Err says so, so a server can
// refuse a bad request instead of crashing.

package network

import (
	"encoding/binary"
	"errors"
)

// Encoder builds a message.
type Encoder struct{ b []byte }

// Int appends an integer.
func (e *Encoder) Int(v int32) *Encoder {
	e.b = binary.LittleEndian.AppendUint32(e.b, uint32(v))
	return e
}

// String appends a string.
func (e *Encoder) String(s string) *Encoder {
	e.Int(int32(len(s)))
	e.b = append(e.b, s...)
	return e
}

// Bytes returns the message.
func (e *Encoder) Bytes() []byte { return e.b }

// Decoder reads a message.
type Decoder struct {
	b   []byte
	bad bool
}

// NewDecoder reads b.
func NewDecoder(b []byte) *Decoder { return &Decoder{b: b} }

// Int reads an integer (0 past the end).
func (d *Decoder) Int() int32 {
	if len(d.b) < 4 {
		d.bad = true
		return 0
	}
	v := int32(binary.LittleEndian.Uint32(d.b))
	d.b = d.b[4:]
	return v
}

// String reads a string ("" past the end).
func (d *Decoder) String() string {
	n := d.Int()
	if n < 0 || int(n) > len(d.b) {
		d.bad = true
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// Err says whether the message was too short for what was read.
func (d *Decoder) Err() error {
	if d.bad {
		return errBadMessage
	}
	return nil
}

var errBadMessage = errors.New("a malformed message")

// Packets of the GDB remote serial protocol.
//
// gdb and a stub exchange packets of the form $DATA#CS, where CS is the
// sum of DATA's bytes modulo 256 in two hex digits. Each side answers a
// packet with + (received) or - (send it again). Inside DATA, the bytes
// $, #, } and * are escaped as } followed by the byte xor 0x20; a stub
// needs that only for binary replies such as qXfer.

package gdbstub

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// conn is one gdb connection.
type conn struct {
	r *bufio.Reader
	w io.Writer
}

// errInterrupt says that gdb sent ^C (a byte 0x03 outside a packet).
var errInterrupt = errors.New("interrupt")

// received is a packet's data, or why none could be read.
type received struct {
	data string
	err  error
}

// read receives packets and passes them on, until the connection fails
// or done is closed; a ^C calls interrupt at once.
func (c *conn) read(packets chan<- received, done <-chan struct{}, interrupt func()) {
	for {
		data, err := c.receive()
		if errors.Is(err, errInterrupt) {
			interrupt()
			continue
		}
		select {
		case packets <- received{data, err}:
		case <-done:
			return
		}
		if err != nil {
			return
		}
	}
}

// receive returns the next packet's data, acknowledging it.
func (c *conn) receive() (string, error) {
	for {
		b, err := c.r.ReadByte()
		if err != nil {
			return "", err
		}
		switch b {
		case '$':
		case 0x03:
			return "", errInterrupt
		default: // acknowledgements, and noise between packets
			continue
		}
		data, err := c.r.ReadString('#')
		if err != nil {
			return "", err
		}
		data = strings.TrimSuffix(data, "#")
		var sum [2]byte
		if _, err := io.ReadFull(c.r, sum[:]); err != nil {
			return "", err
		}
		if fmt.Sprintf("%02x", checksum(data)) != strings.ToLower(string(sum[:])) {
			if _, err := io.WriteString(c.w, "-"); err != nil {
				return "", err
			}
			continue
		}
		if _, err := io.WriteString(c.w, "+"); err != nil {
			return "", err
		}
		return data, nil
	}
}

// send sends a packet. It does not wait for the acknowledgement, which
// receive skips: on a reliable connection there is nothing to resend.
func (c *conn) send(data string) error {
	_, err := fmt.Fprintf(c.w, "$%s#%02x", data, checksum(data))
	return err
}

func checksum(data string) byte {
	var sum byte
	for i := range len(data) {
		sum += data[i]
	}
	return sum
}

// escape escapes the bytes the protocol reserves, for binary data.
func escape(data string) string {
	var b strings.Builder
	for i := range len(data) {
		switch c := data[i]; c {
		case '$', '#', '}', '*':
			b.WriteByte('}')
			b.WriteByte(c ^ 0x20)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// A synchronous console on top of the asynchronous device.
//
// The console device returns at once and signals completion with an
// interrupt. Threads want the opposite: a Write that returns when the text
// is out, a read that returns a character. Two semaphores bridge the gap:
// the interrupt handlers V them, and the thread doing I/O P's them. A
// third keeps one Write from being interleaved with another.

package userprog

import (
	"io"

	"nachos/kernel"
	"nachos/machine"
)

// SynchConsole is the console as threads use it.
type SynchConsole struct {
	device    *machine.Console
	readAvail *kernel.Semaphore // V'd by the interrupt when a character arrives
	writeDone *kernel.Semaphore // V'd by the interrupt when a character is out
	writing   *kernel.Semaphore // one writer at a time
	reading   *kernel.Semaphore // one reader at a time

	// The kernel's own messages ("nachos: test/x: exited ...") go to the
	// same terminal. One that comes while a Write is under way waits in
	// later until the Write ends, so that it does not cut the text in two.
	midWrite bool
	later    []heldMessage
}

// heldMessage is a kernel message waiting for the end of a Write.
type heldMessage struct {
	to  io.Writer
	msg string
}

func (k *Kernel) newSynchConsole() *SynchConsole {
	c := &SynchConsole{
		readAvail: k.NewSemaphore("console read avail", 0),
		writeDone: k.NewSemaphore("console write done", 0),
		writing:   k.NewSemaphore("console writer", 1),
		reading:   k.NewSemaphore("console reader", 1),
	}
	c.device = k.Machine.NewConsole(k.In, k.Out, c.readAvail.V, c.writeDone.V)
	return c
}

// Say writes a kernel message to to (the output or the error output,
// which usually share a terminal): at once, or, in the middle of a Write,
// when it ends.
func (c *SynchConsole) Say(to io.Writer, msg string) {
	if c.midWrite {
		c.later = append(c.later, heldMessage{to, msg})
		return
	}
	io.WriteString(to, msg)
}

// sayLater writes the messages held back during a Write.
func (c *SynchConsole) sayLater() {
	for _, m := range c.later {
		io.WriteString(m.to, m.msg)
	}
	c.later = c.later[:0]
}

// busyWith reports whether a thread blocked on w is in the middle of
// console I/O, holding the console. (A reader stops after the character
// it is waiting for if its process dies meanwhile; a writer finishes.)
func (c *SynchConsole) busyWith(w any) bool { return w == c.readAvail || w == c.writeDone }

// Write puts every byte of text on the console, waiting for each, and
// lets no other Write in between.
func (c *SynchConsole) Write(text []byte) {
	c.writing.P()
	c.midWrite = true
	for _, ch := range text {
		c.device.PutChar(ch)
		c.writeDone.P()
	}
	c.midWrite = false
	c.sayLater()
	c.writing.V()
}

// Read reads up to len(buf) characters, stopping early at the end of the
// input, or when stop says the reader's process has died (the rest of the
// input belongs to whoever reads next). It returns how many it read.
func (c *SynchConsole) Read(buf []byte, stop func() bool) int {
	c.reading.P()
	n := 0
	for n < len(buf) && !stop() {
		c.device.StartRead()
		c.readAvail.P()
		ch, ok := c.device.GetChar()
		if !ok {
			break
		}
		buf[n] = ch
		n++
	}
	c.reading.V()
	return n
}

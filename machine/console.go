// The console: a character terminal.
//
// Like a real serial line, the console is slow and asynchronous. PutChar
// starts sending one character and returns at once; ConsoleTime ticks later
// an interrupt says the device is free for the next one. Reading works the
// same way: StartRead asks for the next character, and an interrupt says it
// has arrived (or that the input has ended), after which GetChar returns
// it. The kernel turns this into ordinary blocking reads and writes with
// semaphores.
//
// Simulator note: Nachos's console polls its input every ConsoleTime ticks
// whether or not anyone is reading. This one reads only when asked, so that
// a program that never reads does not stall waiting for a keyboard; a
// character therefore arrives ConsoleTime ticks after it is asked for.

package machine

import "io"

// Console is a character device over any reader and writer.
type Console struct {
	m   *Machine
	in  io.Reader
	out io.Writer

	readAvail func() // the kernel's handler: a character (or end of input) is here
	writeDone func() // the kernel's handler: the last character has been sent

	putBusy  bool // a character is being sent
	reading  bool // a read has been started and has not completed
	incoming int  // the character that arrived, or -1 at end of input
	next     int  // the character being fetched by the read in progress

	arrived, sent func() // c.arrive and c.done, bound once
}

// NewConsole attaches a console to the machine.
func (m *Machine) NewConsole(in io.Reader, out io.Writer, readAvail, writeDone func()) *Console {
	c := &Console{m: m, in: in, out: out, readAvail: readAvail, writeDone: writeDone, incoming: -1}
	c.arrived, c.sent = c.arrive, c.done
	return c
}

// PutChar starts writing ch. The console must not be busy with the
// previous character; the writeDone handler runs when it is free again.
func (c *Console) PutChar(ch byte) {
	if c.putBusy {
		panic("machine: PutChar while the console is still sending a character")
	}
	c.putBusy = true
	_, _ = c.out.Write([]byte{ch}) // a host output error loses the character, as a broken line would
	c.m.Interrupt.Schedule(c.sent, ConsoleTime, ConsoleWriteInt)
}

func (c *Console) done() {
	c.putBusy = false
	c.m.Stats.NumConsoleCharsWritten++
	c.writeDone()
}

// StartRead asks for the next input character; the readAvail handler runs
// when it has arrived, or when the input has ended.
func (c *Console) StartRead() {
	if c.reading {
		panic("machine: StartRead while a read is in progress")
	}
	c.reading = true
	var b [1]byte
	if n, _ := io.ReadFull(c.in, b[:]); n == 1 {
		c.next = int(b[0])
	} else {
		c.next = -1
	}
	c.m.Interrupt.Schedule(c.arrived, ConsoleTime, ConsoleReadInt)
}

func (c *Console) arrive() {
	c.reading = false
	c.incoming = c.next
	if c.incoming >= 0 {
		c.m.Stats.NumConsoleCharsRead++
	}
	c.readAvail()
}

// GetChar returns the character that arrived, or ok=false if the input
// has ended. Call it once the readAvail handler has run.
func (c *Console) GetChar() (ch byte, ok bool) {
	if c.incoming < 0 {
		return 0, false
	}
	ch = byte(c.incoming)
	c.incoming = -1
	return ch, true
}

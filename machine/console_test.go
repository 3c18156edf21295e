// Tests for the console: a character goes out at once and the device is
// free ConsoleTime ticks later; a character asked for arrives ConsoleTime
// ticks later.

package machine_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/machine"
)

// consoleRig is a console whose handlers are logged.
type consoleRig struct {
	m   *machine.Machine
	log *tickLog
	out bytes.Buffer
	c   *machine.Console
}

func newConsoleRig(t *testing.T, input string) *consoleRig {
	m := bareMachine(t, machine.Config{})
	r := &consoleRig{m: m, log: &tickLog{m: m}}
	r.c = m.NewConsole(strings.NewReader(input), &r.out, r.log.handler("readAvail"), r.log.handler("writeDone"))
	return r
}

func TestConsolePutCharWritesAtOnceAndCompletesLater(t *testing.T) {
	r := newConsoleRig(t, "")
	r.c.PutChar('h')
	assert.Equal(t, "h", r.out.String(), "the character is on the screen at once")
	assert.Equal(t, 0, r.m.Stats.NumConsoleCharsWritten, "counted when the write completes")
	assert.Empty(t, r.log.events)

	require.True(t, r.m.Interrupt.Idle())
	assert.Equal(t, []string{"writeDone@100"}, r.log.events)
	assert.Equal(t, 1, r.m.Stats.NumConsoleCharsWritten)

	r.c.PutChar('i')
	require.True(t, r.m.Interrupt.Idle())
	assert.Equal(t, "hi", r.out.String())
	assert.Equal(t, []string{"writeDone@100", "writeDone@200"}, r.log.events)
	assert.Equal(t, machine.Statistics{TotalTicks: 200, IdleTicks: 200, NumConsoleCharsWritten: 2}, *r.m.Stats)
}

func TestConsolePutCharWhileBusyPanics(t *testing.T) {
	r := newConsoleRig(t, "")
	r.c.PutChar('a')
	assert.PanicsWithValue(t, "machine: PutChar while the console is still sending a character", func() { r.c.PutChar('b') })
	assert.Equal(t, "a", r.out.String())
}

func TestConsoleReadsOneCharacterAtATime(t *testing.T) {
	r := newConsoleRig(t, "ab")
	_, ok := r.c.GetChar()
	assert.False(t, ok, "nothing has arrived yet")

	r.c.StartRead()
	require.True(t, r.m.Interrupt.Idle())
	assert.Equal(t, []string{"readAvail@100"}, r.log.events)
	assert.Equal(t, 1, r.m.Stats.NumConsoleCharsRead)
	ch, ok := r.c.GetChar()
	assert.True(t, ok)
	assert.Equal(t, byte('a'), ch)
	_, ok = r.c.GetChar()
	assert.False(t, ok, "a character is returned once")

	r.c.StartRead()
	require.True(t, r.m.Interrupt.Idle())
	ch, ok = r.c.GetChar()
	assert.True(t, ok)
	assert.Equal(t, byte('b'), ch)
	assert.Equal(t, []string{"readAvail@100", "readAvail@200"}, r.log.events)
	assert.Equal(t, machine.Statistics{TotalTicks: 200, IdleTicks: 200, NumConsoleCharsRead: 2}, *r.m.Stats)
}

func TestConsoleEndOfInput(t *testing.T) {
	r := newConsoleRig(t, "z")
	r.c.StartRead()
	require.True(t, r.m.Interrupt.Idle())
	_, ok := r.c.GetChar()
	require.True(t, ok)

	r.c.StartRead()
	require.True(t, r.m.Interrupt.Idle())
	assert.Equal(t, []string{"readAvail@100", "readAvail@200"}, r.log.events, "the end of input is announced too")
	ch, ok := r.c.GetChar()
	assert.False(t, ok)
	assert.Equal(t, byte(0), ch)
	assert.Equal(t, 1, r.m.Stats.NumConsoleCharsRead, "the end of input is not a character")
}

func TestConsoleStartReadWhileReadingPanics(t *testing.T) {
	r := newConsoleRig(t, "ab")
	r.c.StartRead()
	assert.PanicsWithValue(t, "machine: StartRead while a read is in progress", r.c.StartRead)
}

func TestConsoleReadAndWriteAtOnce(t *testing.T) {
	r := newConsoleRig(t, "q")
	r.c.PutChar('p')
	r.c.StartRead()
	require.True(t, r.m.Interrupt.Idle())
	assert.Equal(t, []string{"writeDone@100", "readAvail@100"}, r.log.events)
	assert.Equal(t, machine.Statistics{TotalTicks: 100, IdleTicks: 100, NumConsoleCharsRead: 1, NumConsoleCharsWritten: 1}, *r.m.Stats)
}

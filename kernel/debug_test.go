// Tests for the debug flags: parsing -d, the help table, and the traces
// the kernel writes when a flag is on.

package kernel_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
	"nachos/machine"
)

// allLetters is every debug letter, in the table's order.
const allLetters = "tsimadpn"

// enabledLetters lists the debug letters d has on, in the table's order.
func enabledLetters(d *kernel.Debug) string {
	var on []byte
	for _, f := range kernel.DebugFlags {
		if d.Enabled(f.Letter) {
			on = append(on, f.Letter)
		}
	}
	return string(on)
}

func TestDebugFlagsTable(t *testing.T) {
	letters := make([]byte, 0, len(kernel.DebugFlags))
	for _, f := range kernel.DebugFlags {
		letters = append(letters, f.Letter)
		assert.NotEmpty(t, f.Name, "flag %c", f.Letter)
		assert.NotEmpty(t, f.Traces, "flag %c", f.Letter)
	}
	assert.Equal(t, allLetters, string(letters))
}

func TestParseDebug(t *testing.T) {
	for flags, want := range map[string]string{
		"":     "",
		"ti":   "ti",
		"it":   "ti",
		"tt":   "t",
		"m":    "m",
		"+":    allLetters,
		"t+":   allLetters,
		"amis": "sima",
	} {
		d, err := kernel.ParseDebug(flags, &bytes.Buffer{})
		require.NoError(t, err, "-d %q", flags)
		assert.Equal(t, want, enabledLetters(d), "-d %q", flags)
		assert.False(t, d.Enabled('x'), "-d %q", flags)
		assert.False(t, d.Enabled('+'), "-d %q: + is not a flag of its own", flags)
	}
}

func TestParseDebugRefusesUnknownLetters(t *testing.T) {
	for flags, bad := range map[string]string{"tx": "'x'", "T": "'T'", "ti ": "' '", "+q": "'q'"} {
		d, err := kernel.ParseDebug(flags, &bytes.Buffer{})
		assert.Nil(t, d)
		assert.EqualError(t, err, "unknown debug flag "+bad+" in -d "+flags+" (known: +tsimadpn; nachos -d help explains them)")
	}
}

func TestDebugPrintfWritesOnlyForEnabledFlags(t *testing.T) {
	var out bytes.Buffer
	d, err := kernel.ParseDebug("s", &out)
	require.NoError(t, err)
	d.Printf('s', "P on %q\n", "mutex")
	d.Printf('t', "not shown %d\n", 1)
	assert.Equal(t, "P on \"mutex\"\n", out.String())
}

func TestDebugHelpListsEveryFlag(t *testing.T) {
	var out bytes.Buffer
	kernel.DebugHelp(&out)
	assert.Equal(t, "Debug flags for -d (combine letters, e.g. -d ti):\n"+
		"  +  all             every flag below\n"+
		"  t  threads         thread creation, context switches, sleeping and finishing\n"+
		"  s  synch           semaphores, locks and condition variables; a user thread that exits holding a lock, or leaving threads nothing can wake\n"+
		"  i  interrupts      every interrupt as it is serviced\n"+
		"  m  machine         every user instruction, disassembled, with the registers it changed\n"+
		"  a  address spaces  program loading, address spaces, system calls and their arguments\n"+
		"  d  disk            disk requests (the swap, under --vm)\n"+
		"  p  paging          page faults and evictions, and each process's paging counts when it ends (--vm)\n"+
		"  n  network         mail sent, filed in mailboxes and dropped by the post office, and packets lost on the wire\n", out.String())
}

// With -d ti, a P that waits for a disk interrupt shows the thread
// sleeping, the interrupt, and the thread finishing.
func TestDebugTracesThreadsAndInterrupts(t *testing.T) {
	r := newKernelRig(t, kernel.Config{}, "ti")
	r.k.Boot(func() {
		s := r.k.NewSemaphore("disk done", 0)
		r.k.Machine.Interrupt.Schedule(s.V, 50, machine.DiskInt)
		s.P()
		r.k.Yield()
	})
	assert.Equal(t, "     10  Sleeping thread \"main\"\n"+
		"     60  Invoking interrupt handler for the disk at time 60\n"+
		"     70  Yielding thread \"main\"\n"+
		"     80  Finishing thread \"main\"\n"+
		"     80  Sleeping thread \"main\"\n"+
		noMoreWork+haltReport("Ticks: total 80, idle 50, system 30, user 0"), r.out.String())
}

// The machine's own traces reach the debug output with the same start
// as the kernel's lines: -d i's get the tick, -d m's bring their own.
func TestDebugFlagsConnectTheMachineTraces(t *testing.T) {
	quiet := newKernelRig(t, kernel.Config{}, "ts")
	assert.Nil(t, quiet.k.Machine.Trace)
	assert.Nil(t, quiet.k.Machine.Interrupt.Trace)

	loud := newKernelRig(t, kernel.Config{}, "mi")
	loud.k.Machine.Stats.TotalTicks = 42
	fmt.Fprintln(loud.k.Machine.Trace, "     42  0x00000000  nop")
	fmt.Fprintln(loud.k.Machine.Interrupt.Trace, "Invoking interrupt handler for the timer at time 42")
	assert.Equal(t, "     42  0x00000000  nop\n"+
		"     42  Invoking interrupt handler for the timer at time 42\n", loud.out.String())
}

// With several machines in one process, each names itself before the
// tick, and -d m's lines, which start with the tick, get the name alone.
func TestDebugLinesNameTheirMachine(t *testing.T) {
	var out bytes.Buffer
	d, err := kernel.ParseDebug("tm", &out)
	require.NoError(t, err)
	ticks := int64(7)
	d.SetClock("host1", &ticks)
	d.Printf('t', "Yielding thread %q\n", "main")
	fmt.Fprintln(d.Writer(false), "      7  0x00000000  nop")
	assert.Equal(t, "host1       7  Yielding thread \"main\"\n"+
		"host1       7  0x00000000  nop\n", out.String())
}

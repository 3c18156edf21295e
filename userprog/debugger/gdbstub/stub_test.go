// The stub against the real gdb (gdb-multiarch), and packet by packet
// for machines without it.

package gdbstub_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/test/tooltest"
	"nachos/userprog/debugger"
	"nachos/userprog/debugger/debuggertest"
	"nachos/userprog/debugger/gdbstub"
)

// serve starts a stub for a shipped program on a loopback port chosen
// by the system, and returns its address and the stub's result.
func serve(t *testing.T, name string) (addr string, served <-chan error) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })
	s, err := debugger.New(debugger.Config{Program: "../../../test/" + name, Out: io.Discard, Err: io.Discard, NewKernel: debuggertest.NewKernel})
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() {
		conn, err := l.Accept()
		if err != nil {
			done <- err
			return
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(time.Minute)) // a stuck test ends
		done <- gdbstub.Serve(s, conn)
	}()
	return l.Addr().String(), done
}

// sourceLine is the number of the line of a shipped program's source
// where text begins.
func sourceLine(t *testing.T, file, text string) int {
	t.Helper()
	return tooltest.SourceLine(t, "../../../test/"+file, text)
}

// word is a 32-bit value as the protocol carries it: little-endian hex.
func word(v uint32) string {
	return fmt.Sprintf("%02x%02x%02x%02x", v&0xff, v>>8&0xff, v>>16&0xff, v>>24)
}

func TestGDBDebugsAProgramForwardsAndBackwards(t *testing.T) {
	tooltest.Require(t, "gdb-multiarch", "gdb-multiarch")
	addr, served := serve(t, "fork")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var args []string
	for _, c := range []string{
		"set architecture mips",
		"directory ../../../test", // where the sources are, for gdb to show their lines
		"target remote " + addr,
		"break main",
		"continue",
		"info registers",
		"print counter",
		"stepi",
		"print $pc",
		"reverse-stepi",
		"print $pc",
		"watch counter",
		"continue",
		"continue",
		"delete",
		"continue",
	} {
		args = append(args, "-ex", c)
	}
	cmd := exec.CommandContext(ctx, "gdb-multiarch", append([]string{"-batch", "-nx"}, append(args, "../../../test/fork")...)...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	text := string(out)
	sym := debuggertest.Symbols(t, "../../../test/fork")
	main := debuggertest.Lookup(t, sym, "main")
	afterCall := debuggertest.Lookup(t, sym, "__start") + 8 // jal main, and its delay slot
	sp := debuggertest.StackPointerAt(t, "../../../test/fork", main)
	// gdb's breakpoint on main is at its first instruction, on the line
	// of the opening brace.
	open := sourceLine(t, "fork.c", "{\n\tif (Fork(worker)")
	yield := sourceLine(t, "start.S", "SYSCALL_STUB\tYield,")
	for _, want := range []string{
		fmt.Sprintf("Breakpoint 1, main () at fork.c:%d\n%d\t{\n", open, open), // and the source line
		// the register names of gdb's MIPS layout, and main's $sp, $s8
		// and $ra as the machine has them
		"gp       sp       s8       ra",
		fmt.Sprintf("%08x 00000000 %08x", sp, afterCall),
		"$1 = 0", // counter, read through the MMU
		fmt.Sprintf("$2 = (void (*)()) 0x%x <main+4>", main+4), // stepi
		fmt.Sprintf("$3 = (void (*)()) 0x%x <main>", main),     // reverse-stepi is back at main's breakpoint
		"Old value = 0\nNew value = 1",
		"Old value = 1\nNew value = 2",
		// the store in Yield's delay slot changed counter
		fmt.Sprintf("start.S:%d\n%d\t\tSYSCALL_STUB\tYield,", yield, yield),
		"[Inferior 1 (Remote target) exited normally]",
	} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "No such file or directory")
	require.NoError(t, <-served)
}

// client speaks the protocol to the stub, one packet at a time.
type client struct {
	t *testing.T
	r *bufio.Reader
	w io.Writer
}

func (c *client) ask(pkt string) string {
	c.t.Helper()
	var sum byte
	for i := range len(pkt) {
		sum += pkt[i]
	}
	_, err := fmt.Fprintf(c.w, "$%s#%02x", pkt, sum)
	require.NoError(c.t, err)
	ack, err := c.r.ReadByte()
	require.NoError(c.t, err)
	require.Equal(c.t, byte('+'), ack, "the stub acknowledges %q", pkt)
	_, err = c.r.ReadString('$')
	require.NoError(c.t, err)
	reply, err := c.r.ReadString('#')
	require.NoError(c.t, err)
	_, err = c.r.Discard(2)
	require.NoError(c.t, err)
	_, err = c.w.Write([]byte("+"))
	require.NoError(c.t, err)
	return strings.TrimSuffix(reply, "#")
}

func TestPackets(t *testing.T) {
	addr, served := serve(t, "hello")
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(time.Minute)))
	c := &client{t: t, r: bufio.NewReader(conn), w: conn}

	assert.Contains(t, c.ask("qSupported:multiprocess+"), "ReverseStep+;ReverseContinue+")
	xml := c.ask("qXfer:features:read:target.xml:0,10000")
	assert.True(t, strings.HasPrefix(xml, "l<?xml"), xml)
	assert.Contains(t, xml, "org.gnu.gdb.mips.cpu")
	sym := debuggertest.Symbols(t, "../../../test/hello")
	entry := debuggertest.Lookup(t, sym, "__start")
	body := sourceLine(t, "hello.c", "Write(\"Hello") // main's first statement
	stmt := sym.LineAddrs("hello.c", body)
	require.NotEmpty(t, stmt)
	brk := fmt.Sprintf("%x,4", stmt[0])

	assert.Equal(t, "S05", c.ask("?"))
	regs := c.ask("g")
	require.Len(t, regs, 72*8)
	assert.Equal(t, word(entry), regs[37*8:38*8], "the PC is at the entry point")
	assert.Equal(t, word(entry), c.ask("p25"), "the PC alone")
	assert.Equal(t, "E16", c.ask("pzz"))
	assert.Equal(t, "", c.ask("vCont?"), "unknown packets get the empty reply")

	assert.Equal(t, "OK", c.ask("Z0,"+brk))
	assert.Equal(t, "S05", c.ask("c"))
	assert.Equal(t, word(stmt[0]), c.ask("p25"))
	assert.Equal(t, "01000624", c.ask("m"+brk), "li $6,1 (0x24060001), little-endian")
	assert.Equal(t, "S05", c.ask("s"))
	assert.Equal(t, word(stmt[0]+4), c.ask("p25"))
	assert.Equal(t, "S05", c.ask("bs"))
	assert.Equal(t, word(stmt[0]), c.ask("p25"))
	assert.Equal(t, "T05replaylog:begin;", c.ask("bc"), "no breakpoint before main's")
	assert.Equal(t, word(entry), c.ask("p25"), "back at the entry point")
	assert.Equal(t, "E0e", c.ask("m7ffffff0,4"), "unmapped memory")
	assert.Equal(t, "E0e", c.ask("m0,4"), "the null-pointer guard is unmapped too")
	assert.Equal(t, "OK", c.ask("z0,"+brk))
	assert.Equal(t, "W00", c.ask("c"))
	assert.Equal(t, "OK", c.ask("D"))
	require.NoError(t, <-served)
}

func TestInterruptStopsARunningProgram(t *testing.T) {
	addr, served := serve(t, "sort") // long enough to be running when ^C comes
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(time.Minute)))
	c := &client{t: t, r: bufio.NewReader(conn), w: conn}
	assert.Equal(t, "S05", c.ask("?"))
	_, err = conn.Write([]byte("$c#63"))
	require.NoError(t, err)
	ack, err := c.r.ReadByte()
	require.NoError(t, err)
	require.Equal(t, byte('+'), ack)
	time.Sleep(20 * time.Millisecond)
	_, err = conn.Write([]byte{0x03})
	require.NoError(t, err)
	_, err = c.r.ReadString('$')
	require.NoError(t, err)
	reply, err := c.r.ReadString('#')
	require.NoError(t, err)
	assert.Equal(t, "S02#", reply, "SIGINT")
	_, err = c.r.Discard(2)
	require.NoError(t, err)
	assert.Equal(t, "OK", c.ask("k"))
	require.NoError(t, <-served)
}

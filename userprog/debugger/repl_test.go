// The command line: a command file replays a session the same way every
// time, and mistakes are answered, never fatal.

package debugger_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/userprog/debugger"
	"nachos/userprog/debugger/debuggertest"
)

// repl runs the commands on a shipped program and returns everything
// printed: the debugger's answers and the program's output.
func repl(t *testing.T, name, commands string) string {
	t.Helper()
	var out bytes.Buffer
	s, err := debugger.New(debugger.Config{Program: program(name), NewKernel: debuggertest.NewKernel,
		In: strings.NewReader(""), Out: &out, Err: &out})
	require.NoError(t, err)
	require.NoError(t, debugger.NewREPL(s, &out).Run(strings.NewReader(commands), strings.NewReader("")))
	return out.String()
}

func TestREPLSession(t *testing.T) {
	commands := `# a lecture demo
break main
continue
info registers
x/4xw $sp
x/3i $pc
disas
next
reverse-next
reverse-stepi 2
stepi 2
info threads
info processes
info pagetable
info tlb
catch syscall Write
continue
info breakpoints
delete 1
continue
quit
`
	first := repl(t, "hello", commands)
	sym := debuggertest.Symbols(t, program("hello"))
	main := debuggertest.Lookup(t, sym, "main")
	write := debuggertest.Lookup(t, sym, "Write")
	body := sourceLine(t, "hello.c", "Write(\"Hello")
	stmt := sym.LineAddrs("hello.c", body)
	require.NotEmpty(t, stmt)
	for _, want := range []string{
		fmt.Sprintf("(ndb) break main\nBreakpoint 1 at 0x%08x in main+0x%x (hello.c:%d)", stmt[0], stmt[0]-main, body),
		fmt.Sprintf("Breakpoint 1 (main): 0x%08x in main+0x%x (hello.c:%d), tick 14, instruction 4", stmt[0], stmt[0]-main, body),
		fmt.Sprintf("%d\t\tWrite(\"Hello, world!\\n\", 14, ConsoleOutput);", body), // the source line
		fmt.Sprintf("sp($29) 0x%08x", debuggertest.StackPointerAt(t, program("hello"), stmt[0])),
		fmt.Sprintf("=> 0x%08x <main+%d>:\tli $6,1", stmt[0], stmt[0]-main),
		fmt.Sprintf("0x%08x in main (hello.c:%d), tick 12, instruction 2", main, sourceLine(t, "hello.c", "{\n\tWrite(")), // reverse-stepi 2
		"* 1   1     running      ../../test/hello (pid 1)",
		"* 1     ../../test/hello             0 running",
		"This machine has no TLB",
		fmt.Sprintf("Catchpoint 2 (system call Write): 0x%08x in Write+0x4 (start.S:%d)", write+4, sourceLine(t, "start.S", "SYSCALL_STUB\tWrite,")),
		"Hello, world!",
		"The simulation ended with exit status 0, after 22 instructions.",
	} {
		assert.Contains(t, first, want)
	}
	assert.Equal(t, 1, strings.Count(first, "Hello, world!\n"), "output shown once, though next and reverse-next re-ran it")
	assert.Equal(t, first, repl(t, "hello", commands), "a command file replays the same way every time")
}

func TestREPLMistakesAreAnsweredNotFatal(t *testing.T) {
	out := repl(t, "hello", `frobnicate
break
break nosuch
break hello.c:999
break tick soon
x/8zw $sp
x/4xw $nosuch
x/4xw 0x7ffffff0
delete 7
info
catch syscall Frobnicate
catch exception gremlins
watch 3
reverse-stepi
stepi
`)
	for _, want := range []string{
		`unknown command "frobnicate"; type help for the list`,
		"break needs a place: break main, break hello.c:5, break *0x40 or break tick 500",
		`no function "nosuch" in the program's symbols`,
		"no code for line 999 of hello.c",
		"break tick soon: give a tick number",
		`x/8zw: 'z' is not a format`,
		"no register $nosuch",
		"cannot read 0x7ffffff0: the address is not mapped",
		"no breakpoint number 7",
		"info what?",
		`no system call "Frobnicate"`,
		`no exception "gremlins" (they are: page fault, read-only page`,
		"0x00000003 is not the address of a word",
		"No more reverse-execution history",
	} {
		assert.Contains(t, out, want)
	}
	start := debuggertest.Lookup(t, debuggertest.Symbols(t, program("hello")), "__start")
	assert.Contains(t, out, fmt.Sprintf("0x%08x in __start+0x4 (start.S:%d), tick 11, instruction 1", // still debugging
		start+4, sourceLine(t, "start.S", "nop\t\t\t/* delay slot: nothing to do */")))
}

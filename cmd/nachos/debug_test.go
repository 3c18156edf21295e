// nachos debug: the run's flags reach the debugged run, and a command
// file drives it.

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/test/tooltest"
	"nachos/userprog/debugger/debuggertest"
)

func TestDebugTakesTheFlagsOfARun(t *testing.T) {
	commands := filepath.Join(t.TempDir(), "demo.ndb")
	require.NoError(t, os.WriteFile(commands, []byte("break main\ncontinue\nreverse-stepi\ncontinue\ncontinue\nquit\n"), 0o644))
	// break main stops at main's first statement, found as the tools
	// would: its line in the source, that line's code in the line table.
	sym := debuggertest.Symbols(t, "../../test/fork")
	main := debuggertest.Lookup(t, sym, "main")
	body := tooltest.SourceLine(t, "../../test/fork.c", "if (Fork(worker) < 0")
	stmt := sym.LineAddrs("fork.c", body)
	require.NotEmpty(t, stmt)
	stop := fmt.Sprintf("Breakpoint 1 (main): 0x%08x in main+0x%x (fork.c:%d)", stmt[0], stmt[0]-main, body)
	for _, flags := range [][]string{nil, {"--tlb", "4"}, {"-rs", "7", "--phys-pages", "64"}} {
		status, want, errs := nachos(t, "", append([]string{"-x", "../../test/fork"}, flags...)...)
		require.Equal(t, 0, status, errs)
		status, got, errs := nachos(t, "", append([]string{"debug", "-x", "../../test/fork", "--commands", commands}, flags...)...)
		require.Equal(t, 0, status, errs)
		ticks := regexp.MustCompile(`Ticks: total .*`)
		assert.Equal(t, ticks.FindString(want), ticks.FindString(got), flags)
		assert.Contains(t, got, stop, flags)
	}
}

func TestDebugRefusesWhatItCannotDo(t *testing.T) {
	assertRefused(t, "nachos: debug needs a program: nachos debug -x test/hello\n", "debug")
	assertRefused(t, "nachos: debug runs a user program (-x); -K and -s do not go with it\n", "debug", "-x", "../../test/halt", "-s")
	assertRefused(t, "nachos: open halt: no such file or directory; check the name (the shipped programs are in test/, and make -C test builds them)\n", "debug", "-x", "halt")
	assertRefused(t, "nachos: --gdb 1234: give [HOST]:PORT, such as :1234\n", "debug", "-x", "../../test/halt", "--gdb", "1234")
	assertRefused(t, "nachos: the debugger does not run demand paging (--vm, -P, --swap...) yet: debug the program without it\n", "debug", "-x", "../../test/halt", "-P", "lru")
}

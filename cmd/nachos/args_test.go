// Command lines with a word in the wrong place: each gets a message that
// says what to type instead.

package main

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStrayArgumentsSayWhatToType(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"test/halt"}, `nachos: "test/halt" is not a command (they are completion, elf2noff, sched); to run a program, give it with -x: nachos -x test/halt` + "\n"},
		{[]string{"elf2noff", "test/halt"}, "nachos: elf2noff takes two files, the ELF program and the NOFF file to write (1 given): nachos elf2noff test/halt halt.noff\n"},
		{[]string{"sched", "a.yaml", "b.yaml"}, "nachos: sched takes one workload file (2 given)\n"},
	}
	for _, c := range cases {
		status, out, errs := nachos(t, "", c.args...)
		assert.Equal(t, 2, status, c.args)
		assert.Empty(t, out, c.args)
		assert.Equal(t, c.want, errs, c.args)
	}
}

// A program named without its directory is found in test/ by the hint.
func TestAProgramOutsideTestGetsAHint(t *testing.T) {
	t.Chdir(t.TempDir())
	require.NoError(t, os.Mkdir("test", 0o755))
	require.NoError(t, os.WriteFile("test/prog", nil, 0o644))

	status, _, errs := nachos(t, "", "-x", "prog")
	assert.Equal(t, 2, status)
	assert.Equal(t, "nachos: open prog: no such file or directory; did you mean test/prog?\n", errs)

	status, _, errs = nachos(t, "", "-x", "nothing")
	assert.Equal(t, 2, status)
	assert.Equal(t, "nachos: open nothing: no such file or directory\n", errs)
}

// Flag values the machine would quietly read as "the default", and flags
// that contradict each other, are refused with a message.
func TestContradictoryOrEmptyFlagsAreRefused(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-x", "test/halt", "-K"}, "nachos: -x runs a user program and -K a kernel test: give one of them, not both\n"},
		{[]string{"-K", ""}, "nachos: -K needs the name of a kernel test, or nothing for threadtest; nachos -K list shows them\n"},
		{[]string{"-x", "test/halt", "--phys-pages", "0"}, "nachos: --phys-pages 0: a machine needs at least one page of memory\n"},
		{[]string{"-x", "test/halt", "--page-size", "0"}, "nachos: --page-size 0: a page size must be a power of two between 16 and 65536\n"},
		{[]string{"-x", "test/halt", "--stack", "0"}, "nachos: --stack 0: give the stack's size in bytes, at least 64\n"},
		{[]string{"-x", "test/halt", "--tlb", "-1"}, "nachos: --tlb -1: give the number of TLB entries, or 0 for a page table\n"},
		{[]string{"-x", "test/halt", "--max-ticks", "-5"}, "nachos: --max-ticks -5: give the tick to stop at, or 0 for no limit\n"},
	}
	for _, c := range cases {
		status, out, errs := nachos(t, "", c.args...)
		assert.Equal(t, 2, status, c.args)
		assert.Empty(t, out, c.args)
		assert.Equal(t, c.want, errs, c.args)
	}
}

// Command lines with a word in the wrong place: each gets a message that
// says what to type instead.

package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStrayArgumentsSayWhatToType(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"test/halt"}, `nachos: "test/halt" is not a command (they are cluster, completion, debug, dist, elf2noff, grade, handout, mmu, paging, sched, view); to run a program, give it with -x: nachos -x test/halt` + "\n"},
		{[]string{"elf2noff", "test/halt"}, "nachos: elf2noff takes two files, the ELF program and the NOFF file to write (1 given): nachos elf2noff test/halt halt.noff\n"},
		{[]string{"sched", "a.yaml", "b.yaml"}, "nachos: sched takes one workload file (2 given)\n"},
		{[]string{"help", "foo"}, "nachos: no command \"foo\"; nachos --help lists them\n"},
		{[]string{"completion", "foo"}, "nachos: unknown command \"foo\" for \"nachos completion\"\n"},
	}
	for _, c := range cases {
		assertRefused(t, c.want, c.args...)
	}
}

// assertRefused runs nachos with args and checks that it refused them:
// exit status 2, nothing on the output, and want on the error output.
func assertRefused(t *testing.T, want string, args ...string) {
	t.Helper()
	status, out, errs := nachos(t, "", args...)
	assert.Equal(t, 2, status, args)
	assert.Empty(t, out, args)
	assert.Equal(t, want, errs, args)
}

// A program named without its directory is found in test/ by the hint;
// one found nowhere gets advice.
func TestAProgramOutsideTestGetsAHint(t *testing.T) {
	t.Chdir(t.TempDir())
	require.NoError(t, os.Mkdir("test", 0o755))
	require.NoError(t, os.WriteFile("test/prog", nil, 0o644))

	status, _, errs := nachos(t, "", "-x", "prog")
	assert.Equal(t, 2, status)
	assert.Equal(t, "nachos: open prog: no such file or directory; did you mean test/prog?\n", errs)

	status, _, errs = nachos(t, "", "-x", "nothing")
	assert.Equal(t, 2, status)
	assert.Equal(t, "nachos: open nothing: no such file or directory; check the name (the shipped programs are in test/, and make -C test builds them)\n", errs)
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
		assertRefused(t, c.want, c.args...)
	}
}

// Output that cannot be written (a full disk) is an error, not a success.
func TestAnOutputThatCannotBeWrittenFails(t *testing.T) {
	var errs bytes.Buffer
	status := run([]string{"sched", "-j", "A:0:10", "-p", "fcfs"}, strings.NewReader(""), fullDisk{}, &errs)
	assert.Equal(t, 2, status)
	assert.Equal(t, "nachos: could not write the output: no space left on device\n", errs.String())
}

// fullDisk is a writer that refuses everything, as /dev/full does.
type fullDisk struct{}

func (fullDisk) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// A program's prompt is out before nachos waits for what the user types,
// even when the output is buffered (a pipe).
func TestThePromptIsOutBeforeNachosReads(t *testing.T) {
	var out, errs bytes.Buffer
	in := &watchingReader{out: &out}
	run([]string{"-x", "../../test/shell34"}, in, &out, &errs)
	assert.Equal(t, "--", in.seen, "what the output held when nachos first read its input")
}

// watchingReader is an empty input that remembers what out held when it
// was first read.
type watchingReader struct {
	out  *bytes.Buffer
	seen string
	read bool
}

func (r *watchingReader) Read([]byte) (int, error) {
	if !r.read {
		r.seen, r.read = r.out.String(), true
	}
	return 0, io.EOF
}

// A flag given a value of the wrong kind gets a message that says what to
// give, not how Go failed to parse it.
func TestBadFlagValuesSayWhatToGive(t *testing.T) {
	cases := map[string][]string{
		"nachos: --rs \"abc\": give a whole number from 0 to 4294967295; see nachos --help\n": {"-rs", "abc", "-x", "test/halt"},
		"nachos: --phys-pages \"x\": give a whole number; see nachos --help\n":                {"--phys-pages", "x"},
		"nachos: unknown flag: --foo; see nachos --help\n":                                    {"--foo"},
		"nachos: --oracle \"maybe\": give true or false; see nachos sched --help\n":           {"sched", "--oracle=maybe"},
	}
	for want, args := range cases {
		assertRefused(t, want, args...)
	}
}

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

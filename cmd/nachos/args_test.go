// Command lines with a word in the wrong place: each gets a message that
// says what to type instead.

package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
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

package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
)

// The README documents every debug flag and every flag of nachos and of
// each of its commands, straight from the tables the program itself uses.
func TestREADMEDocumentsEveryFlag(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	text := string(readme)
	for _, f := range kernel.DebugFlags {
		row := fmt.Sprintf("| `%c` | %s | %s |", f.Letter, f.Name, f.Traces)
		assert.True(t, strings.Contains(text, row), "README must have the row %s", row)
	}
	var check func(cmd *cobra.Command)
	check = func(cmd *cobra.Command) {
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Name != "help" {
				assert.True(t, strings.Contains(text, "`--"+f.Name), "README must document %s --%s", cmd.CommandPath(), f.Name)
			}
		})
		for _, sub := range cmd.Commands() {
			if sub.IsAvailableCommand() && sub.Name() != "help" && sub.Name() != "completion" {
				check(sub)
			}
		}
	}
	check(newRootCommand(bufio.NewReader(strings.NewReader("")), nil, io.Discard, io.Discard))
}

func TestClassicArgs(t *testing.T) {
	cmd := newRootCommand(bufio.NewReader(strings.NewReader("")), nil, io.Discard, io.Discard)
	cases := map[string]string{
		"-rs 7 -x test/halt":         "--rs 7 -x test/halt",
		"-tlb=4 -s -d m":             "--tlb=4 -s -d m",
		"-max-ticks 9":               "--max-ticks 9",
		"--rs 7":                     "--rs 7",
		"-x prog -- -rs":             "-x prog -- -rs",
		"elf2noff a b -header-order": "elf2noff a b --header-order",
		"-K":                         "-K",
		"-K list":                    "--kernel-test=list",
		"-Klock":                     "--kernel-test=lock",
		"-sx prog":                   "-sx prog",
		"-K -rs 3":                   "-K --rs 3",
		"--kernel-test threadtest":   "--kernel-test=threadtest",
	}
	for in, want := range cases {
		assert.Equal(t, want, strings.Join(classicArgs(cmd, strings.Fields(in)), " "), in)
	}
}

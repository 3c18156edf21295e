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

// readmeSections says in which section of the README each command's
// flags are documented: a flag named anywhere else does not count.
var readmeSections = map[string]string{
	"nachos":             "## Running programs",
	"nachos cluster":     "## The network",
	"nachos debug":       "## Debugging, forwards and backwards",
	"nachos dist":        "## Distributed algorithms",
	"nachos elf2noff":    "## Executables",
	"nachos grade":       "## Grading",
	"nachos grade merge": "## Grading",
	"nachos handout":     "### Handouts: the tree students start from",
	"nachos mmu":         "### nachos mmu",
	"nachos paging":      "### nachos paging",
	"nachos sched":       "## Comparing schedulers",
	"nachos view":        "### Looking at a trace: `nachos view`",
}

// readmeSection returns the README's section under heading, up to the
// next heading of its level or above.
func readmeSection(t *testing.T, readme, heading string) string {
	start := strings.Index(readme, "\n"+heading+"\n")
	require.GreaterOrEqual(t, start, 0, "the README has no heading %q", heading)
	body := readme[start+len(heading)+2:]
	level := strings.Repeat("#", strings.Index(heading, " "))
	for i := 0; i < len(body); {
		line, _, _ := strings.Cut(body[i:], "\n")
		if strings.HasPrefix(line, "#") && !strings.HasPrefix(strings.TrimLeft(line, "#"), "!") {
			if hashes := len(line) - len(strings.TrimLeft(line, "#")); hashes <= len(level) && strings.HasPrefix(strings.TrimLeft(line, "#"), " ") && !inFence(body[:i]) {
				return body[:i]
			}
		}
		i += len(line) + 1
	}
	return body
}

// inFence says whether text ends inside a fenced code block, where a
// line starting with # is a comment, not a heading.
func inFence(text string) bool { return strings.Count(text, "\n```")%2 == 1 }

// The README documents every debug flag and every flag of nachos and of
// each of its commands, in the command's own section, straight from the
// tables the program itself uses.
func TestREADMEDocumentsEveryFlag(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	text := string(readme)
	for _, f := range kernel.DebugFlags {
		row := fmt.Sprintf("| `%c` | %s | %s |", f.Letter, f.Name, f.Traces)
		assert.True(t, strings.Contains(text, row), "README must have the row %s", row)
	}
	root := newRootCommand(bufio.NewReader(strings.NewReader("")), nil, io.Discard, io.Discard)
	var check func(cmd *cobra.Command)
	check = func(cmd *cobra.Command) {
		heading, ok := readmeSections[cmd.CommandPath()]
		require.True(t, ok, "readmeSections must say where %s is documented", cmd.CommandPath())
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			where := heading
			if r := root.Flags().Lookup(f.Name); r != nil && r.Usage == f.Usage {
				where = readmeSections["nachos"] // a run's flag, taken over as it is: documented once, with nachos's
			}
			if f.Name != "help" {
				assert.True(t, strings.Contains(readmeSection(t, text, where), "`--"+f.Name), "README's %q must document %s --%s", where, cmd.CommandPath(), f.Name)
			}
		})
		for _, sub := range cmd.Commands() {
			if sub.IsAvailableCommand() && sub.Name() != "help" && sub.Name() != "completion" {
				check(sub)
			}
		}
	}
	check(root)
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

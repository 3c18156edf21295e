package main

import (
	"bufio"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The README documents every flag of grade, grade merge and handout.
func TestREADMEDocumentsGradeAndHandoutFlags(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	root := newRootCommand(bufio.NewReader(strings.NewReader("")), nil, io.Discard, io.Discard)
	for _, path := range [][]string{{"grade"}, {"grade", "merge"}, {"handout"}} {
		cmd, _, err := root.Find(path)
		require.NoError(t, err, path)
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Name != "help" {
				assert.True(t, strings.Contains(string(readme), "`--"+f.Name), "README must document %s --%s", strings.Join(path, " "), f.Name)
			}
		})
	}
}

// grade --checks lists the trace checks; grade without suites says what
// to give it.
func TestGradeCommandHelp(t *testing.T) {
	var out, errOut strings.Builder
	status := run([]string{"grade", "--checks"}, strings.NewReader(""), &out, &errOut)
	assert.Equal(t, 0, status)
	assert.Contains(t, out.String(), "mutual-exclusion")
	out.Reset()
	status = run([]string{"grade"}, strings.NewReader(""), &out, &errOut)
	assert.Equal(t, 2, status)
	assert.Contains(t, errOut.String(), "name the suites to run")
}

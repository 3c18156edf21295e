// The --trace flag: where a run's structured trace goes.

package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"nachos/kernel/trace"
	"nachos/userprog/grade"
)

// openTrace creates the trace file named by --trace, or returns nils when
// the run is not traced. command is the run's command line, for the
// header (commandLine). The caller closes the file with closeTrace.
func openTrace(path, command string) (*trace.Writer, *os.File, error) {
	if path == "" {
		return nil, nil, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, fmt.Errorf("--trace: %w", err)
	}
	return trace.NewWriter(f, command), f, nil
}

// closeTrace writes out what the trace holds and closes its file.
func closeTrace(w *trace.Writer, f *os.File) error {
	if w == nil {
		return nil
	}
	err := w.Close()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("--trace: writing %s: %w", f.Name(), err)
	}
	return nil
}

// commandLine rebuilds the command line from its arguments and the flags
// that were given, for the trace's header and for a command that repeats
// a run, leaving out the flags named in leaveOut. A repeatable flag is
// given once per value, a bool flag set false as --f=false, and a word
// the shell would not take as it is (a space, a quote, the > of --link
// 1>2) is quoted.
func commandLine(cmd *cobra.Command, args []string, leaveOut ...string) string {
	parts := []string{cmd.CommandPath()}
	for _, a := range args {
		parts = append(parts, grade.ShellQuote(a))
	}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if slices.Contains(leaveOut, f.Name) {
			return
		}
		switch v := f.Value.(type) {
		case pflag.SliceValue:
			for _, s := range v.GetSlice() {
				parts = append(parts, "--"+f.Name, grade.ShellQuote(s))
			}
		default:
			value := f.Value.String()
			switch {
			case f.Value.Type() != "bool":
				parts = append(parts, "--"+f.Name, grade.ShellQuote(value))
			case value == "true":
				parts = append(parts, "--"+f.Name)
			default: // a bare --f would say true
				parts = append(parts, "--"+f.Name+"="+value)
			}
		}
	})
	return strings.Join(parts, " ")
}

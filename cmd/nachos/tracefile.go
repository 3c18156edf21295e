// The --trace flag: where a run's structured trace goes.

package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"nachos/kernel/trace"
)

// openTrace creates the trace file named by --trace, or returns nils when
// the run is not traced. The caller closes it with closeTrace.
func openTrace(cmd *cobra.Command, path string) (*trace.Writer, *os.File, error) {
	if path == "" {
		return nil, nil, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, fmt.Errorf("--trace: %w", err)
	}
	return trace.NewWriter(f, commandLine(cmd)), f, nil
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

// commandLine rebuilds the command line from the flags that were given,
// for the trace's header.
func commandLine(cmd *cobra.Command) string {
	parts := []string{cmd.CommandPath()}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if f.Value.Type() == "bool" {
			parts = append(parts, "--"+f.Name)
		} else {
			parts = append(parts, "--"+f.Name, f.Value.String())
		}
	})
	return strings.Join(parts, " ")
}

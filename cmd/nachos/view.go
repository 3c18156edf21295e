// The view command: draw a trace made with --trace.

package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"nachos/kernel/trace/view"
)

func newViewCommand() *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "view TRACE",
		Short: "Draw a trace made with --trace: an HTML page, or a file for chrome://tracing and Perfetto",
		Long: `nachos view reads a trace written by "nachos -x PROGRAM --trace TRACE"
(or nachos cluster or nachos dist with --trace) and draws it. The HTML page
(the default) is one self-contained file: for nachos dist, the algorithm's
time-space diagram (its messages, decisions, critical sections and crashes);
thread timelines per machine (running, ready, blocked and on what), system
calls and exceptions, which process holds each memory frame, messages between
machines and the wait-for graph at any tick; zoom with the wheel, drag to pan,
click for details. --format chrome writes the Trace Event Format, which
chrome://tracing and ui.perfetto.dev open.`,
		Example: `  nachos -x test/prodcons -rs 3 --trace run.jsonl
  nachos view run.jsonl                       # writes run.html
  nachos view run.jsonl -o run.json           # the Trace Event Format
  nachos dist bully --nodes 6 --crash 6@0 --trace bully.jsonl && nachos view bully.jsonl`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := view.FindFormat(format, output)
			if err != nil {
				return fmt.Errorf("--format: %w", err)
			}
			out, err := view.Convert(args[0], output, f)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "", "html or chrome (default: from the output's extension, .json for chrome; else html)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "the file to write (default: the trace's name with .html or .json)")
	return cmd
}

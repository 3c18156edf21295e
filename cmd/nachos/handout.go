// The handout command: write a student tree (package
// userprog/grade/handout does the work).

package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"nachos/userprog/grade/handout"
)

func newHandoutCommand() *cobra.Command {
	var (
		sel      handout.Selection
		src, dst string
	)
	cmd := &cobra.Command{
		Use:   "handout --project N -o DIR",
		Short: "Write a student tree: the source with project N's solution regions replaced by their stubs",
		Long: `nachos handout copies the source tree (--source, default .) to DIR, with
every region of the Go source marked "//solution:begin N" replaced by the stub
written after its "//solution:stub" line; the other projects' code stays. The
tree compiles and runs, and fails project N's suite until the student writes
the missing code. --variant NAME instead puts in the broken sections called
NAME ("//solution:broken NAME"), with which the grader's tests show that the
suites catch real mistakes.`,
		Example: `  nachos handout --project 1 -o handout/project1
  nachos grade test/suites/threads.yaml --tree handout/project1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if dst == "" {
				return errors.New("name the directory to write with -o DIR")
			}
			if (sel.Project == 0) == (sel.Variant == "") {
				return errors.New("give --project N or --variant NAME")
			}
			n, err := handout.Write(src, dst, sel)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s: %d regions replaced\n", dst, n)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVarP(&sel.Project, "project", "p", 0, "the project whose solution regions become stubs")
	f.StringVar(&sel.Variant, "variant", "", "put in the broken sections of this name instead")
	f.StringVarP(&dst, "output", "o", "", "the directory to write (must not exist)")
	f.StringVar(&src, "source", ".", "the source tree to copy")
	return cmd
}

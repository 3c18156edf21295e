// The mmu subcommand: address-translation exercises.

package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"nachos/vm/exercise"
)

func newMMUCommand() *cobra.Command {
	var (
		scheme  string
		seed    uint32
		n       int
		answers bool
	)
	cmd := &cobra.Command{
		Use:   "mmu",
		Short: "Make address-translation exercises, with worked answers",
		Long: `mmu makes an address-translation exercise: a machine (base and bounds
registers, a segment table, a page table, a two-level page table or an
inverted page table) drawn from a seed, and virtual addresses to translate.
With -c it prints each translation, or the fault it raises, with the
arithmetic shown. The same seed always gives the same exercise.

Schemes: base, seg, paging, 2level, ipt (--scheme list describes them).`,
		Example: `  nachos mmu --scheme base --seed 3
  nachos mmu --scheme 2level --seed 7 -n 8 -c`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runMMU(cmd.OutOrStdout(), scheme, seed, n, answers)
		},
	}
	f := cmd.Flags()
	f.StringVar(&scheme, "scheme", "paging", `the translation scheme ("list" describes them)`)
	f.Uint32Var(&seed, "seed", 1, "the exercise's seed")
	f.IntVarP(&n, "addresses", "n", 5, "how many virtual addresses to translate")
	f.BoolVarP(&answers, "compute", "c", false, "print the answers, worked out")
	return cmd
}

func runMMU(w io.Writer, scheme string, seed uint32, n int, answers bool) error {
	if scheme == "list" {
		for _, s := range exercise.Schemes {
			fmt.Fprintf(w, "  %-7s %s\n", s.Name, s.Doc)
		}
		return nil
	}
	if n < 1 || n > 1000 {
		return fmt.Errorf("-n %d: give from 1 to 1000 addresses", n)
	}
	s, err := exercise.Find(scheme)
	if err != nil {
		return err
	}
	fmt.Fprint(w, s.Generate(seed, n, answers))
	return nil
}

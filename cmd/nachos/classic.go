// Classic Nachos flag spellings.
//
// Nachos spells some flags with several letters after one dash ("-rs 7").
// The flag library used here reads "-rs" as the two flags -r and -s, so
// before parsing, a single-dash word that names a long flag is rewritten
// to the double-dash form: "-rs 7" becomes "--rs 7", and "-tlb 4" works as
// well as "--tlb 4".

package main

import (
	"strings"

	"github.com/spf13/cobra"
)

func classicArgs(cmd *cobra.Command, args []string) []string {
	out := make([]string, 0, len(args))
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(a, "-"), "=")
		if len(name) > 1 && strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && isLongFlag(cmd, name) {
			a = "-" + a
		}
		out = append(out, a)
	}
	return out
}

func isLongFlag(cmd *cobra.Command, name string) bool {
	if cmd.Flags().Lookup(name) != nil {
		return true
	}
	for _, sub := range cmd.Commands() {
		if sub.Flags().Lookup(name) != nil {
			return true
		}
	}
	return false
}

// Classic Nachos flag spellings.
//
// Nachos spells some flags with several letters after one dash ("-rs 7").
// The flag library used here reads "-rs" as the two flags -r and -s, so
// before parsing, a single-dash word that names a long flag is rewritten
// to the double-dash form: "-rs 7" becomes "--rs 7", and "-tlb 4" works as
// well as "--tlb 4".
//
// A flag whose value is optional ("-K" runs ThreadTest, "-K NAME" another
// test) takes the next word as its value when that word is not a flag,
// since the flag library would otherwise leave the word behind; so does a
// value glued to it, "-KNAME", which the library would read as more flags.

package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func classicArgs(cmd *cobra.Command, args []string) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(a, "-"), "=")
		if len(name) > 1 && strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && isLongFlag(cmd, name) {
			a = "-" + a
		}
		if f := optionalValueFlag(cmd, a); f != nil {
			switch {
			case i+1 < len(args) && !strings.HasPrefix(args[i+1], "-"): // -K lock
				a = "--" + f.Name + "=" + args[i+1]
				i++
			case len(a) > 2 && a[1] != '-': // -Klock
				a = "--" + f.Name + "=" + a[2:]
			}
		}
		out = append(out, a)
	}
	return out
}

// optionalValueFlag returns the flag that arg names, without "=value",
// if that flag's value may be left out; otherwise nil. A one-letter flag
// may have its value glued on ("-Klock").
func optionalValueFlag(cmd *cobra.Command, arg string) *pflag.Flag {
	var f *pflag.Flag
	switch {
	case strings.Contains(arg, "="):
		return nil
	case strings.HasPrefix(arg, "--"):
		f = cmd.Flags().Lookup(arg[2:])
	case len(arg) >= 2 && arg[0] == '-':
		f = cmd.Flags().ShorthandLookup(arg[1:2])
	}
	if f == nil || f.NoOptDefVal == "" || f.Value.Type() == "bool" { // "-sx" is -s -x
		return nil
	}
	return f
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

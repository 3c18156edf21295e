// The elf2noff subcommand: convert an ELF executable to Nachos's NOFF.

package main

import (
	"encoding/binary"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"nachos/userprog"
)

func newELF2NOFFCommand() *cobra.Command {
	var order string
	var opt userprog.NOFFOptions
	cmd := &cobra.Command{
		Use:   "elf2noff ELF NOFF",
		Short: "Convert a MIPS ELF executable to the NOFF format of Nachos 3.4 and 4.x",
		Long: `elf2noff writes the program in ELF as a NOFF file, for courses whose tools
expect NOFF. nachos -x runs either format.

By default it writes a Nachos 3.4 file: a 40-byte little-endian header and
three segments (code, initialized data, uninitialized data), with read-only
data placed in the code segment. --rdata writes the 52-byte Nachos 4.x header
with a separate read-only data segment. --header-order big writes the header
big-endian, as the USC distribution's files have it (the code stays
little-endian).

NOFF programs start at address 0, so the 1 KiB null-pointer guard below a
program linked with test/script.ld becomes part of the code: zeros, but for
a jump to the entry point at 0. The program runs with the same result, two
instructions later and without the guard's protection.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 {
				return fmt.Errorf("elf2noff takes two files, the ELF program and the NOFF file to write (%d given): nachos elf2noff test/halt halt.noff", len(args))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			switch order {
			case "little":
				opt.HeaderOrder = binary.LittleEndian
			case "big":
				opt.HeaderOrder = binary.BigEndian
			default:
				return fmt.Errorf("--header-order is little or big, not %q", order)
			}
			data, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			noff, err := userprog.ELFToNOFF(args[0], data, opt)
			if err != nil {
				return err
			}
			if err := os.WriteFile(args[1], noff, 0o755); err != nil {
				return fmt.Errorf("cannot write the NOFF file: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&order, "header-order", "little", "byte order of the NOFF header: little or big")
	cmd.Flags().BoolVar(&opt.RData, "rdata", false, "write the 52-byte Nachos 4.x header with a read-only data segment")
	cmd.Flags().BoolVar(&opt.GarbageEmpty, "garbage-empty", false, "fill the fields of empty segments with junk, as some real files have (for testing loaders)")
	return cmd
}

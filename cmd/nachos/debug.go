// nachos debug: run a program under the debugger, or for gdb.

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"nachos/userprog"
	"nachos/userprog/debugger"
	"nachos/userprog/debugger/gdbstub"
)

func newDebugCommand(o *options, runFlags *pflag.FlagSet, stdin *bufio.Reader, stdout, stderr io.Writer) *cobra.Command {
	var commandFile, gdbAddr string
	cmd := &cobra.Command{
		Use:   "debug -x PROGRAM [flags]",
		Short: "Run a program under a debugger that can also go backwards",
		Long: `debug runs a program under a gdb-like debugger, stopped before its first
instruction. Breakpoints, stepping by instruction and by source line (with a
program built with -g), and the same commands backwards: reverse-stepi,
reverse-step, reverse-next, reverse-continue. Type help at the (ndb) prompt.

The run is the one "nachos -x" makes, tick for tick, and takes the same flags.
Going backwards runs the program again from the start, silently, up to the
moment wanted: runs are deterministic, so it arrives at exactly the same state.

With --gdb, nachos waits for gdb instead (gdb-multiarch on Debian):
  nachos debug --gdb :1234 -x test/hello
  gdb-multiarch -ex 'set architecture mips' -ex 'target remote :1234' test/hello`,
		Example: `  nachos debug -x test/hello
  nachos debug -x test/sort --commands demo.ndb
  nachos debug --gdb :1234 -x test/hello`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.settle(cmd.Flags())
			switch {
			case o.program == "":
				return errors.New("debug needs a program: nachos debug -x test/hello")
			case o.selfTest != "" || o.singleStep:
				return errors.New("debug runs a user program (-x); -K and -s do not go with it")
			case o.vm.on:
				return errors.New("the debugger does not run demand paging (--vm, -P, --swap...) yet: debug the program without it")
			}
			if err := o.check(); err != nil {
				return err
			}
			s, err := debugger.New(debugger.Config{Program: o.program, In: stdin, Out: stdout, Err: stderr,
				NewKernel: func(in io.Reader, out, errw io.Writer) (*userprog.Kernel, error) {
					return o.newKernel(in, out, errw, errw, nil)
				}})
			if err != nil {
				return fmt.Errorf("%w%s", err, testDirHint(o.program, err))
			}
			// Ctrl-C stops a running program, as in gdb, rather than
			// nachos: an endless loop can still be looked at.
			interrupts := make(chan os.Signal, 1)
			signal.Notify(interrupts, os.Interrupt)
			defer func() {
				signal.Stop(interrupts)
				close(interrupts)
			}()
			go func() {
				for range interrupts {
					s.Interrupt()
				}
			}()
			if gdbAddr != "" {
				return serveGDB(s, gdbAddr, stderr)
			}
			inputs := []io.Reader{stdin}
			if commandFile != "" {
				f, err := os.Open(commandFile)
				if err != nil {
					return fmt.Errorf("--commands: %w", err)
				}
				defer f.Close()
				inputs = []io.Reader{f, stdin}
			}
			return debugger.NewREPL(s, stdout).Run(inputs...)
		},
	}
	cmd.Flags().AddFlagSet(runFlags)
	cmd.Flags().StringVar(&commandFile, "commands", "", "read debugger commands from this file first (echoed), then from the keyboard")
	cmd.Flags().StringVar(&gdbAddr, "gdb", "", "wait for gdb on this address, [HOST]:PORT (the host is 127.0.0.1 if left out)")
	return cmd
}

// serveGDB waits for one gdb connection and debugs the program for it.
func serveGDB(s *debugger.Session, addr string, stderr io.Writer) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--gdb %s: give [HOST]:PORT, such as :1234", addr)
	}
	if host == "" {
		host = "127.0.0.1" // only this computer's gdb may connect, unless asked
	}
	l, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		return fmt.Errorf("--gdb: %w", err)
	}
	defer l.Close()
	fmt.Fprintf(stderr, "nachos: waiting for gdb on %s: gdb-multiarch -ex 'set architecture mips' -ex 'target remote %s' PROGRAM\n",
		l.Addr(), l.Addr())
	conn, err := l.Accept()
	if err != nil {
		return fmt.Errorf("--gdb: %w", err)
	}
	defer conn.Close()
	return gdbstub.Serve(s, conn)
}

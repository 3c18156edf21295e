// The root command: run a program on the simulated machine.

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"nachos/kernel"
	"nachos/kernel/trace"
	"nachos/machine"
	"nachos/network"
	"nachos/userprog"
	"nachos/userprog/abifile"
)

// options are the flags of the root command.
type options struct {
	program    string
	selfTest   string
	debug      string
	seed       uint32
	seeded     bool
	singleStep bool
	physPages  int
	pageSize   int
	tlb        int
	maxTicks   int64
	stack      int
	fsRoot     string
	abi        string
	sched      string
	donate     bool
	lockOrder  bool
	quiet      bool
	debugFile  string
	net        netOptions
	vm         vmOptions

	trace             string // --trace FILE
	traceInstructions bool

	clock int64 // the tick the machine is switched on at (a machine restarted in a cluster)
}

func newRootCommand(stdin *bufio.Reader, input *stoppableReader, stdout, stderr io.Writer) *cobra.Command {
	var o options
	cmd := &cobra.Command{
		Use:   "nachos",
		Short: "A Nachos-style teaching operating system on a simulated MIPS machine",
		Long: `nachos runs MIPS programs, compiled with a stock cross-compiler
(mipsel-linux-gnu-gcc, see test/Makefile), on a simulated computer with a
teaching kernel. When the last program ends, the machine halts and prints its
statistics in the Nachos format.

Classic Nachos spellings work: "-rs 7" is "--rs 7".

Standard output holds what programs write and, as in Nachos, the statistics
when the machine halts; the kernel's messages (a program's exit status, the
reports of programs killed, errors, warnings) and the -d traces go to
standard error. --quiet leaves out the statistics and the exit-status lines,
so that standard output is exactly what the programs wrote.

Exit status: 0 the simulation ran to its end; 1 a user program was killed by
an exception; 2 bad input (an executable that cannot be loaded, a bad flag);
3 the --max-ticks limit was reached; 4 a kernel error (kernel code broke a
synchronization rule); 5 a deadlock (threads were still blocked when nothing
could run; the cycle is reported); 70 an internal error of nachos itself (a
bug: please report it); 128+N stopped by signal N (130 Ctrl-C, 143 SIGTERM,
129 SIGHUP): the output so far is kept, with the tick it stopped at and the
statistics.`,
		Example: `  nachos -x test/halt
  nachos -x test/matmult -d a
  nachos -x test/sort -rs 7 --phys-pages 64
  nachos -d help`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			var commands []string
			for _, c := range cmd.Commands() {
				if c.IsAvailableCommand() && c.Name() != "help" {
					commands = append(commands, c.Name())
				}
			}
			return fmt.Errorf("%q is not a command (they are %s); to run a program, give it with -x: nachos -x %s",
				args[0], strings.Join(commands, ", "), args[0])
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.settle(cmd.Flags())
			if cmd.Flags().Changed("kernel-test") && o.selfTest == "" {
				return errors.New("-K needs the name of a kernel test, or nothing for threadtest; nachos -K list shows them")
			}
			if err := o.check(); err != nil {
				return err
			}
			return runProgram(cmd, o, stdin, input, stdout, stderr)
		},
	}
	o.addFlags(cmd.Flags())
	cmd.SetFlagErrorFunc(flagError)
	cmd.SetHelpCommand(newHelpCommand())
	cmd.AddCommand(newELF2NOFFCommand())
	cmd.AddCommand(newSchedCommand(stdin))
	cmd.AddCommand(newClusterCommand(stdin))
	cmd.AddCommand(newPagingCommand())
	cmd.AddCommand(newMMUCommand())
	cmd.AddCommand(newViewCommand())
	cmd.AddCommand(newDebugCommand(&o, cmd.Flags(), stdin, stdout, stderr))
	cmd.AddCommand(newGradeCommand(stderr))
	cmd.AddCommand(newHandoutCommand())
	cmd.AddCommand(newDistCommand())
	// cobra's completion command answers a shell it does not know with
	// its help and success; make that an error too.
	cmd.InitDefaultCompletionCmd()
	if completion, _, err := cmd.Find([]string{"completion"}); err == nil && completion != cmd {
		completion.Args = cobra.NoArgs
		completion.RunE = func(*cobra.Command, []string) error {
			return errors.New("completion needs a shell: nachos completion bash (or fish, powershell, zsh)")
		}
	}
	return cmd
}

// addFlags defines the flags of one machine: the root command's, and
// those of each machine of a cluster.
func (o *options) addFlags(f *pflag.FlagSet) {
	f.StringVarP(&o.program, "execute", "x", "", "run the user program in this executable (ELF or NOFF)")
	f.StringVarP(&o.selfTest, "kernel-test", "K", "", `run a kernel self-test by name ("threadtest" if none is given; "-K list" lists them)`)
	f.Lookup("kernel-test").NoOptDefVal = "threadtest"
	f.StringVarP(&o.debug, "debug", "d", "", `debug flags to trace, e.g. "ti" or "+" for all ("-d help" lists them)`)
	f.Uint32Var(&o.seed, "rs", 0, "seed the random generator and run a timer at random times, forcing repeatable context switches")
	f.BoolVarP(&o.singleStep, "single-step", "s", false, "stop after every user instruction: Enter steps, a number runs to that tick, c continues")
	f.IntVar(&o.physPages, "phys-pages", machine.DefaultPhysPages, "frames of physical memory (32 is Nachos 3.4's machine)")
	f.IntVar(&o.pageSize, "page-size", machine.DefaultPageSize, "bytes per page, a power of two")
	f.IntVar(&o.tlb, "tlb", 0, "translate through a software-managed TLB of this many entries instead of a page table")
	f.Int64Var(&o.maxTicks, "max-ticks", 0, "stop the simulation with exit status 3 at this tick (0: no limit)")
	f.IntVar(&o.stack, "stack", userprog.DefaultStackSize, "bytes of user stack per program")
	f.StringVar(&o.fsRoot, "fs-root", ".", "the directory user programs' files live in; no file name can lead out of it")
	f.BoolVar(&o.lockOrder, "lock-order", false, "warn when threads take locks in orders that could deadlock, before they do")
	f.StringVar(&o.abi, "abi", "nachos3", "the system call numbering programs were built for: nachos3, nachos4, usc, or a course's syscall.h or YAML file")
	f.StringVar(&o.sched, "sched", "fcfs", `the scheduling policy, NAME[:N...] such as "rr:100" ("nachos sched --policy list" describes them)`)
	f.BoolVar(&o.donate, "donate", false, "priority donation: a thread waiting for a lock lends its priority to the holder (matters under --sched priority or aging)")
	o.net.addFlags(f)
	o.vm.addFlags(f)
	f.StringVar(&o.trace, "trace", "", "write the run's events to FILE as JSON Lines (nachos view FILE draws them)")
	f.BoolVar(&o.traceInstructions, "trace-instructions", false, "with --trace, record every user instruction too (large)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print only what programs write: no statistics, no exit-status lines (errors still go to standard error)")
	f.StringVar(&o.debugFile, "debug-file", "", "write the -d traces to this file instead of standard error")
}

// settle applies what the parsed flags imply: -rs also runs the random
// timer, and the demand-paging flags mean --vm (vmOptions.settle).
func (o *options) settle(f *pflag.FlagSet) {
	o.seeded = f.Changed("rs")
	o.vm.settle(f, &o.tlb)
}

// check refuses what the flags cannot mean. The machine reads a size of
// 0 as "the default", so an explicit 0 must be caught here, where it is
// still a typo on a command line.
func (o options) check() error {
	switch {
	case o.program != "" && o.selfTest != "":
		return errors.New("-x runs a user program and -K a kernel test: give one of them, not both")
	case o.net.mailTest() && (o.program != "" || o.selfTest != ""):
		return errors.New("-o runs the mail test, -x a user program and -K a kernel test: give one of them")
	case o.net.server && (o.program != "" || o.selfTest != "" || o.net.mailTest()):
		return errors.New("--server makes the machine a lock server, which runs nothing else: leave out -x, -K and -o")
	case o.net.usesServer() && o.program == "":
		return errors.New("--remote sends a user program's calls to a lock server: give the program with -x")
	case o.physPages < 1:
		return fmt.Errorf("--phys-pages %d: a machine needs at least one page of memory", o.physPages)
	case o.pageSize < 1:
		return fmt.Errorf("--page-size %d: a page size must be a power of two between 16 and 65536", o.pageSize)
	case o.stack < 1:
		return fmt.Errorf("--stack %d: give the stack's size in bytes, at least %d", o.stack, userprog.MinStackSize)
	case o.tlb < 0:
		return fmt.Errorf("--tlb %d: give the number of TLB entries, or 0 for a page table", o.tlb)
	case o.maxTicks < 0:
		return fmt.Errorf("--max-ticks %d: give the tick to stop at, or 0 for no limit", o.maxTicks)
	}
	return o.net.check()
}

func runProgram(cmd *cobra.Command, o options, stdin *bufio.Reader, input *stoppableReader, stdout, stderr io.Writer) (err error) {
	if o.debug == "help" {
		kernel.DebugHelp(stdout)
		return nil
	}
	if o.selfTest == "list" {
		for _, t := range kernel.SelfTests {
			fmt.Fprintf(stdout, "  %-24s %s\n", t.Name, t.Doc)
		}
		return nil
	}
	if o.program == "" && o.selfTest == "" && !o.net.mailTest() && !o.net.server {
		return errors.New("nothing to run: give a program with -x (for example nachos -x test/halt) or a kernel test with -K, or see nachos --help")
	}
	debugOut, closeDebugOut, err := openTraces(o.debugFile, stderr)
	if err != nil {
		return err
	}
	defer closeDebugOut(&err)
	traceOut, traceFile, err := openTrace(o.trace, commandLine(cmd, nil))
	if err != nil {
		return err
	}
	defer func() {
		if cerr := closeTrace(traceOut, traceFile); err == nil {
			err = cerr
		}
	}()
	// OPT needs the future: a first run, silent, records it.
	refs, stdin, err := o.vm.rehearse(o.program, stdin, func(in io.Reader) (*userprog.Kernel, error) {
		silent := o
		silent.debug, silent.lockOrder = "", false
		return silent.newKernel(in, io.Discard, io.Discard, io.Discard, nil)
	})
	if err != nil {
		return err
	}
	k, err := o.newKernel(stdin, stdout, stderr, debugOut, traceOut)
	if err != nil {
		return err
	}
	defer k.Close()
	if o.vm.on {
		if err := o.vm.start(k, refs); err != nil {
			return err
		}
	}
	if o.singleStep {
		k.Machine.StepHook = newStepper(k.Machine, stdin, stdout).step
	}
	defer stopOnSignal(k.Kernel, input)()
	defer func() {
		if r := recover(); r != nil { // a bug in nachos
			stack := k.PanicStack()
			if stack == nil {
				stack = debug.Stack()
			}
			err = exitError{internalError(stderr, r, stack)}
		}
	}()
	var link machine.Link
	if udp, err := o.net.link(); err != nil {
		return err
	} else if udp != nil {
		defer udp.Close()
		link = udp
	}
	if err := o.start(k, link, stderr); err != nil {
		return err
	}
	for !k.Run() {
	}
	if err := o.vm.finish(); err != nil {
		return err
	}
	if k.ExitStatus != kernel.ExitOK {
		return exitError{k.ExitStatus}
	}
	return nil
}

// newKernel builds the machine and kernel the flags describe, with the
// given console and message streams, writing -d traces to debugOut and
// recording its events into traceOut if it is not nil. The debugger calls
// it again for every re-run, and a cluster once per machine.
func (o options) newKernel(stdin io.Reader, stdout, stderr, debugOut io.Writer, traceOut *trace.Writer) (*userprog.Kernel, error) {
	debug, err := kernel.ParseDebug(o.debug, debugOut)
	if err != nil {
		return nil, err
	}
	abi, err := abifile.Find(o.abi)
	if err != nil {
		return nil, err
	}
	policy, err := kernel.ParsePolicy(o.sched)
	if err != nil {
		return nil, fmt.Errorf("--sched: %w", err)
	}
	k, err := userprog.New(kernel.Config{
		Machine:     machine.Config{PhysPages: o.physPages, PageSize: o.pageSize, TLBSize: o.tlb, Seed: o.seed, Clock: o.clock},
		Debug:       debug,
		RandomYield: o.seeded,
		MaxTicks:    o.maxTicks,
		Policy:      policy,
		In:          stdin,
		Out:         stdout,
		Err:         stderr,
		Quiet:       o.quiet,

		PriorityDonation:  o.donate,
		Trace:             traceOut,
		TraceInstructions: o.traceInstructions,
		MachineID:         o.net.id,
	}, userprog.Config{StackSize: o.stack, FSRoot: o.fsRoot, ABI: abi})
	if err != nil {
		return nil, err
	}
	if o.lockOrder {
		k.CheckLockOrder()
	}
	return k, nil
}

// start makes the kernel ready to run what the flags ask for: a kernel
// test, the mail test or a user program. With a link, the machine has a
// network interface on it and a post office.
func (o options) start(k *userprog.Kernel, link machine.Link, stderr io.Writer) error {
	var po *network.PostOffice
	if link != nil {
		var err error
		if po, err = o.net.postOffice(k, link); err != nil {
			return err
		}
	}
	switch {
	case o.selfTest != "":
		test, ok := kernel.FindSelfTest(o.selfTest)
		if !ok {
			return fmt.Errorf("no kernel test called %q; nachos -K list shows them", o.selfTest)
		}
		k.Start(func() { test.Run(k.Kernel) })
	case o.net.server:
		if po == nil {
			return errors.New("--server serves other machines: run it in a cluster (nachos cluster \"-m 0 --server\" \"-x PROG --remote 0\") or with --peers")
		}
		k.Start(func() { o.net.serve(k, po) })
	case o.net.mailTest():
		if po == nil {
			return errors.New("-o runs the mail test over the network: run it in a cluster (nachos cluster \"-m 0 -o 1\" \"-m 1 -o 0\") or give the other machine's address with --peers")
		}
		k.Start(func() { network.MailTest(po, machine.NetworkAddress(o.net.other)) })
	default:
		if po != nil {
			r := network.NewReliable(po)
			k.SetMessenger(network.Messenger{R: r})
			if o.net.usesServer() {
				k.SetRemoteSync(&network.LockClient{C: network.NewClient(r), Servers: o.net.lockServers()})
			}
		} else if o.net.usesServer() {
			return errors.New("--remote reaches the lock server over the network: run it in a cluster or with --peers")
		}
		if err := k.StartProgram(o.program); err != nil {
			fmt.Fprintf(stderr, "nachos: %v%s\n", err, testDirHint(o.program, err))
			return exitError{kernel.ExitBadInput}
		}
	}
	return nil
}

// testDirHint says what to do about a program that was not found: try
// test/PROGRAM if the shipped programs' directory has it (the usual slip
// is nachos -x halt), or check the name.
func testDirHint(program string, err error) string {
	if !errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	if _, inTest := os.Stat(filepath.Join("test", program)); inTest == nil {
		return "; did you mean test/" + program + "?"
	}
	return "; check the name (the shipped programs are in test/, and make -C test builds them)"
}

// flagError rewrites the flag library's complaints for students: it says
// what kind of value the flag wants instead of how Go failed to parse it,
// and where to read about the flags.
func flagError(cmd *cobra.Command, err error) error {
	var invalid *pflag.InvalidValueError
	if !errors.As(err, &invalid) {
		return fmt.Errorf("%w; see %s --help", err, cmd.CommandPath())
	}
	want := "a valid value"
	switch invalid.GetFlag().Value.Type() {
	case "int", "int64":
		want = "a whole number"
	case "uint32":
		want = "a whole number from 0 to 4294967295"
	case "bool":
		want = "true or false"
	}
	return fmt.Errorf("--%s %q: give %s; see %s --help", invalid.GetFlag().Name, invalid.GetValue(), want, cmd.CommandPath())
}

// newHelpCommand is "nachos help [COMMAND]". It replaces cobra's own,
// which answers a command that does not exist with the general help and
// success, so that a script could not tell.
func newHelpCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := cmd.Root().Find(args)
			if err != nil || len(rest) > 0 {
				return fmt.Errorf("no command %q; nachos --help lists them", strings.Join(args, " "))
			}
			return target.Help()
		},
	}
}

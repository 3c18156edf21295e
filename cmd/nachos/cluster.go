// The cluster subcommand: several machines in one process, on one wire,
// under one clock.

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"nachos/kernel"
	"nachos/kernel/trace"
	"nachos/machine"
	"nachos/network"
	"nachos/userprog"
	"nachos/userprog/grade"
)

// clusterOptions are the flags of nachos cluster: the wire's.
type clusterOptions struct {
	seed        uint32
	reliability float64
	faults      machine.Faults
	trace       string // --trace FILE: every machine's events, in one file
	crashes     []string
	restarts    []string
	links       []string
}

func newClusterCommand(stdin *bufio.Reader) *cobra.Command {
	var o clusterOptions
	cmd := &cobra.Command{
		Use:   `cluster [flags] "MACHINE FLAGS"...`,
		Short: "Run several machines in one process, on one simulated network",
		Long: `cluster boots one machine for each quoted argument, which holds that machine's
own flags, as nachos takes them (-x PROG, -K TEST, -o ID, --server, --remote ID,
-d FLAGS, -rs SEED ...). A machine without -m gets its position as its id (0,
1, ...). Each line a machine prints starts with its id in brackets.

The machines share one simulated clock and one wire, whose faults the flags
below set. Everything, the wire's faults included, comes from --seed and the
machines' own seeds, so a run repeats exactly: the same flags give the same
output, byte for byte.`,
		Example: `  nachos cluster "-m 0 -o 1" "-m 1 -o 0"
  nachos cluster -l 0.5 --jitter 200 --seed 7 "-o 1" "-o 0"
  nachos cluster "-m 0 -x test/pong" "-m 1 -x test/ping"
  nachos cluster -l 0.8 "-m 0 --server" "-x test/remotecount --remote 0" "-x test/remotecount --remote 0"
  nachos cluster --crash 0@30000 "-m 0 --server" "-x test/remotecount --remote 0"
  nachos cluster --link 1to0:loss=1 "-m 0 --server" "-x test/remotecount --remote 0" "-x test/remotecount --remote 0"`,
		// A machine's flags would look like the cluster's own to the flag
		// library, so the command splits its arguments itself.
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			flags, machines := splitClusterArgs(args)
			if err := cmd.Flags().Parse(classicArgs(cmd, flags)); err != nil {
				return fmt.Errorf("%w; see nachos cluster --help", err)
			}
			if help, _ := cmd.Flags().GetBool("help"); help {
				return cmd.Help()
			}
			if len(machines) == 0 {
				return errors.New(`cluster needs at least one machine, its flags in quotes, such as "-m 0 -o 1"`)
			}
			o.faults.Loss = 1 - o.reliability
			if o.reliability < 0 || o.reliability > 1 {
				return fmt.Errorf("-l %g: the reliability is a probability, from 0 to 1", o.reliability)
			}
			if err := o.faults.Check(); err != nil {
				return err
			}
			return runCluster(cmd, o, machines, stdin, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.Uint32Var(&o.seed, "seed", 0, "seed the wire's faults (and the machines given no -rs of their own)")
	f.Float64VarP(&o.reliability, "reliability", "l", 1, "the chance that a packet arrives, from 0 to 1 (Nachos's -l)")
	addWireFlags(f, &o.faults, &o.links)
	f.StringArrayVar(&o.crashes, "crash", nil, "crash machine ID at tick TICK, as ID@TICK (repeatable): it stops at once, and packets to it are lost")
	f.StringArrayVar(&o.restarts, "restart", nil, "boot machine ID again at tick TICK with its flags, as ID@TICK (repeatable; crashes it first if it still runs)")
	f.StringVar(&o.trace, "trace", "", "write every machine's events to FILE as JSON Lines (nachos view FILE draws them)")
	f.BoolP("help", "h", false, "help for cluster")
	return cmd
}

// splitClusterArgs tells the cluster's flags from the machines: a machine
// is an argument with a space in it ("-m 0 -o 1"), or any argument after
// "--" (so that a machine can be a single flag: -- -K).
func splitClusterArgs(args []string) (flags, machines []string) {
	for i, a := range args {
		switch {
		case a == "--":
			return flags, append(machines, args[i+1:]...)
		case strings.ContainsAny(a, " \t"):
			machines = append(machines, a)
		default:
			flags = append(flags, a)
		}
	}
	return flags, machines
}

func runCluster(cmd *cobra.Command, o clusterOptions, args []string, stdin *bufio.Reader, stdout, stderr io.Writer) (err error) {
	if err := checkLatency(o.faults); err != nil {
		return err
	}
	links, err := parseLinks(o.links, o.faults)
	if err != nil {
		return err
	}
	// The machines go last, after "--", where a machine needs no space in
	// it to be told from the cluster's flags.
	quoted := make([]string, len(args))
	for i, m := range args {
		quoted[i] = grade.ShellQuote(m)
	}
	traceOut, traceFile, err := openTrace(o.trace, commandLine(cmd, nil)+" -- "+strings.Join(quoted, " "))
	if err != nil {
		return err
	}
	defer func() {
		if cerr := closeTrace(traceOut, traceFile); err == nil {
			err = cerr
		}
	}()
	run := &clusterRun{c: network.NewCluster(o.faults, o.seed), stdin: stdin, trace: traceOut}
	defer run.close()
	for i, arg := range args {
		mo, err := parseMachine(arg, i, o.seed)
		if err != nil {
			return fmt.Errorf("machine %d (%q): %w", i, arg, err)
		}
		prefix := fmt.Sprintf("[%d] ", mo.net.id)
		m := &clusterMachine{id: machine.NetworkAddress(mo.net.id), opts: mo,
			out: network.NewPrefixWriter(stdout, prefix), err: network.NewPrefixWriter(stderr, prefix)}
		run.machines = append(run.machines, m)
		if err := run.boot(m, 0); err != nil {
			m.err.Flush()
			return err
		}
		if m.k.Debug.Enabled('n') && run.c.Wire().Trace == nil {
			wire := network.NewPrefixWriter(stdout, "[wire] ")
			defer wire.Flush()
			run.c.Wire().Trace = wire
		}
	}
	if err := run.setLinks(links); err != nil {
		return err
	}
	if err := run.schedule(o.crashes, "crash", run.crash); err != nil {
		return err
	}
	if err := run.schedule(o.restarts, "restart", run.restart); err != nil {
		return err
	}
	run.c.Run()
	status := kernel.ExitOK
	for _, m := range run.machines {
		m.out.Flush()
		m.err.Flush()
	}
	for _, k := range run.kernels {
		status = max(status, k.ExitStatus)
	}
	if status != kernel.ExitOK {
		return exitError{status}
	}
	return nil
}

// clusterMachine is one machine of a cluster run.
type clusterMachine struct {
	id       machine.NetworkAddress
	opts     options          // its flags, to boot it again after a crash
	k        *userprog.Kernel // the kernel running now
	out, err *network.PrefixWriter
}

// clusterRun is a cluster and what it takes to boot its machines.
type clusterRun struct {
	c        *network.Cluster
	machines []*clusterMachine
	kernels  []*userprog.Kernel // every kernel booted, restarts included
	stdin    *bufio.Reader
	trace    *trace.Writer
}

// boot starts machine m with its flags, its clock at tick.
func (r *clusterRun) boot(m *clusterMachine, tick int64) error {
	o := m.opts
	o.clock = tick
	k, err := o.newKernel(r.stdin, m.out, m.err, m.err, r.trace)
	if err != nil {
		return fmt.Errorf("machine %d: %w", m.id, err)
	}
	r.kernels = append(r.kernels, k)
	if err := o.start(k, r.c.Wire(), m.err); err != nil {
		return err
	}
	m.k = k
	r.c.Add(k.Kernel, m.id)
	return nil
}

func (r *clusterRun) close() {
	for _, k := range r.kernels {
		k.Close()
	}
}

// crash stops machine m at tick, saying so in its output.
func (r *clusterRun) crash(m *clusterMachine, tick int64) {
	if !m.k.Machine.Stopped() {
		fmt.Fprintf(m.err, "nachos: machine %d crashed at tick %d (--crash)\n", m.id, tick)
	}
	r.c.Crash(m.id)
}

// restart boots machine m again at tick, with the flags it was first
// given, crashing it first if it still runs: the program starts over, and
// everything in its memory is gone.
func (r *clusterRun) restart(m *clusterMachine, tick int64) {
	r.c.Crash(m.id)
	fmt.Fprintf(m.err, "nachos: machine %d restarts at tick %d (--restart)\n", m.id, tick)
	if err := r.boot(m, tick); err != nil {
		fmt.Fprintf(m.err, "nachos: %v\n", err)
	}
}

// setLinks gives links between the machines faults of their own.
func (r *clusterRun) setLinks(links []machine.LinkFaults) error {
	for _, l := range links {
		for _, id := range []machine.NetworkAddress{l.From, l.To} {
			if r.find(int(id)) == nil {
				ids := make([]string, len(r.machines))
				for i, m := range r.machines {
					ids[i] = strconv.Itoa(int(m.id))
				}
				return fmt.Errorf("--link: there is no machine %d (the machines are %s)", id, strings.Join(ids, ", "))
			}
		}
		r.c.Wire().SetLinkFaults(l)
	}
	return nil
}

// find returns machine id, or nil.
func (r *clusterRun) find(id int) *clusterMachine {
	i := slices.IndexFunc(r.machines, func(m *clusterMachine) bool { return int(m.id) == id })
	if i < 0 {
		return nil
	}
	return r.machines[i]
}

// schedule reads flags of the form ID@TICK and has the cluster do what
// they ask at those ticks.
func (r *clusterRun) schedule(specs []string, flag string, do func(m *clusterMachine, tick int64)) error {
	for _, spec := range specs {
		id, tick, ok := strings.Cut(spec, "@")
		n, err1 := strconv.Atoi(id)
		t, err2 := strconv.ParseInt(tick, 10, 64)
		if !ok || err1 != nil || err2 != nil || t < 0 {
			return fmt.Errorf("--%s %q: give the machine and the tick, as ID@TICK (e.g. 0@5000)", flag, spec)
		}
		m := r.find(n)
		if m == nil {
			return fmt.Errorf("--%s %q: there is no machine %d", flag, spec, n)
		}
		r.c.At(t, func() { do(m, t) })
	}
	return nil
}

// parseMachine reads one machine's flags. A machine with no -m gets its
// position as its id, and one with no -rs a seed of its own from the
// cluster's.
func parseMachine(arg string, index int, seed uint32) (options, error) {
	var o options
	fs := pflag.NewFlagSet("machine", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	o.addFlags(fs)
	holder := &cobra.Command{}
	holder.Flags().AddFlagSet(fs)
	if err := fs.Parse(classicArgs(holder, strings.Fields(arg))); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("%q is not a flag", fs.Arg(0))
	}
	o.settle(fs)
	switch {
	case fs.Changed("reliability"):
		return o, errors.New("the machines share one wire: give -l to nachos cluster, not to a machine")
	case fs.Changed("trace") || fs.Changed("trace-instructions"):
		return o, errors.New("the machines share one trace: give --trace to nachos cluster, not to a machine")
	case fs.Changed("peers"):
		return o, errors.New("the machines of a cluster are on its own wire: --peers is for separate processes")
	case o.singleStep:
		return o, errors.New("-s cannot single-step one machine of a cluster")
	case o.vm.on:
		return o, errors.New("demand paging (--vm, -P, --swap...) runs on a lone machine only, not yet in a cluster: run the program with nachos -x")
	case o.program == "" && o.selfTest == "" && !o.net.mailTest() && !o.net.server:
		return o, errors.New("nothing to run: give it -x PROG, -K TEST, -o ID or --server")
	}
	if !o.seeded {
		o.seed = seed + uint32(index)
	}
	if !fs.Changed("machine-id") {
		o.net.id = index
	}
	return o, o.check()
}

// The dist subcommand: run a distributed algorithm on simulated machines,
// break it, check it, look at it.

package main

import (
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"nachos/network/dist"
)

// distOptions are the flags of nachos dist.
type distOptions struct {
	sc         dist.Scenario
	seeds      int
	crashes    []string
	partitions []string
	initiators []string
	links      []string
	ring       string
	svg        string
	concurrent bool
	trace      string
}

func newDistCommand() *cobra.Command {
	var o distOptions
	cmd := &cobra.Command{
		Use:   "dist ALGORITHM [flags] | dist list",
		Short: "Run a distributed algorithm on simulated machines, under faults, with checked invariants",
		Long: `dist runs a distributed algorithm on N simulated machines (nodes 1 to N) of one
deterministic cluster and prints every node's events (sends, receives,
decisions), the outcome, the messages by kind and a time-space diagram.
Everything, faults included, comes from --seed, so a run repeats exactly.

Every run is checked: the Lamport and vector clocks against the history, and
the algorithm's safety property; a broken one stops the run and is reported
with the seed, the tick and the events. --seeds N runs N seeds and
summarizes the outcomes, message counts and violations.

"nachos dist list" lists the algorithms.`,
		Example: `  nachos dist bully --nodes 6 --crash 6@0 --initiator 3
  nachos dist ring --nodes 6 --ring 3,1,2,5,4,6 --crash 6@0
  nachos dist ricart-agrawala --nodes 5 --loss 0.2 --seeds 200
  nachos dist ring --link 1to2:loss=1`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			w := cmd.OutOrStdout()
			if args[0] == "list" {
				tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
				for _, a := range dist.Algorithms {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", a.Name, a.Family, a.Summary)
				}
				return tw.Flush()
			}
			alg := dist.Find(args[0])
			if alg == nil {
				return fmt.Errorf("no algorithm %q: nachos dist list shows them", args[0])
			}
			if err := o.parse(); err != nil {
				return err
			}
			if err := checkOneRun(cmd, o.seeds); err != nil {
				return err
			}
			if o.seeds > 0 {
				s, err := dist.Sweep(alg, o.sc, o.seeds, nil)
				if err != nil {
					return err
				}
				dist.WriteSummary(w, alg, s)
				if len(s.Violations) > 0 {
					fmt.Fprintf(w, "repeat the first: %s --seed %d\n", commandLine(cmd, args, "seeds", "seed"), s.Violations[0].Seed)
					return exitError{1}
				}
				return nil
			}
			r, err := runDist(cmd, alg, o, args[0])
			if err != nil {
				return err
			}
			dist.WriteReport(w, r)
			if o.concurrent {
				fmt.Fprintln(w)
				dist.WriteConcurrent(w, r)
			}
			if o.svg != "" {
				f, err := os.Create(o.svg)
				if err != nil {
					return err
				}
				dist.WriteSVG(f, r)
				if err := f.Close(); err != nil {
					return err
				}
			}
			if r.Violation != nil {
				return exitError{1}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.sc.Nodes, "nodes", dist.DefaultNodes, "number of nodes (machines 1 to N)")
	f.Uint32Var(&o.sc.Seed, "seed", 0, "seed of the wire's faults and the nodes' random choices")
	f.IntVar(&o.seeds, "seeds", 0, "run this many seeds, from --seed on, and summarize")
	f.Float64Var(&o.sc.Faults.Loss, "loss", 0, "the chance that a packet is lost")
	addWireFlags(f, &o.sc.Faults, &o.links)
	f.BoolVar(&o.sc.NoFIFO, "no-fifo", false, "let messages overtake each other on channels the algorithm wants FIFO (snapshot)")
	f.StringArrayVar(&o.crashes, "crash", nil, "NODE@TICK crashes a node; NODE@TICK-TICK2 brings it back at TICK2 (repeatable)")
	f.StringArrayVar(&o.partitions, "partition", nil, "GROUP/GROUP@TICK[-TICK2] splits the network, e.g. 1,2,3/4,5@1000-20000 (repeatable)")
	f.StringArrayVar(&o.initiators, "initiator", nil, "NODE or NODE@TICK starts the algorithm (repeatable: concurrent initiators)")
	f.StringVar(&o.ring, "ring", "", "the logical ring, every node once, e.g. 3,1,2,5,4,6")
	f.IntVar(&o.sc.Entries, "entries", dist.DefaultEntries, "critical-section entries per node (mutual exclusion)")
	f.BoolVar(&o.sc.TakeTurns, "uncontended", false, "mutual exclusion: nodes want in one at a time, each in a turn of its own (the delay before entry)")
	f.IntVar(&o.sc.Votes, "votes", 0, "voting: m, the votes needed to enter (default n/2+1)")
	f.Float64Var(&o.sc.Reset, "reset", 0, "voting: the chance that a coordinator resets (forgets its vote) while the vote is in use")
	f.Float64Var(&o.sc.Drift, "drift", dist.DefaultDrift, "physical clocks: each runs at 1 +/- up to this rate")
	f.Int64Var(&o.sc.MaxError, "max-error", dist.DefaultMaxError, "physical clocks: the skew tolerated, E, in ticks")
	f.Int64Var(&o.sc.Period, "period", 0, "physical clocks: resynchronize every this many ticks (default L = E/2D)")
	f.Int64Var(&o.sc.MaxTicks, "max-ticks", dist.DefaultMaxTicks, "stop the run at this tick, quiet or not")
	f.StringVar(&o.svg, "svg", "", "also draw the time-space diagram as SVG into FILE")
	f.BoolVar(&o.concurrent, "concurrent", false, "also list every pair of concurrent events, with their clocks")
	f.StringVar(&o.trace, "trace", "", "write the run's events, the machines' and the algorithm's, to FILE as JSON Lines (nachos view FILE draws them)")
	return cmd
}

// oneRunFlags are the flags that show a single run: a sweep refuses
// them rather than ignore them.
var oneRunFlags = []struct{ flag, does, instead string }{
	{"trace", "records", "trace"},
	{"svg", "draws", "draw"},
	{"concurrent", "lists the concurrent events of", "list those of"},
}

// checkOneRun refuses, in a sweep of seeds, a flag that shows one run.
func checkOneRun(cmd *cobra.Command, seeds int) error {
	if seeds <= 0 {
		return nil
	}
	for _, f := range oneRunFlags {
		if cmd.Flags().Changed(f.flag) {
			return fmt.Errorf("--%s %s one run, and --seeds %d is a sweep of many: %s one seed with --seed S (a sweep's violations name their seeds)", f.flag, f.does, seeds, f.instead)
		}
	}
	return nil
}

// runDist runs the algorithm once, traced if --trace says so.
func runDist(cmd *cobra.Command, alg *dist.Algorithm, o distOptions, name string) (r *dist.Result, err error) {
	w, f, err := openTrace(o.trace, commandLine(cmd, []string{name}))
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := closeTrace(w, f); err == nil {
			err = cerr
		}
	}()
	return dist.RunTraced(alg, o.sc, w)
}

// parse turns the scenario flags into the scenario.
func (o *distOptions) parse() error {
	if err := checkLatency(o.sc.Faults); err != nil {
		return err
	}
	links, err := parseLinks(o.links, o.sc.Faults)
	if err != nil {
		return err
	}
	o.sc.Links = links
	for _, s := range o.crashes {
		c, err := dist.ParseCrash(s)
		if err != nil {
			return err
		}
		o.sc.Crashes = append(o.sc.Crashes, c)
	}
	for _, s := range o.partitions {
		p, err := dist.ParsePartition(s)
		if err != nil {
			return err
		}
		o.sc.Partitions = append(o.sc.Partitions, p)
	}
	for _, s := range o.initiators {
		st, err := dist.ParseStart(s)
		if err != nil {
			return err
		}
		o.sc.Initiators = append(o.sc.Initiators, st)
	}
	if o.ring != "" {
		ring, err := dist.ParseList(o.ring)
		if err != nil {
			return fmt.Errorf("--ring: %w", err)
		}
		o.sc.Ring = ring
	}
	return nil
}

// The sched subcommand: compare scheduling policies on a workload.

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"nachos/kernel"
)

// schedOptions are the flags of nachos sched.
type schedOptions struct {
	workload string
	jobs     []string
	policies string
	oracle   bool
	svg      string
}

func newSchedCommand(stdin io.Reader) *cobra.Command {
	var o schedOptions
	cmd := &cobra.Command{
		Use:   "sched [WORKLOAD]",
		Short: "Compare scheduling policies on a workload of jobs",
		Long: `sched runs a workload of jobs under one or more scheduling policies and
prints, for each, every job's turnaround, waiting and response times and their
averages, the throughput, the CPU utilisation, the number of context switches,
and a Gantt chart: # running, . ready (waiting for the CPU), ~ doing I/O.

The policies are the kernel's own: the same code decides here as when
"nachos --sched" boots the kernel with them. Only the clock is simpler. Time is
in ticks, and
  - the policy is asked whether to preempt at every tick, as if the timer
    interrupted every tick (the kernel's timer interrupts every 100), so
    quanta are exact and textbook examples come out exactly;
  - a context switch costs nothing;
  - every job does its I/O on a device of its own, without waiting for others.

A job is NAME:ARRIVAL:BURSTS[:PRIORITY]. It arrives at tick ARRIVAL; its
bursts alternate CPU and I/O, starting and ending with the CPU, so
A:0:10,5,10 computes for 10 ticks, waits 5 for I/O and computes 10 more.
Larger priorities run first. A workload file, YAML or JSON, lists jobs:

  jobs:
    - {name: A, arrival: 0, bursts: [10, 5, 10], priority: 1}
    - {name: B, arrival: 2, bursts: [30], estimate: 30}

SJF and SRTF cannot know the future: they predict each CPU burst from the
job's past ones (an exponential average, tau = t/2 + tau/2), starting from a
guess (tau0) for a job with no past. A job's estimate replaces that guess;
--oracle uses every job's true first burst, as textbook examples assume
(the report then names them sjf(oracle) and srtf(oracle)).`,
		Example: `  nachos sched --job A:0:100 --job B:0:10 --job C:0:10 --policy fcfs,sjf --oracle
  nachos sched --workload kernel/testdata/workloads/stcf.yaml --policy sjf,srtf
  nachos sched jobs.yaml --policy all --svg gantt.svg
  nachos sched --policy list`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return fmt.Errorf("sched takes one workload file (%d given)", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 { // the workload file, named without --workload
				if o.workload != "" {
					return fmt.Errorf("two workload files, %s and %s: give one", o.workload, args[0])
				}
				o.workload = args[0]
			}
			return runSched(o, stdin, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.workload, "workload", "w", "", `read jobs from this YAML or JSON file ("-" for standard input)`)
	f.StringArrayVarP(&o.jobs, "job", "j", nil, "a job, NAME:ARRIVAL:BURSTS[:PRIORITY] with BURSTS as CPU,I/O,CPU,... ticks (repeatable)")
	f.StringVarP(&o.policies, "policy", "p", "all", `the policies to compare, separated by commas, such as "fcfs,rr:10"; "all" for every one with its defaults; "list" describes them`)
	f.BoolVar(&o.oracle, "oracle", false, "SJF and SRTF start from every job's true first CPU burst instead of a guess")
	f.StringVar(&o.svg, "svg", "", "also draw the Gantt charts in this SVG file")
	return cmd
}

func runSched(o schedOptions, stdin io.Reader, out io.Writer) error {
	if o.policies == "list" {
		listPolicies(out)
		return nil
	}
	policies, err := parsePolicies(o.policies)
	if err != nil {
		return err
	}
	w, err := loadWorkload(o, stdin)
	if err != nil {
		return err
	}
	// The SVG file is created first, so that a path that cannot be
	// written is reported at once, not after every table.
	var svg *os.File
	if o.svg != "" {
		if svg, err = os.Create(o.svg); err != nil {
			return fmt.Errorf("--svg %s: cannot create the file (%v); give a path in a folder that exists and that you may write to", o.svg, pathReason(err))
		}
		defer svg.Close() // only for the early returns; the end closes it too
	}
	var schedules []*kernel.Schedule
	for _, p := range policies {
		s, err := kernel.Simulate(w, p)
		if err != nil {
			return err
		}
		s.Policy = policyLabel(p, o.oracle)
		schedules = append(schedules, s)
	}
	for i, s := range schedules {
		if i > 0 {
			fmt.Fprintln(out)
		}
		writeSchedule(out, s)
	}
	if len(schedules) > 1 {
		fmt.Fprintln(out)
		writeComparison(out, schedules)
	}
	if svg == nil {
		return nil
	}
	err = writeSVG(svg, schedules)
	if closeErr := svg.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return fmt.Errorf("--svg %s: cannot write the chart (%v)", o.svg, pathReason(err))
	}
	return nil
}

// pathReason is why a file operation failed, without the operation and
// the path that an *os.PathError repeats.
func pathReason(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// parsePolicies reads a comma-separated list of policies, or "all".
func parsePolicies(list string) ([]kernel.Policy, error) {
	var policies []kernel.Policy
	if list == "all" {
		for _, k := range kernel.Policies {
			policies = append(policies, k.New())
		}
		return policies, nil
	}
	for _, spec := range strings.Split(list, ",") {
		p, err := kernel.ParsePolicy(spec)
		if err != nil {
			return nil, fmt.Errorf("%w (nachos sched --policy list describes them)", err)
		}
		policies = append(policies, p)
	}
	return policies, nil
}

// policyLabel is how the report names p. Under --oracle every job
// declares its first burst, so SJF and SRTF never use their guess, and
// "sjf:100" would name a TAU0 that played no part: they read
// "sjf(oracle)" instead.
func policyLabel(p kernel.Policy, oracle bool) string {
	if _, guesses := p.(kernel.Estimator); !oracle || !guesses {
		return p.Name()
	}
	kind, _, _ := strings.Cut(p.Name(), ":")
	return kind + "(oracle)"
}

// loadWorkload puts together the jobs of the workload file and of --job,
// and checks them.
func loadWorkload(o schedOptions, stdin io.Reader) (kernel.Workload, error) {
	var w kernel.Workload
	if o.workload != "" {
		r := stdin
		if o.workload != "-" {
			f, err := os.Open(o.workload)
			if err != nil {
				return w, fmt.Errorf("cannot read the workload: %w", err)
			}
			defer f.Close()
			r = f
		}
		var err error
		if w, err = kernel.ReadWorkload(r); err != nil {
			return w, fmt.Errorf("%s: %w", o.workload, err)
		}
	}
	jobs, err := kernel.ParseJobs(o.jobs)
	if err != nil {
		return w, err
	}
	w.Jobs = append(w.Jobs, jobs...)
	if len(w.Jobs) == 0 {
		return w, noJobs(o.workload)
	}
	if o.oracle {
		for i := range w.Jobs {
			if w.Jobs[i].Estimate == 0 && len(w.Jobs[i].Bursts) > 0 {
				w.Jobs[i].Estimate = w.Jobs[i].Bursts[0]
			}
		}
	}
	return w, w.Check()
}

// noJobs says what to do when neither the workload file, if one was
// given, nor --job lists a job.
func noJobs(file string) error {
	switch file {
	case "":
		return errors.New("no jobs to schedule: give a workload file with --workload FILE, or jobs with --job, such as --job A:0:100 --job B:0:10")
	case "-":
		file = "the workload on standard input"
	}
	return fmt.Errorf("%s lists no jobs: write them under jobs:, such as %s, or give jobs with --job, such as --job A:0:100", file, kernel.WorkloadExample)
}

// writeSchedule prints one policy's schedule: a table of the jobs, the
// totals and the Gantt chart.
func writeSchedule(out io.Writer, s *kernel.Schedule) {
	name := len("average")
	for _, j := range s.Jobs {
		name = max(name, len(j.Name))
	}
	fmt.Fprintf(out, "%s\n", s.Policy)
	fmt.Fprintf(out, "%-*s %8s %6s %6s %6s %6s %11s %8s %9s\n", name, "job", "arrival", "cpu", "i/o", "start", "end", "turnaround", "waiting", "response")
	for _, j := range s.Jobs {
		fmt.Fprintf(out, "%-*s %8d %6d %6d %6d %6d %11d %8d %9d\n", name, j.Name, j.Arrival, j.CPU(), j.IO(), j.FirstRun, j.Completion, j.Turnaround(), j.Waiting(), j.Response())
	}
	fmt.Fprintf(out, "%-*s %8s %6s %6s %6s %6s %11.2f %8.2f %9.2f\n", name, "average", "", "", "", "", "", s.AverageTurnaround(), s.AverageWaiting(), s.AverageResponse())
	span := s.End() - s.Start()
	fmt.Fprintf(out, "%s in %s: throughput %.2f jobs per 100 ticks, CPU utilisation %.1f%%, %s\n\n",
		count(len(s.Jobs), "job", "jobs"), count(span, "tick", "ticks"), 100*s.Throughput(), 100*s.Utilisation(),
		count(s.Switches, "context switch", "context switches"))
	writeGantt(out, s, name)
}

// count says how many things there are: "1 job", "3 jobs".
func count[N int | int64](n N, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// writeComparison prints the policies' averages side by side.
func writeComparison(out io.Writer, schedules []*kernel.Schedule) {
	name := len("policy")
	for _, s := range schedules {
		name = max(name, len(s.Policy))
	}
	fmt.Fprintf(out, "%-*s %11s %8s %9s %11s %12s %9s\n", name, "policy", "turnaround", "waiting", "response", "throughput", "utilisation", "switches")
	for _, s := range schedules {
		fmt.Fprintf(out, "%-*s %11.2f %8.2f %9.2f %11.2f %11.1f%% %9d\n", name, s.Policy,
			s.AverageTurnaround(), s.AverageWaiting(), s.AverageResponse(), 100*s.Throughput(), 100*s.Utilisation(), s.Switches)
	}
	fmt.Fprintf(out, "(averages in ticks; throughput in jobs per 100 ticks)\n")
}

// listPolicies describes every policy and its parameters.
func listPolicies(out io.Writer) {
	for _, k := range kernel.Policies {
		fmt.Fprintf(out, "%-32s %s\n", k.Usage(), k.Doc)
		for _, p := range k.Params {
			fmt.Fprintf(out, "%-32s   %s: %s\n", "", strings.ToUpper(p.Name), p.Doc)
		}
	}
}

// The grade command: run test suites and report verdicts (package
// userprog/grade does the work).

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"nachos/userprog/grade"
)

// gradeOutputs are the files a grading run or a merge writes.
type gradeOutputs struct {
	json, junit, gradescope string
}

func (o *gradeOutputs) flags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.json, "json", "", "write the results as JSON (what \"nachos grade merge\" reads)")
	cmd.Flags().StringVar(&o.junit, "junit", "", "write the results as JUnit XML, for CI")
	cmd.Flags().StringVar(&o.gradescope, "gradescope", "", "write Gradescope's results.json")
}

// write prints the summary and writes the requested files. It returns
// exit status 1 if a test did not pass.
func (o *gradeOutputs) write(rep *grade.Report, stdout io.Writer) error {
	writers := []struct {
		path  string
		write func(io.Writer) error
	}{
		{o.json, rep.WriteJSON},
		{o.junit, rep.WriteJUnit},
		{o.gradescope, rep.WriteGradescope},
	}
	for _, w := range writers {
		if w.path == "" {
			continue
		}
		f, err := os.Create(w.path)
		if err != nil {
			return err
		}
		err = w.write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("writing %s: %w", w.path, err)
		}
	}
	rep.WriteSummary(stdout)
	if !rep.Passed() {
		return exitError{1}
	}
	return nil
}

func newGradeCommand(stderr io.Writer) *cobra.Command {
	var (
		g                       grade.Grader
		seeds, shard, tree, bin string
		checks                  bool
		out                     gradeOutputs
	)
	cmd := &cobra.Command{
		Use:   "grade SUITE...",
		Short: "Run test suites (YAML) under many seeds and report verdicts, points and the command that repeats a failure",
		Long: `nachos grade runs the tests of the suites (YAML files, or directories of
them) against a nachos binary, each run a process of its own with a tick limit
and a wall-clock limit, under every seed of --seeds, many at once (-j). A test
passes if every seed passes; a failure gives the first failing seed and the
command that repeats it. The verdicts are pass, fail, skip (a test it depends
on did not pass) and abort (the grader could not run it). The suite format is
in the README, "Grading"; --checks lists the trace checks.

Exit status: 0 every test passed, 1 some did not, 2 bad suites or flags.`,
		Example: `  nachos grade test/suites                    # every shipped suite
  nachos grade test/suites/threads.yaml --seeds 10
  nachos grade test/suites --tree ~/student --gradescope results.json
  nachos grade test/suites --shard 2/4 --json part2.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if checks {
				fmt.Fprint(cmd.OutOrStdout(), "Trace checks (a test's \"trace:\" list):\n"+grade.CheckHelp())
				return nil
			}
			if len(args) == 0 {
				return errors.New("name the suites to run: nachos grade test/suites")
			}
			suites, err := grade.Load(args...)
			if err != nil {
				return err
			}
			if g.Seeds, err = grade.ParseSeeds(seeds); err != nil {
				return err
			}
			if shard != "" {
				if g.Shard, err = grade.ParseShard(shard); err != nil {
					return fmt.Errorf("--shard: %w", err)
				}
			}
			if g.Nachos, err = nachosBinary(tree, bin); err != nil {
				if tree == "" {
					return err
				}
				g.Broken = err // every test fails, with the compiler's words
			}
			g.Shown = g.Nachos
			if bin != "" {
				g.Shown = bin
			}
			if g.Dir, err = os.Getwd(); err != nil {
				return err
			}
			g.Progress = grade.NewProgress(stderr, isTerminal(stderr))
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			return out.write(g.Run(ctx, suites), cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&seeds, "seeds", "1", "the -rs seeds: a count N (seeds 1 to N) or a list such as 3,17,42")
	f.IntVarP(&g.Jobs, "jobs", "j", 0, "runs at once (default: the number of cores)")
	f.StringVar(&shard, "shard", "", "run only part I of N of the tests (I/N), for a CI matrix; join the parts' --json with \"nachos grade merge\"")
	f.StringVar(&tree, "tree", "", "build the nachos of this source tree (a student's) and grade it")
	f.StringVar(&bin, "nachos", "", "the nachos binary to grade (default: this one)")
	f.BoolVar(&checks, "checks", false, "list the trace checks a suite can use")
	out.flags(cmd)
	cmd.AddCommand(newGradeMergeCommand())
	return cmd
}

// nachosBinary is the binary to grade: the tree's, freshly built, the
// one named, or this one.
func nachosBinary(tree, bin string) (string, error) {
	switch {
	case tree != "" && bin != "":
		return "", errors.New("give --tree or --nachos, not both")
	case tree != "":
		return grade.BuildTree(tree)
	case bin != "":
		return bin, nil
	}
	return os.Executable()
}

func newGradeMergeCommand() *cobra.Command {
	var out gradeOutputs
	cmd := &cobra.Command{
		Use:     "merge REPORT...",
		Short:   "Join the --json reports of a run's shards into one report",
		Example: `  nachos grade merge part1.json part2.json --junit all.xml --gradescope results.json`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var reports []*grade.Report
			for _, a := range args {
				r, err := grade.ReadReport(a)
				if err != nil {
					return err
				}
				reports = append(reports, r)
			}
			rep, err := grade.Merge(reports)
			if err != nil {
				return err
			}
			return out.write(rep, cmd.OutOrStdout())
		},
	}
	out.flags(cmd)
	return cmd
}

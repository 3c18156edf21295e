// End-to-end tests of nachos sched and --sched, run in-process: the
// exact report, workloads from files and standard input, the SVG chart,
// and the errors.

package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
)

// nachos runs the command with args and stdin, and returns its exit
// status, standard output and standard error.
func nachos(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errs bytes.Buffer
	status := run(args, strings.NewReader(stdin), &out, &errs)
	return status, out.String(), errs.String()
}

// OSTEP's first example, with the whole report.
func TestSchedReport(t *testing.T) {
	status, out, errs := nachos(t, "", "sched", "--job", "A:0:10", "-j", "B:0:10", "-j", "C:0:10", "--policy", "fcfs")
	require.Equal(t, 0, status, errs)
	assert.Equal(t, `fcfs
job      arrival    cpu    i/o  start    end  turnaround  waiting  response
A              0     10      0      0     10          10        0         0
B              0     10      0     10     20          20       10        10
C              0     10      0     20     30          30       20        20
average                                            20.00    10.00     10.00
3 jobs in 30 ticks: throughput 10.00 jobs per 100 ticks, CPU utilisation 100.0%, 2 context switches

A       |##########                    |
B       |..........##########          |
C       |....................##########|
         0         10        20        30
         # running  . ready  ~ I/O  (a column is 1 tick)
`, out)
}

// A lone job is "1 job", and its one tick and no switches read so too.
func TestSchedReportSaysOneInTheSingular(t *testing.T) {
	status, out, errs := nachos(t, "", "sched", "-j", "A:0:1", "-p", "fcfs")
	require.Equal(t, 0, status, errs)
	assert.Contains(t, out, "\n1 job in 1 tick: throughput 100.00 jobs per 100 ticks, CPU utilisation 100.0%, 0 context switches\n")
	assert.Contains(t, out, "(a column is 1 tick)")

	status, out, errs = nachos(t, "", "sched", "-j", "A:0:1", "-j", "B:0:1", "-p", "fcfs")
	require.Equal(t, 0, status, errs)
	assert.Contains(t, out, "\n2 jobs in 2 ticks: throughput 100.00 jobs per 100 ticks, CPU utilisation 100.0%, 1 context switch\n")
}

// Several policies end with a comparison of their averages: OSTEP's
// convoy, where SJF (told the run times) beats FIFO, 50 to 110.
func TestSchedComparesPolicies(t *testing.T) {
	status, out, errs := nachos(t, "", "sched", "-j", "A:0:100", "-j", "B:0:10", "-j", "C:0:10", "-p", "fcfs,sjf", "--oracle")
	require.Equal(t, 0, status, errs)
	assert.True(t, strings.HasSuffix(out, `
policy       turnaround  waiting  response  throughput  utilisation  switches
fcfs             110.00    70.00     70.00        2.50       100.0%         2
sjf(oracle)       50.00    10.00     10.00        2.50       100.0%         2
(averages in ticks; throughput in jobs per 100 ticks)
`), out)
	// The oracle replaced TAU0, so the label does not show it.
	assert.True(t, strings.HasPrefix(out, "fcfs\n"), out)
	assert.Contains(t, out, "\nsjf(oracle)\njob ")
	assert.NotContains(t, out, "sjf:100")
	// A chart longer than 60 ticks is drawn 2 ticks to a column.
	assert.Contains(t, out, "A       |..........##################################################|\n")
	assert.Contains(t, out, "(a column is 2 ticks)")
}

// A column of many ticks shows a job that ran in it at all, even for one
// tick: running beats I/O, which beats ready.
func TestSchedGanttShowsShortRuns(t *testing.T) {
	status, out, errs := nachos(t, "", "sched", "-j", "B:0:1000", "-j", "A:500:1", "-j", "C:999:1,5,1", "-p", "srtf", "--oracle")
	require.Equal(t, 0, status, errs)
	assert.Contains(t, out, `
B       |########################################################### |
A       |                             #                              |
C       |                                                          ##|
`)
	// Two ticks to a column: A's I/O ends at tick 3, halfway through its
	// second column, and A is then ready; the column shows the I/O.
	status, out, errs = nachos(t, "", "sched", "-j", "A:0:1,2,1", "-j", "B:0:100", "-p", "fcfs")
	require.Equal(t, 0, status, errs)
	assert.Contains(t, out, "\nA       |#~"+strings.Repeat(".", 48)+"#|\n")
}

// --policy all runs every policy in the table.
func TestSchedAllPolicies(t *testing.T) {
	status, out, errs := nachos(t, "", "sched", "--workload", "../../kernel/testdata/workloads/mixed.json")
	require.Equal(t, 0, status, errs)
	for _, k := range kernel.Policies {
		assert.Contains(t, out, "\n"+k.New().Name()+" ", k.Name)
	}
	assert.Contains(t, out, "editor  |#~~~~#~~~~#~~~~#", "the editor's I/O under srtf")
}

// A workload from standard input, in YAML: OSTEP's STCF example.
func TestSchedReadsTheWorkloadFromStandardInput(t *testing.T) {
	yaml := `jobs:
  - {name: A, arrival: 0, bursts: [100]}
  - {name: B, arrival: 10, bursts: [10]}
  - {name: C, arrival: 10, bursts: [10]}
`
	status, out, errs := nachos(t, yaml, "sched", "--workload", "-", "--policy", "srtf", "--oracle")
	require.Equal(t, 0, status, errs)
	assert.Contains(t, out, "average                                            50.00")

	// The workload may also be named without --workload.
	status, same, errs := nachos(t, yaml, "sched", "-", "--policy", "srtf", "--oracle")
	require.Equal(t, 0, status, errs)
	assert.Equal(t, out, same)
}

// The SVG is well-formed XML with a bar for every stretch of running, on
// a time axis shared by the schedules.
func TestSchedDrawsSVG(t *testing.T) {
	file := filepath.Join(t.TempDir(), "gantt.svg")
	status, _, errs := nachos(t, "", "sched", "-j", "A:0:5", "-j", "B:0:5", "-j", "C:0:2,3,1", "-p", "fcfs,rr:1", "--svg", file)
	require.Equal(t, 0, status, errs)
	data, err := os.ReadFile(file)
	require.NoError(t, err)

	var rects []map[string]string
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, "the SVG must be well-formed XML")
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "rect" {
			attrs := map[string]string{}
			for _, a := range e.Attr {
				attrs[a.Name.Local] = a.Value
			}
			rects = append(rects, attrs)
		}
	}
	// With --oracle the SVG's titles name SJF as the report does.
	status, _, errs = nachos(t, "", "sched", "-j", "A:0:5", "-p", "sjf,srtf:7", "--oracle", "--svg", file)
	require.Equal(t, 0, status, errs)
	oracle, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Contains(t, string(oracle), ">sjf(oracle)</text>")
	assert.Contains(t, string(oracle), ">srtf(oracle)</text>")

	var runs, io int
	for _, p := range []string{"fcfs", "rr:1"} {
		policy, err := kernel.ParsePolicy(p)
		require.NoError(t, err)
		s, err := kernel.Simulate(workload(t, "A:0:5", "B:0:5", "C:0:2,3,1"), policy)
		require.NoError(t, err)
		runs += len(s.Runs)
		io += len(s.IO)
	}
	var cpuRects, ioRects int
	for _, r := range rects {
		switch r["class"] {
		case "cpu":
			cpuRects++
		case "io":
			ioRects++
		}
	}
	assert.Equal(t, runs, cpuRects, "one bar per Gantt segment")
	assert.Equal(t, 2, io)
	assert.Equal(t, io, ioRects)
	// fcfs runs A first, from tick 0 to 5, of the 16 ticks fcfs takes
	// (rr:1 takes 15): names take 2 characters of 8 pixels after a
	// margin of 10, and the 16 ticks 600 pixels.
	assert.Equal(t, "26.00", rects[0]["x"])
	assert.Equal(t, "187.50", rects[0]["width"])
}

// An SVG file that cannot be created is reported before anything is
// printed, with the flag it came from.
func TestSchedReportsAnUnwritableSVGFirst(t *testing.T) {
	file := filepath.Join(t.TempDir(), "missing", "gantt.svg")
	status, out, errs := nachos(t, "", "sched", "-j", "A:0:5", "--svg", file)
	assert.Equal(t, 2, status)
	assert.Empty(t, out)
	assert.Equal(t, "nachos: --svg "+file+": cannot create the file (no such file or directory); give a path in a folder that exists and that you may write to\n", errs)
}

func workload(t *testing.T, specs ...string) kernel.Workload {
	t.Helper()
	jobs, err := kernel.ParseJobs(specs)
	require.NoError(t, err)
	return kernel.Workload{Jobs: jobs}
}

func TestSchedListsPolicies(t *testing.T) {
	status, out, _ := nachos(t, "", "sched", "--policy", "list")
	require.Equal(t, 0, status)
	for _, k := range kernel.Policies {
		assert.Contains(t, out, k.Usage()+" ")
	}
	assert.Contains(t, out, "QUANTUM: ticks a thread may run before others get a turn (default 100)")
}

func TestSchedErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("jobs:\n  - {name: A, arival: 0, bursts: [10]}\n"), 0o644))
	empty := filepath.Join(dir, "empty.yaml")
	require.NoError(t, os.WriteFile(empty, []byte("jobs: []\n"), 0o644))
	huge := filepath.Join(dir, "huge.yaml")
	require.NoError(t, os.WriteFile(huge, []byte("jobs:\n  - {name: A, arrival: 0, bursts: [10], priority: 1000000}\n"), 0o644))
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"sched"}, "nachos: no jobs to schedule: give a workload file with --workload FILE, or jobs with --job, such as --job A:0:100 --job B:0:10\n"},
		{[]string{"sched", empty}, "nachos: " + empty + " lists no jobs: write them under jobs:, such as jobs: [{name: A, arrival: 0, bursts: [10, 5, 10]}], or give jobs with --job, such as --job A:0:100\n"},
		{[]string{"sched", "-j", "A:0:10", "-p", "fcfs,lottery"}, `nachos: unknown scheduling policy "lottery": choose one of fcfs, rr, priority, aging, mlfq, sjf, srtf (nachos sched --policy list describes them)` + "\n"},
		{[]string{"sched", "-j", "A:0:10,5"}, `nachos: job 1 ("A"): it has 2 bursts; they alternate CPU, I/O, CPU, ... and start and end with the CPU, so there must be an odd number, such as [10, 5, 10]` + "\n"},
		{[]string{"sched", "-j", "A:x:10"}, `nachos: job "A:x:10": the arrival time "x" is not a number; write NAME:ARRIVAL:BURSTS[:PRIORITY], such as A:0:100, or B:10:10,5,10:2 for CPU 10, I/O 5, CPU 10 at priority 2` + "\n"},
		{[]string{"sched", "--workload", bad}, "nachos: " + bad + ": line 2: field arival is not a job's field (they are name, arrival, bursts, priority, estimate); a workload looks like jobs: [{name: A, arrival: 0, bursts: [10, 5, 10]}]\n"},
		// A priority so large that aging's bonus would wrap it around.
		{[]string{"sched", "-j", "A:0:50:9223372036854775807", "-j", "B:1:10", "-p", "aging:1"}, `nachos: job 1 ("A"): the priority 9223372036854775807 is out of range; give a whole number from -1000 to 1000 (larger runs first)` + "\n"},
		{[]string{"sched", huge}, `nachos: job 1 ("A"): the priority 1000000 is out of range; give a whole number from -1000 to 1000 (larger runs first)` + "\n"},
		{[]string{"sched", "--workload", "missing.yaml"}, "nachos: cannot read the workload: open missing.yaml: no such file or directory\n"},
		{[]string{"sched", "missing.yaml"}, "nachos: cannot read the workload: open missing.yaml: no such file or directory\n"},
		{[]string{"sched", "-w", "a.yaml", "b.yaml"}, "nachos: two workload files, a.yaml and b.yaml: give one\n"},
		{[]string{"--sched", "rr:x", "-K"}, `nachos: --sched: scheduling policy "rr:x": QUANTUM must be a whole number from 1 to 1000000000, not "x" (rr[:QUANTUM])` + "\n"},
	}
	for _, c := range cases {
		status, _, errs := nachos(t, "", c.args...)
		assert.Equal(t, 2, status, c.args)
		assert.Equal(t, c.want, errs, c.args)
	}
}

// A workload on standard input that lists no jobs is named as such.
func TestSchedEmptyWorkloadOnStandardInput(t *testing.T) {
	status, _, errs := nachos(t, "{}", "sched", "-")
	assert.Equal(t, 2, status)
	assert.Equal(t, "nachos: the workload on standard input lists no jobs: write them under jobs:, such as jobs: [{name: A, arrival: 0, bursts: [10, 5, 10]}], or give jobs with --job, such as --job A:0:100\n", errs)
}

// --sched boots the kernel with the policy: ThreadTest's threads take
// turns at every Yield under any policy, and the classic single-dash
// spelling works.
func TestSchedFlagBootsTheKernelWithThePolicy(t *testing.T) {
	_, fcfs, _ := nachos(t, "", "-K")
	for _, policy := range []string{"rr:100", "mlfq", "srtf"} {
		status, out, errs := nachos(t, "", "-sched", policy, "-K")
		require.Equal(t, 0, status, errs)
		assert.Contains(t, out, "*** thread 1 looped 4 times\n", policy)
		assert.Equal(t, strings.Count(fcfs, "looped"), strings.Count(out, "looped"), policy)
	}
}

// A job's name goes into the SVG escaped, whatever it holds.
func TestSVGEscapesNames(t *testing.T) {
	assert.Equal(t, "a&#60;b&#62; &#38; &#34;c&#34; &#39;d&#39;\t\uFFFD\uFFFDé", esc("a<b> & \"c\" 'd'\t\x01\xffé"))
}

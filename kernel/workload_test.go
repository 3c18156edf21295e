// Tests for reading workloads (YAML, JSON, the command-line form) and for
// the errors a malformed one gets.

package kernel_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"nachos/kernel"
)

func readWorkloadFile(t *testing.T, name string) kernel.Workload {
	t.Helper()
	f, err := os.Open("testdata/workloads/" + name)
	require.NoError(t, err)
	defer f.Close()
	w, err := kernel.ReadWorkload(f)
	require.NoError(t, err)
	require.NoError(t, w.Check())
	return w
}

func TestReadWorkloadYAML(t *testing.T) {
	w := readWorkloadFile(t, "stcf.yaml")
	assert.Equal(t, []kernel.Job{
		{Name: "A", Arrival: 0, Bursts: []int64{100}, Estimate: 100},
		{Name: "B", Arrival: 10, Bursts: []int64{10}, Estimate: 10},
		{Name: "C", Arrival: 10, Bursts: []int64{10}, Estimate: 10},
	}, w.Jobs)
	assert.Equal(t, 50.0, simulate(t, w, "srtf").AverageTurnaround())
}

func TestReadWorkloadJSON(t *testing.T) {
	w := readWorkloadFile(t, "mixed.json")
	require.Len(t, w.Jobs, 3)
	editor := w.Jobs[0]
	assert.Equal(t, "editor", editor.Name)
	assert.Equal(t, 3, editor.Priority)
	assert.Equal(t, int64(8), editor.CPU())
	assert.Equal(t, int64(24), editor.IO())
}

func TestShippedWorkloadsGiveTheTextbookNumbers(t *testing.T) {
	w := readWorkloadFile(t, "convoy.yaml")
	assert.Equal(t, 110.0, simulate(t, w, "fcfs").AverageTurnaround())
	assert.Equal(t, 50.0, simulate(t, w, "sjf").AverageTurnaround())
}

func TestReadWorkloadErrors(t *testing.T) {
	const example = "; a workload looks like jobs: [{name: A, arrival: 0, bursts: [10, 5, 10]}]"
	cases := map[string]string{
		"":                                    "the workload is empty; write a list of jobs, such as jobs: [{name: A, arrival: 0, bursts: [10, 5, 10]}]",
		"jobs: [{name: A, arival: 3}]":        "line 1: field arival is not a job's field (they are name, arrival, bursts, priority, estimate)" + example,
		"job: []":                             "line 1: field job is not known: a workload holds jobs" + example,
		"jobs:\n - {name: A, arrival: 1.5}":   "line 2: the arrival time 1.5 is not a whole number; times are counted in whole ticks",
		"jobs: [{name: A, bursts: [1, 2.5]}]": "line 1: the burst 2.5 is not a whole number; times are counted in whole ticks",
		"jobs: [{name: A, priority: 1.5}]":    "line 1: the priority 1.5 is not a whole number; a priority is a whole number from -1000 to 1000",
		"half: &h 0.5\njobs: [{name: A, estimate: *h}]":                  "line 1: the estimate 0.5 is not a whole number; times are counted in whole ticks",
		"jobs: [{name: A, arrival: soon}]":                               "line 1: expected a whole number, found text `soon`" + example,
		"jobs: [{name: A, bursts: [1, 2}":                                "did not find expected ',' or ']'" + example,
		"jobs:\n - {name: A, arrival: [1]}\n - {name: B, estimate: [2]}": "line 2: expected a whole number, found a list; line 3: expected a whole number, found a list" + example,
		"bad: &bad {name: A, arrival: [1]}\njobs: [*bad, *bad]":          "line 1: field bad is not known: a workload holds jobs; line 1: expected a whole number, found a list" + example,
		"- {name: A}":                         "line 1: expected a mapping with a list of jobs, found a list" + example,
		"{\"jobs\": []}\n---\n{\"jobs\": []}": "the workload has more than one YAML document (is there a line with ---?); put every job in one list, such as jobs: [{name: A, arrival: 0, bursts: [10, 5, 10]}]",
	}
	for in, want := range cases {
		_, err := kernel.ReadWorkload(strings.NewReader(in))
		assert.EqualError(t, err, want, in)
	}
}

// A fraction is an error only in a field of numbers: a name may be 1.5.
func TestReadWorkloadNameMayLookLikeAFraction(t *testing.T) {
	w, err := kernel.ReadWorkload(strings.NewReader("jobs: [{name: 1.5, bursts: [10]}]"))
	require.NoError(t, err)
	assert.Equal(t, "1.5", w.Jobs[0].Name)
}

func TestParseJob(t *testing.T) {
	j, err := kernel.ParseJob("B:10:10,5,10:2")
	require.NoError(t, err)
	assert.Equal(t, kernel.Job{Name: "B", Arrival: 10, Bursts: []int64{10, 5, 10}, Priority: 2}, j)

	const form = "; write NAME:ARRIVAL:BURSTS[:PRIORITY], such as A:0:100, or B:10:10,5,10:2 for CPU 10, I/O 5, CPU 10 at priority 2"
	cases := map[string]string{
		"A:0":         `job "A:0": it has 2 parts separated by colons` + form,
		"A:0:1:2:3":   `job "A:0:1:2:3": it has 5 parts separated by colons` + form,
		"A:soon:10":   `job "A:soon:10": the arrival time "soon" is not a number` + form,
		"A:0:10,,5":   `job "A:0:10,,5": the burst "" is not a number` + form,
		"A:0:10:high": `job "A:0:10:high": the priority "high" is not a number` + form,
	}
	for in, want := range cases {
		_, err := kernel.ParseJob(in)
		assert.EqualError(t, err, want, in)
	}
}

func TestWorkloadCheck(t *testing.T) {
	job := func(name string, arrival int64, bursts ...int64) kernel.Job {
		return kernel.Job{Name: name, Arrival: arrival, Bursts: bursts}
	}
	many := make([]kernel.Job, kernel.MaxJobs+1)
	cases := []struct {
		jobs []kernel.Job
		want string
	}{
		{nil, "the workload has no jobs; give at least one, such as jobs: [{name: A, arrival: 0, bursts: [10, 5, 10]}]"},
		{many, "the workload has 101 jobs; the most it can have is 100"},
		{[]kernel.Job{job("", 0, 1)}, `job 1 (""): a job needs a name of 1 to 32 characters`},
		{[]kernel.Job{job("a b", 0, 1)}, `job 1 ("a b"): a job's name cannot have spaces or control characters`},
		{[]kernel.Job{job("A", -1, 1)}, `job 1 ("A"): the arrival time -1 is not a tick from 0 to 1000000`},
		{[]kernel.Job{job("A", 0)}, `job 1 ("A"): it has 0 bursts; they alternate CPU, I/O, CPU, ... and start and end with the CPU, so there must be an odd number, such as [10, 5, 10]`},
		{[]kernel.Job{job("A", 0, 10, 5)}, `job 1 ("A"): it has 2 bursts; they alternate CPU, I/O, CPU, ... and start and end with the CPU, so there must be an odd number, such as [10, 5, 10]`},
		{[]kernel.Job{job("A", 0, 10, 0, 10)}, `job 1 ("A"): burst 2 is 0 ticks; a burst lasts from 1 to 1000000 ticks`},
		{[]kernel.Job{{Name: "A", Bursts: []int64{1}, Estimate: -2}}, `job 1 ("A"): the estimate -2 is not a number of ticks from 0 (none) to 1000000`},
		{[]kernel.Job{{Name: "A", Bursts: []int64{1}, Priority: 1001}}, `job 1 ("A"): the priority 1001 is out of range; give a whole number from -1000 to 1000 (larger runs first)`},
		{[]kernel.Job{{Name: "A", Bursts: []int64{1}, Priority: -1001}}, `job 1 ("A"): the priority -1001 is out of range; give a whole number from -1000 to 1000 (larger runs first)`},
		{[]kernel.Job{job("A", 0, 1), job("A", 1, 1)}, `job 2: there are two jobs called "A"; give each job its own name`},
		{[]kernel.Job{job("A", 0, 600000), job("B", 500000, 1)}, "the workload runs for up to 1100001 ticks (the last arrival plus every burst); the most the simulation takes is 1000000"},
	}
	for _, c := range cases {
		assert.EqualError(t, kernel.Workload{Jobs: c.jobs}.Check(), c.want)
	}
}

// Workloads: the jobs that "nachos sched" schedules.
//
// To a scheduler, a program is nothing but the times it wants the CPU.
// It arrives, computes for a while (a CPU burst), waits for a device (an
// I/O burst), computes again, and so on, and finally exits, which also
// takes the CPU: its bursts alternate CPU, I/O, CPU, ..., starting and
// ending with the CPU. A workload is a list of such jobs, written in YAML
// (or JSON, which YAML reads as well):
//
//	jobs:
//	  - {name: A, arrival: 0, bursts: [100]}
//	  - {name: B, arrival: 10, bursts: [10, 5, 10], priority: 2}
//
// On the command line a job is NAME:ARRIVAL:BURSTS[:PRIORITY], with the
// bursts separated by commas: B:10:10,5,10:2.

package kernel

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// A Job is a program as a scheduler sees it.
type Job struct {
	Name    string  `yaml:"name"`
	Arrival int64   `yaml:"arrival"` // the tick it arrives at
	Bursts  []int64 `yaml:"bursts"`  // CPU, I/O, CPU, ... ticks: an odd number of them
	// Priority matters to the priority policies; larger runs first.
	Priority int `yaml:"priority"`
	// Estimate, if not 0, is the first CPU burst the job declares it
	// needs: SJF and SRTF start from it instead of their default guess.
	Estimate int64 `yaml:"estimate"`
}

// A Workload is the jobs to schedule.
type Workload struct {
	Jobs []Job `yaml:"jobs"`
}

// Limits on a workload. "nachos sched" simulates one tick at a time, and
// draws a row per job. Priorities are bounded so that aging, which adds
// a bonus of up to MaxWorkloadTicks to a priority, cannot overflow an int;
// a thousand levels each way is more than any example needs.
const (
	MaxJobs          = 100
	MaxWorkloadTicks = 1_000_000 // the last arrival plus every burst
	MinPriority      = -1000
	MaxPriority      = 1000
)

// WorkloadExample is shown in errors about the format.
const WorkloadExample = "jobs: [{name: A, arrival: 0, bursts: [10, 5, 10]}]"

// CPU returns the job's total CPU time.
func (j Job) CPU() int64 { return j.sum(0) }

// IO returns the job's total I/O time.
func (j Job) IO() int64 { return j.sum(1) }

// sum adds up every other burst, from the first.
func (j Job) sum(first int) int64 {
	var n int64
	for i := first; i < len(j.Bursts); i += 2 {
		n += j.Bursts[i]
	}
	return n
}

// ReadWorkload reads a workload in YAML or JSON. It does not check it
// (see Check), so that jobs from several places can be put together
// first.
func ReadWorkload(r io.Reader) (Workload, error) {
	var w Workload
	data, err := io.ReadAll(r)
	if err != nil {
		return w, err
	}
	// First the document as a tree, to catch what decoding into Go
	// values would quietly accept: a fraction is cut to a whole number,
	// and a second document is ignored.
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return w, fmt.Errorf("the workload is empty; write a list of jobs, such as %s", WorkloadExample)
		}
		return w, workloadError(err)
	}
	if err := dec.Decode(&yaml.Node{}); !errors.Is(err, io.EOF) {
		return w, fmt.Errorf("the workload has more than one YAML document (is there a line with ---?); put every job in one list, such as %s", WorkloadExample)
	}
	if n, field := findFraction(&doc, "", map[fractionVisit]bool{}); n != nil {
		f := wholeFields[field]
		return w, fmt.Errorf("line %d: %s %s is not a whole number; %s", n.Line, f.noun, n.Value, f.why)
	}
	dec = yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true) // a misspelled field is an error, not a zero
	if err := dec.Decode(&w); err != nil {
		return w, workloadError(err)
	}
	return w, nil
}

// workloadError rewords the YAML decoder's errors for a workload's author.
func workloadError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var typeErr *yaml.TypeError
	if errors.As(err, &typeErr) {
		// An alias repeats its anchor's mistakes: say each once.
		var msgs []string
		for _, e := range typeErr.Errors {
			if m := rewordTypeError(e); !slices.Contains(msgs, m) {
				msgs = append(msgs, m)
			}
		}
		msg = strings.Join(msgs, "; ")
	}
	return fmt.Errorf("%s; a workload looks like %s", msg, WorkloadExample)
}

// rewordTypeError rewords one of the decoder's complaints about a value.
func rewordTypeError(msg string) string {
	msg = strings.ReplaceAll(msg, "not found in type kernel.Job", "is not a job's field (they are name, arrival, bursts, priority, estimate)")
	msg = strings.ReplaceAll(msg, "not found in type kernel.Workload", "is not known: a workload holds jobs")
	return mismatch().ReplaceAllStringFunc(msg, func(m string) string {
		p := mismatch().FindStringSubmatch(m)
		return fmt.Sprintf("expected %s, found %s%s", inWords(yamlWanted, p[3]), inWords(yamlFound, p[1]), p[2])
	})
}

// inWords looks up a kind or type in words, or leaves it as it is.
func inWords(words map[string]string, kind string) string {
	if w, ok := words[kind]; ok {
		return w
	}
	return kind
}

// mismatch matches the decoder's "cannot unmarshal !!str `soon` into
// int64": what it found, the value, and the Go type it wanted. It is
// compiled when first needed, not each time nachos starts.
var mismatch = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile("cannot unmarshal !!(\\w+)( `[^`]*`)? into (\\S+)")
})

// yamlFound and yamlWanted name YAML's kinds and Go's types in a
// workload's terms.
var (
	yamlFound  = map[string]string{"str": "text", "int": "a number", "bool": "true/false", "seq": "a list", "map": "a mapping", "null": "nothing", "float": "a number", "timestamp": "a date"}
	yamlWanted = map[string]string{"int64": "a whole number", "int": "a whole number", "string": "a name", "[]int64": "a list of numbers", "kernel.Job": "a job", "[]kernel.Job": "a list of jobs", "kernel.Workload": "a mapping with a list of jobs"}
)

// wholeField is a job's field that holds whole numbers, and why it must.
type wholeField struct {
	noun string // how an error names one of its values
	why  string
}

// wholeFields are the fields whose fractions findFraction reports. The
// other fields are left to the decoder: a name may well be 1.5, and a
// misspelled field is better reported as such.
var wholeFields = map[string]wholeField{
	"arrival":  {"the arrival time", "times are counted in whole ticks"},
	"bursts":   {"the burst", "times are counted in whole ticks"},
	"estimate": {"the estimate", "times are counted in whole ticks"},
	"priority": {"the priority", fmt.Sprintf("a priority is a whole number from %d to %d", MinPriority, MaxPriority)},
}

// fractionVisit is an anchor's value looked at as part of a field.
type fractionVisit struct {
	n     *yaml.Node
	field string
}

// findFraction returns the first number that is not whole in a field of
// wholeFields, and the field. n is part of the value of field ("" if it
// is in no job's field yet). An alias is followed, since it puts its
// anchor's value here, but each anchor is looked at once per field, so
// that aliases of aliases of aliases cannot make the walk take forever.
func findFraction(n *yaml.Node, field string, seen map[fractionVisit]bool) (*yaml.Node, string) {
	switch n.Kind {
	case yaml.ScalarNode:
		if _, ok := wholeFields[field]; ok && n.Tag == "!!float" {
			return n, field
		}
	case yaml.AliasNode:
		v := fractionVisit{n.Alias, field}
		if n.Alias != nil && !seen[v] {
			seen[v] = true
			return findFraction(n.Alias, field, seen)
		}
	case yaml.MappingNode: // keys and values alternate
		for i := 0; i+1 < len(n.Content); i += 2 {
			if f, in := findFraction(n.Content[i+1], n.Content[i].Value, seen); f != nil {
				return f, in
			}
		}
	default:
		for _, c := range n.Content {
			if f, in := findFraction(c, field, seen); f != nil {
				return f, in
			}
		}
	}
	return nil, ""
}

// ParseJobs reads jobs from their command-line forms, in order.
func ParseJobs(specs []string) ([]Job, error) {
	jobs := make([]Job, 0, len(specs))
	for _, spec := range specs {
		j, err := ParseJob(spec)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, j)
	}
	return jobs, nil
}

// ParseJob reads a job from its command-line form,
// NAME:ARRIVAL:BURSTS[:PRIORITY], such as "A:0:100" or "B:10:10,5,10:2".
func ParseJob(spec string) (Job, error) {
	bad := func(what string) (Job, error) {
		return Job{}, fmt.Errorf("job %q: %s; write NAME:ARRIVAL:BURSTS[:PRIORITY], such as A:0:100, or B:10:10,5,10:2 for CPU 10, I/O 5, CPU 10 at priority 2", spec, what)
	}
	f := strings.Split(spec, ":")
	if len(f) < 3 || len(f) > 4 {
		return bad(fmt.Sprintf("it has %d parts separated by colons", len(f)))
	}
	j := Job{Name: f[0]}
	var err error
	if j.Arrival, err = strconv.ParseInt(f[1], 10, 64); err != nil {
		return bad(fmt.Sprintf("the arrival time %q is not a number", f[1]))
	}
	for _, b := range strings.Split(f[2], ",") {
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil {
			return bad(fmt.Sprintf("the burst %q is not a number", b))
		}
		j.Bursts = append(j.Bursts, n)
	}
	if len(f) == 4 {
		if j.Priority, err = strconv.Atoi(f[3]); err != nil {
			return bad(fmt.Sprintf("the priority %q is not a number", f[3]))
		}
	}
	return j, nil
}

// Check reports the first thing wrong with the workload, if any.
func (w Workload) Check() error {
	switch {
	case len(w.Jobs) == 0:
		return fmt.Errorf("the workload has no jobs; give at least one, such as %s", WorkloadExample)
	case len(w.Jobs) > MaxJobs:
		return fmt.Errorf("the workload has %d jobs; the most it can have is %d", len(w.Jobs), MaxJobs)
	}
	seen := make(map[string]bool, len(w.Jobs))
	var last, total int64
	for i, j := range w.Jobs {
		if err := j.check(); err != nil {
			return fmt.Errorf("job %d (%q): %w", i+1, j.Name, err)
		}
		if seen[j.Name] {
			return fmt.Errorf("job %d: there are two jobs called %q; give each job its own name", i+1, j.Name)
		}
		seen[j.Name] = true
		last = max(last, j.Arrival)
		total += j.CPU() + j.IO() // bursts of at most a million ticks: no overflow
	}
	if last+total > MaxWorkloadTicks {
		return fmt.Errorf("the workload runs for up to %d ticks (the last arrival plus every burst); the most the simulation takes is %d", last+total, MaxWorkloadTicks)
	}
	return nil
}

// check reports what is wrong with one job, if anything.
func (j Job) check() error {
	switch {
	case j.Name == "" || len(j.Name) > 32:
		return errors.New("a job needs a name of 1 to 32 characters")
	case strings.ContainsFunc(j.Name, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }):
		return errors.New("a job's name cannot have spaces or control characters")
	case j.Arrival < 0 || j.Arrival > MaxWorkloadTicks:
		return fmt.Errorf("the arrival time %d is not a tick from 0 to %d", j.Arrival, MaxWorkloadTicks)
	case len(j.Bursts)%2 == 0:
		return fmt.Errorf("it has %d bursts; they alternate CPU, I/O, CPU, ... and start and end with the CPU, so there must be an odd number, such as [10, 5, 10]", len(j.Bursts))
	case j.Estimate < 0 || j.Estimate > MaxWorkloadTicks:
		return fmt.Errorf("the estimate %d is not a number of ticks from 0 (none) to %d", j.Estimate, MaxWorkloadTicks)
	case j.Priority < MinPriority || j.Priority > MaxPriority:
		return fmt.Errorf("the priority %d is out of range; give a whole number from %d to %d (larger runs first)", j.Priority, MinPriority, MaxPriority)
	}
	for k, b := range j.Bursts {
		if b < 1 || b > MaxWorkloadTicks {
			return fmt.Errorf("burst %d is %d ticks; a burst lasts from 1 to %d ticks", k+1, b, MaxWorkloadTicks)
		}
	}
	return nil
}

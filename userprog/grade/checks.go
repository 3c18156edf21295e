// Trace checks: verdicts on what the kernel itself observed.
//
// A test with trace checks runs nachos with --trace, and each check
// reads the events. The trace is a file the kernel writes; a user program
// can print anything to the console, but it cannot add an event, so a
// check on the trace cannot be forged by printing "PASS". (A student who
// rewrites the tracing itself could, which is why the checks look for
// properties that a correct kernel shows by construction: a lock
// acquired while another thread holds it is a broken lock, whatever the
// console says.)
//
// Each check is one line of a test's "trace:" list, a name and its
// argument. The table "checks" is the list; "nachos grade --checks"
// prints it.
//
//	trace:
//	  - mutual-exclusion: room       # or "*": every lock
//	  - no-deadlock: true
//	  - exits: {test/exec: 7220, test/bad: -1005}
//	  - join-waits: true
//	  - count: {kind: thread-switch, min: 10}

package grade

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"nachos/kernel/trace"
)

// Check is one trace check.
type Check struct {
	Name string     // the check's name, a row of checks
	Arg  *yaml.Node // its argument, as written

	run    checker
	kinds  []trace.Kind // the events it looks at
	safety bool         // see checkDef
}

// checker looks at a whole trace and returns the first violation, said
// for a student, or nil.
type checker func(events []trace.Event) error

// checkDef describes one kind of check. A safety check says that
// something bad never happened, at any point of the run; the grader
// reports its violation before anything else, as the likely cause of
// whatever else went wrong. The others are judged after the run's
// status and output.
type checkDef struct {
	name   string
	safety bool
	doc    string
	parse  func(arg *yaml.Node) (checker, []trace.Kind, error)
}

// checks is the table of trace checks.
var checks = []checkDef{
	{"mutual-exclusion", true, "LOCK (or \"*\": every lock): no thread acquires the lock while another thread holds it", parseMutualExclusion},
	{"no-deadlock", false, "true: when the run ends, no thread is still blocked (on a lock, condition, semaphore or Join)", parseNoDeadlock},
	{"exits", false, "{PROGRAM: STATUS, ...}: each program ran as a process, and every such process ended, with that status; [S1, S2, ...]: it ran as that many processes, ending with those statuses in the order they started", parseExits},
	{"join-waits", true, "true: every Join returns only after the process it joins has ended, and returns its exit status", parseJoinWaits},
	{"count", false, "{kind: KIND, name: NAME, min: N, max: N}: the number of events of that kind (and name, if given) is within the bounds", parseCount},
}

// CheckHelp describes the trace checks, one per line.
func CheckHelp() string {
	var b strings.Builder
	for _, c := range checks {
		fmt.Fprintf(&b, "  %-17s %s\n", c.name, c.doc)
	}
	return b.String()
}

// UnmarshalYAML reads one check: a mapping with a single key.
func (c *Check) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode || len(n.Content) != 2 {
		return fmt.Errorf("line %d: a trace check is one name and its argument, such as \"- mutual-exclusion: room\"", n.Line)
	}
	c.Name, c.Arg = n.Content[0].Value, n.Content[1]
	return nil
}

// compile finds the check in the table and reads its argument.
func (c *Check) compile() error {
	for _, def := range checks {
		if def.name == c.Name {
			run, kinds, err := def.parse(c.Arg)
			if err != nil {
				return fmt.Errorf("%s: %w", c.Name, err)
			}
			c.run, c.kinds, c.safety = run, kinds, def.safety
			return nil
		}
	}
	var names []string
	for _, def := range checks {
		names = append(names, def.name)
	}
	return fmt.Errorf("no trace check %q (they are %s)", c.Name, strings.Join(names, ", "))
}

// mustBeTrue reads the argument of a check that takes only "true".
func mustBeTrue(arg *yaml.Node) error {
	var on bool
	if err := arg.Decode(&on); err != nil || !on {
		return errors.New("write \"true\"")
	}
	return nil
}

// threadKey names a thread, and procKey a process, across the machines
// of a cluster.
type (
	threadKey struct{ machine, tid int }
	procKey   struct{ machine, proc int }
)

// mutual-exclusion

func parseMutualExclusion(arg *yaml.Node) (checker, []trace.Kind, error) {
	var lock string
	if err := arg.Decode(&lock); err != nil || lock == "" {
		return nil, nil, errors.New("name a lock, or \"*\" for every lock")
	}
	return func(events []trace.Event) error {
		type lockKey struct {
			machine int
			name    string
		}
		holder := map[lockKey]trace.Event{} // the lock-acquire of the holder
		for _, e := range events {
			if lock != "*" && e.Name != lock {
				continue
			}
			key := lockKey{e.Machine, e.Name}
			switch e.Kind {
			case trace.LockAcquire:
				if h, held := holder[key]; held && h.TID != e.TID {
					return fmt.Errorf("tick %d: thread %q acquired lock %q while thread %q held it (since tick %d): the lock lets two threads in at once",
						e.Tick, e.Thread, e.Name, h.Thread, h.Tick)
				}
				holder[key] = e
			case trace.LockRelease:
				delete(holder, key)
			}
		}
		return nil
	}, []trace.Kind{trace.LockAcquire, trace.LockRelease}, nil
}

// no-deadlock

func parseNoDeadlock(arg *yaml.Node) (checker, []trace.Kind, error) {
	if err := mustBeTrue(arg); err != nil {
		return nil, nil, err
	}
	return func(events []trace.Event) error {
		blocked := map[threadKey]trace.Event{} // the thread-block that put it to sleep
		for _, e := range events {
			switch e.Kind {
			case trace.ThreadBlock:
				blocked[threadKey{e.Machine, e.TID}] = e
			case trace.ThreadReady:
				delete(blocked, threadKey{e.Machine, e.PeerTID})
			case trace.ThreadFinish:
				delete(blocked, threadKey{e.Machine, e.TID})
			}
		}
		if len(blocked) == 0 {
			return nil
		}
		first := slices.MinFunc(slices.Collect(maps.Values(blocked)), func(a, b trace.Event) int { return a.TID - b.TID })
		return fmt.Errorf("when the run ended, %d thread(s) were still blocked: thread %q has waited since tick %d on %s %q, and nothing woke it",
			len(blocked), first.Thread, first.Tick, first.Wait, first.Name)
	}, []trace.Kind{trace.ThreadBlock, trace.ThreadReady, trace.ThreadFinish}, nil
}

// exits

func parseExits(arg *yaml.Node) (checker, []trace.Kind, error) {
	var raw map[string]yaml.Node
	if err := arg.Decode(&raw); err != nil || len(raw) == 0 {
		return nil, nil, errors.New("give programs and their exit statuses: {test/exec: 7220, test/bad: -1005}, or a list of statuses in the order the processes started: {test/nest: [4321, 432, 43, 4]}")
	}
	// want[p] holds one status for every process of p, or one per
	// process in order of starting.
	want := map[string][]int64{}
	every := map[string]bool{}
	for p, n := range raw {
		var one int64
		if err := n.Decode(&one); err == nil {
			want[p], every[p] = []int64{one}, true
			continue
		}
		var list []int64
		if err := n.Decode(&list); err != nil || len(list) == 0 {
			return nil, nil, fmt.Errorf("%s: give a status or a list of statuses", p)
		}
		want[p] = list
	}
	programs := slices.Sorted(maps.Keys(want))
	return func(events []trace.Event) error {
		type process struct {
			program string
			nth     int // 0 for the program's first process
		}
		procs := map[procKey]process{}
		started := map[string]int{}
		for _, e := range events {
			key := procKey{e.Machine, e.Proc}
			switch e.Kind {
			case trace.ProcessStart:
				procs[key] = process{e.Name, started[e.Name]}
				started[e.Name]++
			case trace.ProcessExit:
				p := procs[key]
				delete(procs, key)
				statuses, ok := want[p.program]
				if !ok {
					continue
				}
				status := statuses[0]
				if !every[p.program] {
					if p.nth >= len(statuses) {
						return fmt.Errorf("tick %d: program %s ran as %d processes, more than the %d expected", e.Tick, p.program, p.nth+1, len(statuses))
					}
					status = statuses[p.nth]
				}
				if e.Result != status {
					return fmt.Errorf("tick %d: process %d (%s) ended with status %d, expected %d", e.Tick, e.Proc, p.program, e.Result, status)
				}
			}
		}
		for _, key := range slices.SortedFunc(maps.Keys(procs), func(a, b procKey) int { return a.proc - b.proc }) {
			if p := procs[key]; want[p.program] != nil {
				return fmt.Errorf("process %d (%s) never ended: the trace has no process-exit for it", key.proc, p.program)
			}
		}
		for _, p := range programs {
			switch {
			case started[p] == 0:
				return fmt.Errorf("program %s never ran as a process (no process-start event names it)", p)
			case !every[p] && started[p] != len(want[p]):
				return fmt.Errorf("program %s ran as %d processes, expected %d", p, started[p], len(want[p]))
			}
		}
		return nil
	}, []trace.Kind{trace.ProcessStart, trace.ProcessExit}, nil
}

// join-waits

func parseJoinWaits(arg *yaml.Node) (checker, []trace.Kind, error) {
	if err := mustBeTrue(arg); err != nil {
		return nil, nil, err
	}
	return func(events []trace.Event) error {
		exited := map[procKey]trace.Event{}
		joining := map[threadKey]trace.Event{} // the Join call a thread is in
		for _, e := range events {
			switch {
			case e.Kind == trace.ProcessExit:
				exited[procKey{e.Machine, e.Proc}] = e
			case e.Kind == trace.Syscall && e.Name == "Join":
				joining[threadKey{e.Machine, e.TID}] = e
			case e.Kind == trace.SyscallReturn && e.Name == "Join":
				call, ok := joining[threadKey{e.Machine, e.TID}]
				if !ok || e.Result == -1 {
					continue // a refused Join, which need not wait
				}
				child := int(call.Args[0])
				end, ended := exited[procKey{e.Machine, child}]
				switch {
				case !ended:
					return fmt.Errorf("tick %d: %q's Join(%d) returned %d while process %d was still running: Join must wait for the process to end",
						e.Tick, e.Thread, child, e.Result, child)
				case end.Result != e.Result:
					return fmt.Errorf("tick %d: %q's Join(%d) returned %d, but process %d ended with status %d: Join must return the exit status",
						e.Tick, e.Thread, child, e.Result, child, end.Result)
				}
			}
		}
		return nil
	}, []trace.Kind{trace.ProcessExit, trace.Syscall, trace.SyscallReturn}, nil
}

// count

func parseCount(arg *yaml.Node) (checker, []trace.Kind, error) {
	var spec struct {
		Kind string `yaml:"kind"`
		Name string `yaml:"name"`
		Min  *int   `yaml:"min"`
		Max  *int   `yaml:"max"`
	}
	if err := arg.Decode(&spec); err != nil {
		return nil, nil, errors.New("write {kind: KIND, name: NAME, min: N, max: N} (name, min and max optional)")
	}
	var kind trace.Kind
	if err := kind.UnmarshalText([]byte(spec.Kind)); err != nil {
		return nil, nil, fmt.Errorf("%v (the kinds are in the README's \"Tracing a run\")", err)
	}
	if spec.Min == nil && spec.Max == nil {
		return nil, nil, errors.New("give min, max or both")
	}
	what := spec.Kind
	if spec.Name != "" {
		what += fmt.Sprintf(" %q", spec.Name)
	}
	return func(events []trace.Event) error {
		n := 0
		for _, e := range events {
			if e.Kind == kind && (spec.Name == "" || e.Name == spec.Name) {
				n++
			}
		}
		if spec.Min != nil && n < *spec.Min {
			return fmt.Errorf("the trace has %d %s events, expected at least %d", n, what, *spec.Min)
		}
		if spec.Max != nil && n > *spec.Max {
			return fmt.Errorf("the trace has %d %s events, expected at most %d", n, what, *spec.Max)
		}
		return nil
	}, []trace.Kind{kind}, nil
}

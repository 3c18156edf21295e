// The table of scheduling policies, by the names the command line uses.
//
// A policy is named NAME or NAME:N:M..., where the numbers are its
// parameters in order ("rr:50" is round robin with a quantum of 50
// ticks); a parameter left out takes its default. "nachos --sched" boots
// the kernel with a policy, and "nachos sched" compares policies on a
// workload; both go through ParsePolicy, so they run the same code.

package kernel

import (
	"fmt"
	"strconv"
	"strings"
)

// A PolicyKind is a family of policies with the parameters that pick one.
type PolicyKind struct {
	Name   string
	Doc    string // one line for listings
	Params []PolicyParam
	build  func(args []int64) Policy // one arg per Param; 0: the default
}

// A PolicyParam is a number that tunes a policy.
type PolicyParam struct {
	Name string // in upper case in usage lines: rr[:QUANTUM]
	Doc  string // what it means, and its default
	Max  int64  // the largest value allowed
}

// maxParamTicks bounds the tick-valued parameters, so that no arithmetic on
// them can overflow.
const maxParamTicks = 1_000_000_000

var (
	quantumParam = PolicyParam{"quantum", fmt.Sprintf("ticks a thread may run before others get a turn (default %d)", DefaultQuantum), maxParamTicks}
	guessParam   = PolicyParam{"tau0", fmt.Sprintf("predicted first burst of a thread with no history, in ticks (default %d)", DefaultBurstGuess), maxParamTicks}
)

// Policies lists every policy family, in the order listings show them.
var Policies = []PolicyKind{
	{Name: "fcfs", Doc: "first come, first served; runs a thread until it gives up the CPU (Nachos's)",
		build: func([]int64) Policy { return &FCFS{} }},
	{Name: "rr", Doc: "round robin: FCFS, but a thread that has run for a quantum goes to the back of the queue",
		Params: []PolicyParam{quantumParam},
		build:  func(a []int64) Policy { return NewRR(orDefault(a[0], DefaultQuantum)) }},
	{Name: "priority", Doc: "static priority: the highest priority runs and preempts lower ones; FCFS among equals",
		build: func([]int64) Policy { return NewStaticPriority() }},
	{Name: "aging", Doc: "priority with aging: effective priority = priority + ticks waited / step, so nothing starves",
		Params: []PolicyParam{{"step", fmt.Sprintf("ticks of waiting that raise a priority by one (default %d)", DefaultAgingStep), maxParamTicks}},
		build:  func(a []int64) Policy { return NewAging(orDefault(a[0], DefaultAgingStep)) }},
	{Name: "mlfq", Doc: "multi-level feedback queue: a thread that uses up its level's quantum moves down; periodic boost to the top",
		Params: []PolicyParam{
			{"quantum", fmt.Sprintf("the top level's quantum, doubled on each level down (default %d)", DefaultQuantum), maxParamTicks},
			{"boost", fmt.Sprintf("ticks between boosts of every thread to the top level (default %d quanta)", DefaultBoostInQuantum), maxParamTicks},
			{"levels", fmt.Sprintf("number of levels (default %d)", DefaultMLFQLevels), 16},
		},
		build: func(a []int64) Policy {
			q := orDefault(a[0], DefaultQuantum)
			return NewMLFQ(int(orDefault(a[2], DefaultMLFQLevels)), q, orDefault(a[1], DefaultBoostInQuantum*q))
		}},
	{Name: "sjf", Doc: "shortest job first, no preemption; bursts predicted by exponential averaging",
		Params: []PolicyParam{guessParam},
		build:  func(a []int64) Policy { return NewSJF(orDefault(a[0], DefaultBurstGuess)) }},
	{Name: "srtf", Doc: "shortest remaining time first: SJF that preempts for a shorter predicted burst",
		Params: []PolicyParam{guessParam},
		build:  func(a []int64) Policy { return NewSRTF(orDefault(a[0], DefaultBurstGuess)) }},
}

// Usage returns how the policy is spelled, such as "rr[:QUANTUM]".
func (k PolicyKind) Usage() string {
	var b strings.Builder
	b.WriteString(k.Name)
	for _, p := range k.Params {
		b.WriteString("[:" + strings.ToUpper(p.Name))
	}
	b.WriteString(strings.Repeat("]", len(k.Params)))
	return b.String()
}

// New returns a fresh policy of this kind with its default parameters.
func (k PolicyKind) New() Policy { return k.build(make([]int64, len(k.Params))) }

// ParsePolicy returns a fresh policy from its name and parameters, such
// as "rr:50". Policies keep state, so every kernel and every simulation
// needs a policy of its own.
func ParsePolicy(spec string) (Policy, error) {
	name, rest, hasArgs := strings.Cut(strings.ToLower(strings.TrimSpace(spec)), ":")
	kind, ok := findPolicy(name)
	if !ok {
		return nil, fmt.Errorf("unknown scheduling policy %q: choose one of %s", spec, policyNames())
	}
	args := make([]int64, len(kind.Params))
	if !hasArgs {
		return kind.build(args), nil
	}
	words := strings.Split(rest, ":")
	if len(words) > len(args) {
		return nil, fmt.Errorf("scheduling policy %q: %s takes %d number(s) (%s), not %d", spec, kind.Name, len(args), kind.Usage(), len(words))
	}
	for i, w := range words {
		p := kind.Params[i]
		n, err := strconv.ParseInt(w, 10, 64)
		if err != nil || n < 1 || n > p.Max {
			return nil, fmt.Errorf("scheduling policy %q: %s must be a whole number from 1 to %d, not %q (%s)", spec, strings.ToUpper(p.Name), p.Max, w, kind.Usage())
		}
		args[i] = n
	}
	return kind.build(args), nil
}

func findPolicy(name string) (PolicyKind, bool) {
	for _, k := range Policies {
		if k.Name == name {
			return k, true
		}
	}
	return PolicyKind{}, false
}

func policyNames() string {
	names := make([]string, len(Policies))
	for i, k := range Policies {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}

// orDefault returns n, or def if n is 0 (not given).
func orDefault(n, def int64) int64 {
	if n == 0 {
		return def
	}
	return n
}

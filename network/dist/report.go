// Reports: what a run prints, and what a sweep over many seeds prints.

package dist

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// timeline returns the events in tick order (record order within a tick).
func timeline(r *Result) []Event {
	ev := slices.Clone(r.Events)
	slices.SortStableFunc(ev, func(a, b Event) int { return cmp.Compare(a.Tick, b.Tick) })
	return ev
}

// WriteReport prints a run: the events of each node, the outcome, the
// messages by kind, the clocks' verdict and the time-space diagram.
func WriteReport(w io.Writer, r *Result) {
	sc := r.Scenario
	fmt.Fprintf(w, "%s on %d nodes, seed %d\n\n", r.Algorithm.Name, sc.Nodes, sc.Seed)
	for id := 1; id <= sc.Nodes; id++ {
		fmt.Fprintf(w, "node %d:\n", id)
		for _, e := range r.Events {
			if e.Node == id {
				fmt.Fprintf(w, "  %s\n", e)
			}
		}
	}
	fmt.Fprintf(w, "\noutcome: %s\n", r.Outcome)
	fmt.Fprintf(w, "messages: %d (%s)\n", r.Messages(), countString(r))
	fmt.Fprintf(w, "transport: %d acknowledgements, %d retransmissions; wire: %d packets sent, %d lost, %d cut, %d duplicated\n",
		r.Acks, r.Retransmissions, r.Wire.Sent, r.Wire.Lost, r.Wire.Cut, r.Wire.Duplicated)
	fmt.Fprintf(w, "clocks: Lamport and vector clocks agree with the history; %d pairs of events are concurrent\n", r.Concurrent)
	fmt.Fprintf(w, "ended at tick %d\n", r.EndTick)
	if r.Violation != nil {
		fmt.Fprintf(w, "\n%v\n", r.Violation)
	}
	fmt.Fprintln(w)
	WriteDiagram(w, r)
}

// WriteConcurrent lists every pair of concurrent events of a run, with
// their clocks: in each pair the vectors are incomparable (each has an
// element greater than the other's), though the Lamport clocks, which
// order everything, may say otherwise.
func WriteConcurrent(w io.Writer, r *Result) {
	pairs := ConcurrentPairs(r)
	fmt.Fprintf(w, "concurrent events (neither happened before the other): %d pairs\n", len(pairs))
	for _, p := range pairs {
		fmt.Fprintf(w, "    %s\n || %s\n", p[0], p[1])
	}
}

// countString lists the messages by kind, in the algorithm's order.
func countString(r *Result) string {
	var parts []string
	for _, k := range r.Algorithm.Kinds {
		if c := r.Counts[k]; c > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, c))
		}
	}
	return strings.Join(parts, ", ")
}

// WriteDiagram draws the run as a text time-space diagram: a column per
// node, a row per event in tick order. "KIND>n" sends to node n, "KIND<n"
// receives from it, "*" marks a decision, "[CS" and "CS]" the critical
// section, "XXX" a crash, "^up" a recovery, "?" a message given up on.
func WriteDiagram(w io.Writer, r *Result) {
	n := r.Scenario.Nodes
	width := 8
	for _, e := range r.Events {
		width = max(width, len(e.Cell())+2)
	}
	var head strings.Builder
	fmt.Fprintf(&head, "%8s", "tick")
	for id := 1; id <= n; id++ {
		fmt.Fprintf(&head, "  %-*s", width, fmt.Sprintf("node %d", id))
	}
	fmt.Fprintln(w, strings.TrimRight(head.String(), " "))
	for _, e := range timeline(r) {
		var b strings.Builder
		fmt.Fprintf(&b, "%8d", e.Tick)
		for id := 1; id <= n; id++ {
			cell := "|"
			if id == e.Node {
				cell = e.Cell()
			}
			fmt.Fprintf(&b, "  %-*s", width, cell)
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// Summary is what many seeds of one scenario did.
type Summary struct {
	Runs       int
	Outcomes   map[string]int
	Messages   stat[int]
	Wait       stat[float64] // mutual exclusion: each entry's wait, in its run's message times
	Violations []*Violation
	CutOff     int
}

// stat is a minimum, mean and maximum.
type stat[T int | float64] struct {
	Min, Max T
	sum      float64
	n        int
}

func (s *stat[T]) add(x T) {
	if s.n == 0 || x < s.Min {
		s.Min = x
	}
	if s.n == 0 || x > s.Max {
		s.Max = x
	}
	s.sum += float64(x)
	s.n++
}

// Mean is the average.
func (s stat[T]) Mean() float64 { return s.sum / float64(max(s.n, 1)) }

// Sweep runs the scenario with seeds seed, seed+1, ..., seed+count-1.
// each, if not nil, sees every result.
func Sweep(alg *Algorithm, sc Scenario, count int, each func(*Result)) (*Summary, error) {
	s := &Summary{Outcomes: map[string]int{}}
	first := sc.Seed
	for i := range count {
		sc.Seed = first + uint32(i)
		r, err := Run(alg, sc)
		if err != nil {
			return nil, err
		}
		s.Runs++
		s.Outcomes[r.Outcome]++
		s.Messages.add(r.Messages())
		if mt := r.MessageTime(); mt > 0 {
			for _, w := range r.Waits {
				s.Wait.add(float64(w) / float64(mt))
			}
		}
		if r.CutOff {
			s.CutOff++
		}
		if r.Violation != nil {
			s.Violations = append(s.Violations, r.Violation)
		}
		if each != nil {
			each(r)
		}
	}
	return s, nil
}

// WriteSummary prints a sweep: outcomes by frequency, message counts,
// and the violations (the first few in full, to replay with --seed).
func WriteSummary(w io.Writer, alg *Algorithm, s *Summary) {
	fmt.Fprintf(w, "%s: %d runs\n", alg.Name, s.Runs)
	outcomes := make([]string, 0, len(s.Outcomes))
	for o := range s.Outcomes {
		outcomes = append(outcomes, o)
	}
	slices.SortFunc(outcomes, func(a, b string) int {
		return cmp.Or(cmp.Compare(s.Outcomes[b], s.Outcomes[a]), cmp.Compare(a, b))
	})
	fmt.Fprintln(w, "outcomes:")
	for i, o := range outcomes {
		if i == 8 {
			fmt.Fprintf(w, "  ... and %d other outcomes\n", len(outcomes)-8)
			break
		}
		fmt.Fprintf(w, "  %5d  %s\n", s.Outcomes[o], o)
	}
	fmt.Fprintf(w, "messages per run: min %d, mean %.1f, max %d\n", s.Messages.Min, s.Messages.Mean(), s.Messages.Max)
	if s.Wait.n > 0 {
		fmt.Fprintf(w, "wait per entry: min %.2f, mean %.2f, max %.2f message times (each run's fastest message)\n", s.Wait.Min, s.Wait.Mean(), s.Wait.Max)
	}
	fmt.Fprintf(w, "violations: %d\n", len(s.Violations))
	for i, v := range s.Violations {
		if i == 3 {
			fmt.Fprintf(w, "  ... and %d more\n", len(s.Violations)-3)
			break
		}
		fmt.Fprintf(w, "  %v\n", v)
	}
}

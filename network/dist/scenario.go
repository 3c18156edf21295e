// Scenarios: how many nodes, what breaks, and when.
//
// A lecture example should be one command line, so every part of a
// scenario has a short spelling, parsed here for the command line and
// for tests alike:
//
//	--crash 6@0           node 6 is down from tick 0 on
//	--crash 5@300-9000    node 5 crashes at 300 and recovers at 9000
//	--partition 1,2,3/4,5@1000-20000
//	                      nodes 1-3 and 4-5 cannot reach each other from
//	                      1000 until 20000 (nodes named in no group form
//	                      one more group)
//	--initiator 3         node 3 starts the algorithm (at tick 1)
//	--initiator 2@5000    node 2 starts it at tick 5000
//	--ring 3,1,2,5,4,6    the logical ring, for ring algorithms
//	--link 1to2:loss=1    every packet from 1 to 2 is lost (but not
//	                      from 2 to 1); --link 1-2:... for both
//	                      directions (network.ParseLinkFaults)

package dist

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"nachos/machine"
)

// Scenario is everything a run depends on.
type Scenario struct {
	Nodes      int
	Seed       uint32
	Faults     machine.Faults
	Links      []machine.LinkFaults // faults of one direction between two nodes, in place of Faults
	Crashes    []Outage
	Partitions []Partition
	Initiators []Start
	Ring       []int   // logical ring order; nil: 1, 2, ..., N
	Entries    int     // critical-section entries per node (mutual exclusion)
	TakeTurns  bool    // mutual exclusion: one node wants in at a time (delay.go)
	NoFIFO     bool    // let messages overtake on channels an algorithm wants FIFO
	Votes      int     // decentralized voting: m, the votes needed (0: n/2+1)
	Reset      float64 // decentralized voting: the chance a coordinator resets while its vote is in use

	// Physical clocks.
	Drift         float64 // rho: each clock runs at 1 +/- up to this
	MaxError      int64   // E: the skew tolerated, in ticks
	Period        int64   // resynchronize this often (0: L = E/2D)
	PerfectServer bool    // node 1's clock does not drift (a time server)
	MaxTicks      int64   // the run stops here, quiet or not
}

// Outage is a node down from At until Until (0: for good).
type Outage struct {
	Node      int
	At, Until int64
}

// Partition cuts the network into groups from At until Until (0: for good).
type Partition struct {
	Groups    [][]int
	At, Until int64
}

// Start is a node starting the algorithm at a tick.
type Start struct {
	Node int
	At   int64
}

// Defaults for a scenario.
const (
	DefaultNodes    = 5
	DefaultMaxTicks = 2_000_000
	DefaultEntries  = 2
	MaxNodes        = 32
	MaxMaxTicks     = 1_000_000_000 // a run longer than this would take minutes of host time
)

// check says what is wrong with a scenario, for a student who typed it,
// and fills in its defaults.
func (sc *Scenario) check() error {
	if sc.Nodes < 1 || sc.Nodes > MaxNodes {
		return fmt.Errorf("--nodes %d: give 1 to %d", sc.Nodes, MaxNodes)
	}
	if sc.MaxTicks == 0 {
		sc.MaxTicks = DefaultMaxTicks
	}
	if sc.MaxTicks < 0 || sc.MaxTicks > MaxMaxTicks {
		return fmt.Errorf("--max-ticks %d: give 1 to %d", sc.MaxTicks, int64(MaxMaxTicks))
	}
	if sc.Entries == 0 {
		sc.Entries = DefaultEntries
	}
	if sc.Entries < 0 || sc.Period < 0 {
		return fmt.Errorf("--entries %d, --period %d: give positive numbers", sc.Entries, sc.Period)
	}
	if err := sc.Faults.Check(); err != nil {
		return err
	}
	node := func(flag string, id int) error {
		if id < 1 || id > sc.Nodes {
			return fmt.Errorf("%s: there is no node %d (nodes are 1 to %d)", flag, id, sc.Nodes)
		}
		return nil
	}
	for _, o := range sc.Crashes {
		if err := node("--crash", o.Node); err != nil {
			return err
		}
	}
	for _, s := range sc.Initiators {
		if err := node("--initiator", s.Node); err != nil {
			return err
		}
	}
	for _, l := range sc.Links {
		for _, id := range []machine.NetworkAddress{l.From, l.To} {
			if err := node("--link", int(id)); err != nil {
				return err
			}
		}
		if err := l.Faults.Check(); err != nil {
			return fmt.Errorf("--link %dto%d: %w", l.From, l.To, err)
		}
	}
	for _, p := range sc.Partitions {
		for _, g := range p.Groups {
			for _, id := range g {
				if err := node("--partition", id); err != nil {
					return err
				}
			}
		}
	}
	if sc.Ring != nil {
		sorted := slices.Sorted(slices.Values(sc.Ring))
		for i, id := range sorted {
			if id != i+1 || len(sorted) != sc.Nodes {
				return fmt.Errorf("--ring %v: name every node from 1 to %d once", sc.Ring, sc.Nodes)
			}
		}
	} else {
		sc.Ring = make([]int, sc.Nodes)
		for i := range sc.Ring {
			sc.Ring[i] = i + 1
		}
	}
	return nil
}

// ParseCrash reads NODE@TICK or NODE@TICK-RECOVERY.
func ParseCrash(s string) (Outage, error) {
	node, span, ok := strings.Cut(s, "@")
	id, err := strconv.Atoi(node)
	at, until, err2 := parseSpan(span)
	if !ok || err != nil || err2 != nil {
		return Outage{}, fmt.Errorf("--crash %q: give NODE@TICK, or NODE@TICK-TICK for a node that recovers (e.g. 6@0, 5@300-9000)", s)
	}
	return Outage{Node: id, At: at, Until: until}, nil
}

// ParsePartition reads GROUP/GROUP...@TICK[-TICK], each group a list of
// nodes separated by commas.
func ParsePartition(s string) (Partition, error) {
	groups, span, ok := strings.Cut(s, "@")
	at, until, err := parseSpan(span)
	bad := fmt.Errorf("--partition %q: give the groups and the ticks, as 1,2,3/4,5@1000-20000 (heals at 20000) or 1,2/3@0", s)
	if !ok || err != nil {
		return Partition{}, bad
	}
	var p Partition
	for _, g := range strings.Split(groups, "/") {
		ids, err := ParseList(g)
		if err != nil {
			return Partition{}, bad
		}
		p.Groups = append(p.Groups, ids)
	}
	p.At, p.Until = at, until
	return p, nil
}

// ParseStart reads NODE or NODE@TICK.
func ParseStart(s string) (Start, error) {
	node, tick, timed := strings.Cut(s, "@")
	id, err := strconv.Atoi(node)
	at := int64(1)
	if timed && err == nil {
		at, err = strconv.ParseInt(tick, 10, 64)
	}
	if err != nil || at < 0 {
		return Start{}, fmt.Errorf("--initiator %q: give NODE or NODE@TICK (e.g. 3, 2@5000)", s)
	}
	return Start{Node: id, At: max(at, 1)}, nil
}

// ParseList reads node ids separated by commas.
func ParseList(s string) ([]int, error) {
	var ids []int
	for f := range strings.SplitSeq(s, ",") {
		id, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("%q is not a list of node numbers separated by commas", s)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// parseSpan reads TICK or TICK-TICK.
func parseSpan(s string) (at, until int64, err error) {
	a, u, both := strings.Cut(s, "-")
	if at, err = strconv.ParseInt(a, 10, 64); err != nil || at < 0 {
		return 0, 0, fmt.Errorf("bad tick %q", a)
	}
	if both {
		if until, err = strconv.ParseInt(u, 10, 64); err != nil || until <= at {
			return 0, 0, fmt.Errorf("bad end tick %q", u)
		}
	}
	return at, until, nil
}

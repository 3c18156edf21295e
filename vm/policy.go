// Page replacement policies.
//
// When a page must come in and no frame is free, some page must go out:
// the victim. Which one is the policy's whole job, and the choice decides
// how often the program faults. Every policy here reads the same few
// facts that the mechanism keeps in each frame (Frame): when the page came
// in, when it was last used, its use and dirty bits, an aging counter,
// and for OPT when it will next be used. The kernel's pager and the
// reference-string simulator (nachos paging) keep those facts the same
// way and call the very same policy code, so a policy behaves alike in
// both.
//
// Each policy skips the frames that are not candidates (a page being
// written out, or, with --local, another process's page).

package vm

import (
	"fmt"
	"strings"

	"nachos/machine"
)

// A Policy chooses the victim among the candidate frames (there is at
// least one). It may clear or shift reference bits as it goes, as the
// clock hand does.
type Policy interface {
	Victim(frames []Frame) int
}

// A ticker is a policy that also looks at the use bits at every timer
// interrupt, or at every page fault on a machine without a timer, whether
// or not a victim is needed: aging shifts its counters.
type ticker interface {
	Tick(frames []Frame)
}

// PolicyInfo describes one policy, for -P, --help and nachos paging.
type PolicyInfo struct {
	Name    string
	Aliases []string // other spellings accepted (any case)
	Doc     string
	New     func(r *machine.Random) Policy // r: the run's seeded generator

	// Exact policies need every reference, not just the use bits the
	// TLB sets: the kernel has the MMU report each one (slowly).
	Exact bool
	// Future policies (OPT) need to know the references to come.
	Future bool
}

// Policies is every replacement policy, in the order tables list them.
var Policies = []PolicyInfo{
	{"fifo", nil, "first in, first out: the page loaded longest ago", func(*machine.Random) Policy { return fifo{} }, false, false},
	{"rand", []string{"random"}, "a page chosen at random (from the run's seeded generator)", func(r *machine.Random) Policy { return &random{r: r} }, false, false},
	{"clock", []string{"second-chance", "sc"}, "second chance: the hand skips, and clears, pages whose use bit is set", func(*machine.Random) Policy { return &clock{} }, false, false},
	{"eclock", []string{"enhanced-clock", "esc"}, "enhanced second chance: prefers unused clean pages, then unused dirty ones", func(*machine.Random) Policy { return &eclock{} }, false, false},
	{"lru", nil, "least recently used: the page unused for longest (exact)", func(*machine.Random) Policy { return lru{} }, true, false},
	{"aging", nil, "8-bit counters that take in the use bit at every timer interrupt (at every fault without a timer); the smallest goes", func(*machine.Random) Policy { return aging{} }, false, false},
	{"nru", nil, "not recently used: a random page of the lowest class (use, dirty); use bits clear every round of choices", func(r *machine.Random) Policy { return &nru{r: r} }, false, false},
	{"opt", []string{"optimal", "min", "belady"}, "Belady's optimal: the page used furthest in the future (the program runs twice: once to learn the future)", func(*machine.Random) Policy { return opt{} }, true, true},
}

// FindPolicy returns the policy called name, in any case and by any of
// its spellings ("FIFO", "RAND" as USC's courses write them).
func FindPolicy(name string) (*PolicyInfo, error) {
	lower := strings.ToLower(name)
	for i, p := range Policies {
		if p.Name == lower {
			return &Policies[i], nil
		}
		for _, a := range p.Aliases {
			if a == lower {
				return &Policies[i], nil
			}
		}
	}
	return nil, fmt.Errorf("no page replacement policy %q; the policies are %s", name, PolicyNames())
}

// PolicyNames lists the policies' names, for messages.
func PolicyNames() string {
	names := make([]string, len(Policies))
	for i, p := range Policies {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// smallest returns the candidate frame with the smallest key, the first
// one on a tie.
func smallest(frames []Frame, key func(*Frame) int64) int {
	best := noFrame
	var bestKey int64
	for i := range frames {
		if f := &frames[i]; f.Candidate() {
			if k := key(f); best == noFrame || k < bestKey {
				best, bestKey = i, k
			}
		}
	}
	return best
}

// nthCandidate returns the n-th candidate frame that is also one of
// those wanted, counting from 0.
func nthCandidate(frames []Frame, n int, wanted func(*Frame) bool) int {
	for i := range frames {
		if f := &frames[i]; f.Candidate() && wanted(f) {
			if n == 0 {
				return i
			}
			n--
		}
	}
	return noFrame
}

// candidates counts the candidate frames.
func candidates(frames []Frame) int {
	n := 0
	for i := range frames {
		if frames[i].Candidate() {
			n++
		}
	}
	return n
}

type fifo struct{}

func (fifo) Victim(frames []Frame) int {
	return smallest(frames, func(f *Frame) int64 { return f.Loaded })
}

type lru struct{}

func (lru) Victim(frames []Frame) int {
	return smallest(frames, func(f *Frame) int64 { return f.LastUse })
}

type opt struct{}

// Victim takes the page whose next use is furthest away; among pages
// never used again, the one loaded first.
func (opt) Victim(frames []Frame) int {
	return smallest(frames, func(f *Frame) int64 { return -f.NextUse })
}

type random struct{ r *machine.Random }

func (p *random) Victim(frames []Frame) int {
	return nthCandidate(frames, int(p.r.Int())%candidates(frames), func(*Frame) bool { return true })
}

type aging struct{}

// Tick shifts every counter right, taking the use bit in at the top.
func (aging) Tick(frames []Frame) {
	for i := range frames {
		if f := &frames[i]; f.Resident {
			f.Age >>= 1
			if f.Use {
				f.Age |= 0x80
			}
			f.Use = false
		}
	}
}

func (aging) Victim(frames []Frame) int {
	return smallest(frames, func(f *Frame) int64 { return int64(f.Age) })
}

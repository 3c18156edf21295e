// The reference-string simulator behind nachos paging.
//
// It replays a reference string against a number of frames, as the
// kernel's pager would, in the kernel's own inverted page table (ipt.go),
// and keeps the same facts in the same Frame entries: a reference sets
// the use bit and the time of last use (and for OPT the time of next
// use), a fault loads the page into the lowest free frame or the
// policy's victim's. Aging's counters shift at each
// fault, as in a kernel without a timer (a string has no clock ticks).
// Only the disk is missing: the simulator counts faults, it does not take
// time.
//
// So the policy code is the kernel's own, and a string recorded from a
// real run (--record-refs) gives the same faults here as there.

package vm

import (
	"fmt"
	"strconv"
	"strings"

	"nachos/machine"
)

// Step is what one reference did.
type Step struct {
	Page    uint32
	Hit     bool
	Evicted uint32 // the page evicted, if Evicts
	Evicts  bool
	Frames  []uint32 // the pages in the frames afterwards, in frame order
	Held    []bool   // which frames hold a page
}

// Simulate runs refs against frames frames under policy p, with seed for
// the random policies. With steps, it returns every step; otherwise only
// the number of faults.
func Simulate(refs []uint32, frames int, p *PolicyInfo, seed uint32, steps bool) (faults int, trace []Step) {
	t := newIPT(frames)
	proc := &space{} // the one process whose pages the string names
	policy := p.New(machine.NewRandom(seed))
	next := nextUses(refs)
	var clock int64
	for i, page := range refs {
		clock++
		f := t.lookup(proc.pid, page)
		st := Step{Page: page, Hit: f != noFrame}
		if !st.Hit {
			faults++
			if tk, ok := policy.(ticker); ok {
				tk.Tick(t.frames)
			}
			if f = t.take(); f == noFrame {
				f = policy.Victim(t.frames)
				st.Evicted, st.Evicts = t.frames[f].vpn, true
				t.remove(f)
			}
			t.frames[f] = Frame{Loaded: clock} // nothing of the old page stays with the frame
			t.insert(f, proc, page)
		}
		e := &t.frames[f]
		e.Use, e.LastUse, e.NextUse = true, clock, next[i]
		if steps {
			st.Frames, st.Held = make([]uint32, frames), make([]bool, frames)
			for j := range t.frames {
				st.Frames[j], st.Held[j] = t.frames[j].vpn, t.frames[j].Resident
			}
			trace = append(trace, st)
		}
	}
	return faults, trace
}

// pairPages is the first page number given to a pid:page reference:
// plain page numbers stay below it.
const pairPages = 1 << 31

// PageName shows a page of a string ParseRefs read: its number, or #N
// for the N-th pid:page pair.
func PageName(page uint32) string {
	if page >= pairPages {
		return fmt.Sprintf("#%d", page-pairPages)
	}
	return strconv.Itoa(int(page))
}

// ParseRefs reads a reference string: page numbers separated by commas,
// spaces or line breaks, with "#" starting a comment to the end of the
// line. A reference "pid:page" (as --record-refs writes for several
// processes) names a page of a process; each such pair becomes a page
// number of its own, numbered in order of first appearance after the
// plain ones can no longer collide.
func ParseRefs(text string) ([]uint32, error) {
	var refs []uint32
	pairs := map[string]uint32{}
	for n, line := range strings.Split(text, "\n") {
		line, _, _ = strings.Cut(line, "#")
		for _, tok := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\r' }) {
			if strings.Contains(tok, ":") {
				id, ok := pairs[tok]
				if !ok {
					id = pairPages + uint32(len(pairs))
					pairs[tok] = id
				}
				refs = append(refs, id)
				continue
			}
			page, err := strconv.ParseUint(tok, 10, 31)
			if err != nil {
				return nil, fmt.Errorf("line %d: %q is not a page number (a whole number, or pid:page)", n+1, tok)
			}
			refs = append(refs, uint32(page))
		}
	}
	if len(refs) == 0 {
		return nil, fmt.Errorf("the reference string is empty")
	}
	return refs, nil
}

// RandomRefs makes a reference string of n references to pages 0 to
// pages-1. With locality l (0 to 1), each reference stays within two
// pages of the one before with probability l, as loops and arrays do;
// otherwise it goes anywhere.
func RandomRefs(n, pages int, locality float64, seed uint32) []uint32 {
	r := machine.NewRandom(seed)
	refs := make([]uint32, n)
	last := int32(0)
	for i := range refs {
		page := r.Intn(int32(pages))
		if i > 0 && float64(r.Intn(1000)) < locality*1000 {
			page = (last + r.Intn(5) - 2 + int32(pages)) % int32(pages)
		}
		refs[i], last = uint32(page), page
	}
	return refs
}

// Reference strings: the pages a run touches, in order.
//
// A policy is judged by the faults it takes on a reference string, the
// sequence of pages a program touches. Textbooks make strings up; here a
// real run records its own (--record-refs FILE), with the MMU reporting
// every address it translates (machine.Machine.References), instruction
// fetches included. A page touched several times in a row counts once:
// repeats change nothing for any policy.
//
// OPT, Belady's optimal policy, evicts the page whose next use lies
// furthest in the future, so it needs the future. A run is deterministic,
// so the future is the past of an identical run: -P opt runs the program
// once to record each process's string, then again, knowing at every
// reference when each page will next be used. Each process's string is
// its own: with several processes, the second run may interleave them
// differently (its disk waits differ), but each one's own sequence of
// pages does not change, as long as it does not depend on timing (no
// Time, no races under -rs). There, OPT is exact; otherwise it is OPT as
// far as the recording still matches.

package vm

import (
	"bufio"
	"fmt"
	"io"
	"math"

	"nachos/userprog"
)

// never is the next use of a page that is not used again.
const never = math.MaxInt64

// Refs records a run's page references, or replays a recorded run's
// future for OPT.
type Refs struct {
	procs  []procRefs // indexed by process id
	global []uint64   // every reference in order, pid<<32 | page (when recording)
	replay bool       // the strings are a recorded future
}

// procRefs is one process's reference string, and where a replay is in it.
type procRefs struct {
	pages []uint32
	next  []int64 // next[i]: the index of the next reference to pages[i], or never
	pos   int     // the index of the last reference seen; -1 before the first
	last  uint32  // the page of that reference
	seen  bool    // at least one reference was seen
}

// RecordRefs returns Refs that record the run they are given to.
func RecordRefs() *Refs { return &Refs{} }

// Rehearse runs program on k, a kernel built for the purpose, under c
// with a policy that needs no future, recording its references; it
// returns their future, for the real run's OPT (Config.Refs).
func Rehearse(k *userprog.Kernel, program string, c Config) (*Refs, error) {
	refs := RecordRefs()
	c.Policy, c.Refs = nil, refs
	pg, err := New(k, c)
	if err != nil {
		return nil, err
	}
	defer pg.Close()
	if _, err := k.RunProgram(program); err != nil {
		return nil, err
	}
	return refs.Future(), nil
}

// Future turns a finished recording into the future of an identical run,
// for OPT.
func (r *Refs) Future() *Refs {
	f := &Refs{replay: true, procs: make([]procRefs, len(r.procs))}
	for pid, p := range r.procs {
		f.procs[pid] = procRefs{pages: p.pages, next: nextUses(p.pages), pos: -1}
	}
	return f
}

// nextUses returns, for each reference of pages, the index of the next
// reference to the same page, or never.
func nextUses(pages []uint32) []int64 {
	next := make([]int64, len(pages))
	after := map[uint32]int64{}
	for i := len(pages) - 1; i >= 0; i-- {
		if n, ok := after[pages[i]]; ok {
			next[i] = n
		} else {
			next[i] = never
		}
		after[pages[i]] = int64(i)
	}
	return next
}

// proc returns pid's string, making room for it.
func (r *Refs) proc(pid int) *procRefs {
	for len(r.procs) <= pid {
		r.procs = append(r.procs, procRefs{pos: -1})
	}
	return &r.procs[pid]
}

// see notes that process pid touched page. It returns false for a repeat
// of its last reference; otherwise, when replaying, when the page will
// next be touched.
func (r *Refs) see(pid int, page uint32) (next int64, fresh bool) {
	p := r.proc(pid)
	if p.seen && p.last == page {
		return 0, false
	}
	p.seen, p.last = true, page
	p.pos++
	if !r.replay {
		p.pages = append(p.pages, page)
		r.global = append(r.global, uint64(pid)<<32|uint64(page))
		return never, true
	}
	if p.pos < len(p.next) && p.pages[p.pos] == page {
		return p.next[p.pos], true
	}
	return never, true // the run has left the recording
}

// nextUse is the position of process pid's next reference: that of the
// page it is faulting on, which it is about to touch.
func (r *Refs) nextUse(pid int) int64 {
	if r == nil || !r.replay {
		return never
	}
	return int64(r.proc(pid).pos + 1)
}

// Len is the number of references recorded, all processes together.
func (r *Refs) Len() int { return len(r.global) }

// Save writes the recorded string as nachos paging reads it: one
// reference per line, the page number, or "pid:page" when the run had
// several processes.
func (r *Refs) Save(w io.Writer) error {
	bw := bufio.NewWriter(w)
	procs := 0
	for _, p := range r.procs {
		if p.seen {
			procs++
		}
	}
	fmt.Fprintf(bw, "# nachos reference string: %d references, consecutive repeats dropped\n", len(r.global))
	for _, ref := range r.global {
		if procs > 1 {
			fmt.Fprintf(bw, "%d:", ref>>32)
		}
		fmt.Fprintf(bw, "%d\n", uint32(ref))
	}
	return bw.Flush()
}

// Paging statistics.
//
// Nachos reports one number, "Paging: faults N". A course comparing
// policies needs to see where the faults came from and what they cost:
// how often the TLB missed, how many misses were real page faults (the
// page was not in memory at all), where each page came from (the
// executable, zeros, or the swap), and how many evicted pages had to be
// written back first (dirty) rather than simply dropped (clean). The
// counts are kept per process, printed for each process as it ends under
// -d p, and added up for the whole run at the end.

package vm

import (
	"fmt"
	"io"
)

// Stats counts the paging work done for one process, or for all.
type Stats struct {
	TLBHits        int // translations the TLB answered (counted by the machine)
	TLBMisses      int // TLB misses the kernel repaired, page faults included
	Faults         int // misses whose page was not in memory
	ExecPageIns    int // pages read from the executable
	ZeroFills      int // pages filled with zeros (bss, stacks)
	SwapReads      int // pages read back from swap
	SwapWrites     int // dirty pages written to swap
	CleanEvictions int // evicted pages that could simply be dropped
	DirtyEvictions int // evicted pages written to swap first
}

// add adds o's counts to s.
func (s *Stats) add(o *Stats) {
	s.TLBHits += o.TLBHits
	s.TLBMisses += o.TLBMisses
	s.Faults += o.Faults
	s.ExecPageIns += o.ExecPageIns
	s.ZeroFills += o.ZeroFills
	s.SwapReads += o.SwapReads
	s.SwapWrites += o.SwapWrites
	s.CleanEvictions += o.CleanEvictions
	s.DirtyEvictions += o.DirtyEvictions
}

// Print writes the counts as the lines that follow "Paging: faults".
func (s *Stats) Print(w io.Writer) {
	fmt.Fprintf(w, "TLB: hits %d, misses %d\n", s.TLBHits, s.TLBMisses)
	fmt.Fprintf(w, "Page-ins: executable %d, zero-fill %d, swap %d\n", s.ExecPageIns, s.ZeroFills, s.SwapReads)
	fmt.Fprintf(w, "Evictions: clean %d, dirty %d; swap writes %d\n", s.CleanEvictions, s.DirtyEvictions, s.SwapWrites)
}

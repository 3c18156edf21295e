// Performance statistics, in the units Nachos reports them.

package machine

import (
	"fmt"
	"io"
)

// Statistics counts simulated time and device activity. Courses quote
// these numbers, so they follow the Nachos 3.4 timing model exactly (see
// interrupt.go).
type Statistics struct {
	TotalTicks  int64 // simulated time since power-on
	IdleTicks   int64 // time with nothing to do, skipped to the next interrupt
	SystemTicks int64 // time charged to the kernel
	UserTicks   int64 // time charged to user instructions, one per instruction

	NumDiskReads           int
	NumDiskWrites          int
	NumConsoleCharsRead    int
	NumConsoleCharsWritten int
	NumPageFaults          int
	NumPacketsSent         int
	NumPacketsRecvd        int

	// NumTLBHits counts the translations the TLB answered. The CPU's
	// own translation caches (pagecache.go) answer most accesses before
	// they reach the TLB, as a real CPU's caches would.
	NumTLBHits int

	// PagingDetail, when set, writes more lines after "Paging: faults":
	// the virtual memory system's own counts (under --vm).
	PagingDetail func(w io.Writer)
}

// Print writes the statistics in the format Nachos prints when it halts.
func (s *Statistics) Print(w io.Writer) {
	fmt.Fprintf(w, "Ticks: total %d, idle %d, system %d, user %d\n",
		s.TotalTicks, s.IdleTicks, s.SystemTicks, s.UserTicks)
	fmt.Fprintf(w, "Disk I/O: reads %d, writes %d\n", s.NumDiskReads, s.NumDiskWrites)
	fmt.Fprintf(w, "Console I/O: reads %d, writes %d\n", s.NumConsoleCharsRead, s.NumConsoleCharsWritten)
	fmt.Fprintf(w, "Paging: faults %d\n", s.NumPageFaults)
	if s.PagingDetail != nil {
		s.PagingDetail(w)
	}
	fmt.Fprintf(w, "Network I/O: packets received %d, sent %d\n", s.NumPacketsRecvd, s.NumPacketsSent)
}

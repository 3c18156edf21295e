// A process's paged memory, and where each of its pages lives.
//
// A page not in memory still lives somewhere, and the kernel must know
// where to fetch it from on a fault. Each process keeps one record per
// page, its backing table:
//
//	zero  bss, the stack and new threads' stacks: zeros on first touch
//	exec  code and initialized data: read from the executable
//	swap  written since it was loaded: read from its swap slot
//	none  outside every segment and stack: touching it is a bad address
//
// A page moves from zero or exec to swap the first time it is evicted
// dirty, and stays there: nothing is read from the executable again once
// a page has been written. Code and read-only data never move: they are
// never dirty, so the executable always has them.

package vm

import (
	"slices"

	"nachos/machine"
	"nachos/userprog"
)

// home is where a page not in memory is found.
type home uint8

const (
	homeNone home = iota // not part of the program: a bad address
	homeZero             // zeros
	homeExec             // the executable
	homeSwap             // its swap slot
)

var homeNames = [...]string{homeNone: "none", homeZero: "zero-fill", homeExec: "executable", homeSwap: "swap"}

func (h home) String() string { return homeNames[h] }

// backing is one page's entry of the backing table.
type backing struct {
	home home
	slot int32 // its swap slot, or -1 if it has none
}

// space is one process's demand-paged memory (a userprog.PagedSpace).
type space struct {
	pg       *Pager
	pid      int
	path     string
	exe      *userprog.Executable
	pages    []backing
	resident int  // frames holding its pages
	promised int  // its pages that may be touched (see Pager.commit)
	released bool // the process has ended: its frames and slots are back
	stats    Stats
}

// NewSpace implements userprog.Pager: it lays out the backing table.
func (pg *Pager) NewSpace(pid int, exe *userprog.Executable, stackBase, numPages uint32) (userprog.PagedSpace, error) {
	s := &space{pg: pg, pid: pid, path: exe.Path, exe: exe, pages: make([]backing, numPages)}
	ps := uint64(pg.pageSize)
	for vpn := range s.pages {
		lo, hi := uint64(vpn)*ps, uint64(vpn+1)*ps
		h := homeNone
		if hi > uint64(stackBase) { // the stack runs from stackBase to the end
			h = homeZero
		}
		for _, seg := range exe.Segments {
			switch start, end := uint64(seg.VAddr), uint64(seg.End()); {
			case start >= hi || end <= lo:
			case start+uint64(len(seg.Data)) > lo && len(seg.Data) > 0:
				h = homeExec // some of its bytes come from the file
			case h == homeNone:
				h = homeZero
			}
		}
		s.pages[vpn] = backing{home: h, slot: -1}
		if h != homeNone {
			s.promised++
		}
	}
	if err := pg.commit(s.promised, exe.Path); err != nil {
		return nil, err
	}
	pg.spaces = append(pg.spaces, s)
	return s, nil
}

// Activate implements userprog.PagedSpace.
func (s *space) Activate() { s.pg.activate(s) }

// Fault implements userprog.PagedSpace.
func (s *space) Fault(vaddr uint32) (machine.ExceptionType, error) {
	return s.pg.fault(s, vaddr)
}

// AddPages implements userprog.PagedSpace: a new thread's stack.
func (s *space) AddPages(first, n uint32) error {
	if err := s.pg.commit(int(n), "a thread stack"); err != nil {
		return err
	}
	s.promised += int(n)
	for uint32(len(s.pages)) < first+n {
		s.pages = append(s.pages, backing{home: homeNone, slot: -1})
	}
	for vpn := first; vpn < first+n; vpn++ {
		s.pages[vpn].home = homeZero
	}
	return nil
}

// FreePages implements userprog.PagedSpace: an ended thread's stack. Its
// pages read as zeros again for the next thread that gets them.
func (s *space) FreePages(first, n uint32) {
	pg := s.pg
	for vpn := first; vpn < first+n && vpn < uint32(len(s.pages)); vpn++ {
		if f := pg.ipt.lookup(s.pid, vpn); f != noFrame {
			pg.drop(f)
		}
		pg.freeSlot(&s.pages[vpn])
		s.pages[vpn].home = homeZero
	}
}

// Release implements userprog.PagedSpace: the process has ended. A frame
// that is busy with a transfer for this process is left to the thread
// doing it, which finds the process gone when the disk is done.
func (s *space) Release() {
	if s.released {
		return
	}
	s.released = true
	pg := s.pg
	pg.spaces = slices.DeleteFunc(pg.spaces, func(o *space) bool { return o == s })
	pg.committed -= s.promised
	for f := range pg.ipt.frames {
		if e := &pg.ipt.frames[f]; e.Resident && e.owner == s {
			pg.drop(f)
		}
	}
	for vpn := range s.pages {
		pg.freeSlot(&s.pages[vpn])
	}
	if pg.active == s { // its last TLB hits; its entries are gone: the next process to run must not find them
		s.stats.TLBHits += pg.m.Stats.NumTLBHits - pg.tlbHits
		pg.tlbHits = pg.m.Stats.NumTLBHits
		pg.active = nil
	}
	pg.total.add(&s.stats)
	pg.k.Debug.Printf('p', "Paging for %s (pid %d): faults %d\n", s.path, s.pid, s.stats.Faults)
	if pg.k.Debug.Enabled('p') {
		s.stats.Print(pg.k.Out)
	}
}

// fill loads page vpn into frame f from where it lives, sleeping if it
// comes from swap.
func (s *space) fill(vpn uint32, f int) {
	pg := s.pg
	mem := pg.frameBytes(f)
	//solution:begin 3
	b := &s.pages[vpn]
	switch b.home {
	case homeSwap:
		s.stats.SwapReads++
		pg.swap.read(int(b.slot), mem)
	case homeExec:
		s.stats.ExecPageIns++
		s.fillFromExec(vpn, mem)
	default:
		s.stats.ZeroFills++
		clear(mem)
	}
	//solution:stub
	// // Project 3: fill the frame from where page vpn lives, as its backing
	// // entry s.pages[vpn].home says: homeSwap, its slot on the swap
	// // (pg.swap.read, which sleeps until the disk is done); homeExec, the
	// // executable's segments (s.fillFromExec); otherwise zeros. Count each
	// // kind in s.stats. As written, every page starts as zeros, code too.
	// s.stats.ZeroFills++
	// clear(mem)
	//solution:broken swap-never-read
	// // A classic mistake: only the executable and zeros are read, so a
	// // page that was written, evicted and saved to its swap slot comes
	// // back as zeros: every dirty page is lost.
	// if s.pages[vpn].home == homeExec {
	// 	s.stats.ExecPageIns++
	// 	s.fillFromExec(vpn, mem)
	// } else {
	// 	s.stats.ZeroFills++
	// 	clear(mem)
	// }
	//solution:end
}

// fillFromExec copies into mem what the executable's segments hold for
// page vpn; bytes no segment covers (the start of bss) are zeros.
func (s *space) fillFromExec(vpn uint32, mem []byte) {
	clear(mem)
	lo := uint64(vpn) * uint64(s.pg.pageSize)
	for _, seg := range s.exe.Segments {
		start := uint64(seg.VAddr)
		if from, to := max(lo, start), min(lo+uint64(len(mem)), start+uint64(len(seg.Data))); from < to {
			copy(mem[from-lo:to-lo], seg.Data[from-start:to-start])
		}
	}
}

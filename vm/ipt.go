// The inverted page table: one entry per physical frame.
//
// A per-process page table has an entry for every virtual page, used or
// not, and there is one table per process. An inverted page table (IPT)
// turns this round: one entry for each frame of physical memory, saying
// which page of which process the frame holds. Its size follows the
// machine, not the programs, which is why large 64-bit systems (the
// PowerPC, the IA-64) used one.
//
// The price is the lookup. The hardware (here, the TLB miss handler) has
// a (process, page) pair and needs the frame, and scanning every frame
// on every miss would be slow. So the pairs are hashed: a hash anchor
// table of chain heads, indexed by the hash, and in each frame the index
// of the next frame on the same chain, as the PowerPC did. A lookup walks
// one short chain; inserting and removing splice a frame in and out.
//
// The entries also carry what replacement policies read: the use and
// dirty bits (copied back from the TLB, which sets them), when the page
// was loaded and last used, an aging counter, and for OPT when it will
// next be used.

package vm

// noFrame ends a hash chain, and means "no frame" where one is returned.
const noFrame = -1

// Frame is one entry of the inverted page table: the page a frame holds.
type Frame struct {
	owner *space // the process whose page it is
	pid   int
	vpn   uint32 // the virtual page
	next  int32  // the next frame on the same hash chain, or noFrame

	Resident bool // the frame holds a page (false: free)
	busy     bool // a transfer to or from the disk is under way
	skip     bool // not a candidate in the current choice of a victim (set afresh by markCandidates)
	ReadOnly bool // code or read-only data: never dirty, never written to swap
	Dirty    bool // written since it was loaded: must be saved before reuse
	Use      bool // referenced since the bit was last cleared

	Loaded  int64 // when the page was loaded (FIFO)
	LastUse int64 // when the page was last referenced (LRU)
	Age     uint8 // the aging counter: use bits, newest in the top bit
	NextUse int64 // when the page will next be referenced (OPT); never is the largest value
}

// Candidate reports whether a policy may choose f as its victim.
func (f *Frame) Candidate() bool { return f.Resident && !f.busy && !f.skip }

// ipt is the inverted page table with its hash anchor table.
type ipt struct {
	frames []Frame
	anchor []int32 // chain heads, indexed by hash; a power of two long
	free   []int32 // free frames, the lowest last, so that it is taken first
}

func newIPT(n int) *ipt {
	size := 1
	for size < 2*n {
		size <<= 1
	}
	t := &ipt{frames: make([]Frame, n), anchor: make([]int32, size), free: make([]int32, 0, n)}
	for i := range t.anchor {
		t.anchor[i] = noFrame
	}
	for f := n - 1; f >= 0; f-- {
		t.free = append(t.free, int32(f))
	}
	return t
}

// hash mixes a process and a page into an anchor index.
func (t *ipt) hash(pid int, vpn uint32) int {
	h := uint32(pid)*0x9e3779b1 ^ vpn*0x85ebca6b
	h ^= h >> 15
	return int(h & uint32(len(t.anchor)-1))
}

// lookup returns the frame holding page vpn of process pid, or noFrame.
// A frame still being filled is not found: its page is not there yet.
func (t *ipt) lookup(pid int, vpn uint32) int {
	for f := t.anchor[t.hash(pid, vpn)]; f != noFrame; f = t.frames[f].next {
		if e := &t.frames[f]; e.pid == pid && e.vpn == vpn {
			return int(f)
		}
	}
	return noFrame
}

// insert puts frame f, now holding page vpn of s, on its hash chain.
func (t *ipt) insert(f int, s *space, vpn uint32) {
	e := &t.frames[f]
	e.owner, e.pid, e.vpn, e.Resident = s, s.pid, vpn, true
	h := t.hash(s.pid, vpn)
	e.next, t.anchor[h] = t.anchor[h], int32(f)
}

// remove takes frame f off its hash chain: its page is no longer there,
// though the frame is not free yet (its contents may be on their way to
// the disk).
func (t *ipt) remove(f int) {
	e := &t.frames[f]
	at := &t.anchor[t.hash(e.pid, e.vpn)]
	for *at != int32(f) {
		at = &t.frames[*at].next
	}
	*at = e.next
	e.next = noFrame
	e.Resident = false
}

// release returns frame f, off every chain, to the free list.
func (t *ipt) release(f int) {
	t.frames[f] = Frame{next: noFrame}
	t.free = append(t.free, int32(f))
}

// take returns a free frame, marked busy, or noFrame if none is free.
func (t *ipt) take() int {
	n := len(t.free)
	if n == 0 {
		return noFrame
	}
	f := t.free[n-1]
	t.free = t.free[:n-1]
	t.frames[f] = Frame{next: noFrame, busy: true}
	return int(f)
}

// The pager: what the kernel does on a TLB miss under demand paging.
//
// The MMU translates only through the TLB. When it misses, the kernel
// looks the (process, page) pair up in the inverted page table:
//
//  1. Found: the page is in memory. Copy its translation into the TLB and
//     retry the instruction (a "soft" miss, no disk involved).
//  2. Not found: a page fault. Get a frame: a free one, or else the
//     policy's victim, written to swap first if it is dirty. Fill the
//     frame from where the page lives (space.go), record it in the IPT,
//     refill the TLB and retry.
//
// A fault may sleep twice on the disk (write the victim, read the page),
// and other threads run meanwhile. One lock, held for the whole fault,
// keeps two faults from choosing the same victim or using the disk at
// once; a thread that finds the lock taken waits, and when it gets it
// looks again, since the page it wanted may have arrived meanwhile. A
// frame in transfer is marked busy, so that no policy can choose it and
// a process ending meanwhile leaves it alone.
//
// If the victim is dirty and has no slot, it needs one. When the swap is
// full, pages that need a slot cannot be victims; if no page is left, the
// faulting process cannot go on and is killed (out of swap space), and
// the others carry on.

package vm

import (
	"fmt"
	"io"

	"nachos/kernel"
	"nachos/kernel/trace"
	"nachos/machine"
	"nachos/userprog"
)

// Config is how the pager is set up (the --vm flags).
type Config struct {
	Policy     *PolicyInfo // the replacement policy (nil: fifo)
	SwapPages  int         // slots of swap (0: DefaultSwapPages)
	Local      bool        // each process replaces only its own pages beyond a fair share
	Overcommit bool        // promise pages beyond memory and swap (commit)
	ASID       bool        // TLB entries are tagged with their process, and survive switches
	Refs       *Refs       // records the run's references, or replays them for opt; may be nil
}

// Pager is the demand-paging memory manager: a userprog.Pager.
type Pager struct {
	k          *userprog.Kernel
	m          *machine.Machine
	ipt        *ipt
	policy     Policy
	swap       *swap
	lock       *kernel.Lock // held through a whole fault
	spare      []byte       // a page read out of swap for an exchange (frameFor)
	pageSize   uint32
	shift      uint32
	local      bool
	asid       bool
	overcommit bool
	exact      bool // the MMU reports every reference (reference)
	timerTicks bool // the policy's counters shift at timer interrupts, not at faults
	refs       *Refs

	spaces []*space // the memory of every process not yet ended, in creation order
	// committed counts the pages of the live spaces. It may not exceed
	// the frames and the swap slots together: a page may be touched,
	// and then needs one or the other.
	committed int
	active    *space // the space whose threads the TLB serves
	clock     int64  // counts loads and references, for Loaded and LastUse
	// lastSpace and lastVPN are the last reference reported (reference);
	// a repeat of it changes no policy's order, so it is skipped. Any
	// other stamp of the clock (refill) forgets it.
	lastSpace *space
	lastVPN   uint32
	total     Stats // the counts of ended processes

	tlbOwner []*space // whose translation each TLB entry holds (nil: empty)
	tlbNext  int      // the TLB entry the next refill replaces, when none is empty
	tlbHits  int      // the machine's TLB hit count when active last changed
}

// New builds the pager for k's machine and installs it in k. The machine
// must have a TLB.
func New(k *userprog.Kernel, c Config) (*Pager, error) {
	m := k.Machine
	if len(m.TLB) == 0 {
		return nil, fmt.Errorf("--vm translates through a TLB: give --tlb N (2 or more)")
	}
	if c.Policy == nil {
		c.Policy = &Policies[0]
	}
	if c.SwapPages == 0 {
		c.SwapPages = DefaultSwapPages
	}
	if c.Policy.Future && (c.Refs == nil || !c.Refs.replay) {
		return nil, fmt.Errorf("the %s policy needs the run's future: record it first (RecordRefs), then give its Future", c.Policy.Name)
	}
	sw, err := newSwap(k.Kernel, c.SwapPages, m.PageSize())
	if err != nil {
		return nil, err
	}
	pg := &Pager{k: k, m: m, ipt: newIPT(m.NumPhysPages()), policy: c.Policy.New(m.Random), swap: sw,
		lock: k.NewLock("pager"), pageSize: uint32(m.PageSize()), local: c.Local, asid: c.ASID, overcommit: c.Overcommit, refs: c.Refs,
		tlbOwner: make([]*space, len(m.TLB)), spare: make([]byte, m.PageSize())}
	for pg.pageSize>>pg.shift != 1 {
		pg.shift++
	}
	k.SetPager(pg)
	m.Stats.PagingDetail = pg.printStats
	if c.Policy.Exact || c.Refs != nil {
		pg.exact = true
		m.References = pg.reference
	}
	if t, ok := pg.policy.(ticker); ok && k.HasTimer() {
		// Aging's counters shift at each timer interrupt, as the
		// textbook's do at each clock tick; without a timer (Nachos has
		// none unless -rs or a preemptive policy asks), at each fault.
		pg.timerTicks = true
		k.OnTimer = func() {
			pg.syncTLB()
			t.Tick(pg.ipt.frames)
		}
	}
	return pg, nil
}

// Close releases the host file behind the swap, once the run is over.
func (pg *Pager) Close() error { return pg.swap.disk.Close() }

// InPageIO implements userprog.Pager.
func (pg *Pager) InPageIO(w any) bool { return w == pg.swap.done }

// Stats returns the counts so far, of every process together.
func (pg *Pager) Stats() Stats {
	s := pg.total
	for _, sp := range pg.spaces {
		s.add(&sp.stats)
	}
	s.TLBHits = pg.m.Stats.NumTLBHits
	return s
}

func (pg *Pager) printStats(w io.Writer) {
	s := pg.Stats()
	s.Print(w)
}

// reference is told by the MMU of every address it translates, when the
// policy needs every reference or the run's references are recorded.
func (pg *Pager) reference(vaddr uint32) {
	s := pg.active
	vpn := vaddr >> pg.shift
	if s == nil || s == pg.lastSpace && vpn == pg.lastVPN {
		return
	}
	pg.lastSpace, pg.lastVPN = s, vpn
	next, fresh := int64(never), true
	if pg.refs != nil {
		next, fresh = pg.refs.see(s.pid, vpn)
	}
	if !fresh {
		return
	}
	if f := pg.ipt.lookup(s.pid, vpn); f != noFrame {
		e := &pg.ipt.frames[f]
		e.LastUse, e.NextUse = pg.tick(), next
	}
}

// frameBytes is frame f in physical memory.
func (pg *Pager) frameBytes(f int) []byte {
	return pg.m.Memory[uint32(f)<<pg.shift : uint32(f+1)<<pg.shift]
}

// tick advances the pager's clock and returns it.
func (pg *Pager) tick() int64 {
	pg.clock++
	return pg.clock
}

// fault repairs a TLB miss at vaddr in s (see the file comment).
func (pg *Pager) fault(s *space, vaddr uint32) (machine.ExceptionType, error) {
	vpn := vaddr >> pg.shift
	switch { // the faults a page table would raise, so that they are the same with and without --vm
	case vpn >= uint32(len(s.pages)):
		return machine.AddressErrorException, nil // beyond the address space
	case s.pages[vpn].home == homeNone:
		return machine.PageFaultException, nil // inside it, but invalid (the guard below the program)
	}
	s.stats.TLBMisses++
	if f := pg.ipt.lookup(s.pid, vpn); f != noFrame { // in memory: no need to wait for anything
		pg.refill(f)
		return machine.NoException, nil
	}
	// No defer for the Release: a thread ended by a halt while it waits
	// for the disk unwinds through its defers, which must not touch the
	// kernel.
	pg.lock.Acquire()
	exc, err := pg.load(s, vpn, vaddr)
	pg.lock.Release()
	return exc, err
}

// load brings page vpn of s into a frame, with the pager's lock held.
func (pg *Pager) load(s *space, vpn, vaddr uint32) (machine.ExceptionType, error) {
	if s.released {
		return machine.NoException, nil // killed while waiting for the lock
	}
	if f := pg.ipt.lookup(s.pid, vpn); f != noFrame { // it came in while this thread waited
		pg.refill(f)
		return machine.NoException, nil
	}
	s.stats.Faults++
	pg.m.Stats.NumPageFaults++
	pg.k.Trace.Emit(trace.Event{Kind: trace.PageFault, Addr: vaddr, Page: int(vpn)})
	if pg.k.Debug.Enabled('p') { // the arguments would be boxed even for nothing
		pg.k.Debug.Printf('p', "Page fault: page %d (0x%08x) of %s (pid %d): %s\n", vpn, vpn<<pg.shift, s.path, s.pid, s.pages[vpn].home)
	}
	f, exchanged, err := pg.frameFor(s, vpn)
	switch {
	case err != nil:
		return machine.PageFaultException, err
	case f == noFrame:
		return machine.NoException, nil // killed while it waited: no frame was taken
	}
	switch {
	case s.released:
	case exchanged: // read already, while its slot went to the victim
		copy(pg.frameBytes(f), pg.spare)
	default:
		s.fill(vpn, f)
	}
	if s.released { // killed while the disk worked
		pg.ipt.release(f)
		pg.k.Trace.Emit(trace.Event{Kind: trace.FrameFree, Frame: f})
		return machine.NoException, nil
	}
	pg.ipt.insert(f, s, vpn)
	pg.k.Trace.Emit(trace.Event{Kind: trace.FrameAlloc, Frame: f, Proc: s.pid, Page: int(vpn)})
	e := &pg.ipt.frames[f]
	e.busy = false
	e.Dirty = exchanged // its only copy is this one
	e.ReadOnly = s.exe.ReadOnlyPage(vpn, pg.pageSize)
	e.Loaded = pg.tick()
	e.NextUse = pg.refs.nextUse(s.pid)
	s.resident++
	pg.refill(f)
	return machine.NoException, nil
}

// frameFor returns a frame, marked busy, for page vpn of s: a free one,
// or the frame of the policy's victim, emptied; or noFrame if s ended
// while it waited. When the swap is full and every page in memory would
// need a slot to leave, the page wanted, if it is on swap, gives up its
// own slot: it is read out into pg.spare first (exchanged), and the
// victim goes into its slot.
func (pg *Pager) frameFor(s *space, vpn uint32) (f int, exchanged bool, err error) {
	frames := pg.ipt.frames
	if t, ok := pg.policy.(ticker); ok && !pg.timerTicks {
		pg.syncTLB()
		t.Tick(frames)
	}
	for {
		overQuota := pg.local && s.resident >= pg.quota()
		if !overQuota {
			if f := pg.ipt.take(); f != noFrame {
				return f, exchanged, nil
			}
		}
		pg.syncTLB() // the policies read the use and dirty bits
		if pg.markCandidates(s, overQuota) > 0 {
			break
		}
		b := &s.pages[vpn]
		if b.slot < 0 || exchanged {
			return noFrame, false, fmt.Errorf("out of swap space: the page at 0x%08x needs a frame, but every page that could give one up was written since it was loaded and must go to the swap, whose %d slots are all in use; run with a larger --swap, or fewer programs at once",
				vpn<<pg.shift, pg.swap.size)
		}
		s.stats.SwapReads++
		pg.swap.read(int(b.slot), pg.spare) // other processes may end meanwhile, freeing frames: look again
		if s.released {
			return noFrame, false, nil // killed meanwhile: its slots are free already
		}
		pg.swap.free(int(b.slot))
		b.slot, exchanged = -1, true
	}
	f = pg.policy.Victim(frames)
	pg.evict(f)
	return f, exchanged, nil
}

// markCandidates decides which frames the policy may choose from, and
// returns how many it may. Under --local, a process at its fair share
// replaces its own pages; one below it takes from those above theirs. A
// page that would need a swap slot cannot go when the swap is full. Then
// so few pages may be left to choose from that the faulting instruction's
// own code could be chosen, and the instruction would evict its code to
// load its data and its data to load its code, for ever: that page stays.
func (pg *Pager) markCandidates(s *space, overQuota bool) int {
	quota := pg.quota()
	full := pg.swap.slots.NumClear() == 0
	code := pg.m.ReadRegister(machine.PCReg) >> pg.shift
	n := 0
	for i := range pg.ipt.frames {
		e := &pg.ipt.frames[i]
		e.skip = false
		switch {
		case !e.Resident || e.busy:
			continue
		case full && (e.Dirty && e.owner.pages[e.vpn].slot < 0 || e.owner == s && e.vpn == code):
			e.skip = true
		case pg.local && overQuota:
			e.skip = e.owner != s
		case pg.local:
			e.skip = e.owner.resident <= quota
		}
		if !e.skip {
			n++
		}
	}
	if n == 0 && pg.local && !overQuota { // nobody is above the share: take from anyone
		return pg.markCandidates(s, false)
	}
	return n
}

// commit promises n more pages to a process (for what), or refuses them
// if memory and swap together could not hold every live process's pages
// at once. Then no process can run out of swap. With --overcommit the
// kernel promises anything, betting that programs do not touch all their
// pages (most do not: sparse arrays, stacks), and kills a process that
// needs a slot when none is left.
func (pg *Pager) commit(n int, what string) error {
	limit := len(pg.ipt.frames) + pg.swap.size
	if !pg.overcommit && pg.committed+n > limit {
		return fmt.Errorf("%s: needs %d pages, but only %d of the %d pages of memory and swap are not promised to other processes; run with a larger --swap, or with --overcommit",
			what, n, limit-pg.committed, limit)
	}
	pg.committed += n
	return nil
}

// quota is a process's fair share of the frames under --local.
func (pg *Pager) quota() int { return max(1, len(pg.ipt.frames)/max(1, len(pg.spaces))) }

// evict empties frame f, writing its page to swap if it is dirty. The
// frame stays busy, for the caller to fill.
func (pg *Pager) evict(f int) {
	e := &pg.ipt.frames[f]
	pg.tlbForget(f)
	v, dirty := e.owner, e.Dirty
	b := &v.pages[e.vpn]
	if pg.k.Debug.Enabled('p') {
		pg.k.Debug.Printf('p', "Evicting page %d of %s (pid %d) from frame %d, %s\n", e.vpn, v.path, v.pid, f, cleanliness[dirty])
	}
	pg.k.Trace.Emit(trace.Event{Kind: trace.Eviction, Frame: f, Proc: v.pid, Page: int(e.vpn), Dirty: dirty})
	pg.ipt.remove(f)
	v.resident--
	*e = Frame{next: noFrame, busy: true} // nothing of the old page stays with the frame
	if !dirty {
		v.stats.CleanEvictions++
		return
	}
	if b.slot < 0 {
		b.slot = int32(pg.swap.alloc()) // markCandidates kept pages without a slot out when none is free
	}
	b.home = homeSwap
	v.stats.DirtyEvictions++
	v.stats.SwapWrites++
	pg.swap.write(int(b.slot), pg.frameBytes(f))
}

// cleanliness names a page's state, for traces.
var cleanliness = map[bool]string{false: "clean", true: "dirty"}

// drop frees frame f at once, without saving its page: the page is
// being thrown away (its process or its thread has ended).
func (pg *Pager) drop(f int) {
	pg.tlbForget(f)
	pg.ipt.frames[f].owner.resident--
	pg.ipt.remove(f)
	pg.ipt.release(f)
	pg.k.Trace.Emit(trace.Event{Kind: trace.FrameFree, Frame: f})
}

// freeSlot gives back b's swap slot, if it has one.
func (pg *Pager) freeSlot(b *backing) {
	if b.slot >= 0 {
		pg.swap.free(int(b.slot))
		b.slot = -1
	}
}

// The software-managed TLB, as the pager keeps it.
//
// The MMU sets an entry's use bit when it translates through it, and its
// dirty bit on a write, but only in the TLB: the inverted page table
// learns of them when the kernel copies them back. So the bits are
// copied back whenever an entry is about to disappear (replaced by a
// refill, or flushed at a switch to another process) and before a policy
// looks at them. A write seen only by the TLB must never be lost: its
// page would be dropped as clean, and the write with it.
//
// On a switch to another process the TLB is flushed, as in Nachos. With
// --tlb-asid, each entry is tagged with its process (an address-space
// identifier, as MIPS's EntryHi has), so entries survive switches and a
// process coming back finds its translations still there. The simulated
// MMU has no tag to compare, so the kernel keeps the tags itself, and at
// each switch hides the entries of other processes (not valid) and shows
// those of the process that runs: what a tag-matching TLB would see.

package vm

import "nachos/machine"

// refill loads frame f's translation into the TLB, replacing an empty
// entry, or else the entries in turn (round robin).
func (pg *Pager) refill(f int) {
	e := &pg.ipt.frames[f]
	i := pg.emptyTLBEntry()
	if i < 0 {
		i = pg.tlbNext
		pg.tlbNext = (pg.tlbNext + 1) % len(pg.tlbOwner)
		pg.writeBack(i)
	}
	pg.m.TLB[i] = machine.TranslationEntry{VirtualPage: e.vpn, PhysicalPage: uint32(f), Valid: true, ReadOnly: e.ReadOnly}
	pg.tlbOwner[i] = e.owner
	e.Use, e.LastUse = true, pg.tick()
	pg.lastSpace = nil // a repeat of the last reference must now stamp its page again
}

// emptyTLBEntry returns an entry that holds no translation, or -1.
func (pg *Pager) emptyTLBEntry() int {
	for i, o := range pg.tlbOwner {
		if o == nil {
			return i
		}
	}
	return -1
}

// writeBack copies entry i's use and dirty bits into its frame's entry
// of the IPT, and clears them in the TLB: the IPT has them now.
func (pg *Pager) writeBack(i int) {
	if pg.tlbOwner[i] == nil {
		return
	}
	t := &pg.m.TLB[i]
	e := &pg.ipt.frames[t.PhysicalPage]
	if t.Use {
		e.Use = true
		if !pg.exact { // otherwise the MMU reported each use as it happened
			e.LastUse = pg.tick()
		}
	}
	e.Dirty = e.Dirty || t.Dirty
	t.Use, t.Dirty = false, false
}

// syncTLB copies back the bits of every entry.
func (pg *Pager) syncTLB() {
	for i := range pg.tlbOwner {
		pg.writeBack(i)
	}
}

// tlbForget removes every translation to frame f, keeping its bits.
func (pg *Pager) tlbForget(f int) {
	for i, o := range pg.tlbOwner {
		if o != nil && pg.m.TLB[i].PhysicalPage == uint32(f) {
			pg.writeBack(i)
			pg.tlbOwner[i] = nil
			pg.m.TLB[i].Valid = false
		}
	}
}

// activate makes the TLB serve s: flushed, or with tags, showing only
// s's entries.
func (pg *Pager) activate(s *space) {
	if s == pg.active {
		return
	}
	if pg.active != nil { // the TLB hits since the last switch were the active process's
		pg.active.stats.TLBHits += pg.m.Stats.NumTLBHits - pg.tlbHits
	}
	pg.tlbHits = pg.m.Stats.NumTLBHits
	pg.active = s
	for i, o := range pg.tlbOwner {
		if !pg.asid {
			pg.writeBack(i)
			pg.tlbOwner[i] = nil
		}
		pg.m.TLB[i].Valid = o != nil && o == s && pg.asid
	}
}

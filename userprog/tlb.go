// Refilling a software-managed TLB.
//
// With --tlb N the MMU translates only through its N-entry TLB, and a
// page missing from it raises TLBMissException. This kernel keeps every
// page of a program in memory, so a miss is repaired by copying the entry
// from the process's page table into the TLB, replacing entries in turn
// (round robin), and retrying the instruction. Demand paging replaces this
// with the vm package's handler.

package userprog

// refillTLB loads the translation of the page holding addr into the TLB.
// It returns false if that page is not part of the current address space.
func (k *Kernel) refillTLB(addr uint32) bool {
	m := k.Machine
	vpn := addr / uint32(m.PageSize())
	pt := k.currentProcess().space.pageTable
	if vpn >= uint32(len(pt)) || !pt[vpn].Valid {
		return false
	}
	m.TLB[k.tlbNext] = pt[vpn]
	k.tlbNext = (k.tlbNext + 1) % len(m.TLB)
	return true
}

// Refilling a software-managed TLB.
//
// With --tlb N the MMU translates only through its N-entry TLB, and a
// page missing from it raises TLBMissException. This kernel keeps every
// page of a program in memory, so a miss is repaired by copying the entry
// from the process's page table into the TLB, replacing entries in turn
// (round robin), and retrying the instruction. Demand paging replaces this
// with the vm package's handler.

package userprog

import "nachos/machine"

// refillTLB loads the translation of the page holding addr into the TLB.
// If that page is not part of the current address space, it returns the
// exception that translating through the page table would have raised,
// so that a bad address is the same fault with or without a TLB.
func (k *Kernel) refillTLB(addr uint32) machine.ExceptionType {
	m := k.Machine
	vpn := addr / uint32(m.PageSize())
	pt := k.currentProcess().space.pageTable
	switch {
	case vpn >= uint32(len(pt)):
		return machine.AddressErrorException
	case !pt[vpn].Valid:
		return machine.PageFaultException
	}
	m.TLB[k.tlbNext] = pt[vpn]
	k.tlbNext = (k.tlbNext + 1) % len(m.TLB)
	return machine.NoException
}

// Swap space: where pages go when their frame is needed.
//
// The swap area is the simulated disk, divided into slots of one page
// each (a page of more than a sector takes several adjacent sectors). A
// page gets a slot the first time it is evicted dirty, and keeps it
// until its process ends, so that a page read back from swap and evicted
// again unchanged needs no write. Code and read-only data never get one:
// they are never dirty, and come back from the executable.
//
// A transfer is a disk request: the disk answers with an interrupt after
// the time a real disk would take (seek, rotation), and the faulting
// thread sleeps meanwhile, so other threads run and paging costs simulated
// time, as it does on a real system. The disk takes one request at a
// time; the pager's lock, held through a whole fault, sees to that.
//
// Simulator note: the disk is a host file, opened and at once deleted, so
// it disappears when the simulation ends, whatever way it ends.

package vm

import (
	"fmt"
	"os"

	"nachos/kernel"
	"nachos/machine"
	"nachos/userprog"
)

// DefaultSwapPages is the default size of the swap area, in pages: 2 MiB
// with the default page size (a disk of 512 tracks), room for every page
// of many programs like matmult, or of one with a 1 MiB array.
const DefaultSwapPages = 16384

// swap is the swap area on the disk.
type swap struct {
	k       *kernel.Kernel
	disk    *machine.Disk
	done    *kernel.Semaphore // V'd by the disk's interrupt: the transfer is over
	slots   *userprog.Bitmap  // the slots in use
	perSlot int               // sectors per slot
	size    int               // slots
	sector  [machine.SectorSize]byte
}

// newSwap makes a swap area of n slots for pages of pageSize bytes, on a
// disk of its own just large enough.
func newSwap(k *kernel.Kernel, n, pageSize int) (*swap, error) {
	perSlot := (pageSize + machine.SectorSize - 1) / machine.SectorSize
	tracks := (n*perSlot + machine.SectorsPerTrack - 1) / machine.SectorsPerTrack
	if n < 1 || tracks > machine.MaxTracks {
		return nil, fmt.Errorf("--swap %d: give the swap's size in pages, from 1 to %d with pages of %d bytes",
			n, machine.MaxTracks*machine.SectorsPerTrack/perSlot, pageSize)
	}
	f, err := os.CreateTemp("", "nachos-swap-*")
	if err != nil {
		return nil, fmt.Errorf("swap: %w", err)
	}
	path := f.Name()
	f.Close()
	sw := &swap{k: k, done: k.NewSemaphore("swap transfer done", 0), slots: userprog.NewBitmap(n), perSlot: perSlot, size: n}
	sw.disk, err = k.Machine.NewDiskTracks(path, tracks, sw.done.V)
	os.Remove(path) // the open disk keeps it until the end
	if err != nil {
		return nil, fmt.Errorf("swap: %w", err)
	}
	return sw, nil
}

// direction names a transfer, for traces.
var direction = map[bool]string{false: "read", true: "write"}

// alloc takes a free slot, or returns -1 if the swap is full.
func (sw *swap) alloc() int { return sw.slots.Find() }

// free gives a slot back.
func (sw *swap) free(slot int) { sw.slots.Clear(slot) }

// read fills page from slot, a sector at a time, sleeping through each.
func (sw *swap) read(slot int, page []byte) {
	for i := 0; i < sw.perSlot; i++ {
		sw.transfer(slot*sw.perSlot+i, false)
		copy(page[i*machine.SectorSize:], sw.sector[:])
	}
}

// write saves page in slot.
func (sw *swap) write(slot int, page []byte) {
	for i := 0; i < sw.perSlot; i++ {
		clear(sw.sector[:])
		copy(sw.sector[:], page[i*machine.SectorSize:])
		sw.transfer(slot*sw.perSlot+i, true)
	}
}

// transfer moves sw.sector to or from the disk and waits for the disk's
// interrupt. The requests cannot fail: the sector exists, and the disk is
// idle (only the pager uses it, one transfer at a time).
func (sw *swap) transfer(sector int, writing bool) {
	var err error
	if sw.k.Debug.Enabled('d') { // the arguments would be boxed even for nothing
		sw.k.Debug.Printf('d', "Disk request: %s sector %d of the swap\n", direction[writing], sector)
	}
	if writing {
		err = sw.disk.WriteRequest(sector, sw.sector[:])
	} else {
		err = sw.disk.ReadRequest(sector, sw.sector[:])
	}
	if err != nil { // a broken invariant of this package, not a user's error
		sw.k.Fatalf("vm: swap %v", err)
	}
	sw.done.P()
}

// Moving data between the kernel and a user program's memory.
//
// System call arguments are virtual addresses in the caller's address
// space, and the kernel trusts none of them. Every byte goes through the
// MMU, exactly as the program's own loads and stores would, so a pointer
// outside the program's memory, or a write into its code, is caught and
// turned into an error return instead of a crash.

package userprog

import (
	"errors"
	"fmt"

	"nachos/machine"
)

// maxTransfer bounds a single read or write, so that an absurd length is
// refused rather than attempted.
const maxTransfer = 1 << 20

// maxPathLen bounds a file name passed to the kernel, with its NUL.
const maxPathLen = 256

// A badAddressError reports a user pointer the kernel could not use.
type badAddressError struct {
	addr  uint32
	cause machine.ExceptionType
}

func (e badAddressError) Error() string {
	return fmt.Sprintf("bad address 0x%08x (%s)", e.addr, e.cause)
}

// readByte reads one byte of user memory, refilling the TLB on a miss as
// the program's own load would be (and, under demand paging, loading the
// page: a buffer passed to a system call need not be in memory).
func (k *Kernel) readByte(addr uint32) (byte, error) {
	v, exc := k.Machine.ReadMem(addr, 1)
	if exc == machine.TLBMissException {
		if exc = k.missed(addr); exc == machine.NoException {
			v, exc = k.Machine.ReadMem(addr, 1)
		}
	}
	if exc != machine.NoException {
		return 0, badAddressError{addr, exc}
	}
	return byte(v), nil
}

// writeByte writes one byte of user memory.
func (k *Kernel) writeByte(addr uint32, b byte) error {
	exc := k.Machine.WriteMem(addr, 1, uint32(b))
	if exc == machine.TLBMissException {
		if exc = k.missed(addr); exc == machine.NoException {
			exc = k.Machine.WriteMem(addr, 1, uint32(b))
		}
	}
	if exc != machine.NoException {
		return badAddressError{addr, exc}
	}
	return nil
}

// missed repairs a TLB miss at addr, met by the program or by the kernel
// itself, from the page table or, under demand paging, by the pager; it
// returns the exception the access raises if it cannot be repaired.
func (k *Kernel) missed(addr uint32) machine.ExceptionType {
	if k.pager != nil {
		return k.repairMiss(k.currentProcess(), addr)
	}
	return k.refillTLB(addr)
}

// errNull refuses a null pointer. Address 0 is mapped in a program linked
// at 0, as every Nachos 3.4 program is (its code starts there), so a null
// pointer would otherwise read the program's instructions as data.
var errNull = errors.New("null pointer")

// copyIn reads n bytes of user memory starting at addr, all or nothing.
func (k *Kernel) copyIn(addr uint32, n int) ([]byte, error) {
	buf, err := k.copyInPrefix(addr, n)
	if err != nil {
		return nil, err
	}
	return buf, nil
}

// copyInPrefix reads up to n bytes of user memory starting at addr, in
// order, and stops at the first byte it cannot read. It returns the bytes
// before that one, and why it stopped (nil if it read all n).
func (k *Kernel) copyInPrefix(addr uint32, n int) ([]byte, error) {
	if addr == 0 {
		return nil, errNull
	}
	buf := make([]byte, 0, n)
	for i := range n {
		b, err := k.readByte(addr + uint32(i))
		if err != nil {
			return buf, err
		}
		buf = append(buf, b)
	}
	return buf, nil
}

// copyOut writes data into user memory starting at addr.
func (k *Kernel) copyOut(addr uint32, data []byte) error {
	if addr == 0 {
		return errNull
	}
	for i, b := range data {
		if err := k.writeByte(addr+uint32(i), b); err != nil {
			return err
		}
	}
	return nil
}

// writablePrefix returns how many of the n bytes at addr, counting from
// the first, the program could write, and why the next one cannot be
// written (nil if all n can). It is asked before the kernel does
// something that cannot be undone, like consuming input, so that a Read
// takes no more input than the program has room for. It rewrites one
// byte of each page with its own value. It also stops at the program's
// code and read-only data, which on large pages share a page with
// writable data, and so are not protected by the page alone.
func (k *Kernel) writablePrefix(p *Process, addr uint32, n int) (int, error) {
	if addr == 0 {
		return 0, errNull
	}
	var stop error
	if s := p.exe.readOnlyIn(addr, n); s != nil {
		stop = fmt.Errorf("the buffer at 0x%08x would overwrite the program's %s at 0x%08x", addr, s.Name, max(addr, s.VAddr))
		n = int(max(addr, s.VAddr) - addr)
	}
	ps := uint32(k.Machine.PageSize())
	for off := 0; off < n; {
		a := addr + uint32(off)
		b, err := k.readByte(a)
		if err == nil {
			err = k.writeByte(a, b)
		}
		if err != nil {
			return off, err
		}
		off += int(ps - a%ps) // on to the next page
	}
	return n, stop
}

// checkLength refuses a negative or absurd transfer length.
func checkLength(n int32) error {
	if n < 0 || n > maxTransfer {
		return fmt.Errorf("length %d is not between 0 and %d", n, maxTransfer)
	}
	return nil
}

// readString reads a NUL-terminated string of at most max bytes
// (counting the NUL) from user memory.
func (k *Kernel) readString(addr uint32, max int) (string, error) {
	if addr == 0 {
		return "", errNull
	}
	var buf []byte
	for i := 0; i < max; i++ {
		b, err := k.readByte(addr + uint32(i))
		if err != nil {
			return "", err
		}
		if b == 0 {
			return string(buf), nil
		}
		buf = append(buf, b)
	}
	return "", fmt.Errorf("the string at 0x%08x does not end within %d bytes", addr, max)
}

// Moving data between the kernel and a user program's memory.
//
// System call arguments are virtual addresses in the caller's address
// space, and the kernel trusts none of them. Every byte goes through the
// MMU, exactly as the program's own loads and stores would, so a pointer
// outside the program's memory, or a write into its code, is caught and
// turned into an error return instead of a crash.

package userprog

import (
	"fmt"

	"nachos/machine"
)

// maxTransfer bounds a single read or write, so that an absurd length is
// refused rather than attempted.
const maxTransfer = 1 << 20

// A badAddressError reports a user pointer the kernel could not use.
type badAddressError struct {
	addr  uint32
	cause machine.ExceptionType
}

func (e badAddressError) Error() string {
	return fmt.Sprintf("bad address 0x%08x (%s)", e.addr, e.cause)
}

// copyIn reads n bytes of user memory starting at addr.
func (k *Kernel) copyIn(addr uint32, n int) ([]byte, error) {
	buf := make([]byte, n)
	for i := range buf {
		v, exc := k.Machine.ReadMem(addr+uint32(i), 1)
		if exc != machine.NoException {
			return nil, badAddressError{addr + uint32(i), exc}
		}
		buf[i] = byte(v)
	}
	return buf, nil
}

// copyOut writes data into user memory starting at addr.
func (k *Kernel) copyOut(addr uint32, data []byte) error {
	for i, b := range data {
		if exc := k.Machine.WriteMem(addr+uint32(i), 1, uint32(b)); exc != machine.NoException {
			return badAddressError{addr + uint32(i), exc}
		}
	}
	return nil
}

// checkWritable verifies that n bytes at addr could be written, before
// the kernel does something that cannot be undone (like consuming input).
func (k *Kernel) checkWritable(addr uint32, n int) error {
	ps := uint32(k.Machine.PageSize())
	for off := 0; off < n; {
		a := addr + uint32(off)
		v, exc := k.Machine.ReadMem(a, 1)
		if exc == machine.NoException {
			exc = k.Machine.WriteMem(a, 1, v)
		}
		if exc != machine.NoException {
			return badAddressError{a, exc}
		}
		off += int(ps - a%ps) // on to the next page
	}
	return nil
}

// checkLength refuses a negative or absurd transfer length.
func checkLength(n int32) error {
	if n < 0 || n > maxTransfer {
		return fmt.Errorf("length %d is not between 0 and %d", n, maxTransfer)
	}
	return nil
}

// System call arguments, read as the program's ABI passes them.
//
// Arguments arrive in $4..$7, but which register holds which argument
// depends on the course the program was built for: a name may take one
// register (a NUL-terminated string) or two (a pointer and a length), and
// a lock may be passed as a handle or by its name. A callArgs reads a
// call's arguments in order, each in the style the ABI gives the call
// (ArgStyle), so the system calls themselves never need to know.

package userprog

import (
	"errors"
	"fmt"
	"strings"
)

// callArgs reads the arguments of the system call being served, in order.
type callArgs struct {
	k     *Kernel
	style ArgStyle // how this call passes names and objects
	next  int      // the next argument: 0 for $4
}

// args starts reading the arguments of the call being served.
func (k *Kernel) args() callArgs {
	a := callArgs{k: k}
	if sc := k.currentCall(); sc != nil {
		a.style = sc.args
	}
	return a
}

// word reads the next argument as a number or an address. Past the four
// argument registers there is nothing: it reads 0.
func (a *callArgs) word() uint32 {
	a.next++
	if a.next > 4 {
		return 0
	}
	return a.k.arg(a.next - 1)
}

// name reads a name: a NUL-terminated string, or, under ArgsNameLength,
// a pointer and a length.
func (a *callArgs) name() (string, error) {
	addr := a.word()
	if a.style != ArgsNameLength {
		return a.k.readString(addr, maxPathLen)
	}
	n := int32(a.word())
	if n < 0 || n >= maxPathLen {
		return "", fmt.Errorf("name length %d is not between 0 and %d", n, maxPathLen-1)
	}
	buf, err := a.k.copyIn(addr, int(n))
	// A C kernel would end the name at a NUL within the length, so a
	// length that counts the NUL (sizeof name) works too.
	name, _, _ := strings.Cut(string(buf), "\x00")
	return name, err
}

// newName reads the optional name of a new object, and reports whether
// there was one: a null pointer means none, and under ArgsIndex the call
// takes no name at all.
func (a *callArgs) newName() (string, bool, error) {
	if a.style == ArgsIndex {
		return "", false, nil
	}
	if a.k.arg(a.next) == 0 {
		a.word()
		if a.style == ArgsNameLength {
			a.word()
		}
		return "", false, nil
	}
	name, err := a.name()
	return name, true, err
}

// errNoHandle refuses a handle that names no object of the caller.
var errNoHandle = errors.New("no such handle in this process")

// object reads an argument naming one of p's objects in table t: its
// handle, or, under a by-name style, its name (the newest object of that
// name). label is the object's name as the kernel knows it. It returns
// the handle and the object, or an error if there is none.
func object[T any](a *callArgs, p *Process, t *handleTable[T], label func(*T) string) (int32, *T, error) {
	if a.style == ArgsUsual || a.style == ArgsIndex {
		h := int32(a.word())
		if o := t.get(h); o != nil {
			return h, o, nil
		}
		return h, nil, errNoHandle
	}
	name, err := a.name()
	if err != nil {
		return -1, nil, err
	}
	want := p.objectLabel(name)
	for h := int32(t.first + len(t.entries) - 1); h >= int32(t.first); h-- {
		if o := t.get(h); o != nil && label(o) == want {
			return h, o, nil
		}
	}
	return -1, nil, fmt.Errorf("this process has nothing called %q of that kind", name)
}

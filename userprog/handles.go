// Handles: how a user program names the kernel objects it owns.
//
// A program never holds a kernel pointer. It holds a small integer, an
// index into a table that belongs to its process, and the kernel looks
// every handle up in the caller's own table. A handle that is out of
// range, free, or another process's simply does not resolve: the call
// returns -1, and no program can reach what it was not given.
//
// Each table is bounded, as xv6 bounds a process's open files with
// NOFILE: a program that creates locks in a loop and never destroys them
// gets -1 after maxHandles of them, instead of eating the host's memory.
// A new object gets the lowest free handle, as Unix gives the lowest free
// file descriptor. With at most maxHandles entries, finding it by looking
// through the table is cheap.

package userprog

import (
	"fmt"
	"slices"
)

// maxHandles is how many objects of one kind (locks, conditions,
// semaphores, monitor variables) a process may have at once. A destroyed
// object that threads still use keeps its handle until they leave it.
// Open files have a smaller limit of their own, maxOpenFiles.
const maxHandles = 1024

// handleTable maps a process's handles to its kernel objects of one kind.
// A nil entry is a free handle.
type handleTable[T any] struct {
	first   int  // the lowest handle handed out (files start after the console)
	entries []*T // entries[h-first] is the object behind handle h
	live    int  // entries that are not nil: handles in use
	made    int  // objects ever added: unnamed ones are numbered by it
}

// room returns an error, for the program's debug message, if the table
// has no free handle; kind names the objects in it ("lock").
func (t *handleTable[T]) room(kind string) error {
	if t.live == maxHandles {
		return fmt.Errorf("the process already has %d %ss, the most it may have at once; destroy one first",
			maxHandles, kind)
	}
	return nil
}

// add stores obj under the lowest free handle and returns the handle. The
// caller checks room first.
func (t *handleTable[T]) add(obj *T) int {
	if t.live == maxHandles {
		panic("userprog: adding to a full handle table (call room first)")
	}
	t.live++
	t.made++
	i := slices.Index(t.entries, nil)
	if i < 0 {
		i = len(t.entries)
		t.entries = append(t.entries, obj)
	} else {
		t.entries[i] = obj
	}
	return t.first + i
}

// get returns the object behind handle h, or nil.
func (t *handleTable[T]) get(h int32) *T {
	i := int(h) - t.first
	if i < 0 || i >= len(t.entries) {
		return nil
	}
	return t.entries[i]
}

// remove frees handle h and returns the object that was behind it, or nil.
func (t *handleTable[T]) remove(h int32) *T {
	obj := t.get(h)
	if obj != nil {
		t.entries[int(h)-t.first] = nil
		t.live--
	}
	return obj
}

// all returns every object in the table, in handle order.
func (t *handleTable[T]) all() []*T {
	var objs []*T
	for _, e := range t.entries {
		if e != nil {
			objs = append(objs, e)
		}
	}
	return objs
}

// Handles: how a user program names the kernel objects it owns.
//
// A program never holds a kernel pointer. It holds a small integer, an
// index into a table that belongs to its process, and the kernel looks
// every handle up in the caller's own table. A handle that is out of
// range, free, or another process's simply does not resolve: the call
// returns -1, and no program can reach what it was not given.

package userprog

// handleTable maps a process's handles to its kernel objects of one kind.
// A nil entry is a free handle.
type handleTable[T any] struct {
	first   int  // the lowest handle handed out (files start after the console)
	entries []*T // entries[h-first] is the object behind handle h
}

// add stores obj under the lowest free handle and returns the handle.
func (t *handleTable[T]) add(obj *T) int {
	for i, e := range t.entries {
		if e == nil {
			t.entries[i] = obj
			return t.first + i
		}
	}
	t.entries = append(t.entries, obj)
	return t.first + len(t.entries) - 1
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

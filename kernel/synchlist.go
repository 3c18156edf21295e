// Synchronized lists and bounded buffers: monitors built from a lock and
// condition variables.
//
// A monitor is a data structure that does its own synchronization: every
// operation takes the structure's lock, waits on a condition variable
// while it cannot proceed, and signals the condition others may be
// waiting for once it has changed the state. Callers need no locks of
// their own; they just call Append and Remove, or Put and Get.
//
// SynchList is an unbounded FIFO list: Remove waits while the list is
// empty, Append never waits. BoundedBuffer holds at most a fixed number of
// items, so Put also waits while it is full: the producer/consumer
// problem, in which a fast producer must not run arbitrarily far ahead of
// a slow consumer.
//
// Each waits in a loop (for ... { cond.Wait(lock) }), because these are
// Mesa condition variables: by the time a woken thread has the lock back,
// another thread may have taken the item it was woken for.

package kernel

// SynchList is a FIFO list that threads can share: Remove waits for an
// item if the list is empty.
type SynchList[T any] struct {
	lock     *Lock
	nonEmpty *Condition // signalled when an item is appended
	items    queue[T]
}

// NewSynchList returns an empty list; the name appears in its lock's and
// condition's names.
func NewSynchList[T any](k *Kernel, name string) *SynchList[T] {
	return &SynchList[T]{lock: k.NewLock(name + " lock"), nonEmpty: k.NewCondition(name + " not empty")}
}

// Append puts item at the end of the list, and wakes a thread waiting to
// remove one.
func (l *SynchList[T]) Append(item T) {
	l.lock.Acquire()
	l.items.push(item)
	l.nonEmpty.Signal(l.lock)
	l.lock.Release()
}

// Remove waits until the list is not empty, then removes and returns its
// first item.
func (l *SynchList[T]) Remove() T {
	l.lock.Acquire()
	item := takeFirst(&l.items, l.lock, l.nonEmpty)
	l.lock.Release()
	return item
}

// takeFirst waits until items holds something, then removes and returns
// the first item. The caller holds lock, and nonEmpty is signalled
// whenever an item is added.
func takeFirst[T any](items *queue[T], lock *Lock, nonEmpty *Condition) T {
	for items.len() == 0 {
		nonEmpty.Wait(lock)
	}
	item, _ := items.pop()
	return item
}

// BoundedBuffer is a FIFO buffer of fixed capacity that threads can share:
// Put waits while it is full, Get while it is empty.
type BoundedBuffer[T any] struct {
	lock     *Lock
	notFull  *Condition // signalled when an item is taken out
	notEmpty *Condition // signalled when an item is put in
	items    queue[T]
	capacity int
}

// NewBoundedBuffer returns an empty buffer that holds at most capacity
// items (at least one).
func NewBoundedBuffer[T any](k *Kernel, name string, capacity int) *BoundedBuffer[T] {
	return &BoundedBuffer[T]{lock: k.NewLock(name + " lock"), capacity: max(capacity, 1),
		notFull: k.NewCondition(name + " not full"), notEmpty: k.NewCondition(name + " not empty")}
}

// Put waits until the buffer has room, then adds item at the end.
func (b *BoundedBuffer[T]) Put(item T) {
	b.lock.Acquire()
	for b.items.len() == b.capacity {
		b.notFull.Wait(b.lock)
	}
	b.items.push(item)
	b.notEmpty.Signal(b.lock)
	b.lock.Release()
}

// Get waits until the buffer has an item, then removes and returns the
// first one.
func (b *BoundedBuffer[T]) Get() T {
	b.lock.Acquire()
	item := takeFirst(&b.items, b.lock, b.notEmpty)
	b.notFull.Signal(b.lock)
	b.lock.Release()
	return item
}

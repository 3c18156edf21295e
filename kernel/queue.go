// Queues: first come, first served.
//
// Every place a thread can wait keeps a queue of threads: the ready queue,
// each semaphore, lock and condition variable. Threads join at the back
// and leave from the front, which is what makes waiting fair: nobody who
// arrived later is served sooner. A synchronized list is a queue too, of
// whatever its threads pass to one another.
//
// A context switch happens thousands of times a simulated second, so the
// queue must not cost an allocation per item it holds. A Go slice that
// is trimmed from the front (q = q[1:]) forgets the room it leaves behind,
// and the next append soon has to copy everything to a new array. This
// queue keeps its array and the index of its front instead: when the
// queue empties it starts over at the beginning, and when the array is
// full and at least half of it is spent, the items slide down to the
// front. Each item is copied at most a few times, and once the array is
// big enough for the most items ever queued at once, nothing is allocated
// again.

package kernel

// queue is a FIFO queue.
type queue[T any] struct {
	items []T // items[head:] are queued, the first in line at head
	head  int
}

// push puts v at the back of the line.
func (q *queue[T]) push(v T) {
	if len(q.items) == cap(q.items) && q.head > 0 && q.head >= len(q.items)/2 {
		n := copy(q.items, q.items[q.head:])
		clear(q.items[n:])
		q.items, q.head = q.items[:n], 0
	}
	q.items = append(q.items, v)
}

// pop removes and returns the item at the front. With nothing queued it
// returns the zero value (a nil *Thread) and false.
func (q *queue[T]) pop() (T, bool) {
	var zero T
	if q.head == len(q.items) {
		return zero, false
	}
	v := q.items[q.head]
	q.items[q.head] = zero // let the array forget the item
	q.head++
	if q.head == len(q.items) {
		q.items, q.head = q.items[:0], 0
	}
	return v, true
}

// remove takes the first item that match accepts out of the line,
// wherever it stands, and reports whether there was one. (Rare: a thread
// leaves a queue this way only when it is cancelled.)
func (q *queue[T]) remove(match func(T) bool) bool {
	for i, v := range q.items[q.head:] {
		if match(v) {
			var zero T
			n := len(q.items) - 1
			copy(q.items[q.head+i:], q.items[q.head+i+1:])
			q.items[n] = zero // let the array forget the item
			q.items = q.items[:n]
			if q.head == n {
				q.items, q.head = q.items[:0], 0
			}
			return true
		}
	}
	return false
}

// all returns the queued items, first in line first, for reading only.
func (q *queue[T]) all() []T { return q.items[q.head:] }

// len is how many items are queued.
func (q *queue[T]) len() int { return len(q.items) - q.head }

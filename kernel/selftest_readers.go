// Self-test: readers and writers.
//
// A document is shared by readers, who only look at it, and writers, who
// change it. Any number of readers may read at once, since they do not
// disturb one another, but a writer needs the document to itself: no
// other writer, and no reader who could see it half-changed. A plain
// lock would be correct but wasteful, as it would make readers wait for
// each other.
//
// The solution here is a monitor with two condition variables, okToRead
// and okToWrite. It prefers writers: once a writer waits, new readers
// wait too, so that a steady stream of readers cannot keep the writer out
// forever (the price is that writers could starve readers instead).

package kernel

// readWriteLock lets many readers or one writer in.
type readWriteLock struct {
	lock           *Lock
	okToRead       *Condition
	okToWrite      *Condition
	readers        int  // reading now
	writing        bool // a writer is writing now
	waitingWriters int
}

func newReadWriteLock(k *Kernel) *readWriteLock {
	return &readWriteLock{lock: k.NewLock("document"),
		okToRead: k.NewCondition("ok to read"), okToWrite: k.NewCondition("ok to write")}
}

func (rw *readWriteLock) startRead() {
	rw.lock.Acquire()
	for rw.writing || rw.waitingWriters > 0 {
		rw.okToRead.Wait(rw.lock)
	}
	rw.readers++
	rw.lock.Release()
}

func (rw *readWriteLock) endRead() {
	rw.lock.Acquire()
	rw.readers--
	if rw.readers == 0 {
		rw.okToWrite.Signal(rw.lock) // the last reader out lets a writer in
	}
	rw.lock.Release()
}

func (rw *readWriteLock) startWrite() {
	rw.lock.Acquire()
	rw.waitingWriters++
	for rw.writing || rw.readers > 0 {
		rw.okToWrite.Wait(rw.lock)
	}
	rw.waitingWriters--
	rw.writing = true
	rw.lock.Release()
}

func (rw *readWriteLock) endWrite() {
	rw.lock.Acquire()
	rw.writing = false
	if rw.waitingWriters > 0 {
		rw.okToWrite.Signal(rw.lock)
	} else {
		rw.okToRead.Broadcast(rw.lock)
	}
	rw.lock.Release()
}

// ReadersWritersTest has 3 readers read the document 4 times each while 2
// writers update it 3 times each, taking their time about it. A reader
// must see the same version from start to end of its read, no reader may
// read during a write, and no update may be lost.
func ReadersWritersTest(k *Kernel) {
	const readers, reads, writers, writes = 3, 4, 2, 3
	rw := newReadWriteLock(k)
	version := 0
	// Who is in the document, as the threads themselves count it. These
	// probes need no lock: the simulation switches threads only in kernel
	// calls, never in the middle of a Go statement.
	readersIn, writersIn, mostReadersIn := 0, 0, 0
	rs := forkAll(k, "reader", readers, func(r int) {
		for range reads {
			maybeYield(k)
			rw.startRead()
			readersIn++
			mostReadersIn = max(mostReadersIn, readersIn)
			expect(k, writersIn == 0, "reader %d reads while a writer writes", r)
			seen := version
			say(k, "reader %d reads version %d (%d reading)", r, seen, readersIn)
			maybeYield(k)
			expect(k, version == seen, "the document changed from version %d to %d under reader %d", seen, version, r)
			readersIn--
			rw.endRead()
		}
	})
	ws := forkAll(k, "writer", writers, func(w int) {
		for range writes {
			maybeYield(k)
			rw.startWrite()
			writersIn++
			expect(k, writersIn == 1 && readersIn == 0, "writer %d writes with %d writers and %d readers in", w, writersIn, readersIn)
			old := version
			maybeYield(k)
			version = old + 1
			say(k, "writer %d writes version %d", w, version)
			writersIn--
			rw.endWrite()
		}
	})
	joinAll(k, append(rs, ws...))
	expect(k, version == writers*writes, "%d updates made version %d: an update was lost", writers*writes, version)
	say(k, "%d updates, none lost; at most %d readers read at once", version, mostReadersIn)
}

// Self-tests: producers and consumers.
//
// Producers make items and consumers use them, at their own paces, with a
// shared buffer in between. The soda machine is the classic story: the
// delivery people (producers) restock a machine that holds 10 sodas, and
// students (consumers) buy them. A producer must wait while the machine
// is full, a consumer while it is empty, and two threads must never work
// on the machine's slots at the same time.
//
// With semaphores, that takes three: mutex (1) keeps the slots to one
// thread at a time, empty (10) counts the free slots, and full (0) counts
// the sodas. A producer does empty.P, then mutex.P, stores, mutex.V and
// full.V; a consumer the mirror image. The order matters: a producer that
// took mutex before waiting on empty would sleep holding the mutex, and
// no consumer could ever make room.
//
// With a lock and condition variables, the buffer is a monitor
// (BoundedBuffer in synchlist.go), and the threads just call Put and Get.
// An unbounded SynchList is the same with no waiting to put.
//
// Every test passes the same numbered items through its buffer and checks
// that each one came out exactly once.

package kernel

// The shape of the producer/consumer tests: 2 producers make 15 items
// each, and 3 consumers take 10 each, through a buffer of 10 slots.
const (
	itemProducers    = 2
	itemsPerProducer = 15
	itemConsumers    = 3
	itemCount        = itemProducers * itemsPerProducer
	itemsPerConsumer = itemCount / itemConsumers
	sodaMachineSlots = 10
)

// SodaSemaphoresTest runs the soda machine with semaphores.
func SodaSemaphoresTest(k *Kernel) {
	mutex := k.NewSemaphore("mutex", 1)
	empty := k.NewSemaphore("empty", sodaMachineSlots)
	full := k.NewSemaphore("full", 0)
	var slots queue[int]
	put := func(soda int) {
		empty.P()
		mutex.P()
		slots.push(soda)
		expect(k, slots.len() <= sodaMachineSlots, "%d sodas in a machine with %d slots", slots.len(), sodaMachineSlots)
		mutex.V()
		full.V()
	}
	get := func() int {
		full.P()
		mutex.P()
		soda, ok := slots.pop()
		expect(k, ok, "a consumer passed full.P and found the machine empty")
		mutex.V()
		empty.V()
		return soda
	}
	passItems(k, put, get)
}

// SodaMonitorTest runs the soda machine as a BoundedBuffer.
func SodaMonitorTest(k *Kernel) {
	sodas := NewBoundedBuffer[int](k, "soda machine", sodaMachineSlots)
	passItems(k, sodas.Put, sodas.Get)
}

// SynchListTest passes the items through a SynchList.
func SynchListTest(k *Kernel) {
	list := NewSynchList[int](k, "list")
	passItems(k, list.Append, list.Remove)
}

// passItems has the producers put numbered items and the consumers get
// them, then checks that every item was got exactly once.
func passItems(k *Kernel, put func(int), get func() int) {
	got := make([]int, itemCount)
	makers := forkAll(k, "producer", itemProducers, func(p int) {
		for n := range itemsPerProducer {
			item := p*itemsPerProducer + n
			maybeYield(k)
			put(item)
			say(k, "producer %d put item %d", p, item)
		}
	})
	takers := forkAll(k, "consumer", itemConsumers, func(c int) {
		for range itemsPerConsumer {
			maybeYield(k)
			item := get()
			got[item]++
			say(k, "consumer %d got item %d", c, item)
		}
	})
	joinAll(k, append(makers, takers...))
	for item, n := range got {
		expect(k, n == 1, "item %d was got %d times", item, n)
	}
	say(k, "all %d items were got exactly once", itemCount)
}

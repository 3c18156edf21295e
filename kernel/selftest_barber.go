// Self-test: the sleeping barber.
//
// A barber shop has one barber, one barber's chair and a few chairs for
// waiting. With no customers, the barber sleeps. A customer who arrives
// wakes the barber if he sleeps, waits in a free chair if he is busy, and
// leaves at once if every chair is taken.
//
// The trouble is in the hand-offs. A customer who sees the barber busy
// and decides to wait must not miss the moment the barber finishes; a
// barber who sees no one waiting must not fall asleep just as a customer
// sits down. Three semaphores and a counter do it: customers counts the
// customers waiting (the barber sleeps on it), barber says the barber is
// ready for the next one (a waiting customer sleeps on it), and mutex
// guards the count of taken chairs, which decides who stays. A fourth,
// done, lets the customer leave only once the haircut is finished.

package kernel

// SleepingBarberTest sends 10 customers, at random times, to a barber
// with 3 waiting chairs. Every customer must be served or turned away,
// never lost, and the barber must cut exactly the hair of those served.
func SleepingBarberTest(k *Kernel) {
	const chairs, customerCount = 3, 10
	customers := k.NewSemaphore("customers", 0)
	barberReady := k.NewSemaphore("barber", 0)
	done := k.NewSemaphore("haircut done", 0)
	mutex := k.NewSemaphore("mutex", 1)
	waiting, cuts, served, turnedAway, closed := 0, 0, 0, 0, false

	barber := k.Fork("barber", func() {
		for {
			customers.P() // sleep until a customer arrives (or the shop closes)
			mutex.P()
			if closed && waiting == 0 {
				mutex.V()
				say(k, "the barber goes home")
				return
			}
			waiting--
			barberReady.V()
			mutex.V()
			cuts++
			say(k, "the barber cuts hair (haircut %d)", cuts)
			maybeYield(k)
			done.V()
		}
	})
	visitors := forkAll(k, "customer", customerCount, func(c int) {
		for range k.Machine.Random.Intn(4) {
			k.Yield() // arrive some time later
		}
		mutex.P()
		if waiting == chairs {
			mutex.V()
			turnedAway++
			say(k, "customer %d finds every chair taken and leaves", c)
			return
		}
		waiting++
		expect(k, waiting <= chairs, "%d customers wait in %d chairs", waiting, chairs)
		say(k, "customer %d sits down to wait (%d waiting)", c, waiting)
		customers.V()
		mutex.V()
		barberReady.P()
		say(k, "customer %d sits in the barber's chair", c)
		done.P()
		served++
		say(k, "customer %d leaves with a haircut", c)
	})
	joinAll(k, visitors)

	mutex.P()
	closed = true
	mutex.V()
	customers.V() // wake the barber to close the shop
	k.Join(barber)
	expect(k, served+turnedAway == customerCount, "%d served and %d turned away of %d customers", served, turnedAway, customerCount)
	expect(k, cuts == served, "the barber cut %d heads of hair for %d customers served", cuts, served)
	say(k, "%d customers served, %d turned away, %d haircuts", served, turnedAway, cuts)
}

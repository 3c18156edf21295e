// Self-test: a post office, a project 1 style simulation.
//
// Customers come in to buy stamps. Each post office clerk has a line of
// his own; a customer joins the shortest one and waits to be called. At
// the counter the two take turns: the customer pays, the clerk hands
// over the stamps and a receipt, the customer leaves, and only then does
// the clerk call the next customer. A clerk whose line is empty goes on
// break; the manager walks around, calls clerks back from break when
// customers queue for them, empties the clerks' tills into the safe, and
// closes the office when every customer has left.
//
// The synchronization is the kind project 1 asks for:
//
//   - one lock, line, guards every line, every clerk's break and the count
//     of customers who have left; each clerk's line and his break are
//     condition variables used with it;
//   - each clerk's counter is a lock of its own, with a condition variable,
//     turn, on which clerk and customer take turns. The clerk takes his
//     counter before he calls a customer, so he is already waiting on turn
//     when the customer gets there: no signal at the counter is lost.
//
// A clerk holds line while he takes his counter; nobody ever takes line
// while holding a counter, so the two locks are always taken in the same
// order, and lock-order checking (on in this test) stays quiet.
//
// At the end the books must balance: every customer served exactly once,
// the clerks' counts adding up, and the safe holding what the customers
// paid. How many customers and clerks there are, how much each customer
// buys and when each arrives all come from the seed.

package kernel

import "fmt"

const stampPrice = 2 // dollars

// office is the shared state of the post office.
type office struct {
	k      *Kernel
	line   *Lock // guards the lines, the breaks, left and closed
	clerks []*clerk
	left   int  // customers served who have left
	closed bool // the manager has closed the office
}

// clerk is one clerk, his line and his counter.
type clerk struct {
	id      int
	lineLen int        // customers in his line
	lineCV  *Condition // his line waits here to be called, with line
	onBreak bool
	breakCV *Condition // he waits here on his break, with line

	counter  *Lock      // guards everything below
	turn     *Condition // clerk and customer take turns here, with counter
	customer int        // the customer at the counter says who he is
	payment  int        // and pays
	receipt  int        // the clerk's receipt names the customer he served
	served   int        // customers he has served
	till     int        // dollars not yet collected by the manager
}

// OfficeTest runs the post office for a seed-dependent crowd.
func OfficeTest(k *Kernel) {
	k.CheckLockOrder()
	random := k.Machine.Random
	customerCount := 8 + int(random.Intn(13))
	clerkCount := 2 + int(random.Intn(3))
	say(k, "the post office opens with %d clerks; %d customers are coming", clerkCount, customerCount)

	o := &office{k: k, line: k.NewLock("line")}
	for i := range clerkCount {
		o.clerks = append(o.clerks, &clerk{id: i,
			lineCV:  k.NewCondition(fmt.Sprintf("clerk %d's line", i)),
			breakCV: k.NewCondition(fmt.Sprintf("clerk %d's break", i)),
			counter: k.NewLock(fmt.Sprintf("clerk %d's counter", i)),
			turn:    k.NewCondition(fmt.Sprintf("clerk %d's turn", i))})
	}
	served := make([]int, customerCount)
	paid, safe := 0, 0
	staff := forkAll(k, "clerk", clerkCount, func(i int) { o.work(o.clerks[i]) })
	staff = append(staff, k.Fork("manager", func() { safe = o.manage(customerCount) }))
	customers := forkAll(k, "customer", customerCount, func(c int) {
		payment := stampPrice * (1 + int(random.Intn(5)))
		o.visit(c, payment)
		paid += payment
		served[c]++
	})
	joinAll(k, append(customers, staff...))

	for c, n := range served {
		expect(k, n == 1, "customer %d was served %d times", c, n)
	}
	total := 0
	for _, cl := range o.clerks {
		total += cl.served
		expect(k, cl.till == 0, "clerk %d went home with $%d in his till", cl.id, cl.till)
	}
	expect(k, total == customerCount, "the clerks served %d customers of %d", total, customerCount)
	expect(k, safe == paid, "the safe holds $%d, but the customers paid $%d", safe, paid)
	say(k, "the office closes: %d customers served once each, $%d paid, $%d in the safe", customerCount, paid, safe)
}

// visit is a customer's life: wait in line, buy stamps at the counter,
// leave.
func (o *office) visit(c, payment int) {
	k := o.k
	for range k.Machine.Random.Intn(5) {
		k.Yield() // arrive some time later
	}
	o.line.Acquire()
	cl := o.clerks[0]
	for _, other := range o.clerks {
		if other.lineLen < cl.lineLen {
			cl = other
		}
	}
	cl.lineLen++
	say(k, "customer %d gets in line for clerk %d (%d in line)", c, cl.id, cl.lineLen)
	cl.lineCV.Wait(o.line) // until the clerk calls us
	o.line.Release()

	cl.counter.Acquire()
	cl.customer, cl.payment = c, payment
	say(k, "customer %d pays clerk %d $%d", c, cl.id, payment)
	cl.turn.Signal(cl.counter)
	cl.turn.Wait(cl.counter) // for the stamps and the receipt
	expect(k, cl.receipt == c, "customer %d got customer %d's receipt", c, cl.receipt)
	cl.turn.Signal(cl.counter) // we are gone: call the next one
	cl.counter.Release()

	o.line.Acquire()
	o.left++
	o.line.Release()
	say(k, "customer %d leaves with his stamps", c)
}

// work is a clerk's day: serve his line, or take a break when it is
// empty, until the office closes.
func (o *office) work(cl *clerk) {
	k := o.k
	for {
		o.line.Acquire()
		switch {
		case cl.lineLen > 0:
			cl.lineLen--
			cl.counter.Acquire() // be at the counter before the customer
			cl.lineCV.Signal(o.line)
			o.line.Release()
			cl.turn.Wait(cl.counter) // for the payment
			cl.till += cl.payment
			cl.served++
			cl.receipt = cl.customer
			say(k, "clerk %d sells customer %d stamps for $%d", cl.id, cl.customer, cl.payment)
			maybeYield(k) // counting out the stamps
			cl.turn.Signal(cl.counter)
			cl.turn.Wait(cl.counter) // for the customer to leave
			cl.counter.Release()
		case o.closed:
			o.line.Release()
			say(k, "clerk %d goes home, having served %d customers", cl.id, cl.served)
			return
		default:
			cl.onBreak = true
			say(k, "clerk %d goes on break", cl.id)
			cl.breakCV.Wait(o.line)
			cl.onBreak = false
			o.line.Release()
		}
	}
}

// manage is the manager's day: call clerks back from break, collect the
// money, and close the office once all customers have left. It returns
// the money in the safe.
func (o *office) manage(customers int) (safe int) {
	k := o.k
	for {
		o.line.Acquire()
		for _, cl := range o.clerks {
			if cl.onBreak && cl.lineLen > 0 {
				say(k, "the manager calls clerk %d back from break: %d waiting in his line", cl.id, cl.lineLen)
				cl.breakCV.Signal(o.line)
			}
		}
		done := o.left == customers
		if done {
			o.closed = true
			for _, cl := range o.clerks {
				cl.breakCV.Signal(o.line)
			}
			say(k, "the manager closes the office")
		}
		o.line.Release()
		for _, cl := range o.clerks {
			cl.counter.Acquire()
			if cl.till > 0 {
				say(k, "the manager collects $%d from clerk %d", cl.till, cl.id)
				safe += cl.till
				cl.till = 0
			}
			cl.counter.Release()
		}
		if done {
			return safe
		}
		k.Yield()
	}
}

// Priority donation: lending priority through locks, against priority
// inversion.
//
// A priority scheduler promises that the most important ready thread
// runs. Locks can quietly break that promise. Say a thread of low
// priority holds a lock, and a thread of high priority asks for it: High
// must wait until Low releases it, which is fair, since Low got there
// first. But Low releases the lock only when it gets the CPU, and it gets
// the CPU only when nothing more important is ready. If a thread of
// medium priority now computes for a long time, it keeps Low off the CPU,
// so Low keeps the lock, so High waits. In effect Medium, which shares
// nothing with High, outranks it, for as long as Medium cares to run.
// That is priority inversion: a thread waits not for a more important
// one, but for a less important one, and for a time nobody can bound.
//
// The best-known case happened on Mars. In July 1997, a few days after
// landing, the Pathfinder lander began resetting itself. Its real-time
// operating system ran a high-priority task that managed the spacecraft's
// data bus and a low-priority task that published weather measurements;
// both used the bus through one shared mutex. Every so often the weather
// task held the mutex when the bus task needed it, and a long-running
// communications task of medium priority took the CPU from the weather
// task. The bus task then missed its deadline, a watchdog concluded that
// something had gone badly wrong, and it reset the computer, losing the
// day's work. Engineers reproduced the fault on a copy of the lander on
// Earth, then switched on a feature of the mutex that had been left off
// (priority inheritance) by patching the software from millions of
// kilometres away. The resets stopped.
//
// The cure is the one that mutex offered. A thread that must wait for a
// lock lends its priority to the holder: while High waits, Low runs at
// High's priority, so Medium can no longer keep it off the CPU. Low
// finishes its critical section, releases the lock, and at that moment
// loses the loan: it falls back to its own priority, and High, which now
// has the lock, is the most important thread again. High waits only as
// long as Low needs the lock, which is the wait it had to accept anyway.
//
// Two details make the loan right in general:
//
//   - It passes down chains. If Low is itself waiting for a lock that
//     Lower holds, High's priority reaches Lower too, since Lower must
//     run before Low can, and Low before High.
//   - Release takes back only what the released lock brought. A thread
//     holding two locks keeps the priority donated through the other one:
//     its effective priority is always the maximum of its own and those of
//     the threads waiting for the locks it still holds.
//
// Here a thread's effective priority (Thread.EffectivePriority) is kept
// up to date by recomputing it from that rule whenever a lock changes
// hands or a thread starts waiting; the priority policies schedule by it,
// and donation never touches the thread's own (Thread.Priority). Donation
// is off unless Config.PriorityDonation (--donate) is set, as in Nachos,
// so that the inversion can be seen before it is cured.
//
// A lock is still handed to its waiters in the order they came. Under
// donation a kernel might rather hand it to the most important waiter;
// that would change which thread gets a contended lock, which is a
// separate choice from lending priority.

package kernel

import "slices"

// updatePriority recomputes t's effective priority: its own priority, or
// the effective priority of the most important thread waiting for a lock
// t holds, whichever is higher. If it changed while t itself waits for a
// lock, the lock's holder is recomputed in turn, and so on down the chain.
// The walk stops where nothing changes, which also ends it in a deadlock's
// cycle of locks.
func (t *Thread) updatePriority() {
	for t != nil {
		p := t.priority
		for _, l := range t.held {
			for _, w := range l.waiters.all() {
				p = max(p, w.effective)
			}
		}
		if p == t.effective {
			return
		}
		t.effective = p
		l, waiting := t.waitingFor.(*Lock)
		if !waiting {
			return
		}
		t = l.holder
	}
}

// The hooks Lock calls. With donation off they do nothing, and a thread's
// effective priority is its own.

// holds records that t has just taken l. Threads still waiting for l now
// donate to t.
func (k *Kernel) holds(t *Thread, l *Lock) {
	if !k.donation {
		return
	}
	t.held = append(t.held, l)
	t.updatePriority()
}

// donate lends the priority of t, which has just joined l's waiters, to
// l's holder, and down the chain from there.
func (k *Kernel) donate(t *Thread, l *Lock) {
	if !k.donation {
		return
	}
	before := l.holder.effective
	l.holder.updatePriority()
	if l.holder.effective != before {
		k.Debug.Printf('s', "%q lends priority %d to %q, holder of lock %q\n", t, t.effective, l.holder, l)
	}
}

// letGo records that t has released l, and takes back what l's waiters
// lent it.
func (k *Kernel) letGo(t *Thread, l *Lock) {
	if !k.donation {
		return
	}
	t.held = slices.DeleteFunc(t.held, func(h *Lock) bool { return h == l })
	before := t.effective
	t.updatePriority()
	if t.effective != before {
		k.Debug.Printf('s', "%q falls back from priority %d to %d\n", t, before, t.effective)
	}
}

/*
 * dclerk -- the clerks of the distributed office (see doffice.h).
 *
 * CLERKS clerks, as threads: each waits while the line is empty, takes
 * the customer at its head, serves it and wakes it, until every customer
 * has been taken.  Then dclerk checks the books, all kept by the lock
 * server: every customer served exactly once, by a real clerk, and the
 * clerks' counts adding up to the customers.
 *
 * The last line is "dclerk: 6 customers, each served once by one of 2
 * clerks", and the exit status is the number of broken invariants, 0.
 */
#include "doffice.h"

void clerk(void)
{
	int me, c, h, u;

	Acquire(lock);
	me = nextNumber(clerkNumbers);
	for (;;) {
		while (GetMV(head) == GetMV(tail) && GetMV(untaken) > 0)
			Wait(customerWaiting, lock);
		if (GetMV(untaken) == 0)
			break;
		h = GetMV(head);
		c = GetMV(line[h]);
		SetMV(head, h + 1);
		u = GetMV(untaken) - 1;
		SetMV(untaken, u);
		if (u == 0)
			Broadcast(customerWaiting, lock);	/* go home, all */
		Printf("clerk %d serves customer %d\n", me, c, 0);
		SetMV(servedBy[c], me + 1);
		SetMV(timesServed[c], GetMV(timesServed[c]) + 1);
		SetMV(served[me], GetMV(served[me]) + 1);
		Signal(beingServed[c], lock);
		Release(lock);
		dawdle();			/* the paperwork */
		Acquire(lock);
	}
	Printf("clerk %d goes home after %d customers\n", me, GetMV(served[me]), 0);
	Release(lock);
	V(finished);
}

int main(void)
{
	int i, by, total = 0, bad = 0;

	setup();
	for (i = 0; i < CLERKS; i++)
		Fork(clerk);
	for (i = 0; i < CLERKS; i++)
		P(finished);
	Acquire(lock);
	for (i = 0; i < CUSTOMERS; i++) {
		by = GetMV(servedBy[i]);
		if (GetMV(timesServed[i]) != 1 || by < 1 || by > CLERKS) {
			Printf("dclerk: customer %d served %d times, by %d\n", i, GetMV(timesServed[i]), by);
			bad++;
		}
	}
	for (i = 0; i < CLERKS; i++)
		total += GetMV(served[i]);
	Release(lock);
	if (total != CUSTOMERS) {
		Printf("dclerk: the clerks served %d customers, not %d\n", total, CUSTOMERS, 0);
		bad++;
	}
	if (bad == 0)
		Printf("dclerk: %d customers, each served once by one of %d clerks\n", CUSTOMERS, CLERKS, 0);
	return bad;
}

/*
 * dcustomer -- customers of the distributed office (see doffice.h).
 *
 * CUSTOMERS_PER_MACHINE customers, as threads: each takes a number, joins
 * the line, tells the clerks, and waits until a clerk has served it.
 *
 *     nachos cluster "-m 0 --server" "-x test/dclerk --remote 0" \
 *         "-x test/dcustomer --remote 0" "-x test/dcustomer --remote 0" \
 *         "-x test/dcustomer --remote 0"
 *
 * Exits with 0 once its customers have left.
 */
#include "doffice.h"

void customer(void)
{
	int me, t;

	Acquire(lock);
	me = nextNumber(customerNumbers);
	Release(lock);
	dawdle();			/* on the way to the office */
	Acquire(lock);
	t = GetMV(tail);
	SetMV(line[t], me);
	SetMV(tail, t + 1);
	Printf("customer %d joins the line\n", me, 0, 0);
	Signal(customerWaiting, lock);
	while (GetMV(servedBy[me]) == 0)
		Wait(beingServed[me], lock);
	Printf("customer %d leaves, served by clerk %d\n", me, GetMV(servedBy[me]) - 1, 0);
	Release(lock);
	V(finished);
}

int main(void)
{
	int i;

	setup();
	for (i = 0; i < CUSTOMERS_PER_MACHINE; i++)
		Fork(customer);
	for (i = 0; i < CUSTOMERS_PER_MACHINE; i++)
		P(finished);
	return 0;
}

/*
 * office.c -- a simulation with threads: customers, clerks, one line.
 *
 * Five customers and two clerks are threads of this program (Fork).  A
 * customer joins the end of the line, tells the clerks (Signal), and
 * waits on a condition of its own until a clerk has served it.  A clerk
 * waits (Wait) while the line is empty, takes the customer at its head,
 * serves it, and wakes it; when the last customer has been taken, the
 * clerk who took it wakes the others (Broadcast) so they can go home.
 * One lock guards all the shared state, and every Wait sits in a loop
 * that checks its condition again: Mesa semantics.
 *
 * People dawdle: they Yield a random number of times on the way in and
 * while doing the paperwork, so the order of events changes with the
 * seed (-rs SEED, or Random's default seed without it).
 *
 * Threads learn their numbers from monitor variables (GetMV/SetMV, under
 * the lock), and tell main they are finished with a semaphore (V), which
 * main waits on once per thread (P).  Then main checks the invariants:
 * every customer was served exactly once, by a real clerk, in the order
 * they joined the line; the clerks' counts add up to the customers.
 *
 * Expected: every customer and clerk prints its story; which clerk
 * serves whom depends on the seed, and is the same for the same seed.
 * The last line is "office: 5 customers, each served once by one of 2
 * clerks" and the exit status is the number of broken invariants, 0 (or
 * -2 if there is no memory for the threads' stacks).
 */

#include "syscall.h"
#include "officetime.h"

#define CLERKS 2
#define CUSTOMERS 5

int lock;			/* guards everything below */
int customerWaiting;		/* condition: the line is not empty */
int beingServed[CUSTOMERS];	/* condition per customer: you are served */
int customerNumbers, clerkNumbers;	/* monitor variables: next number */
int finished;			/* semaphore: V'd by each thread at its end */

int line[CUSTOMERS];		/* customer numbers, in the order they came */
int head, tail;			/* line[head..tail) are waiting */
int untaken = CUSTOMERS;	/* customers no clerk has taken yet */
int servedBy[CUSTOMERS];	/* the clerk who served customer i, from 1 */
int timesServed[CUSTOMERS];
int served[CLERKS];		/* customers each clerk served */
int serveOrder[CUSTOMERS];	/* customers in the order they were taken */


void customer(void)
{
	int me;

	Acquire(lock);
	me = nextNumber(customerNumbers);
	Release(lock);
	dawdle();			/* on the way to the office */
	Acquire(lock);
	line[tail++] = me;
	Printf("customer %d joins the line\n", me, 0, 0);
	Signal(customerWaiting, lock);
	while (servedBy[me] == 0)
		Wait(beingServed[me], lock);
	Printf("customer %d leaves, served by clerk %d\n", me, servedBy[me] - 1, 0);
	Release(lock);
	V(finished);
}

void clerk(void)
{
	int me, c;

	Acquire(lock);
	me = nextNumber(clerkNumbers);
	for (;;) {
		while (head == tail && untaken > 0)
			Wait(customerWaiting, lock);
		if (untaken == 0)
			break;
		c = line[head++];
		serveOrder[CUSTOMERS - untaken] = c;
		if (--untaken == 0)
			Broadcast(customerWaiting, lock);	/* go home, all */
		Printf("clerk %d serves customer %d\n", me, c, 0);
		servedBy[c] = me + 1;
		timesServed[c]++;
		served[me]++;
		Signal(beingServed[c], lock);
		Release(lock);
		dawdle();			/* the paperwork */
		Acquire(lock);
	}
	Printf("clerk %d goes home after %d customers\n", me, served[me], 0);
	Release(lock);
	V(finished);
}

/* broken counts the invariants that do not hold at the end. */
static int broken(void)
{
	int i, total = 0, bad = 0;

	for (i = 0; i < CUSTOMERS; i++) {
		bad += timesServed[i] != 1;
		bad += servedBy[i] < 1 || servedBy[i] > CLERKS;
		bad += serveOrder[i] != line[i];	/* first come, first served */
	}
	for (i = 0; i < CLERKS; i++)
		total += served[i];
	bad += total != CUSTOMERS;
	bad += head != CUSTOMERS || tail != CUSTOMERS || untaken != 0;
	bad += GetMV(customerNumbers) != CUSTOMERS || GetMV(clerkNumbers) != CLERKS;
	return bad;
}

int main(void)
{
	int i, bad;

	lock = CreateLock("office");
	customerWaiting = CreateCondition("customer waiting");
	for (i = 0; i < CUSTOMERS; i++)
		beingServed[i] = CreateCondition("being served");
	customerNumbers = CreateMV("customer numbers", 0);
	clerkNumbers = CreateMV("clerk numbers", 0);
	finished = CreateSemaphore("finished", 0);

	for (i = 0; i < CLERKS + CUSTOMERS; i++)
		if (Fork(i < CLERKS ? clerk : customer) < 0) {
			Print("office: no memory for a thread's stack; run with more --phys-pages\n");
			return -2;
		}
	for (i = 0; i < CLERKS + CUSTOMERS; i++)
		P(finished);

	bad = broken();
	if (bad == 0)
		Printf("office: %d customers, each served once by one of %d clerks\n",
		       CUSTOMERS, CLERKS, 0);
	else
		Printf("office: %d invariants broken\n", bad, 0, 0);
	return bad;
}

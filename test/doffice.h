/*
 * doffice.h -- the shared state of the distributed office (dclerk.c and
 * dcustomer.c), kept by a lock server (--remote, --servers).
 *
 * The office of office.c, spread over machines: the clerks are threads of
 * dclerk on one machine, the customers threads of dcustomer on others.
 * Everything they share is the lock server's, found by name: one lock, a
 * condition for the line and one per customer, and monitor variables for
 * the line, the counters and the books.  CreateMV's value counts only for
 * the machine that creates the variable first, so every machine may call
 * setup() in any order.
 */
#include "syscall.h"
#include "officetime.h"

#define CLERKS 2
#define CUSTOMERS 6
#define CUSTOMERS_PER_MACHINE 2

int lock;			/* guards everything below */
int customerWaiting;		/* condition: the line is not empty */
int beingServed[CUSTOMERS];	/* condition per customer: you are served */
int customerNumbers, clerkNumbers;	/* next number to hand out */
int line[CUSTOMERS];		/* customer numbers, in the order they came */
int head, tail;			/* line[head..tail) are waiting */
int untaken;			/* customers no clerk has taken yet */
int servedBy[CUSTOMERS];	/* the clerk who served customer i, from 1 */
int timesServed[CUSTOMERS];
int served[CLERKS];		/* customers each clerk served */
int finished;			/* local semaphore: V'd by each thread at its end */

/* named returns prefix followed by the digit i, in buf. */
static char *named(char *buf, const char *prefix, int i)
{
	int n = 0;

	while (prefix[n]) {
		buf[n] = prefix[n];
		n++;
	}
	buf[n++] = '0' + i;
	buf[n] = 0;
	return buf;
}

static void setup(void)
{
	char name[16];
	int i;

	lock = CreateLock("office");
	customerWaiting = CreateCondition("line");
	customerNumbers = CreateMV("customer numbers", 0);
	clerkNumbers = CreateMV("clerk numbers", 0);
	head = CreateMV("head", 0);
	tail = CreateMV("tail", 0);
	untaken = CreateMV("untaken", CUSTOMERS);
	for (i = 0; i < CUSTOMERS; i++) {
		beingServed[i] = CreateCondition(named(name, "served ", i));
		line[i] = CreateMV(named(name, "line ", i), 0);
		servedBy[i] = CreateMV(named(name, "served by ", i), 0);
		timesServed[i] = CreateMV(named(name, "times served ", i), 0);
	}
	for (i = 0; i < CLERKS; i++)
		served[i] = CreateMV(named(name, "clerk served ", i), 0);
	finished = CreateSemaphore("finished", 0);
}


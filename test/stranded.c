/*
 * stranded.c -- threads a program leaves waiting forever.
 *
 * A process's locks and conditions are its own: only its threads can
 * release or signal them.  Here "holder" exits holding the lock "pages",
 * so "latecomer", which Acquires it afterwards, waits forever; "waiter"
 * Waits on the condition "ready", which nobody will ever Signal; and main
 * exits, the last thread that could have done anything about it.
 *
 * The process can never end, and the run ends in a deadlock (exit status
 * 5) whose report says so.  With -d s the kernel also warns as each thread
 * exits:
 *	nachos -d s -x test/stranded
 */

#include "syscall.h"

static int pages, guard, ready;

static void holder(void)
{
	Acquire(pages);
	Exit(0);		/* the bug: Release(pages) is missing */
}

static void waiter(void)
{
	Acquire(guard);
	Wait(ready, guard);	/* nobody ever Signals ready */
	Release(guard);
}

static void latecomer(void)
{
	Acquire(pages);		/* held by holder, which has exited */
	Release(pages);
}

int main(void)
{
	pages = CreateLock("pages");
	guard = CreateLock("guard");
	ready = CreateCondition("ready");
	Fork(holder);
	Fork(waiter);
	Fork(latecomer);
	Yield();		/* let them all run */
	return 0;
}

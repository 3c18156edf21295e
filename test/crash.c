/*
 * crash.c -- a process whose threads are all asleep when one of them
 * faults.
 *
 * main waits on a semaphore that nobody will ever V, a second thread waits
 * on a condition that nobody will ever signal, and a third, once both are
 * asleep, stores through a bad pointer.  The kernel kills the process, and
 * it must end the sleeping threads too: otherwise the process would never
 * end, and a parent joining it (see crashjoin.c) would wait forever.
 * Expected result: an address error at 0x7fff0000; the process is killed.
 */

#include "syscall.h"

int never, lock, condition;

void waitForever(void)
{
	Acquire(lock);
	Wait(condition, lock);
}

void fault(void)
{
	Yield(); /* let the others go to sleep first */
	*(int *)0x7fff0000 = 1;
}

int main(void)
{
	never = CreateSemaphore("never", 0);
	lock = CreateLock("lock");
	condition = CreateCondition("condition");
	Fork(waitForever);
	Fork(fault);
	P(never);
	return 0;
}

/*
 * wokenkill.c -- a process killed just after it woke two of its threads.
 *
 * One thread waits on a condition, another on a semaphore.  main signals
 * the condition (so the first thread, once running, needs the lock that
 * main holds), and does V and then P on the semaphore (so the second
 * thread, once running, finds the count taken back and would sleep
 * again).  Then main faults.  The kernel must end both woken threads, or
 * the process never ends and a parent joining it waits forever; see
 * killjoin.c.
 * Expected result: an address error; the process is killed.
 */

#include "syscall.h"

int lock, condition, semaphore;

void waitOnCondition(void)
{
	Acquire(lock);
	Wait(condition, lock);
	Release(lock);
}

void waitOnSemaphore(void)
{
	P(semaphore);
}

int main(void)
{
	lock = CreateLock("lock");
	condition = CreateCondition("condition");
	semaphore = CreateSemaphore("semaphore", 0);
	Fork(waitOnCondition);
	Fork(waitOnSemaphore);
	Yield(); /* both threads go to sleep */
	Acquire(lock);
	Signal(condition, lock);
	V(semaphore);
	P(semaphore);
	*(volatile int *)0x7fff0000 = 1;
	return 0;
}

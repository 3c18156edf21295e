/*
 * prodcons.c -- producer/consumer with a lock and condition variables.
 *
 * Two producers put the numbers 1..50 each into a bounded buffer of 5
 * slots; two consumers take 50 items each and add them up.  notFull and
 * notEmpty are Mesa conditions: every Wait sits in a loop that checks again.
 * Also checks that misuse is refused: releasing a lock not held, and
 * waiting without holding the lock, return -1.
 *
 * Expected: exits with 2550 (twice 1+...+50), under any -rs seed; with -2
 * if the machine has no memory left for the threads' stacks.
 */

#include "syscall.h"

#define SLOTS 5
#define ITEMS 50

int buffer[SLOTS];
int count, in, out;
int lock, notFull, notEmpty;
int total, finished;

void producer(void)
{
	int i;

	for (i = 1; i <= ITEMS; i++) {
		Acquire(lock);
		while (count == SLOTS)
			Wait(notFull, lock);
		buffer[in] = i;
		in = (in + 1) % SLOTS;
		count++;
		Signal(notEmpty, lock);
		Release(lock);
	}
	Acquire(lock);
	finished++;
	Release(lock);
}

void consumer(void)
{
	int i;

	for (i = 0; i < ITEMS; i++) {
		Acquire(lock);
		while (count == 0)
			Wait(notEmpty, lock);
		total += buffer[out];
		out = (out + 1) % SLOTS;
		count--;
		Signal(notFull, lock);
		Release(lock);
	}
	Acquire(lock);
	finished++;
	Release(lock);
}

int main(void)
{
	lock = CreateLock("buffer");
	notFull = CreateCondition("not full");
	notEmpty = CreateCondition("not empty");
	if (Release(lock) != -1 || Wait(notFull, lock) != -1)
		return -1;			/* misuse must be refused */

	if (Fork(producer) < 0 || Fork(consumer) < 0 ||
	    Fork(producer) < 0 || Fork(consumer) < 0) {
		Print("prodcons: no memory for a thread's stack; run with more --phys-pages\n");
		return -2;
	}
	Acquire(lock);
	while (finished < 4) {
		Release(lock);
		Yield();
		Acquire(lock);
	}
	Release(lock);
	return total;
}

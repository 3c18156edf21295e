/*
 * readkill.c -- a process killed while one thread reads the console and
 * another has just been let in to read after it.
 *
 * reader reads 10 characters.  next waits for its turn at the console,
 * and is let in when reader is done, just before faulter faults.  The
 * kernel must end next before it reads: the rest of the input belongs to
 * whoever reads after this process (see killjoin.c).
 * Expected result: an address error; the process is killed.
 */

#include "syscall.h"

char first[16], second[16];
volatile int done;

void reader(void)
{
	Read(first, 10, ConsoleInput);
	done = 1;
	Yield();
	Yield();
}

void next(void)
{
	Read(second, 10, ConsoleInput);
}

void faulter(void)
{
	while (!done)
		Yield();
	*(volatile int *)0x7fff0000 = 1;
}

int main(void)
{
	Fork(reader);
	Fork(faulter);
	Fork(next);
	P(CreateSemaphore("never", 0));
	return 0;
}

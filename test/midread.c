/*
 * midread.c -- a process killed while one of its threads reads the
 * console.
 *
 * reader asks for 10 characters, which arrive one every 100 ticks; faulter
 * faults long before they are all in.  The kernel must stop the dead
 * process's Read after the character it was waiting for: the rest of the
 * input belongs to whoever reads next (see killjoin.c).
 * Expected result: an address error; the process is killed.
 */

#include "syscall.h"

char line[16];

void reader(void)
{
	Read(line, 10, ConsoleInput);
}

int main(void)
{
	int i;

	Fork(reader);
	for (i = 0; i < 3; i++)
		Yield();
	*(volatile int *)0x7fff0000 = 1;
	return 0;
}

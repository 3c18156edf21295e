/*
 * spin.c -- write a line, then loop forever.
 *
 * Exercises: stopping a runaway program from the host. Under a grader's
 * timeout (or a Ctrl-C), nachos must keep the line already written, say at
 * which tick it stopped, and print the statistics (see "Stopping a run" in
 * the README).
 * Expected result: prints "spinning" and a newline, then never ends.
 */

#include "syscall.h"

int main(void)
{
	volatile int n = 0;

	Write("spinning\n", 9, ConsoleOutput);
	for (;;)
		n++;
	return 0;
}

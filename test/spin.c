/*
 * spin.c -- write a line, then loop forever.
 *
 * Exercises: stopping a runaway program from the host. Under a grader's
 * timeout (or a Ctrl-C), nachos must keep the line already written, say at
 * which tick it stopped, and print the statistics (see "Stopping a run" in
 * the README). Before it loops, spin reads one character from the console
 * (the end of the input will do): nachos writes out its output before it
 * waits for input, so a test that sees the line knows the loop is next.
 * Expected result: prints "spinning" and a newline, then never ends.
 */

#include "syscall.h"

int main(void)
{
	char c;
	volatile int n = 0;

	Write("spinning\n", 9, ConsoleOutput);
	Read(&c, 1, ConsoleInput);
	for (;;)
		n++;
	return 0;
}

/*
 * shell.c -- a command interpreter: read a program name, run it, wait.
 *
 * Prints the prompt "-- " (Nachos's shell prints "--"), reads a line from
 * the console one character at a time, Execs the program it names and Joins
 * it, reporting a non-zero exit status.  "exit" or the end of the input
 * ends the shell.  A program name without a directory is also looked up
 * beside the shell itself, so "halt" runs test/halt.
 *
 * Try: echo halt | nachos -x test/shell
 */

#include "syscall.h"

#define LINE 60

/* readLine reads one line into line, without its newline.  It returns the
 * line's length, or -1 at the end of the input. */
static int readLine(char *line)
{
	int n = 0;
	char c;

	for (;;) {
		if (Read(&c, 1, ConsoleInput) != 1)
			return n > 0 ? n : -1;
		if (c == '\n')
			break;
		if (n < LINE - 1)
			line[n++] = c;
	}
	line[n] = '\0';
	return n;
}

static int same(char *a, char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int main(void)
{
	char line[LINE];
	int n, status;
	SpaceId child;

	for (;;) {
		Write("-- ", 3, ConsoleOutput);
		n = readLine(line);
		if (n < 0 || same(line, "exit"))
			break;
		if (n == 0)
			continue;
		child = Exec(line);
		if (child < 0) {
			Printf("%s: cannot run it\n", (int)line, 0, 0);
			continue;
		}
		status = Join(child);
		if (status != 0)
			Printf("%s: exit status %d\n", (int)line, status, 0);
	}
	Write("\n", 1, ConsoleOutput);
	return 0;
}

/*
 * echo.c -- copy one line from the keyboard back to the display.
 *
 * Exercises: Read on ConsoleInput one character at a time, Write on
 * ConsoleOutput, and the end of input (Read returns 0 when there is
 * nothing more to read).
 * Expected result: the characters typed, up to and including the first
 * newline, are written back unchanged; the exit status is how many
 * characters were read.  For the input "hi\n" the output is "hi\n" and the
 * exit status 3; for empty input nothing is written and the status is 0.
 */

#include "syscall.h"

int main(void)
{
	char c;
	int count = 0;

	while (Read(&c, 1, ConsoleInput) == 1) {
		Write(&c, 1, ConsoleOutput);
		count++;
		if (c == '\n')
			break;
	}
	return count;
}

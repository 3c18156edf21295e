/*
 * hello.c -- write a line to the console.
 *
 * Exercises: the Write system call on ConsoleOutput; a pointer into the
 * program's read-only data (the string), which the kernel must translate
 * before it can read the bytes; and returning from main, which start.S
 * turns into Exit.
 * Expected result: prints "Hello, world!" and a newline; exit status 0.
 */

#include "syscall.h"

int main(void)
{
	Write("Hello, world!\n", 14, ConsoleOutput);
	return 0;
}

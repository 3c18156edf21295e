/*
 * shell34.c -- a shell that behaves like Nachos 3.4's test/shell.
 *
 * It prints the prompt "--", reads a line one character at a time with
 * Read on ConsoleInput, then Execs the line and Joins the child, forever.
 * Like the original, it does not notice the end of the input: Read then
 * returns 0 without storing anything, and the loop runs on until the
 * program reads beyond its memory and the kernel kills it.  It is here to
 * show that programs written for Nachos 3.4 run unchanged.
 *
 * Try: echo halt | nachos -x test/shell34
 */

#include "syscall.h"

int main(void)
{
	char prompt[2], line[60];
	int n;

	prompt[0] = '-';
	prompt[1] = '-';
	for (;;) {
		Write(prompt, 2, ConsoleOutput);
		n = 0;
		do {
			Read(&line[n], 1, ConsoleInput);
		} while (line[n++] != '\n');
		line[--n] = '\0';
		if (n > 0)
			Join(Exec(line));
	}
}

/*
 * readonly.c -- a program that writes into its own code.
 *
 * Code pages are read-only, so the store raises ReadOnlyException and the
 * kernel kills the program, saying which address it tried to write.
 *
 * Expected: killed with "read-only page ... bad address <main's address>".
 */

#include "syscall.h"

int main(void)
{
	*(volatile int *)main = 0;
	return 0;
}

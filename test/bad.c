/*
 * bad.c -- a program that reads from an address it must not touch.
 *
 * 0x7ffffff1 is wrong twice over: it is far above the end of any address
 * space the kernel builds, and it is not a multiple of 4, so a word load
 * from it is misaligned.  The CPU raises an AddressErrorException on the
 * lw (BadVAddr = 0x7ffffff1), and the kernel must report the error and end
 * the program instead of crashing the simulator.
 * Expected result: an address error at 0x7ffffff1; no normal exit.
 */

#include "syscall.h"

int main(void)
{
	/* The address goes through a volatile variable so the compiler
	   cannot see that it is misaligned: seeing the constant, gcc would
	   split the load into an lwl/lwr pair, the instructions meant for
	   reading unaligned data, and there would be no alignment error. */
	int *volatile address = (int *)0x7ffffff1;

	return *address;
}

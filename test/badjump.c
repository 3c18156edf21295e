/*
 * badjump.c -- a program that calls a function through a bad pointer.
 *
 * 0x43 is not a multiple of 4, so no instruction can start there: fetching
 * from it raises an AddressErrorException with the PC itself as the bad
 * address, and the kernel must say that the program jumped somewhere wrong.
 * Expected result: an address error at pc 0x00000043; no normal exit.
 */

#include "syscall.h"

int main(void)
{
	/* volatile, so that gcc cannot see the address and refuse the call */
	void (*volatile function)(void) = (void (*)(void))0x43;

	function();
	return 0;
}

/*
 * swapfill.c -- writes more memory than the swap can hold.
 *
 * It writes one byte in every 128-byte page of a 256 KiB array: 2048
 * pages.  Under --vm every page is dirty when evicted and needs a swap
 * slot.  With --swap 1024 the kernel refuses to load it (its pages would
 * not fit in memory and swap); with --swap 1024 --overcommit it loads it,
 * runs out of swap and kills it with "out of swap space" (exit status 1).
 * With the default swap it exits with 2048.
 */

#include "syscall.h"

#define SIZE (256 * 1024)
#define PAGE 128

char big[SIZE];

int main(void)
{
	int i, n = 0;

	for (i = 0; i < SIZE; i += PAGE)
		big[i] = 1;
	for (i = 0; i < SIZE; i += PAGE)
		n += big[i];
	return n;
}

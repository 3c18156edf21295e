/*
 * sparse.c -- a large array of which only a few pages are touched.
 *
 * The array is 1 MiB of .bss, far more than the default machine's 16 KiB
 * of memory. Without demand paging it cannot even be loaded; with it
 * (--vm), only the pages touched get frames, so it runs in a handful.
 * It writes one word in each of 8 pages 128 KiB apart, then reads them
 * back.  Expected: exit status 8 * 9 / 2 = 36.
 */

#include "syscall.h"

#define SIZE (1 << 20)
#define STRIDE (SIZE / 8)

char big[SIZE];

int main(void)
{
	int i, sum = 0;

	for (i = 0; i < 8; i++)
		*(int *)&big[i * STRIDE] = i + 1;
	for (i = 0; i < 8; i++)
		sum += *(int *)&big[i * STRIDE];
	return sum;
}

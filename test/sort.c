/*
 * sort.c -- bubble-sort 1024 integers: a long-running, memory-heavy test.
 *
 * The array starts in exactly the wrong order (1023, 1022, ..., 0), which is
 * bubble sort's worst case: about half a million compare-and-swap steps,
 * several million instructions in all.  It makes a good test of timer
 * interrupts, time slicing and paging.
 *
 * Expected result: exit status 0 when the array ends up sorted
 * (A[i] == i for every i), 1 if it does not.
 */

#include "syscall.h"

#define N 1024

int A[N];

int main(void)
{
	int i, j, tmp;

	for (i = 0; i < N; i++)
		A[i] = N - 1 - i;

	for (i = 0; i < N - 1; i++)
		for (j = 0; j < N - 1 - i; j++)
			if (A[j] > A[j + 1]) {
				tmp = A[j];
				A[j] = A[j + 1];
				A[j + 1] = tmp;
			}

	for (i = 0; i < N; i++)
		if (A[i] != i)
			return 1;
	return 0;
}

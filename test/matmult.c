/*
 * matmult.c -- multiply two 20x20 matrices: a test of memory, not of I/O.
 *
 * The three matrices are globals, 3 * 20 * 20 * 4 = 4800 bytes of .bss, so
 * the program touches more than one page of memory; with virtual memory and
 * a small physical memory it makes a good paging test.
 *
 * A[i][j] = i and B[i][j] = j, so C[i][j] = sum over k of i * j = 20 * i * j.
 * Expected result: exit status C[19][19] = 20 * 19 * 19 = 7220.
 */

#include "syscall.h"

#define Dim 20

int A[Dim][Dim];
int B[Dim][Dim];
int C[Dim][Dim];

int main(void)
{
	int i, j, k;

	for (i = 0; i < Dim; i++)
		for (j = 0; j < Dim; j++) {
			A[i][j] = i;
			B[i][j] = j;
			C[i][j] = 0;
		}

	for (i = 0; i < Dim; i++)
		for (j = 0; j < Dim; j++)
			for (k = 0; k < Dim; k++)
				C[i][j] += A[i][k] * B[k][j];

	Exit(C[Dim - 1][Dim - 1]);
}

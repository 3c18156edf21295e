/*
 * multi.c -- multiprogramming: two matmults and two sorts at once.
 *
 * Starts matmult, sort, matmult and sort as four child processes before
 * waiting for any of them, so all four are in memory together, then
 * Joins them in order.  Without -rs there is no timer, and each child
 * runs until it ends or blocks; under -rs the timer makes them take
 * turns on the CPU.  Each child has its own address
 * space: if their memory got mixed up, the products and the sorted arrays
 * would come out wrong.
 *
 * Memory: a matmult needs 53 pages and a sort 46, about 210 pages in all
 * with this program; run it with --phys-pages 256.
 *
 * Expected: "multi: matmult exited with 7220", "multi: sort exited with
 * 0", twice each in that order, under any -rs seed; exits with the
 * number of children that could not start or ended wrongly (0).
 */

#include "syscall.h"

#define CHILDREN 4

static char *programs[CHILDREN] = { "matmult", "sort", "matmult", "sort" };
static int expected[CHILDREN] = { 7220, 0, 7220, 0 };

int main(void)
{
	SpaceId ids[CHILDREN];
	int i, status, wrong = 0;

	for (i = 0; i < CHILDREN; i++)
		ids[i] = Exec(programs[i]);
	for (i = 0; i < CHILDREN; i++) {
		if (ids[i] < 0) {
			Printf("multi: %s could not start (not enough memory?)\n",
			       (int)programs[i], 0, 0);
			wrong++;
			continue;
		}
		status = Join(ids[i]);
		Printf("multi: %s exited with %d\n", (int)programs[i], status, 0);
		wrong += status != expected[i];
	}
	return wrong;
}

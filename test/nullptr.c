/*
 * nullptr.c -- following a null pointer off the end of a linked list.
 *
 * The loop adds up the value of the node *after* each node, so at the last
 * node next_value follows that node's next pointer, which is NULL, and
 * reads NULL->value: address 4, the offset of value in struct node.  The program
 * is linked above a guard (see script.ld), so address 4 is not mapped and
 * the load faults instead of quietly reading an instruction word.
 * Expected result: killed with "null pointer dereference: load from
 * 0x00000004"; no normal exit.
 */

#include "syscall.h"

struct node {
	struct node *next;
	int value;
};

struct node third = {0, 3};
struct node second = {&third, 2};
struct node first = {&second, 1};

/* noinline: inlined into the loop, where gcc can see the whole list, the
   null dereference would let it compile the loop into anything at all */
__attribute__((noinline)) int next_value(struct node *p)
{
	return p->next->value;	/* the bug: p->next may be NULL */
}

int main(void)
{
	struct node *p;
	int sum = first.value;

	for (p = &first; p != 0; p = p->next)
		sum += next_value(p);
	return sum;
}

/*
 * nullcall.c -- calling a function through a NULL function pointer.
 *
 * A callback that was never set is NULL, and calling it jumps to address
 * 0.  The program is linked above a guard (see script.ld), so fetching the
 * instruction there faults, with the PC itself as the bad address, and the
 * kernel reports a null pointer dereference: a jump to 0x00000000.
 * Expected result: killed with "null pointer dereference: jump to
 * 0x00000000"; no normal exit.
 */

#include "syscall.h"

struct button {
	int pressed;
	void (*on_press)(void);	/* never set */
};

struct button ok;

int main(void)
{
	ok.pressed = 1;
	ok.on_press();	/* the bug: on_press is NULL */
	return 0;
}

/*
 * divzero.c -- divides by zero, as C code sometimes does by mistake.
 *
 * The MIPS divide instruction itself never traps: it leaves an undefined
 * result.  So gcc follows every division by a check that the divisor is
 * not zero, and a "break 7" (a "teq ...,7" on MIPS II and later) that
 * traps when it is; 7 is the code that says "division by zero".  The
 * kernel reports it as one and kills the program.
 *
 * Expected: killed with "division by zero".
 */

#include "syscall.h"

/* zero is a variable, so that gcc cannot see the division by zero coming
   and refuse to compile it, or replace it with a trap of its own. */
int zero;

int main(void)
{
	return 100 / zero;
}

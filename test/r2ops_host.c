/*
 * r2ops_host.c -- runs r2ops.c on the computer you are sitting at.
 *
 * r2ops is a MIPS program, but its arithmetic is plain C with a single
 * answer, so any C compiler must reach the same checksum.  `make
 * check-r2ops` builds this file with the host's cc, prints r2ops' main
 * result, and compares it with r2ops.expect: the number the simulator must
 * report as r2ops' exit status.
 */

#include <stdio.h>

#define main r2ops_main
#include "r2ops.c"
#undef main

int main(void)
{
	printf("%d\n", r2ops_main());
	return 0;
}

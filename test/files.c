/*
 * files.c -- Create, Open, Write, Read, Close and Remove, and Printf.
 *
 * Writes a line into a new file, reads it back and prints it, checks that a
 * closed file id and names outside the sandbox (--fs-root) are refused, and
 * removes the file.
 *
 * Expected: prints "stored text" and "pid 1, printf works, ff%", exits 0.
 * Another exit value names the check that failed.
 */

#include "syscall.h"

int main(void)
{
	char buf[32];
	int fd, n;

	Create("nachos-test.txt");
	fd = Open("nachos-test.txt");
	if (fd < 2)
		return 1;
	Write("stored text\n", 12, fd);
	Close(fd);

	fd = Open("nachos-test.txt");
	n = Read(buf, sizeof buf, fd);
	if (n != 12)
		return 2;
	Write(buf, n, ConsoleOutput);
	Close(fd);
	if (Read(buf, 1, fd) != -1)
		return 3;			/* the file is closed */

	if (Open("../escape") != -1 || Open("/etc/passwd") != -1)
		return 4;			/* outside the sandbox */
	if (Remove("nachos-test.txt") != 0 || Open("nachos-test.txt") != -1)
		return 5;

	Printf("pid %d, %s, %x%%\n", GetPid(), (int)"printf works", 255);
	return 0;
}

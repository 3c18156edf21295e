/*
 * readtop.c -- Read into a buffer near the top of the stack, as a program
 * from a historical course does.
 *
 * main's buffer is a local array, a few dozen bytes below the top of the
 * address space (the argument area __start leaves, and main's saved
 * registers, lie above it).  The program asks for 100 bytes from a file that
 * holds 16: only the 16 bytes that arrive must be writable, and the kernel
 * must return 16 (Linux and Nachos do; a kernel that checks the whole
 * 100-byte buffer first returns -1).
 *
 * Then it reads 100 bytes of a 100-byte file into the same buffer: the
 * kernel fills what fits below the top, returns that count, and leaves
 * the rest of the file for the next Read.  That Read overwrites main's
 * saved registers above the buffer, so main never returns: it calls Exit.
 * Last, it reads 100 characters of the console the same way.
 *
 * Run it with an empty directory for its files, and with input that
 * starts as the 100-byte file does, at least 72 characters of it:
 *	printf 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 |
 *	nachos --fs-root DIR -x test/readtop
 * Expected: "readtop: ... ok" lines; exits with 0.
 */

#include "syscall.h"

static char sixteen[] = "sixteen bytes..\n";
static char hundred[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			"0123456789abcdefghijklmnopqrstuvwxyzAB";

/* makeFile creates name holding the n bytes at text, and opens it. */
static int makeFile(char *name, char *text, int n)
{
	int fd;

	Create(name);
	fd = Open(name);
	Write(text, n, fd);
	Close(fd);
	return Open(name);
}

static int same(char *a, char *b, int n)
{
	while (n-- > 0)
		if (*a++ != *b++)
			return 0;
	return 1;
}

int main(void)
{
	char buf[16];
	int fd, n, room, failed = 0;

	fd = makeFile("readtop.16", sixteen, 16);
	n = Read(buf, 100, fd);
	if (n == 16 && same(buf, sixteen, 16))
		Print("readtop: Read(buf, 100) of a 16-byte file near the top of the stack: 16: ok\n");
	else {
		Printf("readtop: Read(buf, 100) of a 16-byte file: FAILED, got %d\n", n, 0, 0);
		failed++;
	}
	Close(fd);
	Remove("readtop.16");

	/* Everything below runs with main's saved registers overwritten. */
	fd = makeFile("readtop.100", hundred, 100);
	room = Read(buf, 100, fd);
	if (room > 16 && room < 100 && same(buf, hundred, room))
		Printf("readtop: Read(buf, 100) of a 100-byte file fills the %d bytes up to the top: ok\n", room, 0, 0);
	else {
		Printf("readtop: Read(buf, 100) of a 100-byte file: FAILED, got %d\n", room, 0, 0);
		failed++;
	}
	n = Read(buf, 16, fd);
	if (n == 16 && same(buf, hundred + room, 16))
		Print("readtop: the next Read goes on where the short one stopped: ok\n");
	else {
		Printf("readtop: the next Read: FAILED, got %d\n", n, 0, 0);
		failed++;
	}
	Close(fd);
	Remove("readtop.100");

	/* The console the same way: a short Read leaves the rest of the
	   input for the next one. */
	fd = Read(buf, 100, ConsoleInput);
	n = Read(buf, 16, ConsoleInput);
	if (fd == room && n == 16 && same(buf, hundred + room, 16))
		Printf("readtop: Read(buf, 100) of the console takes %d characters and leaves the rest: ok\n", room, 0, 0);
	else {
		Printf("readtop: Read(buf, 100) of the console: FAILED, got %d then %d\n", fd, n, 0);
		failed++;
	}
	Exit(failed);
	return failed;
}

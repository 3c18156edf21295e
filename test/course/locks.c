/*
 * course/locks.c -- a program built for another course's system calls
 * (course/syscall.h): different codes, names passed with their lengths,
 * locks and condition variables named rather than numbered.
 *
 * Two threads each add 1 to a counter under the lock "counter" and signal
 * the condition "ready"; main waits on "ready" until both have.  It also
 * writes and reads back a file named with its length, and makes a call
 * nachos does not have, which must return -1.
 *
 *	nachos --abi test/course/course.yaml --fs-root DIR -x test/course/locks
 *
 * Expected: "course: ... ok" lines; exits with 0.
 */

#include "syscall.h"

static int counter, failed;

static void check(char *what, int ok)
{
	PrintString("course: ");
	PrintString(what);
	PrintString(ok ? ": ok\n" : ": FAILED\n");
	if (!ok)
		failed++;
}

static void worker(void)
{
	AcquireLock("counter", 7);
	counter++;
	SignalCV("ready", 5, "counter", 7);
	ReleaseLock("counter", 7);
	Exit(0);
}

int main(void)
{
	char buf[8];
	int fd;

	check("Create a file named with its length",
	      Create("course.tmpXX", 10) == 0);
	fd = Open("course.tmp", 10);
	check("Open it, Write and Read back", fd >= 2 && Write("abc", 3, fd) == 3 &&
	      Close(fd) == 0 && (fd = Open("course.tmp", 10)) >= 2 &&
	      Read(buf, 8, fd) == 3 && buf[0] == 'a' && buf[2] == 'c');
	Close(fd);
	check("Remove it", Remove("course.tmp", 10) == 0);

	check("CreateLock and CreateCV by name",
	      CreateLock("counter", 7) >= 0 && CreateCV("ready", 5) >= 0);
	check("AcquireLock of a lock that does not exist", AcquireLock("nothing", 7) == -1);
	AcquireLock("counter", 7);
	Fork(worker);
	Fork(worker);
	while (counter < 2)
		WaitCV("ready", 5, "counter", 7);
	ReleaseLock("counter", 7);
	check("two workers counted under the lock, signalling by name", counter == 2);
	check("DestroyLock and DestroyCV by name",
	      DestroyCV("ready", 5) == 0 && DestroyLock("counter", 7) == 0);
	check("a call nachos does not have returns -1", NetSend(1, "hi", 2) == -1);
	return failed;
}

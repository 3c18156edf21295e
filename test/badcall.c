/*
 * badcall.c -- every system call, fed bad arguments.
 *
 * A kernel must not trust anything a user program passes it: a pointer
 * may be null, point outside the program's memory, into the kernel's
 * half of the address space, or into read-only code; a string may run
 * off the end of memory without a NUL; a length may be negative or huge;
 * a handle may never have been handed out, belong to another process, or
 * have been destroyed.  For each, the call must fail cleanly with -1, and
 * the program (and the kernel) must carry on.
 *
 * Each check prints one line, "badcall: CALL WHAT: ok", or "FAILED" with
 * the result it got.  Where a call legitimately succeeds on an odd
 * argument (a zero length, Write from code, CreateLock(0)), the check
 * says so.  The last section shows that after all this the kernel still
 * works: files, locks, a child process.
 *
 * The kernel prints one line on stderr for each unknown system call code
 * badcall tries ("unknown system call 36 ...").  badcall is big (all
 * those messages) and runs a child, prodcons, so give it memory:
 *	nachos --phys-pages 256 --fs-root DIR -x test/badcall
 * where DIR is an empty directory; badcall creates and removes the file
 * badcall.tmp there.
 *
 * Expected: only "ok" lines, then "badcall: N checks, 0 failed"; the exit
 * status is the number of failed checks, 0.
 */

#include "lib/nachos.h"

/* Addresses no program owns: far beyond any address space, and the
 * upper half that a MIPS kernel keeps for itself.  NULL is bad too, even
 * though address 0 is mapped here (it holds __start): no correct program
 * passes a null pointer to the kernel. */
#define UNMAPPED ((char *)0x00400000)
#define KERNEL ((char *)0x80000000)
#define HUGE 0x7fffffff
#define MOST_NEGATIVE (-2147483647 - 1)
#define SCRATCH "badcall.tmp"

static int checks, failed;

/* end is the first address past this program's memory (found by
 * findEnd); unterminated is 16 bytes of 'x' that end right there. */
static char *end, *unterminated;

/* A name longer than the kernel's 255-character limit. */
static char longName[300];

/* Two instructions, "jr $31; nop", as data.  Fork must refuse to start a
 * thread in data; if a kernel let it, the thread would return at once. */
static unsigned returnAtOnce[2] = { 0x03e00008, 0 };

/* Set before Fork(0): address 0 is __start, so a kernel that let Fork(0)
 * through would run main again in the new thread; main ends such a
 * thread at once. */
static int forkedNull;

static int lock, otherLock, cond, sem, waiting;

static void expect(const char *what, int got, int want)
{
	checks++;
	if (got == want) {
		printf("badcall: %s: ok\n", what);
		return;
	}
	failed++;
	printf("badcall: %s: FAILED, got %d, want %d\n", what, got, want);
}

/* expectTrue is for the checks whose good result is not a single value. */
static void expectTrue(const char *what, int ok)
{
	expect(what, ok, 1);
}

/* rawSyscall makes system call code, which has no stub in start.S. */
static int rawSyscall(int code)
{
	register int v0 __asm__("$2") = code;

	__asm__ volatile("syscall" : "+r"(v0) : : "memory");
	return v0;
}

/*
 * findEnd finds the end of this program's memory, starting from a stack
 * address near the top.  Reading a byte of an empty file into an address
 * returns 0 (nothing read) when the address could have been written, and
 * -1 when it could not; so step up byte by byte until the kernel says no.
 */
static char *findEnd(char *p)
{
	int fd;

	Create(SCRATCH);
	fd = Open(SCRATCH);
	while (Read(p, 1, fd) == 0)
		p++;
	Close(fd);
	return p;
}

static void processCalls(void)
{
	expect("Exec null", Exec(NULL), -1);
	expect("Exec unmapped name", Exec(UNMAPPED), -1);
	expect("Exec kernel-space name", Exec(KERNEL), -1);
	expect("Exec unterminated name", Exec(unterminated), -1);
	expect("Exec name too long", Exec(longName), -1);
	expect("Exec empty name", Exec(""), -1);
	expect("Exec missing file", Exec("no-such-program"), -1);
	expect("Exec a directory", Exec("test"), -1);
	expect("Exec a C source file", Exec("badcall.c"), -1);
	expect("Exec garbage name", Exec("\x01\x7f\xff garbage"), -1);

	expect("Join itself", Join(GetPid()), -1);
	expect("Join pid 0", Join(0), -1);
	expect("Join pid -1", Join(-1), -1);
	expect("Join huge pid", Join(HUGE), -1);
}

/* forkCalls comes after every check that uses end: a Fork the kernel
 * accepts puts the new thread's stack above the old end of memory. */
static void forkCalls(void)
{
	expect("Fork unmapped", Fork((void (*)(void))UNMAPPED), -1);
	expect("Fork kernel space", Fork((void (*)(void))KERNEL), -1);
	expect("Fork unaligned", Fork((void (*)(void))((char *)forkCalls + 2)), -1);
	expect("Fork into data", Fork((void (*)(void))returnAtOnce), -1);
	forkedNull = 1;
	expect("Fork null", Fork(NULL), -1);
}

static void nameCalls(void)
{
	expect("Create null", Create(NULL), -1);
	expect("Create unmapped name", Create(UNMAPPED), -1);
	expect("Create kernel-space name", Create(KERNEL), -1);
	expect("Create unterminated name", Create(unterminated), -1);
	expect("Create name too long", Create(longName), -1);
	expect("Create empty name", Create(""), -1);
	expect("Create outside the sandbox", Create("../badcall.tmp"), -1);
	expect("Create absolute path", Create("/tmp/badcall.tmp"), -1);

	expect("Open null", Open(NULL), -1);
	expect("Open unmapped name", Open(UNMAPPED), -1);
	expect("Open kernel-space name", Open(KERNEL), -1);
	expect("Open unterminated name", Open(unterminated), -1);
	expect("Open name too long", Open(longName), -1);
	expect("Open empty name", Open(""), -1);
	expect("Open missing file", Open("no-such-file"), -1);
	expect("Open a directory", Open("."), -1);
	expect("Open outside the sandbox", Open("../badcall.tmp"), -1);

	expect("Remove null", Remove(NULL), -1);
	expect("Remove unmapped name", Remove(UNMAPPED), -1);
	expect("Remove unterminated name", Remove(unterminated), -1);
	expect("Remove missing file", Remove("no-such-file"), -1);
	expect("Remove empty name", Remove(""), -1);
	expect("Remove outside the sandbox", Remove("../badcall.tmp"), -1);
}

static void readWriteCalls(void)
{
	char buf[16];
	int fd, closed;

	Create(SCRATCH);
	fd = Open(SCRATCH);
	Write("0123456789", 10, fd);
	Close(fd);
	fd = Open(SCRATCH);

	expect("Read null", Read(NULL, 4, fd), -1);
	expect("Read into code", Read((char *)expect, 4, fd), -1);
	expect("Read into unmapped memory", Read(UNMAPPED, 4, fd), -1);
	expect("Read into kernel space", Read(KERNEL, 4, fd), -1);
	expect("Read past the end of memory", Read(end, 4, fd), -1);
	expect("Read negative length", Read(buf, -1, fd), -1);
	expect("Read most negative length", Read(buf, MOST_NEGATIVE, fd), -1);
	expect("Read huge length", Read(buf, HUGE, fd), -1);
	expect("Read file id -1", Read(buf, 4, -1), -1);
	expect("Read unopened file id", Read(buf, 4, 99), -1);
	expect("Read huge file id", Read(buf, 4, HUGE), -1);
	expect("Read from ConsoleOutput", Read(buf, 4, ConsoleOutput), -1);
	expect("Read from the console into code", Read((char *)expect, 4, ConsoleInput), -1);
	expect("Read zero bytes (allowed)", Read(buf, 0, fd), 0);
	expectTrue("Read after the failures reads from the start",
		   Read(buf, 4, fd) == 4 && memcmp(buf, "0123", 4) == 0);
	expectTrue("Read into the last 2 bytes of memory reads those 2 (allowed)",
		   Read(end - 2, 4, fd) == 2 && memcmp(end - 2, "45", 2) == 0);
	expectTrue("Read on from where the short Read stopped",
		   Read(buf, 4, fd) == 4 && memcmp(buf, "6789", 4) == 0);
	Close(fd);

	Create(SCRATCH);		/* empty again, for the Writes */
	fd = Open(SCRATCH);

	expect("Write null", Write(NULL, 4, fd), -1);
	expect("Write from unmapped memory", Write(UNMAPPED, 4, fd), -1);
	expect("Write from kernel space", Write(KERNEL, 4, fd), -1);
	expect("Write past the end of memory", Write(end, 4, fd), -1);
	expect("Write the last 2 bytes of memory writes those 2 (allowed)", Write(end - 2, 4, fd), 2);
	expect("Write negative length", Write(buf, -1, fd), -1);
	expect("Write most negative length", Write(buf, MOST_NEGATIVE, fd), -1);
	expect("Write huge length", Write(buf, HUGE, fd), -1);
	expect("Write file id -1", Write(buf, 4, -1), -1);
	expect("Write unopened file id", Write(buf, 4, 99), -1);
	expect("Write to ConsoleInput", Write(buf, 4, ConsoleInput), -1);
	expect("Write zero bytes (allowed)", Write(buf, 0, fd), 0);
	expect("Write from code (allowed)", Write((char *)expect, 4, fd), 4);
	expect("Write from an unaligned buffer (allowed)", Write(buf + 1, 3, fd), 3);

	expect("Close file id -1", Close(-1), -1);
	expect("Close unopened file id", Close(99), -1);
	expect("Close ConsoleInput", Close(ConsoleInput), -1);
	expect("Close ConsoleOutput", Close(ConsoleOutput), -1);
	closed = fd;
	expect("Close an open file (allowed)", Close(fd), 0);
	expect("Close it again", Close(closed), -1);
	expect("Read a closed file", Read(buf, 4, closed), -1);
	expect("Write a closed file", Write(buf, 4, closed), -1);

	fd = Open(SCRATCH);
	expectTrue("the file holds only what the good Writes wrote",
		   Read(buf, sizeof buf, fd) == 9 && memcmp(buf, "45", 2) == 0 &&
		   memcmp(buf + 2, (char *)expect, 4) == 0 && memcmp(buf + 6, "789", 3) == 0);
	Close(fd);
}

static void printCalls(void)
{
	expect("Print null", Print(NULL), -1);
	expect("Print unmapped", Print(UNMAPPED), -1);
	expect("Print kernel space", Print(KERNEL), -1);
	expect("Print unterminated", Print(unterminated), -1);
	expect("Print empty string (allowed)", Print(""), 0);

	expect("Printf null format", Printf(NULL, 1, 2, 3), -1);
	expect("Printf unmapped format", Printf(UNMAPPED, 1, 2, 3), -1);
	expect("Printf unterminated format", Printf(unterminated, 1, 2, 3), -1);
	expect("Printf %s of unmapped", Printf("%s\n", (int)UNMAPPED, 0, 0), -1);
	expect("Printf %s of kernel space", Printf("%s\n", (int)KERNEL, 0, 0), -1);
	expect("Printf %s of unterminated", Printf("%s\n", (int)unterminated, 0, 0), -1);
	expect("Printf %s of null", Printf("%s\n", 0, 0, 0), -1);
	expect("Printf unknown conversion", Printf("%q\n", 1, 2, 3), -1);
	expect("Printf four conversions", Printf("%d%d%d%d\n", 1, 2, 3), -1);
	expect("Printf lone % at the end", Printf("100%", 1, 2, 3), -1);
}

/* otherProcessHandles runs while the child prodcons holds lock 0 and
 * conditions 0 and 1 and this process has no objects at all: the same
 * numbers mean nothing here. */
static void otherProcessHandles(void)
{
	expect("Acquire another process's lock", Acquire(0), -1);
	expect("Release another process's lock", Release(0), -1);
	expect("DestroyLock another process's lock", DestroyLock(0), -1);
	expect("Signal another process's condition", Signal(1, 0), -1);
	expect("Wait on another process's condition", Wait(0, 0), -1);
	expect("DestroyCondition another process's", DestroyCondition(0), -1);
	expect("P another process's semaphore", P(0), -1);
	expect("GetMV another process's variable", GetMV(0), -1);
}

static void lockCalls(void)
{
	int l;

	expect("CreateLock unmapped name", CreateLock(UNMAPPED), -1);
	expect("CreateLock kernel-space name", CreateLock(KERNEL), -1);
	expect("CreateLock unterminated name", CreateLock(unterminated), -1);
	lock = CreateLock(NULL);
	expectTrue("CreateLock with no name (allowed)", lock >= 0);
	otherLock = CreateLock("other");

	expect("Acquire handle -1", Acquire(-1), -1);
	expect("Acquire unknown handle", Acquire(99), -1);
	expect("Acquire huge handle", Acquire(HUGE), -1);
	expect("Release a lock nobody holds", Release(lock), -1);
	expect("Release handle -1", Release(-1), -1);
	expect("Acquire (allowed)", Acquire(lock), 0);
	expect("Acquire a lock already held", Acquire(lock), -1);
	expect("Release (allowed)", Release(lock), 0);
	expect("Release it again", Release(lock), -1);
	expect("DestroyLock unknown handle", DestroyLock(99), -1);

	l = CreateLock("doomed");
	Acquire(l);
	expect("DestroyLock while held (deferred)", DestroyLock(l), 0);
	expect("Release a destroyed lock by its holder", Release(l), 0);
	expect("Acquire a destroyed lock", Acquire(l), -1);
	expect("Release a destroyed lock", Release(l), -1);
	expect("DestroyLock twice", DestroyLock(l), -1);
}

/* waiter waits on cond with lock; main checks that cond refuses another
 * lock meanwhile, then signals it. */
void waiter(void)
{
	Acquire(lock);
	waiting = 1;
	while (waiting)
		Wait(cond, lock);
	Release(lock);
	V(sem);
}

static void conditionCalls(void)
{
	int c;

	expect("CreateCondition unmapped name", CreateCondition(UNMAPPED), -1);
	cond = CreateCondition("cond");
	expect("Wait without the lock", Wait(cond, lock), -1);
	expect("Signal without the lock", Signal(cond, lock), -1);
	expect("Broadcast without the lock", Broadcast(cond, lock), -1);
	Acquire(lock);
	expect("Wait on handle -1", Wait(-1, lock), -1);
	expect("Wait on unknown condition", Wait(99, lock), -1);
	expect("Wait with lock handle -1", Wait(cond, -1), -1);
	expect("Wait with a lock not held", Wait(cond, otherLock), -1);
	expect("Signal unknown condition", Signal(99, lock), -1);
	expect("Broadcast unknown condition", Broadcast(99, lock), -1);
	expect("Signal with nobody waiting (allowed)", Signal(cond, lock), 0);
	Release(lock);

	/* A waiter ties cond to lock until it wakes. */
	sem = CreateSemaphore("waiter done", 0);
	if (Fork(waiter) < 0) {	/* no memory for its stack: say so, go on */
		expectTrue("Fork a waiter (allowed; needs --phys-pages 256)", 0);
		return;
	}
	while (!waiting)
		Yield();
	/* The waiter sets waiting while it holds lock, and a timer (-rs) can
	 * interrupt it before its Wait: only once lock is free again is it
	 * surely waiting, with cond tied to lock. */
	Acquire(lock);
	Release(lock);
	Acquire(otherLock);
	expect("Signal with another lock than the waiter's", Signal(cond, otherLock), -1);
	expect("Broadcast with another lock than the waiter's", Broadcast(cond, otherLock), -1);
	Release(otherLock);
	Acquire(lock);
	waiting = 0;
	expect("Signal the waiter (allowed)", Signal(cond, lock), 0);
	Release(lock);
	P(sem);

	c = CreateCondition("doomed");
	expect("DestroyCondition (allowed)", DestroyCondition(c), 0);
	Acquire(lock);
	expect("Wait on a destroyed condition", Wait(c, lock), -1);
	expect("Signal a destroyed condition", Signal(c, lock), -1);
	Release(lock);
	expect("DestroyCondition twice", DestroyCondition(c), -1);
	expect("DestroyCondition handle -1", DestroyCondition(-1), -1);
}

static void semaphoreCalls(void)
{
	int s;

	expect("CreateSemaphore negative value", CreateSemaphore("neg", -1), -1);
	expect("CreateSemaphore most negative value",
	       CreateSemaphore("neg", MOST_NEGATIVE), -1);
	expect("CreateSemaphore unmapped name", CreateSemaphore(UNMAPPED, 0), -1);
	expect("P handle -1", P(-1), -1);
	expect("P unknown handle", P(99), -1);
	expect("V handle -1", V(-1), -1);
	expect("V unknown handle", V(HUGE), -1);
	s = CreateSemaphore(NULL, 1);
	expectTrue("CreateSemaphore with no name (allowed)", s >= 0);
	expect("DestroySemaphore (allowed)", DestroySemaphore(s), 0);
	expect("P a destroyed semaphore", P(s), -1);
	expect("V a destroyed semaphore", V(s), -1);
	expect("DestroySemaphore twice", DestroySemaphore(s), -1);
}

static void monitorVariableCalls(void)
{
	int mv;

	expect("CreateMV unmapped name", CreateMV(UNMAPPED, 0), -1);
	expect("GetMV handle -1", GetMV(-1), -1);
	expect("GetMV unknown handle", GetMV(99), -1);
	expect("SetMV unknown handle", SetMV(99, 5), -1);
	expect("DestroyMV unknown handle", DestroyMV(99), -1);
	mv = CreateMV(NULL, 42);
	expect("GetMV (allowed)", GetMV(mv), 42);
	expect("DestroyMV (allowed)", DestroyMV(mv), 0);
	expect("GetMV a destroyed variable", GetMV(mv), -1);
	expect("SetMV a destroyed variable", SetMV(mv, 1), -1);
	expect("DestroyMV twice", DestroyMV(mv), -1);
}

/* No network here: Send and Receive refuse at once, never block. */
static void networkCalls(void)
{
	MailAddress to, from;
	char buf[4];

	to.machine = 0;
	to.box = 0;
	expect("Send without a network", Send(&to, 0, "x", 1), -1);
	expect("Send from a bad address", Send((MailAddress *)0x7ffffff0, 0, "x", 1), -1);
	expect("Receive without a network", Receive(0, buf, 4, &from), -1);
}

static void unknownCalls(void)
{
	expect("system call 36 (unknown)", rawSyscall(36), -1);
	expect("system call 1000 (unknown)", rawSyscall(1000), -1);
	expect("system call -1 (unknown)", rawSyscall(-1), -1);
}

/* stillWorks shows the kernel in good order after all that. */
static void stillWorks(SpaceId child)
{
	char buf[8];
	int fd, t;

	expect("Join the child prodcons", Join(child), 2550);
	expect("Join it again", Join(child), -1);
	expect("Create afterwards", Create(SCRATCH), 0);
	fd = Open(SCRATCH);
	expectTrue("Open afterwards", fd >= 2);
	expect("Write afterwards", Write("fine", 4, fd), 4);
	Close(fd);
	fd = Open(SCRATCH);
	expectTrue("Read afterwards", Read(buf, sizeof buf, fd) == 4 &&
		   memcmp(buf, "fine", 4) == 0);
	Close(fd);
	expect("Remove afterwards", Remove(SCRATCH), 0);
	expectTrue("Acquire and Release afterwards",
		   Acquire(lock) == 0 && Release(lock) == 0);
	expectTrue("P and V afterwards", V(sem) == 0 && P(sem) == 0);
	t = Time();
	Yield();
	expectTrue("Time goes on", Time() > t);
	expectTrue("Random", Random() >= 0);
}

int main(void)
{
	char marker;
	SpaceId child;

	if (forkedNull)		/* a thread a broken Fork(0) started */
		Exit(0);

	end = findEnd(&marker);
	unterminated = end - 16;
	memset(unterminated, 'x', 16);
	memset(longName, 'a', sizeof longName - 1);

	/* The child first, so that it holds objects while this process has
	 * none; Yield lets it make them. */
	child = Exec("prodcons");
	expectTrue("Exec prodcons (allowed)", child > 0);
	Yield();
	otherProcessHandles();

	processCalls();
	nameCalls();
	readWriteCalls();
	printCalls();
	lockCalls();
	conditionCalls();		/* Forks: end is no longer the end */
	semaphoreCalls();
	monitorVariableCalls();
	networkCalls();
	unknownCalls();
	forkCalls();
	stillWorks(child);

	printf("badcall: %d checks, %d failed\n", checks, failed);
	return failed;
}

/*
 * limits.c -- a process's handle and open-file limits.
 *
 * 1. Creates locks until CreateLock returns -1: exactly 1024 fit (the
 *    per-kind handle limit).  Destroying one makes room for one, under
 *    the same handle (the lowest free one), and then destroying and
 *    creating many times over a full table stays cheap.
 * 2. Opens one file until Open returns -1: exactly 64 fit (the per-process
 *    open-file limit).  Closing one makes room for one, under the same id.
 * 3. Keeping its 64 files open, Execs a chain of copies of itself.  Each
 *    child opens files until Open returns -1, then Execs the next child and
 *    Joins it, and returns how many files it and its descendants opened;
 *    a child that could open none ends the chain.  The kernel-wide limit is
 *    256 open files, so the chain must open 256 - 64 = 192, and the last
 *    child shows that Exec still works when every file is taken.
 *
 * Run it as the first program (pid 1), which is how it tells itself from
 * its children, in a file sandbox (five copies fit in the default memory):
 *	nachos -x test/limits --fs-root DIR
 * Expected:
 *	limits: 1024 locks at once
 *	limits: 64 files open at once
 *	limits: 192 more in other processes: 256 in all
 * and exit status 0; with -d a, the refused calls say why.  Another status
 * names the check that failed.  If a run was cut short, delete the file
 * limits.tmp it left behind.
 */

#include "syscall.h"

#define MAX_HANDLES 1024
#define MAX_OPEN_FILES 64
#define MAX_KERNEL_OPEN_FILES 256
#define CYCLES 2000
#define FILE_NAME "limits.tmp"

/* locks fills the lock table, and returns 0 or the failed check. */
static int locks(void)
{
	int n, i;

	for (n = 0; CreateLock(0) >= 0; n++)
		if (n > MAX_HANDLES)
			return 1;
	if (n != MAX_HANDLES)
		return 1;
	if (DestroyLock(5) != 0 || CreateLock(0) != 5)
		return 2;
	if (CreateLock(0) != -1)
		return 3;
	for (i = 0; i < CYCLES; i++) {
		if (DestroyLock(i % MAX_HANDLES) != 0)
			return 4;
		if (CreateLock(0) != i % MAX_HANDLES)
			return 5;
	}
	Printf("limits: %d locks at once\n", n, 0, 0);
	return 0;
}

/* openAll opens FILE_NAME until Open refuses, and returns how many times
 * it succeeded; ids (if not 0) gets the first MAX_OPEN_FILES ids. */
static int openAll(int *ids)
{
	int n, id;

	for (n = 0; (id = Open(FILE_NAME)) >= 0; n++)
		if (ids != 0 && n < MAX_OPEN_FILES)
			ids[n] = id;
	return n;
}

/* child is a process of the chain: see 3 above. */
static int child(void)
{
	int n = openAll(0);

	if (n == 0)
		return 0;
	return n + Join(Exec("limits"));
}

/* files checks both open-file limits, and returns 0 or the failed check. */
static int files(void)
{
	int ids[MAX_OPEN_FILES];
	int n, others, i;

	if (Create(FILE_NAME) != 0)
		return 10;
	n = openAll(ids);
	if (n != MAX_OPEN_FILES)
		return 11;
	if (Close(ids[7]) != 0 || Open(FILE_NAME) != ids[7])
		return 12;
	Printf("limits: %d files open at once\n", n, 0, 0);

	others = Join(Exec("limits"));
	if (others != MAX_KERNEL_OPEN_FILES - MAX_OPEN_FILES)
		return 13;
	Printf("limits: %d more in other processes: %d in all\n",
	       others, n + others, 0);

	for (i = 0; i < n; i++)
		if (Close(ids[i]) != 0)
			return 14;
	return Remove(FILE_NAME) == 0 ? 0 : 15;
}

int main(void)
{
	int failed;

	if (GetPid() != 1)
		return child();
	failed = locks();
	if (failed == 0)
		failed = files();
	return failed;
}

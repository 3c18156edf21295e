/*
 * syscall.h -- the doors from a user program into the Nachos kernel.
 *
 * A user program runs on the simulated MIPS CPU with no operating system
 * underneath it except ours: there is no C library, no printf, no malloc.
 * Everything the program cannot do with plain arithmetic and memory -- stop
 * the machine, print a character, open a file, start another program -- it
 * must ask the kernel for, by making a system call.
 *
 * How a system call travels (the calling convention, "ABI"):
 *
 *   1. The program calls an ordinary C function such as Write(buf, n, id).
 *      The MIPS o32 calling convention puts the first four arguments in
 *      registers $4..$7 (a0..a3), so buf is in $4, n in $5 and id in $6.
 *   2. That function is a four-instruction stub in start.S.  It loads the
 *      call code below (SC_Write) into register $2 (v0) and executes the
 *      `syscall` instruction.
 *   3. `syscall` raises a SyscallException: the CPU stops running user code
 *      and the kernel's exception handler takes over.  It reads the code from
 *      $2 and the arguments from $4..$7, does the work, puts any result back
 *      in $2, and moves the program counter past the `syscall` instruction.
 *   4. The stub returns to its caller with `jr $31`; the result is in $2,
 *      which is exactly where C expects a function's return value.
 *
 * Pointers passed to the kernel (file names, buffers) are *virtual*
 * addresses in the program's own address space; the kernel must translate
 * them before it can read or write the bytes.
 *
 * This file is read twice: by C programs, which see the prototypes, and by
 * start.S, which only needs the numbers (the C part is hidden from the
 * assembler by the __ASSEMBLER__ guard below).
 */

#ifndef NACHOS_SYSCALL_H
#define NACHOS_SYSCALL_H

/*
 * Call codes, one per system call.  The kernel dispatches on these, so the
 * numbers here and the numbers in the kernel must agree exactly.
 */

/* Processes and the machine. */
#define SC_Halt		0
#define SC_Exit		1
#define SC_Exec		2
#define SC_Join		3

/* Files and the console. */
#define SC_Create	4
#define SC_Open		5
#define SC_Read		6
#define SC_Write	7
#define SC_Close	8

/* Threads inside one program. */
#define SC_Fork		9
#define SC_Yield	10

/*
 * Codes from 11 up are this system's own, beyond Nachos 3.4.  To add a
 * call: its code here, its stub in start.S, its prototype below, and its
 * row in the kernel's table (userprog/syscall.go).
 */

/* Synchronization between the threads of one program (handles). */
#define SC_CreateLock		11
#define SC_DestroyLock		12
#define SC_Acquire		13
#define SC_Release		14
#define SC_CreateCondition	15
#define SC_DestroyCondition	16
#define SC_Wait			17
#define SC_Signal		18
#define SC_Broadcast		19
#define SC_CreateSemaphore	20
#define SC_DestroySemaphore	21
#define SC_P			22
#define SC_V			23

/* Monitor variables: shared integers (project 4 keeps them on a server). */
#define SC_CreateMV		24
#define SC_GetMV		25
#define SC_SetMV		26
#define SC_DestroyMV		27

/* Conveniences. */
#define SC_Print		28
#define SC_Printf		29
#define SC_Random		30
#define SC_Remove		31
#define SC_GetPid		32
#define SC_Time			33
#define SC_Send			34
#define SC_Receive		35

/*
 * The console looks like two files that are always open: read from
 * ConsoleInput to get keyboard characters, write to ConsoleOutput to put
 * characters on the display.  No Open call is needed for them.
 */
#define ConsoleInput	0
#define ConsoleOutput	1

#ifndef __ASSEMBLER__

/* A running program, as named by Exec and waited for by Join. */
typedef int SpaceId;

/* An open file, as returned by Open and passed to Read, Write and Close. */
typedef int OpenFileId;

/* ---- Processes and the machine ---- */

/*
 * Halt stops the whole simulated machine: every program ends at once and
 * the simulator prints its statistics.  Use it in tests that must end the
 * run; a program that merely wants to finish should call Exit.
 */
void Halt(void) __attribute__((noreturn));

/*
 * Exit ends the calling thread.  The program ends when its last thread
 * does, and the status main's thread passed to Exit goes to whoever Joins
 * it; other threads' statuses are ignored.  Returning from main is Exit with
 * main's result (start.S calls it).  By convention status 0 means success.
 */
void Exit(int status) __attribute__((noreturn));

/*
 * Exec loads the executable file called name (a NUL-terminated string) into
 * a fresh address space and starts it running alongside the caller.  The
 * result identifies the new program for Join; it is negative if the program
 * could not be started (no such file, not a valid executable, no memory).
 */
SpaceId Exec(char *name);

/*
 * Join waits until the program id, started earlier by Exec, has exited, and
 * returns the status it passed to Exit.
 */
int Join(SpaceId id);

/* ---- Files and the console ---- */

/*
 * Create makes a new, empty file called name.  If a file of that name
 * already exists it is replaced by an empty one.  It returns 0, or -1.
 * (Nachos 3.4 declared Create, Write, Close and Fork void; a program that
 * ignores the result compiles to the same code.)
 */
int Create(char *name);

/*
 * Open opens the existing file called name for reading and writing, and
 * returns the id to use with Read, Write and Close: the lowest id not in
 * use, from 2 up.  The id is negative if the file does not exist, or if
 * the program already has 64 files open, or all programs together 256
 * (close some first).
 */
OpenFileId Open(char *name);

/*
 * Write copies size bytes from buffer to the open file id, or to the
 * display when id is ConsoleOutput.  It returns size, or -1.
 */
int Write(char *buffer, int size, OpenFileId id);

/*
 * Read copies up to size bytes from the open file id (or from the keyboard
 * when id is ConsoleInput) into buffer, and returns how many bytes it
 * copied.  A result smaller than size means the end of the file was
 * reached; 0 means there was nothing left at all.
 */
int Read(char *buffer, int size, OpenFileId id);

/* Close tells the kernel the program has finished with the open file id.
 * It returns 0, or -1 if id was not open. */
int Close(OpenFileId id);

/* ---- Threads inside one program ---- */

/*
 * Fork starts a new thread inside the calling program: it shares all of the
 * program's memory, gets its own stack, and begins by calling func.  The
 * caller carries on at once, without waiting.  When func returns, the
 * thread ends as if it had called Exit.  Fork returns the new thread's
 * number in this program (1, 2, ...), or -1 (no memory for the stack, or
 * func is not code).
 */
int Fork(void (*func)(void));

/*
 * Yield gives up the CPU so another thread or program may run; the caller
 * continues later, when the scheduler picks it again.
 */
void Yield(void);

/*
 * ---- Synchronization (handles are per program; -1 means refused) ----
 *
 * A Create call returns the lowest free handle of its kind, from 0 up.  A
 * program may have 1024 objects of each kind (locks, conditions,
 * semaphores, monitor variables) at once; past that, Create returns -1
 * until one is destroyed.  A destroyed object still in use keeps its
 * handle until its last user leaves it.
 */

/*
 * Locks.  CreateLock returns a handle (name may be 0; it shows in traces).
 * Acquire waits until the lock is free and takes it; Release frees a lock
 * the calling thread holds.  Releasing a lock you do not hold, or taking
 * one you already hold, returns -1.  DestroyLock of a lock in use takes
 * effect when its last user releases it.
 */
int CreateLock(char *name);
int DestroyLock(int lock);
int Acquire(int lock);
int Release(int lock);

/*
 * Condition variables, Mesa style: Wait releases the lock, sleeps until
 * signalled, and takes the lock again before returning, so always wait in
 * a loop that checks the condition.  Signal wakes one waiter (a signal with
 * no waiter is lost); Broadcast wakes all.  The caller must hold the lock,
 * and all waiters of one condition must use the same lock.
 */
int CreateCondition(char *name);
int DestroyCondition(int condition);
int Wait(int condition, int lock);
int Signal(int condition, int lock);
int Broadcast(int condition, int lock);

/* Counting semaphores: P waits until the count is positive and takes one;
 * V gives one back. */
int CreateSemaphore(char *name, int value);
int DestroySemaphore(int semaphore);
int P(int semaphore);
int V(int semaphore);

/* Monitor variables: integers the threads of a program share. */
int CreateMV(char *name, int value);
int GetMV(int mv);
int SetMV(int mv, int value);
int DestroyMV(int mv);

/* ---- Conveniences ---- */

/* Print writes the NUL-terminated string s to the console. */
int Print(char *s);

/*
 * Printf writes format to the console, replacing %d, %u, %x and %c with the
 * integer arguments a, b, c in turn, %s with a string, and %% with %.  The
 * whole text is one Write: no other program's output gets in between.
 */
int Printf(char *format, int a, int b, int c);

/* Random returns a random number from 0 to 2^31-1, repeatable by seed. */
int Random(void);

/* Remove deletes the file called name; it returns 0, or -1. */
int Remove(char *name);

/* GetPid returns the calling program's process id. */
int GetPid(void);

/* Time returns the simulated time, in ticks. */
int Time(void);

/* ---- The network (on a machine in a cluster, or run with --peers) ---- */

/* A mailbox on a machine of the network. */
typedef struct {
    int machine;
    int box;
} MailAddress;

/*
 * Send sends size bytes of data to the mailbox *to, from our box fromBox
 * (where an answer should go), reliably: it arrives once, in order.  It
 * returns 0 once the other machine has it, or -1.  Programs use boxes 0
 * to 4; the others belong to the kernel's services.
 */
int Send(MailAddress *to, int fromBox, char *data, int size);

/*
 * Receive waits for a message in box, copies at most size bytes of it into
 * data, stores the sender's machine and box in *from, and returns the
 * number of bytes copied, or -1.
 */
int Receive(int box, char *data, int size, MailAddress *from);

#endif /* __ASSEMBLER__ */

#endif /* NACHOS_SYSCALL_H */

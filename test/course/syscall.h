/*
 * course/syscall.h -- another course's system calls, as a student of that
 * course would have them.
 *
 * The codes are not ours (test/syscall.h): the course numbers its calls
 * its own way above Nachos 3.4's eleven, and names them its own way too
 * (AcquireLock, CreateCV, PrintString).  Names are passed with their
 * lengths, and locks and condition variables are named, not numbered:
 * AcquireLock("counter", 7) takes the lock called "counter".
 *
 * nachos runs programs built for it with
 *	nachos --abi test/course/course.yaml -x test/course/locks
 * course.yaml gives the same codes, and says how the arguments are passed
 * (this file cannot say that: the kernel reads only its #define lines).
 */

#ifndef COURSE_SYSCALL_H
#define COURSE_SYSCALL_H

#define SC_Halt		0
#define SC_Exit		1
#define SC_Exec		2
#define SC_Join		3
#define SC_Create	4
#define SC_Open		5
#define SC_Read		6
#define SC_Write	7
#define SC_Close	8
#define SC_Fork		9
#define SC_Yield	10
#define SC_PrintString	11	/* a NUL-terminated string */
#define SC_Remove	12
#define SC_CreateLock	16
#define SC_DestroyLock	17
#define SC_AcquireLock	18
#define SC_ReleaseLock	19
#define SC_CreateCV	20
#define SC_DestroyCV	21
#define SC_WaitCV	22
#define SC_SignalCV	23
#define SC_BroadcastCV	24
#define SC_NetSend	40	/* a call nachos does not have */

#ifndef __ASSEMBLER__

#define ConsoleInput	0
#define ConsoleOutput	1

void Halt(void);
void Exit(int status);
int Create(char *name, int len);
int Open(char *name, int len);
int Read(char *buffer, int size, int id);
int Write(char *buffer, int size, int id);
int Close(int id);
int Fork(void (*func)(void));
void Yield(void);
int PrintString(char *s);
int Remove(char *name, int len);
int CreateLock(char *name, int len);
int DestroyLock(char *name, int len);
int AcquireLock(char *name, int len);
int ReleaseLock(char *name, int len);
int CreateCV(char *name, int len);
int DestroyCV(char *name, int len);
int WaitCV(char *cv, int cvLen, char *lock, int lockLen);
int SignalCV(char *cv, int cvLen, char *lock, int lockLen);
int BroadcastCV(char *cv, int cvLen, char *lock, int lockLen);
int NetSend(int to, char *message, int len);

#endif /* __ASSEMBLER__ */
#endif /* COURSE_SYSCALL_H */

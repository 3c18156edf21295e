/*
 * nachos.h -- a very small C library for Nachos user programs.
 *
 * Our programs run with no C library underneath: syscall.h gives them the
 * kernel's calls and nothing else.  This library adds the few things almost
 * every program wants, written in plain C on top of those calls:
 *
 *   printf      formatted output to the console (printf.c), one Write per
 *               call, so lines from different programs do not mix
 *   strings     strlen, strcmp, strcpy, strncpy and the mem* functions
 *               (string.c); gcc itself may emit calls to memset and memcpy
 *               (for a big struct copy or array initialiser), so they must
 *               exist, with exactly the C standard's signatures
 *   numbers     atoi and itoa (convert.c)
 *   memory      malloc and free over a fixed arena (malloc.c)
 *
 * The Makefile compiles these files into build/libnachos.a and links the
 * programs listed in LIB_PROGRAMS against it.  The linker takes from an
 * archive only the files a program uses, so a program that never calls
 * malloc does not pay for its arena.
 *
 * Use it with   #include "lib/nachos.h"   (it includes syscall.h).
 */

#ifndef NACHOS_LIB_H
#define NACHOS_LIB_H

#include "../syscall.h"

/* The C types these functions are declared with.  size_t is the type of
 * sizeof: an unsigned int on 32-bit MIPS. */
typedef __SIZE_TYPE__ size_t;
#define NULL ((void *)0)

/* ---- printf.c ---- */

/*
 * printf writes format to the console, replacing each conversion with the
 * next argument:
 *
 *	%d  int, in decimal		%u  unsigned, in decimal
 *	%x  unsigned, in hex		%c  one character
 *	%s  a NUL-terminated string	%%  a percent sign
 *
 * A width may come between % and the letter: %5d pads to 5 characters on
 * the left with spaces, %-5d on the right, %05d on the left with zeros.
 * It returns the number of characters written.
 */
int printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* snprintf formats into buf instead, writing at most size bytes including
 * the NUL, and returns the length the whole text would have. */
int snprintf(char *buf, size_t size, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- string.c ---- */

size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* ---- convert.c ---- */

/* atoi reads an optionally signed decimal number at the start of s,
 * after any spaces; it stops at the first character that is not a digit. */
int atoi(const char *s);

/* itoa writes n in decimal into buf (12 bytes are always enough) and
 * returns buf. */
char *itoa(int n, char *buf);

/* ---- malloc.c ---- */

/* malloc returns n bytes of memory aligned to 8, or NULL when the arena
 * has no free block that large; free gives a block back (free(NULL) does
 * nothing). */
void *malloc(size_t n);
void free(void *p);

#endif /* NACHOS_LIB_H */

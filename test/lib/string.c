/*
 * string.c -- strings and raw memory, one byte at a time.
 *
 * A real C library speeds these up by moving a word at a time; ours keep
 * to the simplest loop that is plainly right.  The Makefile compiles this
 * file with -fno-tree-loop-distribute-patterns, because an optimising gcc
 * recognises the loop in memset as "a memset" and would compile it into a
 * call to memset: itself, forever.
 */

#include "nachos.h"

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

/* strcmp compares as unsigned chars, as the C standard says. */
int strcmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

char *strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++) != '\0')
		;
	return dst;
}

/* strncpy copies at most n bytes and pads with NULs up to n; if src is n
 * bytes or longer, dst is NOT terminated (the standard's rule). */
char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i] != '\0'; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n-- > 0)
		*d++ = (unsigned char)c;
	return dst;
}

/* memcpy's areas must not overlap. */
void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n > 0; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

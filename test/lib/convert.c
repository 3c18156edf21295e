/*
 * convert.c -- between numbers and their decimal text.
 *
 * itoa works on the number as unsigned, so that the most negative int,
 * -2147483648, whose negation does not fit in an int, still prints right.
 */

#include "nachos.h"

int atoi(const char *s)
{
	int n = 0, negative = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s == '-' || *s == '+')
		negative = *s++ == '-';
	while (*s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	return negative ? -n : n;
}

char *itoa(int n, char *buf)
{
	char digits[10];
	unsigned u = n < 0 ? -(unsigned)n : (unsigned)n;
	int i = 0, len = 0;

	do {
		digits[i++] = '0' + u % 10;	/* lowest digit first */
		u /= 10;
	} while (u != 0);
	if (n < 0)
		buf[len++] = '-';
	while (i > 0)
		buf[len++] = digits[--i];
	buf[len] = '\0';
	return buf;
}

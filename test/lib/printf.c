/*
 * printf.c -- formatted output: printf to the console, snprintf to memory.
 *
 * Both run the same formatter, which hands its characters one at a time
 * to an "out": a buffer with a rule for when it fills up.  printf's buffer
 * lives on its stack and is written to the console with one Write when
 * the text is complete (or when the buffer fills, for long text); a
 * single Write is never interleaved with another program's, so a line
 * printed with one printf arrives whole.  snprintf's buffer is the
 * caller's, and characters that do not fit are counted but dropped.
 *
 * The variable arguments come through <stdarg.h>, which is part of the
 * compiler, not of a C library: it works without one.
 */

#include <stdarg.h>

#include "nachos.h"

/* PRINTF_BUFFER is printf's buffer on the stack; a user stack is only
 * 1024 bytes, so it is kept small. */
#define PRINTF_BUFFER 96

/* An out collects formatted characters. */
struct out {
	char *buf;
	size_t room;	/* characters buf can hold (snprintf keeps one for NUL) */
	size_t len;	/* characters in buf now */
	int total;	/* characters produced, kept or not */
	int console;	/* 1: flush buf to the console when it fills */
};

static void flush(struct out *o)
{
	if (o->len > 0)
		Write(o->buf, o->len, ConsoleOutput);
	o->len = 0;
}

static void put(struct out *o, char c)
{
	if (o->len == o->room && o->console)
		flush(o);
	if (o->len < o->room)
		o->buf[o->len++] = c;
	o->total++;
}

static void repeat(struct out *o, char c, int n)
{
	for (; n > 0; n--)
		put(o, c);
}

/*
 * field puts sign (if not 0) and the len characters of text, padded to
 * width: with spaces on the left, spaces on the right (left), or zeros
 * between the sign and the digits (zero).
 */
static void field(struct out *o, char sign, const char *text, int len,
		  int width, int left, int zero)
{
	int pad = width - len - (sign != 0);

	if (!left && !zero)
		repeat(o, ' ', pad);
	if (sign)
		put(o, sign);
	if (zero && !left)
		repeat(o, '0', pad);
	while (len-- > 0)
		put(o, *text++);
	if (left)
		repeat(o, ' ', pad);
}

/* digits writes u in base 10 or 16 at the end of buf[0..11) and returns
 * where the text starts; its length is buf + 11 - that. */
static char *digits(unsigned u, int base, char buf[11])
{
	char *p = buf + 11;

	do {
		*--p = "0123456789abcdef"[u % base];
		u /= base;
	} while (u != 0);
	return p;
}

/* format is the formatter both printf and snprintf run. */
static void format(struct out *o, const char *f, va_list ap)
{
	char num[11], *text;
	int left, zero, width, n;
	char sign;

	for (; *f != '\0'; f++) {
		if (*f != '%') {
			put(o, *f);
			continue;
		}
		left = zero = width = 0;
		for (;; f++) {			/* flags */
			if (f[1] == '-')
				left = 1;
			else if (f[1] == '0')
				zero = 1;
			else
				break;
		}
		while (f[1] >= '0' && f[1] <= '9')
			width = width * 10 + (*++f - '0');
		sign = 0;
		switch (*++f) {
		case 'd':
			n = va_arg(ap, int);
			if (n < 0)
				sign = '-';
			text = digits(n < 0 ? -(unsigned)n : (unsigned)n, 10, num);
			field(o, sign, text, num + 11 - text, width, left, zero);
			break;
		case 'u':
		case 'x':
			text = digits(va_arg(ap, unsigned), *f == 'u' ? 10 : 16, num);
			field(o, 0, text, num + 11 - text, width, left, zero);
			break;
		case 'c':
			num[0] = (char)va_arg(ap, int);
			field(o, 0, num, 1, width, left, 0);
			break;
		case 's':
			text = va_arg(ap, char *);
			if (text == NULL)
				text = "(null)";
			field(o, 0, text, strlen(text), width, left, 0);
			break;
		case '%':
			put(o, '%');
			break;
		case '\0':			/* a lone % at the end */
			put(o, '%');
			return;
		default:			/* not ours: print it as it is */
			put(o, '%');
			put(o, *f);
		}
	}
}

int printf(const char *fmt, ...)
{
	char buf[PRINTF_BUFFER];
	struct out o = { buf, sizeof buf, 0, 0, 1 };
	va_list ap;

	va_start(ap, fmt);
	format(&o, fmt, ap);
	va_end(ap);
	flush(&o);
	return o.total;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	struct out o = { buf, size > 0 ? size - 1 : 0, 0, 0, 0 };
	va_list ap;

	va_start(ap, fmt);
	format(&o, fmt, ap);
	va_end(ap);
	if (size > 0)
		buf[o.len] = '\0';
	return o.total;
}

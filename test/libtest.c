/*
 * libtest.c -- the user library (lib/nachos.h) checks itself.
 *
 * Prints a few lines through printf's conversions and field widths, whose
 * text the end-to-end test compares character for character, then checks
 * the string functions, atoi/itoa, snprintf's truncation, a structure copy
 * (which gcc compiles into a call to memcpy) and the allocator: first fit
 * reuses a freed hole, neighbouring free blocks merge, and an arena that is
 * full says so with NULL.  One line per check, "libtest: NAME: ok".
 *
 * Expected: the lines in test/e2e/userlib_test.go, exit status 0 (the
 * number of failed checks).
 */

#include "lib/nachos.h"

static int failed;

static void check(const char *what, int ok)
{
	printf("libtest: %s: %s\n", what, ok ? "ok" : "FAILED");
	failed += !ok;
}

/* A structure big enough that gcc copies it with memcpy. */
struct record {
	int values[40];
};

static void checkStrings(void)
{
	char buf[16];

	check("strlen", strlen("") == 0 && strlen("nachos") == 6);
	check("strcmp", strcmp("abc", "abc") == 0 && strcmp("abc", "abd") < 0 &&
	      strcmp("abd", "abc") > 0 && strcmp("ab", "abc") < 0 &&
	      strcmp("\xff", "a") > 0);
	check("strcpy", strcmp(strcpy(buf, "copied"), "copied") == 0);
	memset(buf, 'z', sizeof buf);
	strncpy(buf, "ab", 5);
	check("strncpy pads with NULs",
	      memcmp(buf, "ab\0\0\0zz", 7) == 0);
	strncpy(buf, "truncated", 4);
	check("strncpy truncates", memcmp(buf, "trun\0", 5) == 0);
	check("memset", memset(buf, 7, 3) == buf && buf[0] == 7 && buf[2] == 7 &&
	      buf[3] == 'n');
	check("memcpy", memcmp(memcpy(buf, "0123456789", 10), "0123456789", 10) == 0);
	check("memcmp", memcmp("abc", "abd", 3) < 0 && memcmp("abc", "abd", 2) == 0);
}

static void checkNumbers(void)
{
	char buf[12];

	check("atoi", atoi("42") == 42 && atoi("  -123") == -123 &&
	      atoi("+77x") == 77 && atoi("x") == 0);
	check("itoa", strcmp(itoa(0, buf), "0") == 0 &&
	      strcmp(itoa(-2147483647 - 1, buf), "-2147483648") == 0 &&
	      strcmp(itoa(1234, buf), "1234") == 0);
	check("snprintf truncates",
	      snprintf(buf, 8, "%d-%s", 12345, "abcdef") == 12 &&
	      strcmp(buf, "12345-a") == 0);
}

static void checkStructCopy(void)
{
	static struct record a, b;
	int i;

	for (i = 0; i < 40; i++)
		a.values[i] = i * i;
	b = a;				/* a call to memcpy */
	check("structure copy", b.values[39] == 39 * 39 && b.values[7] == 49);
}

static void checkMalloc(void)
{
	char *a = malloc(10), *b = malloc(100), *c = malloc(10), *d, *big;
	int n;

	check("malloc", a != NULL && b != NULL && c != NULL &&
	      a < b && b < c && ((unsigned)a & 7) == 0 &&
	      ((unsigned)b & 7) == 0 && ((unsigned)c & 7) == 0);
	memset(a, 'a', 10);
	memset(b, 'b', 100);
	memset(c, 'c', 10);
	check("blocks do not overlap", a[9] == 'a' && b[0] == 'b' &&
	      b[99] == 'b' && c[0] == 'c');
	free(b);
	d = malloc(50);
	check("first fit reuses the hole", d == b);
	check("too big", malloc(100000) == NULL && malloc(0) == NULL);
	free(a);
	free(c);
	free(d);
	big = malloc(2000);
	check("free blocks merge", big == a);
	free(big);
	for (n = 0; malloc(100) != NULL; n++)
		;
	check("the arena fills up", n > 10 && n < 20);
}

int main(void)
{
	printf("[%d] [%5d] [%-5d|] [%05d] [%d]\n", 42, 42, 42, -42, -2147483647 - 1);
	printf("[%u] [%x] [%08x] [%c] [%3c]\n", 4000000000u, 0xbeef, 0xbeef, 'N', 'x');
	printf("[%s] [%8s] [%-8s|] [%%] [%0d]\n", "nachos", "os", "os", 0);
	printf("%s\n", "A line longer than printf's buffer goes out in more than "
	       "one Write, and still arrives whole and in order.");
	checkStrings();
	checkNumbers();
	checkStructCopy();
	checkMalloc();
	return failed;
}

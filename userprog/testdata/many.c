/*
 * many.c -- a program with a bit of everything the compiler can put in a
 * section: several functions, a switch (a jump table in .rodata at -O2),
 * string literals, initialized arrays, small data (with -G 8) and a large
 * bss.
 */

static const char *const names[] = { "zero", "one", "two", "three" };
int primes[8] = { 2, 3, 5, 7, 11, 13, 17, 19 };
short tiny_count = 3;			/* .sdata with -G 8 */
int scratch;				/* .sbss with -G 8 */
int matrix[64][64];			/* 16 KiB of .bss */

static int classify(int n)
{
	switch (n & 7) {
	case 0: return names[0][0];
	case 1: return names[1][1] + primes[1];
	case 2: return names[2][2] * 3;
	case 3: return names[3][3] - 7;
	case 4: return primes[4] << 2;
	case 5: return primes[5] ^ 0x55;
	case 6: return tiny_count + 6;
	default: return -n;
	}
}

static void fill(void)
{
	for (int i = 0; i < 64; i++)
		for (int j = 0; j < 64; j++)
			matrix[i][j] = classify(i * 64 + j);
}

__attribute__((section(".text.start"))) void __start(void)
{
	fill();
	scratch = matrix[3][5] + tiny_count;
	__asm__ volatile("li $2, 0\n\tsyscall");	/* Halt */
}

/*
 * r2ops.c -- the MIPS32 Release 2 instructions an optimising compiler uses.
 *
 * Every other program here is built for MIPS I, the 1985 instruction set of
 * the R3000 that Nachos originally simulated.  This one is built with
 * -O2 -mips32r2, the way Debian builds real mipsel software, so gcc is free
 * to use the instructions added since.  Each small function below is written
 * so that gcc picks one of them; `noipa` stops gcc from inlining the
 * function or computing its result at compile time, so the instruction
 * really runs on the simulator.
 *
 * Instructions that appear in the binary (mipsel-linux-gnu-objdump -d r2ops):
 *   mul              32-bit multiply straight into a register
 *   madd, maddu      64-bit multiply-accumulate into HI:LO (signed, unsigned)
 *   msub, msubu      64-bit multiply-subtract from HI:LO
 *   mthi, mtlo       load an accumulator before msub
 *   mult, multu      widening multiply, read back with mfhi/mflo
 *   clz              count leading zeros (__builtin_clz)
 *   clo              count leading ones -- gcc never emits clo, so
 *                    leading_ones uses one line of inline assembly
 *   movn, movz       conditional move (a branch-free `c ? a : b`)
 *   seb, seh         sign-extend a byte / halfword
 *   ext, ins         extract / insert a bit-field
 *   wsbh + rotr      byte swap (__builtin_bswap32); objdump prints rotr as
 *                    "ror" and rotrv as "rorv"
 *   rotr, rotrv      rotate by a constant / by a register
 *   div, divu        integer division, guarded by
 *   teq              "trap if equal": teq divisor,$0 raises a trap
 *                    exception when the divisor is zero
 *
 * Expected result: exit status -1945252693 (0x8c0dccab).  The number is
 * also in r2ops.expect, and `make check-r2ops` confirms it by compiling
 * this same file for the host computer (r2ops_host.c) and running it there:
 * a simulator that gets any of these instructions wrong exits differently.
 */

#include <stdint.h>

#define NOIPA __attribute__((noipa))

/* Inputs live in writable memory so the compiler cannot know them. */
uint32_t input[] = {
	0x00000000, 0x00000001, 0x0000007f, 0x00000080, 0x00008000,
	0x12345678, 0x89abcdef, 0x7fffffff, 0x80000000, 0xfffffffe,
	0xffffffff, 0xdeadbeef, 0x0badf00d, 0x00ff00ff, 0xcafe0042,
};

#define NINPUT ((int)(sizeof input / sizeof input[0]))

NOIPA uint32_t multiply(uint32_t a, uint32_t b)
{
	return a * b;
}

NOIPA int64_t dot_signed(const int32_t *a, const int32_t *b, int n)
{
	int64_t acc = 0;

	for (int i = 0; i < n; i++)
		acc += (int64_t)a[i] * b[i];
	return acc;
}

NOIPA uint64_t dot_unsigned(const uint32_t *a, const uint32_t *b, int n)
{
	uint64_t acc = 0;

	for (int i = 0; i < n; i++)
		acc += (uint64_t)a[i] * b[i];
	return acc;
}

NOIPA int64_t minus_product(int64_t acc, int32_t a, int32_t b)
{
	return acc - (int64_t)a * b;
}

NOIPA uint64_t minus_product_unsigned(uint64_t acc, uint32_t a, uint32_t b)
{
	return acc - (uint64_t)a * b;
}

NOIPA uint32_t high_word_of_product(uint32_t a, uint32_t b)
{
	return ((uint64_t)a * b) >> 32;
}

NOIPA int leading_zeros(uint32_t x)
{
	/* __builtin_clz(0) is undefined in C; MIPS clz gives 32. */
	return x ? __builtin_clz(x) : 32;
}

NOIPA int leading_ones(uint32_t x)
{
#if defined(__mips_isa_rev) && __mips_isa_rev >= 2
	int n;

	__asm__("clo %0, %1" : "=r"(n) : "r"(x));
	return n;
#else
	return leading_zeros(~x);
#endif
}

NOIPA uint32_t select_if_nonzero(uint32_t c, uint32_t a, uint32_t b)
{
	return c ? a : b;
}

NOIPA uint32_t select_if_zero(uint32_t c, uint32_t a, uint32_t b)
{
	return c == 0 ? a : b;
}

NOIPA int32_t sign_extend_byte(uint32_t x)
{
	return (int8_t)x;
}

NOIPA int32_t sign_extend_half(uint32_t x)
{
	return (int16_t)x;
}

/* A word seen as three bit-fields; on little-endian MIPS (and on x86),
   lo is bits 0..6, mid bits 7..15 and hi bits 16..31. */
union fields {
	uint32_t word;
	struct {
		uint32_t lo : 7, mid : 9, hi : 16;
	} f;
};

NOIPA uint32_t get_mid(uint32_t w)
{
	union fields u = { .word = w };

	return u.f.mid;
}

NOIPA uint32_t set_mid(uint32_t w, uint32_t v)
{
	union fields u = { .word = w };

	u.f.mid = v;
	return u.word;
}

NOIPA uint32_t byte_swap(uint32_t x)
{
	return __builtin_bswap32(x);
}

NOIPA uint32_t rotate_right(uint32_t x, unsigned n)
{
	n &= 31;
	return (x >> n) | (x << ((32 - n) & 31));
}

NOIPA uint32_t rotate_right_7(uint32_t x)
{
	return (x >> 7) | (x << 25);
}

NOIPA int32_t divide_signed(int32_t a, int32_t b)
{
	return a / b + a % b;
}

NOIPA uint32_t divide_unsigned(uint32_t a, uint32_t b)
{
	return a / b + a % b;
}

/* mix folds one more value into the running checksum (FNV-1a style). */
static uint32_t mix(uint32_t sum, uint32_t v)
{
	return (sum ^ v) * 16777619u;
}

static uint32_t mix64(uint32_t sum, uint64_t v)
{
	return mix(mix(sum, (uint32_t)v), (uint32_t)(v >> 32));
}

int main(void)
{
	uint32_t sum = 2166136261u;

	for (int i = 0; i < NINPUT; i++) {
		uint32_t x = input[i];
		uint32_t y = input[(i + 5) % NINPUT];

		sum = mix(sum, multiply(x, y));
		sum = mix64(sum, minus_product(0x123456789abcdefll,
					       (int32_t)x, (int32_t)y));
		sum = mix64(sum, minus_product_unsigned(0xfedcba987654321ull,
							x, y));
		sum = mix(sum, high_word_of_product(x, y));
		sum = mix(sum, leading_zeros(x));
		sum = mix(sum, leading_ones(x));
		sum = mix(sum, select_if_nonzero(x & 1, x, y));
		sum = mix(sum, select_if_zero(x & 2, x, y));
		sum = mix(sum, sign_extend_byte(x));
		sum = mix(sum, sign_extend_half(x));
		sum = mix(sum, get_mid(x));
		sum = mix(sum, set_mid(x, y));
		sum = mix(sum, byte_swap(x));
		sum = mix(sum, rotate_right(x, y));
		sum = mix(sum, rotate_right_7(x));
		/* Divisors are never 0 (so teq never traps), and the signed
		   one never -1 (INT32_MIN / -1 overflows): bit 1 is set,
		   bit 0 clear. */
		sum = mix(sum, divide_signed((int32_t)x,
					     (int32_t)((y | 2) & ~1u)));
		sum = mix(sum, divide_unsigned(x, y | 1));
	}
	sum = mix64(sum, dot_signed((const int32_t *)input,
				    (const int32_t *)input + 1, NINPUT - 1));
	sum = mix64(sum, dot_unsigned(input, input + 1, NINPUT - 1));

	/* start.S passes main's result to Exit. */
	return (int32_t)sum;
}

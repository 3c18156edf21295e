/*
 * tiny.c -- the smallest program with every kind of segment: code,
 * read-only data, initialized data and bss.  testdata/tiny.elf is this
 * program, built with
 *
 *	mipsel-linux-gnu-gcc -O2 -G0 -march=mips1 -mfp32 -mno-abicalls \
 *		-fno-pic -ffreestanding -nostdlib -static -Wl,-z,max-page-size=16 \
 *		-Wl,--build-id=none -T tiny.ld -s -o tiny.elf tiny.c
 *
 * (the flags are fixtureFlags in elf_test.go, plus -s to strip the symbols).
 */

const char greeting[] = "hello, nachos";	/* .rodata */
int counter = 5;				/* .data */
int table[100];					/* .bss */

__attribute__((section(".text.start"))) void __start(void)
{
	table[counter] = greeting[counter];
	__asm__ volatile("li $2, 0\n\tsyscall");	/* Halt */
}

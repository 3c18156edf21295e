/*
 * malloc.c -- a first-fit allocator over a fixed arena.
 *
 * Our kernel gives a program a fixed amount of memory when it starts and
 * has no call to grow it (no sbrk), so the heap is a static array, the
 * arena, carved into blocks.  Every block starts with a small header that
 * records the block's size (header included) and whether it is free; the
 * blocks lie end to end, so the next block's header is always size bytes
 * further on, and walking from the start of the arena visits them all:
 *
 *	arena
 *	| hdr | used ...... | hdr | free ...... | hdr | used ... | ...
 *	 \__ size ________/  \__ size ________/
 *
 * malloc(n) walks the blocks from the start and takes the FIRST free one
 * big enough ("first fit").  If that block is much bigger than needed it
 * is split in two, and the rest stays free.  free(p) marks p's block free
 * and then merges every run of neighbouring free blocks into one, so that
 * freed memory can be handed out again in large pieces.
 *
 * Both are O(number of blocks) -- fine for the few hundred bytes our
 * programs allocate.  Sizes are rounded up to 8 bytes, so that every
 * block (and so every pointer malloc returns) is 8-byte aligned.
 *
 * Not thread-safe: threads that share the heap must call malloc and free
 * under a lock of their own.
 */

#include "nachos.h"

/* ARENA is the heap's size in bytes: 16 pages of the default machine. */
#define ARENA 2048
#define ALIGN 8

/* A header precedes every block; its size is a multiple of ALIGN. */
struct header {
	size_t size;	/* of the whole block, header included */
	int free;
};

static char arena[ARENA] __attribute__((aligned(ALIGN)));

#define HEADER ((sizeof(struct header) + ALIGN - 1) / ALIGN * ALIGN)

static struct header *first(void)
{
	struct header *h = (struct header *)arena;

	if (h->size == 0) {		/* the first call: one big free block */
		h->size = ARENA;
		h->free = 1;
	}
	return h;
}

static struct header *next(struct header *h)
{
	char *n = (char *)h + h->size;

	return n < arena + ARENA ? (struct header *)n : NULL;
}

void *malloc(size_t n)
{
	struct header *h, *rest;
	size_t need;

	if (n == 0 || n > ARENA)
		return NULL;
	need = HEADER + (n + ALIGN - 1) / ALIGN * ALIGN;
	for (h = first(); h != NULL; h = next(h)) {
		if (!h->free || h->size < need)
			continue;
		if (h->size - need >= HEADER + ALIGN) {	/* split off the rest */
			rest = (struct header *)((char *)h + need);
			rest->size = h->size - need;
			rest->free = 1;
			h->size = need;
		}
		h->free = 0;
		return (char *)h + HEADER;
	}
	return NULL;
}

void free(void *p)
{
	struct header *h, *n;

	if (p == NULL)
		return;
	((struct header *)((char *)p - HEADER))->free = 1;
	for (h = first(); h != NULL; h = next(h))	/* merge free neighbours */
		while (h->free && (n = next(h)) != NULL && n->free)
			h->size += n->size;
}

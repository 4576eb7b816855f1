/*
 * The string pool.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "pool.h"

#define POOL_BLOCK_SIZE	(64 * 1024)

struct pool_block {
	struct pool_block	*next;
	alignas(max_align_t) char data[];
};

/* Allocates size bytes aligned for any type; NULL when out of memory. */
void *
pool_alloc(struct pool *p, size_t size)
{
	struct pool_block	*b;
	size_t			 align = alignof(max_align_t), want;
	char			*at;

	size = (size + align - 1) & ~(align - 1);
	if (size == 0 || size > SIZE_MAX / 2)
		return size == 0 ? pool_alloc(p, 1) : NULL;
	if (p->head == NULL || p->size - p->used < size) {
		want = size > POOL_BLOCK_SIZE / 4 ? size : POOL_BLOCK_SIZE;
		b = mem_alloc(sizeof(*b) + want);
		if (b == NULL)
			return NULL;
		if (want == size && p->head != NULL) {
			/* A large string gets a block of its own behind the
			 * current one, which keeps its free space. */
			b->next = p->head->next;
			p->head->next = b;
			return b->data;
		}
		b->next = p->head;
		p->head = b;
		p->used = 0;
		p->size = want;
	}
	at = p->head->data + p->used;
	p->used += size;
	return at;
}

/* Copies len bytes of s and a NUL into the pool; NULL when out of memory. */
char *
pool_strndup(struct pool *p, const char *s, size_t len)
{
	char	*copy;

	if (len == SIZE_MAX)
		return NULL;
	/* Strings need no alignment; round only to keep blocks tidy. */
	if ((copy = pool_alloc(p, len + 1)) == NULL)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/* Frees every block. */
void
pool_release(struct pool *p)
{
	struct pool_block	*b, *next;

	for (b = p->head; b != NULL; b = next) {
		next = b->next;
		mem_free(b);
	}
	p->head = NULL;
	p->used = p->size = 0;
}

/*
 * A string pool: many small strings allocated from large blocks and freed
 * together.  A model with a million names costs a few allocations, not a
 * million.
 */
#ifndef INFDIAG_POOL_H
#define INFDIAG_POOL_H

#include <stddef.h>

struct pool_block;

struct pool {
	struct pool_block	*head;
	size_t			 used;	/* bytes used in head */
	size_t			 size;	/* bytes available in head */
};

#define POOL_INIT	{ NULL, 0, 0 }

/* Copies len bytes of s and a NUL into the pool; NULL when out of memory. */
char	*pool_strndup(struct pool *, const char *s, size_t len);
/* Allocates size bytes aligned for any type; NULL when out of memory. */
void	*pool_alloc(struct pool *, size_t size);
void	 pool_release(struct pool *);

#endif /* INFDIAG_POOL_H */

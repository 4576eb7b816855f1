/*
 * The allocation seam of libinfdiag.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "infdiag.h"
#include "alloc.h"

static infdiag_malloc_fn	 alloc_malloc = malloc;
static infdiag_realloc_fn	 alloc_realloc = realloc;
static infdiag_free_fn		 alloc_free = free;

/* Set when an allocation made by jansson fails: jansson reports some of
 * them as syntax errors, which the loader must not believe. */
static _Thread_local int json_alloc_failed;

/* jansson's allocator: ours, remembering failures. */
static void *
json_alloc(size_t size)
{
	void	*p = alloc_malloc(size == 0 ? 1 : size);

	if (p == NULL)
		json_alloc_failed = 1;
	return p;
}

/* jansson's deallocator. */
static void
json_release(void *p)
{
	if (p != NULL)
		alloc_free(p);
}

/* Clears the record of jansson's failed allocations. */
void
mem_json_reset(void)
{
	json_alloc_failed = 0;
}

/* Says whether an allocation by jansson failed since mem_json_reset(). */
int
mem_json_failed(void)
{
	return json_alloc_failed;
}

/* Replaces the allocator; NULL arguments restore the C library's. */
void
infdiag_set_alloc_funcs(infdiag_malloc_fn m, infdiag_realloc_fn r,
    infdiag_free_fn f)
{
	alloc_malloc = m != NULL ? m : malloc;
	alloc_realloc = r != NULL ? r : realloc;
	alloc_free = f != NULL ? f : free;
	/* jansson allocates the document a model is read from: it must use
	 * the same allocator, and its failures must be seen as such. */
	json_set_alloc_funcs(json_alloc, json_release);
}

/* Allocates size bytes (at least one). */
void *
mem_alloc(size_t size)
{
	return alloc_malloc(size == 0 ? 1 : size);
}

/* Allocates a zeroed array, refusing a size that overflows. */
void *
mem_calloc(size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	p = mem_alloc(n * size);
	if (p != NULL)
		memset(p, 0, n * size);
	return p;
}

/* Resizes p to size bytes; on failure p is left as it was. */
void *
mem_realloc(void *p, size_t size)
{
	return alloc_realloc(p, size == 0 ? 1 : size);
}

/* Resizes p to n elements of size bytes, refusing an overflowing size. */
void *
mem_reallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	return mem_realloc(p, n * size);
}

/* Frees p; NULL is a no-op. */
void
mem_free(void *p)
{
	if (p != NULL)
		alloc_free(p);
}

/* Copies the first len bytes of s into a new NUL-terminated string. */
char *
mem_strndup(const char *s, size_t len)
{
	char	*copy;

	if (len == SIZE_MAX || (copy = mem_alloc(len + 1)) == NULL)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/* Copies s into a new string. */
char *
mem_strdup(const char *s)
{
	return mem_strndup(s, strlen(s));
}

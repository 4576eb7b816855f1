/*
 * The allocation seam of libinfdiag.
 */
#include <pthread.h>
#include <stddef.h>
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

/*
 * The document a model is read from lives in an arena of this thread while
 * it is read and checked: jansson's many small allocations become a bump of
 * a pointer, the values lie in the order they were read (so checking them is
 * a walk through memory, not a chase), and the whole document is freed at
 * once instead of value by value.  jansson's own frees within an arena are
 * no-ops, so the copies a growing string or table leaves behind stay until
 * the end: at most twice the longest string and table of the document.
 */
struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 used;
	size_t			 size;
	max_align_t		 data[];
};

#define ARENA_FIRST	((size_t)64 << 10)	/* the first chunk's bytes */
#define ARENA_MOST	((size_t)4 << 20)	/* the largest shared chunk */

static _Thread_local struct arena_chunk	*arena;	/* newest chunk first */
static _Thread_local size_t		 arena_next = ARENA_FIRST;
static _Thread_local int		 arena_on;

/* What jansson used before libinfdiag's allocator was installed, for the
 * allocations made outside an arena. */
static json_malloc_t	json_outer_malloc = malloc;
static json_free_t	json_outer_free = free;
static pthread_once_t	json_once = PTHREAD_ONCE_INIT;

/* Allocates size bytes from this thread's arena, in a new chunk when the
 * newest is full; a large request gets a chunk of its own. */
static void *
arena_alloc(size_t size)
{
	struct arena_chunk	*c = arena;
	size_t			 align = _Alignof(max_align_t);
	size_t			 n = (size + align - 1) & ~(align - 1);
	void			*p;

	if (n < size)
		return NULL;
	if (c != NULL && c->size - c->used >= n) {
		p = (char *)c->data + c->used;
		c->used += n;
		return p;
	}
	if (n > arena_next / 4) {
		if (n > SIZE_MAX - sizeof(*c) ||
		    (c = alloc_malloc(sizeof(*c) + n)) == NULL)
			return NULL;
		c->size = c->used = n;
		/* Behind the newest chunk, whose free space stays usable. */
		c->next = arena != NULL ? arena->next : NULL;
		if (arena != NULL)
			arena->next = c;
		else
			arena = c;
		return c->data;
	}
	if ((c = alloc_malloc(sizeof(*c) + arena_next)) == NULL)
		return NULL;
	c->size = arena_next;
	c->used = n;
	c->next = arena;
	arena = c;
	if (arena_next < ARENA_MOST)
		arena_next *= 2;
	return c->data;
}

/* jansson's allocator: the arena while a document is read, else the one
 * jansson had; remembers failures. */
static void *
json_alloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	p = arena_on ? arena_alloc(size) : json_outer_malloc(size);
	if (p == NULL)
		json_alloc_failed = 1;
	return p;
}

/* jansson's deallocator: nothing within an arena (freed as a whole). */
static void
json_release(void *p)
{
	if (p != NULL && !arena_on)
		json_outer_free(p);
}

/* Makes jansson allocate through json_alloc(), keeping what it had for
 * the allocations outside an arena. */
static void
json_install(void)
{
	json_malloc_t	m;
	json_free_t	f;

	json_get_alloc_funcs(&m, &f);
	if (m != json_alloc) {
		json_outer_malloc = m;
		json_outer_free = f;
	}
	json_set_alloc_funcs(json_alloc, json_release);
}

/* Starts reading a document on this thread: jansson allocates it in an
 * arena, when its allocator is still libinfdiag's (a program that gave
 * jansson another one after libinfdiag's gets the plain way). */
void
mem_json_begin(void)
{
	json_malloc_t	m;
	json_free_t	f;

	json_alloc_failed = 0;
	pthread_once(&json_once, json_install);
	json_get_alloc_funcs(&m, &f);
	arena_on = m == json_alloc;
}

/* Frees the document read since mem_json_begin() (root may be NULL after a
 * failed read): the whole arena at once, or value by value without one (or
 * when the document was built after mem_json_reset()). */
void
mem_json_end(json_t *root)
{
	struct arena_chunk	*c;

	if (!arena_on) {
		json_decref(root);
		return;
	}
	arena_on = 0;
	while ((c = arena) != NULL) {
		arena = c->next;
		alloc_free(c);
	}
	arena_next = ARENA_FIRST;
}

/* Starts building a document the plain way (not in an arena): clears the
 * record of jansson's failed allocations. */
void
mem_json_reset(void)
{
	json_alloc_failed = 0;
}

/* Says whether an allocation by jansson failed since mem_json_begin() or
 * mem_json_reset(). */
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
	pthread_once(&json_once, json_install);
	json_outer_malloc = alloc_malloc;
	json_outer_free = alloc_free;
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

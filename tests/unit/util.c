/*
 * What the unit tests share beyond util.h's inline helpers: an allocator
 * that fails on request, for the tests of allocation failure.
 */
#include <stdlib.h>

#include <jansson.h>

#include "util.h"

#include "infdiag.h"

struct failing_alloc	failing_alloc;

/* Allocates size bytes, unless this is the call that must fail. */
void *
failing_malloc(size_t size)
{
	void	*p;

	if (++failing_alloc.calls == failing_alloc.fail_at)
		return NULL;
	if ((p = malloc(size)) != NULL)
		failing_alloc.live++;
	return p;
}

/* Resizes old, unless this is the call that must fail (old is then left
 * as it was). */
void *
failing_realloc(void *old, size_t size)
{
	void	*p;

	if (++failing_alloc.calls == failing_alloc.fail_at)
		return NULL;
	if ((p = realloc(old, size)) != NULL && old == NULL)
		failing_alloc.live++;
	return p;
}

/* Frees p and counts it back; NULL is a no-op. */
void
failing_free(void *p)
{
	if (p != NULL)
		failing_alloc.live--;
	free(p);
}

/* Clears the counts and makes libinfdiag (and through it jansson)
 * allocate with the failing allocator. */
void
failing_alloc_install(void)
{
	failing_alloc.calls = 0;
	failing_alloc.fail_at = 0;
	failing_alloc.live = 0;
	infdiag_set_alloc_funcs(failing_malloc, failing_realloc,
	    failing_free);
}

/* Gives libinfdiag and jansson the C library's allocator back. */
void
failing_alloc_remove(void)
{
	infdiag_set_alloc_funcs(NULL, NULL, NULL);
	json_set_alloc_funcs(malloc, free);
}

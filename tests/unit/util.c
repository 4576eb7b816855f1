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

/*
 * Graphviz 2.43 leaks inside its layout engines and HTML-label parser,
 * and pango and fontconfig keep caches: these suppressions name only
 * their functions and libraries, as graphviz_leaks_suppressed does in
 * tests/cli/lib.sh.  The full unwinder is needed for the stacks to reach
 * those names.  Every unit test has them: Makefile.am links this file's
 * object into each by naming __lsan_default_suppressions undefined.
 */
const char *__asan_default_options(void);
const char *__lsan_default_suppressions(void);

const char *
__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions(void)
{
	return "leak:htmlparse\nleak:gvplugin_list\nleak:class1\n"
	    "leak:class2\nleak:neato_layout\nleak:osage_layout\n"
	    "leak:patchwork_layout\nleak:libgvplugin_pango.so\n"
	    "leak:libfontconfig.so\nleak:libpango-1.0.so\n"
	    "leak:libpangoft2-1.0.so\n";
}

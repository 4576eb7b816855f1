/*
 * What the unit tests share: cmocka's prerequisites, a comparison of
 * doubles (cmocka 1.1.5 has no assert_double_equal), and an allocator
 * that fails on request (util.c, linked into the tests that use it).
 */
#ifndef INFDIAG_TEST_UTIL_H
#define INFDIAG_TEST_UTIL_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <setjmp.h>
#include <cmocka.h>

/* Fails unless a and b agree to a relative tolerance rel (absolute near 0). */
#define assert_close(a, b, rel)	assert_close_at((a), (b), (rel), \
				    __FILE__, __LINE__)

static inline void
assert_close_at(double a, double b, double rel, const char *file, int line)
{
	double	scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);

	if (scale < 1)
		scale = 1;
	if (!(fabs(a - b) <= rel * scale)) {
		print_error("%.17g != %.17g (relative tolerance %g)\n", a, b,
		    rel);
		_fail(file, line);
	}
}

/*
 * The failing allocator: its calls counted from 1, the one numbered
 * fail_at fails (0: none), and live counts the blocks it handed out and
 * has not had back.  The tests set fail_at and read the counts directly.
 */
struct failing_alloc {
	long	calls;
	long	fail_at;
	long	live;
};
extern struct failing_alloc	failing_alloc;

void	*failing_malloc(size_t);
void	*failing_realloc(void *, size_t);
void	 failing_free(void *);
/* Clears the counts and installs the allocator in libinfdiag (which
 * passes it on to jansson). */
void	 failing_alloc_install(void);
/* Restores the C library's allocator in libinfdiag and jansson. */
void	 failing_alloc_remove(void);

#endif /* INFDIAG_TEST_UTIL_H */

/*
 * What the unit tests share: cmocka's prerequisites, and a comparison of
 * doubles (cmocka 1.1.5 has no assert_double_equal).
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

#endif /* INFDIAG_TEST_UTIL_H */

/*
 * Loading and validating models (the entry points are in infdiag.h).
 */
#ifndef INFDIAG_LOAD_H
#define INFDIAG_LOAD_H

#include <stddef.h>

/* Says whether s (len bytes) is a valid variable name. */
int	load_name_valid(const char *s, size_t len);

#endif /* INFDIAG_LOAD_H */

/*
 * Suggestions for a mistyped word ("did you mean").
 */
#ifndef INFDIAG_SUGGEST_H
#define INFDIAG_SUGGEST_H

#include <stddef.h>

#include "error.h"

/* Levenshtein distance between two short strings, capped at 99. */
size_t	suggest_distance(const char *, const char *);
/* Says whether known is close enough to key (d edits away) to be what was
 * meant. */
int	suggest_is_close(const char *key, const char *known, size_t d);

struct infdiag_model;

/* The variable a mistyped name (len bytes) probably meant: within two
 * edits; NULL when none is. */
const char *suggest_variable(const struct infdiag_model *, const char *name,
	    size_t len);
/* Room for " (did you mean \"NAME\"?)" after a message. */
#define SUGGEST_SIZE	(QUOTE_SIZE + 24)
/* Writes " (did you mean \"NAME\"?)" into buf for the variable name
 * probably meant, or "" when none; returns buf. */
const char *suggest_mean(char *buf, size_t size,
	    const struct infdiag_model *, const char *name, size_t len);

#endif /* INFDIAG_SUGGEST_H */

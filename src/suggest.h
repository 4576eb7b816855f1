/*
 * Suggestions for a mistyped word ("did you mean").
 */
#ifndef INFDIAG_SUGGEST_H
#define INFDIAG_SUGGEST_H

#include <stddef.h>

/* Levenshtein distance between two short strings, capped at 99. */
size_t	suggest_distance(const char *, const char *);
/* Says whether known is close enough to key (d edits away) to be what was
 * meant. */
int	suggest_is_close(const char *key, const char *known, size_t d);

#endif /* INFDIAG_SUGGEST_H */

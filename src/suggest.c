/*
 * Suggestions for a mistyped word: the known word it is closest to, when
 * it is close enough to be what was meant.
 */
#include <string.h>

#include "suggest.h"

/* Levenshtein distance between two short strings, capped at 99. */
size_t
suggest_distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, prev, diag, cost;
	size_t	row[32];

	if (la > 30 || lb > 30)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			prev = row[j];
			cost = a[i - 1] == b[j - 1] ? 0 : 1;
			row[j] = diag + cost;
			if (row[j] > row[j - 1] + 1)
				row[j] = row[j - 1] + 1;
			if (row[j] > prev + 1)
				row[j] = prev + 1;
			diag = prev;
		}
	}
	return row[lb];
}

/* Says whether known is close enough to key to be what was meant: a few
 * edits away, or one a prefix of the other ("expression", "expr"). */
int
suggest_is_close(const char *key, const char *known, size_t d)
{
	size_t	lk = strlen(key), ln = strlen(known);

	if (d <= 2 && d < ln)
		return 1;
	return lk >= 2 && ln >= 2 && strncmp(key, known,
	    lk < ln ? lk : ln) == 0;
}

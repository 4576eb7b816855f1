/*
 * Influence paths, listed one at a time in order.
 */
#include <stdint.h>
#include <stdlib.h>

#include "alloc.h"
#include "analysis.h"
#include "model.h"
#include "paths.h"
#include "progress.h"

struct path_iter {
	const struct infdiag_analysis	*a;
	const struct deriv		*d;
	uint32_t	 n;		/* variables on a path of d */
	uint32_t	*succ_off;	/* by rel index: successors on paths */
	uint32_t	*succ;		/* ... as rel indices, ascending */
	uint32_t	*dmin;		/* by rel index: distances to of */
	uint32_t	*dmax;
	uint32_t	 len;		/* the length being listed */
	uint32_t	 depth;
	uint32_t	*stack;		/* rel indices from wrt */
	uint32_t	*next;		/* next successor to try, per depth */
	uint64_t	*found_at;	/* paths found when the frame began */
	uint64_t	 found;
	uint32_t	*out;		/* the stack as variables: the path */
	uint64_t	*dead;		/* open-addressing set of states + 1 */
	uint64_t	 dead_mask;
	uint64_t	 ndead;
	int		 resume;	/* the last call returned a path */
	int		 done;
	struct progress	 meter;		/* paths found of those wanted */
};

/* The rel index of v (which is on a path), by binary search on rank. */
static uint32_t
rel_index(const struct path_iter *it, uint32_t v)
{
	const uint32_t	*rank = it->a->m->rank, *rel = it->d->rel;
	uint32_t	 lo = 0, hi = it->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rank[rel[mid]] < rank[v])
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Sorts rel indices ascending. */
static int
cmp_u32(const void *x, const void *y)
{
	uint32_t	a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

/* Builds the successor lists restricted to the variables on paths. */
static int
build_successors(struct path_iter *it)
{
	const struct infdiag_model	*m = it->a->m;
	uint32_t			 k, i, v, c, n = 0;

	if ((it->succ_off = mem_calloc((size_t)it->n + 1, sizeof(uint32_t))) ==
	    NULL)
		return -1;
	for (k = 0; k < it->n; k++) {
		v = it->d->rel[k];
		for (i = m->out_off[v]; i < m->out_off[v + 1]; i++)
			n += analysis_on_path(it->a, it->d, m->out_idx[i]);
		it->succ_off[k + 1] = n;
	}
	if ((it->succ = mem_calloc(n, sizeof(uint32_t))) == NULL)
		return -1;
	for (k = 0, n = 0; k < it->n; k++) {
		v = it->d->rel[k];
		for (i = m->out_off[v]; i < m->out_off[v + 1]; i++) {
			c = m->out_idx[i];
			if (analysis_on_path(it->a, it->d, c))
				it->succ[n++] = rel_index(it, c);
		}
		qsort(it->succ + it->succ_off[k], n - it->succ_off[k],
		    sizeof(uint32_t), cmp_u32);
	}
	return 0;
}

/* The paths a listing will likely yield: all of them, or max_paths. */
static uint64_t
paths_wanted(const struct infdiag_analysis *a, const struct deriv *d)
{
	const mpz_t	*count = analysis_count(a, d->wrt);

	if (mpz_cmp_ui(*count, a->max_paths) < 0)
		return mpz_get_ui(*count);
	return a->max_paths;
}

/* Starts listing d's paths. */
struct path_iter *
paths_begin(const struct infdiag_analysis *a, const struct deriv *d)
{
	struct path_iter	*it;
	uint64_t		 wanted;
	uint32_t		 k, pos;

	if ((it = mem_calloc(1, sizeof(*it))) == NULL)
		return NULL;
	it->a = a;
	it->d = d;
	it->meter.next = UINT64_MAX;
	it->n = d->nrel;
	it->done = d->nrel == 0;
	if (it->done)
		return it;
	it->dmin = mem_calloc(it->n, sizeof(uint32_t));
	it->dmax = mem_calloc(it->n, sizeof(uint32_t));
	it->stack = mem_calloc((size_t)it->n + 1, sizeof(uint32_t));
	it->next = mem_calloc((size_t)it->n + 1, sizeof(uint32_t));
	it->out = mem_calloc((size_t)it->n + 1, sizeof(uint32_t));
	it->found_at = mem_calloc((size_t)it->n + 1, sizeof(uint64_t));
	if (it->dmin == NULL || it->dmax == NULL || it->stack == NULL ||
	    it->next == NULL || it->out == NULL || it->found_at == NULL ||
	    build_successors(it) != 0) {
		paths_end(it);
		return NULL;
	}
	for (k = 0; k < it->n; k++) {
		pos = a->anc_pos[d->rel[k]];
		it->dmin[k] = a->dmin[pos];
		it->dmax[k] = a->dmax[pos];
	}
	it->len = it->dmin[0];
	it->depth = UINT32_MAX;
	/* A path costs about its length: report every PROGRESS_GRAIN of
	 * variables listed, roughly. */
	if ((wanted = paths_wanted(a, d)) > 0)
		progress_begin(&it->meter, INFDIAG_STAGE_LISTING, wanted,
		    PROGRESS_GRAIN / ((uint64_t)it->dmax[0] + 1) + 1);
	return it;
}

/* The hash of a state (rel index, steps left). */
static uint64_t
state_key(uint32_t k, uint32_t left)
{
	return ((uint64_t)k << 32 | left) + 1;
}

/* Says whether a state is known to lead nowhere. */
static int
is_dead(const struct path_iter *it, uint64_t key)
{
	uint64_t	i;

	if (it->dead == NULL)
		return 0;
	i = (key * 0x9e3779b97f4a7c15ULL) >> 17 & it->dead_mask;
	while (it->dead[i] != 0) {
		if (it->dead[i] == key)
			return 1;
		i = (i + 1) & it->dead_mask;
	}
	return 0;
}

/* Records a dead state, growing the set at half full. */
static int
add_dead(struct path_iter *it, uint64_t key)
{
	uint64_t	*old = it->dead, oldsize = old ? it->dead_mask + 1 : 0;
	uint64_t	 size, i, j;

	if (2 * (it->ndead + 1) > oldsize) {
		size = oldsize ? oldsize * 2 : 1024;
		if ((it->dead = mem_calloc(size, sizeof(uint64_t))) == NULL) {
			it->dead = old;
			return -1;
		}
		it->dead_mask = size - 1;
		it->ndead = 0;
		for (j = 0; j < oldsize; j++) {
			if (old[j] != 0)
				add_dead(it, old[j]);
		}
		mem_free(old);
	}
	i = (key * 0x9e3779b97f4a7c15ULL) >> 17 & it->dead_mask;
	while (it->dead[i] != 0)
		i = (i + 1) & it->dead_mask;
	it->dead[i] = key;
	it->ndead++;
	return 0;
}

/* Pushes rel index k at the next depth. */
static void
push(struct path_iter *it, uint32_t k)
{
	it->depth++;
	it->stack[it->depth] = k;
	it->next[it->depth] = it->succ_off[k];
	it->found_at[it->depth] = it->found;
	it->out[it->depth] = it->d->rel[k];
}

/* Pops a frame, remembering it as dead if nothing was found below it. */
static int
pop(struct path_iter *it)
{
	uint32_t	k = it->stack[it->depth];

	if (it->found == it->found_at[it->depth] &&
	    add_dead(it, state_key(k, it->len - it->depth)) != 0)
		return -1;
	it->depth--;
	return 0;
}

/* Says whether the search may enter rel index c with left steps to go. */
static int
viable(const struct path_iter *it, uint32_t c, uint32_t left)
{
	return it->dmin[c] <= left && left <= it->dmax[c] &&
	    !is_dead(it, state_key(c, left));
}

/* Pops a frame; when the stack empties, moves on to the next length. */
static int
pop_frame(struct path_iter *it)
{
	if (pop(it) != 0)
		return -1;
	if (it->depth == UINT32_MAX)
		it->len++;
	return 0;
}

/* Advances the search to the next path; 1, 0 at the end, -1 on memory. */
static int
search(struct path_iter *it)
{
	uint32_t	k, c, left, *next;

	for (;;) {
		if (it->depth == UINT32_MAX) {
			if (it->len > it->dmax[0])
				return 0;
			push(it, 0);
		}
		k = it->stack[it->depth];
		left = it->len - it->depth;
		if (left == 0)
			return 1;	/* k is of: a path */
		next = &it->next[it->depth];
		c = UINT32_MAX;
		while (*next < it->succ_off[k + 1]) {
			c = it->succ[(*next)++];
			if (viable(it, c, left - 1))
				break;
			c = UINT32_MAX;
		}
		if (c != UINT32_MAX)
			push(it, c);
		else if (pop_frame(it) != 0)
			return -1;
	}
}

/* The next path. */
int
paths_next(struct path_iter *it, const uint32_t **path, uint32_t *n)
{
	int	rc;

	if (it->done)
		return 0;
	if (it->resume) {
		it->resume = 0;
		if (pop_frame(it) != 0)
			return -1;
	}
	if ((rc = search(it)) <= 0) {
		it->done = rc == 0;
		return rc;
	}
	it->found++;
	progress_at(&it->meter, it->found);
	*path = it->out;
	*n = it->depth + 1;
	it->resume = 1;
	return 1;
}

/* Frees the iterator. */
void
paths_end(struct path_iter *it)
{
	if (it == NULL)
		return;
	progress_end(&it->meter, it->found);
	mem_free(it->succ_off);
	mem_free(it->succ);
	mem_free(it->dmin);
	mem_free(it->dmax);
	mem_free(it->stack);
	mem_free(it->next);
	mem_free(it->found_at);
	mem_free(it->out);
	mem_free(it->dead);
	mem_free(it);
}

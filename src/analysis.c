/*
 * infdiag_analyze(): resolving the question, then counting paths and
 * measuring formulas by dynamic programming over the topological order.
 * Cost: O(V + E) for the ancestors, counts and lengths (plus the GMP
 * additions, linear in the digits), and O(|rel| + its arrows) per wrt.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "infdiag.h"
#include "alloc.h"
#include "analysis.h"
#include "error.h"
#include "graph.h"
#include "model.h"
#include "progress.h"
#include "strbuf.h"

/* Adds b to a, saturating at UINT64_MAX. */
static uint64_t
sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* Resolves one variable name given on the command line. */
static int
resolve_name(const struct infdiag_model *m, const char *name,
    const char *what, uint32_t *out, struct infdiag_error *err)
{
	char	q[QUOTE_SIZE];

	if ((*out = infdiag_model_lookup(m, name)) == INFDIAG_NONE) {
		error_set(err, INFDIAG_EMODEL, what, "unknown variable %s",
		    quote(q, name, strlen(name)));
		return -1;
	}
	return 0;
}

/* Chooses `of`: asked for, the model's, or the only output. */
static int
choose_of(struct infdiag_analysis *a, const struct infdiag_query *q,
    struct infdiag_error *err)
{
	const struct infdiag_model	*m = a->m;
	struct strbuf			 sb = STRBUF_INIT;
	uint32_t			 v, n = 0;
	int				 more = 0;

	if (q->of != NULL)
		return resolve_name(m, q->of, "--of", &a->of, err);
	if ((a->of = m->of) != INFDIAG_NONE)
		return 0;
	for (v = 0; v < m->nvars; v++) {
		if (m->out_off[v + 1] != m->out_off[v])
			continue;
		/* Up to 8 names, but not so many long ones that the advice
		 * after them would be cut from the message. */
		if (n++ < 8 && sb.len < 2 * QUOTE_MAX) {
			strbuf_add(&sb, n > 1 ? ", " : "");
			cut_text(&sb, m->vars[v].name, strlen(m->vars[v].name),
			    QUOTE_MAX);
		} else if (!more) {
			strbuf_add(&sb, ", ...");
			more = 1;
		}
		a->of = v;
	}
	if (n == 1) {
		strbuf_release(&sb);
		return 0;
	}
	error_set(err, INFDIAG_EMODEL, "of", "the model has %u outputs (%s): "
	    "name the one to differentiate with \"of\" or --of", n,
	    strbuf_str(&sb));
	strbuf_release(&sb);
	return -1;
}

/* Finds the ancestors of `of` in topological order, with their positions. */
static int
find_ancestors(struct infdiag_analysis *a)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			*mark, *queue, i, v;

	mark = mem_calloc(m->nvars, sizeof(*mark));
	queue = mem_calloc(m->nvars, sizeof(*queue));
	a->anc_pos = mem_calloc(m->nvars, sizeof(*a->anc_pos));
	if (mark == NULL || queue == NULL || a->anc_pos == NULL) {
		mem_free(mark);
		mem_free(queue);
		return -1;
	}
	a->nanc = graph_reach(m, &a->of, 1, 1, mark, 1, queue);
	/* queue is no longer needed: reuse it for the ordered list. */
	a->anc = queue;
	for (i = 0, a->nanc = 0; i < m->nvars; i++) {
		v = m->order[i];
		a->anc_pos[v] = INFDIAG_NONE;
		if (mark[v] == 1) {
			a->anc_pos[v] = a->nanc;
			a->anc[a->nanc++] = v;
		}
	}
	mem_free(mark);
	return 0;
}

/* Counts the paths to `of` and their shortest and longest lengths, from
 * `of` down: count(v) = Σ count(c) over v's consumers c. */
static int
count_paths(struct infdiag_analysis *a)
{
	const struct infdiag_model	*m = a->m;
	struct progress			 meter;
	uint32_t			 k, i, v, c, pc;

	a->count = mem_calloc(a->nanc, sizeof(*a->count));
	a->dmin = mem_calloc(a->nanc, sizeof(*a->dmin));
	a->dmax = mem_calloc(a->nanc, sizeof(*a->dmax));
	if (a->count == NULL || a->dmin == NULL || a->dmax == NULL) {
		mem_free(a->count);
		a->count = NULL;
		return -1;
	}
	for (k = 0; k < a->nanc; k++)
		mpz_init(a->count[k]);
	progress_begin(&meter, INFDIAG_STAGE_COUNTING, a->nanc,
	    PROGRESS_GRAIN);
	for (k = a->nanc; k-- > 0;) {
		progress_at(&meter, a->nanc - k - 1);
		v = a->anc[k];
		if (v == a->of) {
			mpz_set_ui(a->count[k], 1);
			continue;
		}
		a->dmin[k] = UINT32_MAX;
		for (i = m->out_off[v]; i < m->out_off[v + 1]; i++) {
			c = m->out_idx[i];
			if ((pc = a->anc_pos[c]) == INFDIAG_NONE)
				continue;
			mpz_add(a->count[k], a->count[k], a->count[pc]);
			if (a->dmin[pc] + 1 < a->dmin[k])
				a->dmin[k] = a->dmin[pc] + 1;
			if (a->dmax[pc] + 1 > a->dmax[k])
				a->dmax[k] = a->dmax[pc] + 1;
		}
	}
	progress_end(&meter, a->nanc);
	return 0;
}

/* Sorts ranks ascending. */
static int
cmp_u32(const void *x, const void *y)
{
	uint32_t	a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

/* Scratch for measuring each derivative. */
struct scratch {
	uint32_t	*mark;		/* stamp: v is on a path of this wrt */
	uint32_t	 stamp;
	uint32_t	*rel;		/* the path's variables, being collected */
	uint64_t	*paths;		/* paths from wrt to v */
	uint64_t	*efactors;	/* factors of those paths in all */
	uint64_t	*ffactors;	/* factors of v's factored form */
};

/* Collects the variables on a path from d->wrt to of, in topological
 * order: the descendants of wrt among the ancestors of of.  They are
 * gathered in the scratch and copied out at their size, since there may be
 * a derivative per variable: O(nrel log nrel) each, never O(ancestors). */
static int
collect_rel(struct infdiag_analysis *a, struct deriv *d, struct scratch *s)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			 head = 0, n = 0, i, v, c;

	if (a->anc_pos[d->wrt] == INFDIAG_NONE)
		return 0;
	s->stamp++;
	s->mark[d->wrt] = s->stamp;
	s->rel[n++] = d->wrt;
	while (head < n) {
		v = s->rel[head++];
		for (i = m->out_off[v]; i < m->out_off[v + 1]; i++) {
			c = m->out_idx[i];
			if (a->anc_pos[c] == INFDIAG_NONE ||
			    s->mark[c] == s->stamp)
				continue;
			s->mark[c] = s->stamp;
			s->rel[n++] = c;
		}
	}
	for (i = 0; i < n; i++)
		s->rel[i] = m->rank[s->rel[i]];
	qsort(s->rel, n, sizeof(*s->rel), cmp_u32);
	if ((d->rel = mem_calloc(n, sizeof(*d->rel))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		d->rel[i] = m->order[s->rel[i]];
	d->nrel = n;
	return 0;
}

/* Measures the expanded and factored formulas of d, from wrt up: each
 * variable on a path passes its counts on to its consumers on a path, so
 * the cost is the arrows leaving the path's variables, not those entering
 * them (a wide sum downstream of every weight is not rescanned per wrt). */
static void
measure(struct infdiag_analysis *a, struct deriv *d, struct scratch *s)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			 k, i, v, c;

	for (k = 0; k < d->nrel; k++) {
		v = d->rel[k];
		s->paths[v] = k == 0 ? 1 : 0;
		s->efactors[v] = s->ffactors[v] = 0;
	}
	for (k = 0; k < d->nrel; k++) {
		v = d->rel[k];
		for (i = m->out_off[v]; i < m->out_off[v + 1]; i++) {
			c = m->out_idx[i];
			if (s->mark[c] != s->stamp)
				continue;
			s->paths[c] = sat_add(s->paths[c], s->paths[v]);
			s->efactors[c] = sat_add(s->efactors[c],
			    sat_add(s->efactors[v], s->paths[v]));
			s->ffactors[c] = sat_add(s->ffactors[c],
			    sat_add(s->ffactors[v], 1));
		}
	}
	d->expanded_factors = d->nrel > 0 ? s->efactors[a->of] : 0;
	d->factored_factors = d->nrel > 0 ? s->ffactors[a->of] : 0;
	/* From wrt's side: of may have far more inputs than wrt consumers. */
	for (i = m->out_off[d->wrt]; i < m->out_off[d->wrt + 1]; i++)
		d->direct |= m->out_idx[i] == a->of;
}

/* Maps each arrow's position among its source's consumers to its position
 * among its sink's inputs: both lists were filled in declaration order of
 * the sink, so one pass in that order matches them. */
static int
map_out_pos(struct infdiag_analysis *a)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			*fill, v, i;

	a->out_pos = mem_calloc(m->nedges > 0 ? m->nedges : 1,
	    sizeof(*a->out_pos));
	fill = mem_calloc(m->nvars > 0 ? m->nvars : 1, sizeof(*fill));
	if (a->out_pos == NULL || fill == NULL) {
		mem_free(fill);
		return -1;
	}
	memcpy(fill, m->out_off, m->nvars * sizeof(*fill));
	for (v = 0; v < m->nvars; v++) {
		for (i = m->in_off[v]; i < m->in_off[v + 1]; i++)
			a->out_pos[fill[m->in_idx[i]]++] = i;
	}
	mem_free(fill);
	return 0;
}

/* Says whether d's arrows on a path are worth keeping: scanning the inputs
 * of its variables would cost far more than they number (a sum of 10^5
 * inputs, one of them on the path).  They are collected only when a
 * formula first asks (eval's numbers never do). */
static void
want_arrows(struct infdiag_analysis *a, struct deriv *d, struct scratch *s)
{
	const struct infdiag_model	*m = a->m;
	uint64_t			 inputs = 0, n = 0;
	uint32_t			 k, i, v;

	for (k = 0; k < d->nrel; k++) {
		v = d->rel[k];
		inputs += var_ninputs(m, v);
		for (i = m->out_off[v]; i < m->out_off[v + 1]; i++)
			n += s->mark[m->out_idx[i]] == s->stamp;
	}
	d->arrows_wanted = inputs > 4 * n + 64;
}

/* Collects d's arrows on a path, as in_idx positions in ascending order;
 * -1 when out of memory. */
static int
collect_arrows(struct infdiag_analysis *a, struct deriv *d)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			 k, i, v, n = 0;

	if (a->out_pos == NULL && map_out_pos(a) != 0)
		return -1;
	for (k = 0; k < d->nrel; k++) {
		v = d->rel[k];
		for (i = m->out_off[v]; i < m->out_off[v + 1]; i++)
			n += analysis_on_path(a, d, m->out_idx[i]);
	}
	if ((d->arrows = mem_calloc(n > 0 ? n : 1, sizeof(*d->arrows))) ==
	    NULL)
		return -1;
	for (k = 0; k < d->nrel; k++) {
		v = d->rel[k];
		for (i = m->out_off[v]; i < m->out_off[v + 1]; i++) {
			if (analysis_on_path(a, d, m->out_idx[i]))
				d->arrows[d->narrows++] = a->out_pos[i];
		}
	}
	qsort(d->arrows, d->narrows, sizeof(*d->arrows), cmp_u32);
	return 0;
}

/* Chooses the wrt list: asked for, the model's, or every independent
 * variable that `of` depends on, in declaration order. */
static int
choose_wrt(struct infdiag_analysis *a, const struct infdiag_query *q,
    struct infdiag_error *err)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			 v, i, k, n = 0;
	char				 qb[QUOTE_SIZE];

	if (q->nwrt > 0 || m->nwrt > 0)
		n = q->nwrt > 0 ? (uint32_t)q->nwrt : m->nwrt;
	else {
		for (v = 0; v < m->nvars; v++)
			n += a->anc_pos[v] != INFDIAG_NONE && v != a->of &&
			    var_ninputs(m, v) == 0;
	}
	if ((a->d = mem_calloc(n == 0 ? 1 : n, sizeof(*a->d))) == NULL)
		return -1;
	for (v = 0, k = 0; k < n; k++) {
		if (q->nwrt > 0) {
			if (resolve_name(m, q->wrt[k], "--wrt", &a->d[k].wrt,
			    err) != 0)
				return 1;
			for (i = 0; i < k; i++) {
				if (a->d[i].wrt != a->d[k].wrt)
					continue;
				error_set(err, INFDIAG_EUSAGE, "--wrt",
				    "%s is listed twice", quote(qb, q->wrt[k],
				    strlen(q->wrt[k])));
				return 1;
			}
		} else if (m->nwrt > 0)
			a->d[k].wrt = m->wrt[k];
		else {
			while (a->anc_pos[v] == INFDIAG_NONE || v == a->of ||
			    var_ninputs(m, v) != 0)
				v++;
			a->d[k].wrt = v++;
		}
		a->nwrt++;
	}
	return 0;
}

/* Measures every derivative. */
static int
measure_all(struct infdiag_analysis *a)
{
	struct scratch	s;
	struct progress	meter;
	uint32_t	k;
	int		rc = -1;

	memset(&s, 0, sizeof(s));
	s.mark = mem_calloc(a->m->nvars, sizeof(*s.mark));
	s.paths = mem_calloc(a->m->nvars, sizeof(*s.paths));
	s.efactors = mem_calloc(a->m->nvars, sizeof(*s.efactors));
	s.ffactors = mem_calloc(a->m->nvars, sizeof(*s.ffactors));
	s.rel = mem_calloc(a->nanc > 0 ? a->nanc : 1, sizeof(*s.rel));
	if (s.mark == NULL || s.paths == NULL || s.efactors == NULL ||
	    s.ffactors == NULL || s.rel == NULL)
		goto out;
	/* A derivative costs up to every ancestor: report about every
	 * PROGRESS_GRAIN of those. */
	progress_begin(&meter, INFDIAG_STAGE_MEASURING, a->nwrt,
	    PROGRESS_GRAIN / a->nanc + 1);
	for (k = 0; k < a->nwrt; k++) {
		if (collect_rel(a, &a->d[k], &s) != 0)
			goto out;
		measure(a, &a->d[k], &s);
		want_arrows(a, &a->d[k], &s);
		progress_at(&meter, k + 1);
	}
	progress_end(&meter, a->nwrt);
	rc = 0;
out:
	mem_free(s.mark);
	mem_free(s.paths);
	mem_free(s.efactors);
	mem_free(s.ffactors);
	mem_free(s.rel);
	return rc;
}

/* Analyses the model for one question. */
struct infdiag_analysis *
infdiag_analyze(const struct infdiag_model *m,
    const struct infdiag_query *q, struct infdiag_error *err)
{
	struct infdiag_analysis	*a;
	int			 rc;

	error_init(err, m->source);
	if ((a = mem_calloc(1, sizeof(*a))) == NULL) {
		error_nomem(err);
		return NULL;
	}
	a->m = m;
	a->max_paths = q->max_paths;
	if (choose_of(a, q, err) != 0 || (rc = find_ancestors(a)) != 0 ||
	    (rc = count_paths(a)) != 0 || (rc = choose_wrt(a, q, err)) != 0 ||
	    (rc = measure_all(a)) != 0 ||
	    (q->numbers && a->out_pos == NULL && (rc = map_out_pos(a)) != 0) ||
	    (q->numbers && (rc = numbers_compute(a, err)) != 0)) {
		if (!error_is_set(err))
			error_nomem(err);
		model_place_error(m, err);
		infdiag_analysis_free(a);
		return NULL;
	}
	return a;
}

/* Frees the analysis. */
void
infdiag_analysis_free(struct infdiag_analysis *a)
{
	uint32_t	k;

	if (a == NULL)
		return;
	numbers_free(a);
	for (k = 0; a->count != NULL && k < a->nanc; k++)
		mpz_clear(a->count[k]);
	for (k = 0; a->d != NULL && k < a->nwrt; k++) {
		mem_free(a->d[k].rel);
		mem_free(a->d[k].arrows);
	}
	mem_free(a->out_pos);
	mem_free(a->d);
	mem_free(a->anc);
	mem_free(a->anc_pos);
	mem_free(a->count);
	mem_free(a->dmin);
	mem_free(a->dmax);
	mem_free(a);
}

/* The position in in_idx, from i on, of v's next input on a path of d. */
uint32_t
analysis_next_input(const struct infdiag_analysis *a, const struct deriv *d,
    uint32_t v, uint32_t i)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			 end = m->in_off[v + 1], lo, hi, mid;

	/* The arrows are the analysis's cache, made on first use: d and a
	 * point into memory the analysis owns.  Out of memory, the scan
	 * below gives the same answer more slowly. */
	if (d->arrows_wanted && d->arrows == NULL &&
	    collect_arrows((struct infdiag_analysis *)a, (struct deriv *)d) !=
	    0)
		((struct deriv *)d)->arrows_wanted = 0;
	if (d->arrows == NULL) {
		while (i < end && !analysis_on_path(a, d, m->in_idx[i]))
			i++;
		return i;
	}
	for (lo = 0, hi = d->narrows; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		if (d->arrows[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->narrows && d->arrows[lo] < end ? d->arrows[lo] : end;
}

/* The exact number of paths from v to of; NULL when there is none. */
const mpz_t *
analysis_count(const struct infdiag_analysis *a, uint32_t v)
{
	if (a->anc_pos[v] == INFDIAG_NONE)
		return NULL;
	return (const mpz_t *)&a->count[a->anc_pos[v]];
}

/* Appends the exact number of paths from v to of, less minus, in
 * decimal. */
void
analysis_count_str(struct strbuf *sb, const struct infdiag_analysis *a,
    uint32_t v, unsigned long minus)
{
	const mpz_t	*count = analysis_count(a, v);
	mpz_t		 less;
	char		*digits;

	if (count == NULL) {
		strbuf_addc(sb, '0');
		return;
	}
	mpz_init(less);
	mpz_sub_ui(less, *count, minus);
	if ((digits = mem_alloc(mpz_sizeinbase(less, 10) + 2)) == NULL)
		sb->failed = 1;
	else
		strbuf_add(sb, mpz_get_str(digits, 10, less));
	mem_free(digits);
	mpz_clear(less);
}

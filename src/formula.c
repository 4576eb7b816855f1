/*
 * Formulas for the total derivative.
 */
#include <stdint.h>
#include <string.h>

#include <gmp.h>

#include "alloc.h"
#include "analysis.h"
#include "formula.h"
#include "model.h"
#include "notation.h"
#include "paths.h"
#include "strbuf.h"

/* Says whether the expanded form fits its limits. */
int
formula_expanded_fits(const struct infdiag_analysis *a, const struct deriv *d)
{
	const mpz_t	*count = analysis_count(a, d->wrt);

	return count == NULL || (mpz_cmp_ui(*count, EXPANDED_MAX_TERMS) <= 0 &&
	    d->expanded_factors <= EXPANDED_MAX_FACTORS);
}

/* Says whether the factored form fits its limit. */
int
formula_factored_fits(const struct infdiag_analysis *a, const struct deriv *d)
{
	(void)a;
	return d->factored_factors <= FACTORED_MAX_FACTORS;
}

/* Appends the variable at path[i] of a path written out: its arrow, then
 * its symbol. */
static void
path_step(struct strbuf *sb, const struct infdiag_analysis *a,
    const uint32_t *path, uint32_t i, enum style style)
{
	if (i > 0)
		strbuf_add(sb, note_arrow(style));
	note_symbol(sb, a->m, path[i], style);
}

/* Appends "x → g → y". */
void
formula_path(struct strbuf *sb, const struct infdiag_analysis *a,
    const uint32_t *path, uint32_t n, enum style style)
{
	uint32_t	i;

	for (i = 0; i < n; i++)
		path_step(sb, a, path, i, style);
}

/* The number of first entries two arrays of n share. */
static uint32_t
common_prefix(const uint32_t *a, const uint32_t *b, uint32_t n)
{
	uint32_t	k = 0;

	/* Whole blocks first: memcmp compares them many bytes at a time. */
	while (n - k >= 16 && memcmp(a + k, b + k, 16 * sizeof(*a)) == 0)
		k += 16;
	while (k < n && a[k] == b[k])
		k++;
	return k;
}

/* Makes pt hold a path, keeping the text of the first variables it shares
 * with the path held before. */
int
path_text_set(struct path_text *pt, const struct infdiag_analysis *a,
    const uint32_t *path, uint32_t n, enum style style)
{
	uint32_t	 i, keep;
	uint32_t	*ids;
	size_t		*ends;

	if (n > pt->cap) {
		if ((ids = mem_reallocarray(pt->ids, n, sizeof(*ids))) == NULL)
			return -1;
		pt->ids = ids;
		if ((ends = mem_reallocarray(pt->ends, n, sizeof(*ends))) ==
		    NULL)
			return -1;
		pt->ends = ends;
		pt->cap = n;
	}
	keep = common_prefix(pt->ids, path, n < pt->n ? n : pt->n);
	strbuf_truncate(&pt->sb, keep > 0 ? pt->ends[keep - 1] : 0);
	for (i = keep; i < n; i++) {
		path_step(&pt->sb, a, path, i, style);
		pt->ids[i] = path[i];
		pt->ends[i] = pt->sb.len;
	}
	pt->n = n;
	return strbuf_failed(&pt->sb) ? -1 : 0;
}

/* Frees pt's memory and empties it. */
void
path_text_release(struct path_text *pt)
{
	strbuf_release(&pt->sb);
	mem_free(pt->ids);
	mem_free(pt->ends);
	pt->ids = NULL;
	pt->ends = NULL;
	pt->n = pt->cap = 0;
}

/* Appends a path's term, from the output end to the input end. */
void
formula_term(struct strbuf *sb, const struct infdiag_analysis *a,
    const uint32_t *path, uint32_t n, enum style style)
{
	uint32_t	i;

	if (n < 2) {
		strbuf_addc(sb, '1');
		return;
	}
	for (i = n - 1; i > 0; i--) {
		if (i < n - 1)
			strbuf_add(sb, note_times(style));
		note_local(sb, a->m, path[i], path[i - 1], style);
	}
}

/* Appends the expanded right-hand side. */
int
formula_expanded(struct strbuf *sb, const struct infdiag_analysis *a,
    const struct deriv *d, enum style style)
{
	struct path_iter	*it;
	const uint32_t		*path;
	uint32_t		 n;
	int			 rc, first = 1;

	if (d->nrel == 0) {
		strbuf_addc(sb, '0');
		return 0;
	}
	if ((it = paths_begin(a, d)) == NULL)
		return -1;
	while ((rc = paths_next(it, &path, &n)) == 1) {
		if (!first)
			strbuf_add(sb, note_plus(style));
		first = 0;
		formula_term(sb, a, path, n, style);
	}
	paths_end(it);
	return rc;
}

/* The number of v's inputs on a path of d (v's terms in factored form). */
static uint32_t
terms_of(const struct infdiag_analysis *a, const struct deriv *d, uint32_t v)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			 i, n = 0;

	for (i = analysis_next_input(a, d, v, m->in_off[v]);
	    i < m->in_off[v + 1]; i = analysis_next_input(a, d, v, i + 1))
		n++;
	return n;
}

/* One variable being written out in factored form. */
struct frame {
	uint32_t	v;
	uint32_t	i;	/* next input (index into in_idx) */
	int		first;	/* no term written yet */
	int		paren;	/* close a parenthesis when done */
};

/* Appends the factored right-hand side: for v, the sum over its inputs p
 * on a path of local(v, p)·F(p), with F(wrt) = 1, using a stack as deep as
 * the longest path. */
int
formula_factored(struct strbuf *sb, const struct infdiag_analysis *a,
    const struct deriv *d, enum style style)
{
	const struct infdiag_model	*m = a->m;
	struct frame			*st, *f;
	uint32_t			 depth = 0, p, np;

	if (d->nrel == 0 || d->wrt == a->of) {
		strbuf_addc(sb, d->nrel == 0 ? '0' :
		    note_size(m, a->of) > 1 ? 'I' : '1');
		return 0;
	}
	if ((st = mem_calloc((size_t)d->nrel + 1, sizeof(*st))) == NULL)
		return -1;
	st[0] = (struct frame){ a->of, m->in_off[a->of], 1, 0 };
	depth = 1;
	while (depth > 0) {
		f = &st[depth - 1];
		f->i = analysis_next_input(a, d, f->v, f->i);
		if (f->i == m->in_off[f->v + 1]) {
			if (f->paren)
				strbuf_add(sb, style == STYLE_LATEX ?
				    "\\right)" : ")");
			depth--;
			continue;
		}
		p = m->in_idx[f->i++];
		if (!f->first)
			strbuf_add(sb, note_plus(style));
		f->first = 0;
		note_local(sb, m, f->v, p, style);
		if (p == d->wrt)
			continue;
		strbuf_add(sb, note_times(style));
		np = terms_of(a, d, p);
		if (np > 1)
			strbuf_add(sb, style == STYLE_LATEX ? "\\left(" : "(");
		st[depth++] = (struct frame){ p, m->in_off[p], 1, np > 1 };
	}
	mem_free(st);
	return 0;
}

/* Appends the forward equation of v: dv/dx from its inputs' totals. */
void
formula_forward(struct strbuf *sb, const struct infdiag_analysis *a,
    const struct deriv *d, uint32_t v, enum style style)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			 i, p;
	int				 first = 1;

	if (note_total_is_local(sb, m, v, d->wrt, style))
		return;
	note_total(sb, m, v, d->wrt, style);
	strbuf_add(sb, " = ");
	if (v == d->wrt) {
		/* The seed: the identity, of size(v) × size(v). */
		strbuf_addc(sb, note_size(m, v) > 1 ? 'I' : '1');
		return;
	}
	for (i = analysis_next_input(a, d, v, m->in_off[v]);
	    i < m->in_off[v + 1]; i = analysis_next_input(a, d, v, i + 1)) {
		p = m->in_idx[i];
		if (!first)
			strbuf_add(sb, note_plus(style));
		first = 0;
		note_local(sb, m, v, p, style);
		if (p != d->wrt) {
			strbuf_add(sb, note_times(style));
			note_total(sb, m, p, d->wrt, style);
		}
	}
}

/* Appends the reverse equation of v: dy/dv from its consumers' totals. */
void
formula_reverse(struct strbuf *sb, const struct infdiag_analysis *a,
    uint32_t v, enum style style)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			 i, c;
	int				 first = 1;

	if (note_total_is_local(sb, m, a->of, v, style))
		return;
	note_total(sb, m, a->of, v, style);
	strbuf_add(sb, " = ");
	if (v == a->of) {
		strbuf_addc(sb, note_size(m, v) > 1 ? 'I' : '1');
		return;
	}
	/* The direct term first, as the notes write it, then the others in
	 * declaration order. */
	for (i = m->out_off[v]; i < m->out_off[v + 1]; i++) {
		if (m->out_idx[i] == a->of) {
			note_local(sb, m, a->of, v, style);
			first = 0;
		}
	}
	for (i = m->out_off[v]; i < m->out_off[v + 1]; i++) {
		c = m->out_idx[i];
		if (a->anc_pos[c] == INFDIAG_NONE || c == a->of)
			continue;
		if (!first)
			strbuf_add(sb, note_plus(style));
		first = 0;
		note_total(sb, m, a->of, c, style);
		strbuf_add(sb, note_times(style));
		note_local(sb, m, c, v, style);
	}
}

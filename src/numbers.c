/*
 * Values, local derivatives, forward and reverse accumulation; the
 * finite-difference check is numbers_check.c's, and reading the results
 * numbers_read.c's.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "infdiag.h"
#include "alloc.h"
#include "analysis.h"
#include "error.h"
#include "expr.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "progress.h"
#include "strbuf.h"

/* The most input values a numeric error lists. */
#define ERROR_INPUTS_SHOWN	8

/* Appends what the scratch buffer holds, cut after max characters, and
 * empties it; a failure in either is sticky in sb. */
static void
add_cut(struct strbuf *sb, struct strbuf *scratch, size_t max)
{
	if (strbuf_failed(scratch))
		sb->failed = 1;
	cut_text(sb, strbuf_str(scratch), scratch->len, max);
	strbuf_truncate(scratch, 0);
}

/* Appends what went wrong at v: what, in which formula (v's expression,
 * or its local derivative with respect to input slot when slot is not
 * INFDIAG_NONE), at which input values.  Names and formulas are cut, so
 * that the message stays one short line. */
static void
failure_text(struct strbuf *sb, const struct infdiag_analysis *a,
    uint32_t v, uint32_t slot, const struct expr *e, const char *what,
    enum style style, int holes)
{
	const struct infdiag_model	*m = a->m;
	struct strbuf			 scratch = STRBUF_INIT;
	const char			*name = m->vars[v].name;
	uint32_t			 i, p;

	strbuf_addf(sb, "%s in ", what);
	if (slot == INFDIAG_NONE)
		cut_text(sb, name, strlen(name), QUOTE_MAX);
	else {
		note_local(&scratch, m, v, m->in_idx[m->in_off[v] + slot],
		    style);
		add_cut(sb, &scratch, QUOTE_FORMULA_MAX);
	}
	strbuf_add(sb, " = ");
	note_expr(&scratch, m, v, e, style);
	add_cut(sb, &scratch, QUOTE_FORMULA_MAX);
	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		if (i - m->in_off[v] == ERROR_INPUTS_SHOWN) {
			strbuf_add(sb, ", ...");
			break;
		}
		p = m->in_idx[i];
		strbuf_add(sb, i == m->in_off[v] ? ", with " : ", ");
		cut_text(sb, m->vars[p].name, strlen(m->vars[p].name),
		    QUOTE_MAX);
		strbuf_add(sb, " = ");
		if (holes)
			strbuf_add(sb, NUMBERS_HOLE);
		else
			note_number(sb, a->num->value[p], STYLE_ASCII);
	}
	strbuf_release(&scratch);
}

/* Appends the text told of v after what it meets, with NUMBERS_HOLE for
 * each input's value (the report's what-if fills them in). */
void
numbers_kink_where(struct strbuf *sb, const struct infdiag_analysis *a,
    uint32_t v)
{
	failure_text(sb, a, v, INFDIAG_NONE, a->m->vars[v].x->expr, "",
	    STYLE_ASCII, 1);
}

/* Records a failure; its 1-based index, or 0 when out of memory. */
static uint32_t
add_fail(struct numbers *n, uint32_t v, uint32_t slot, uint32_t from,
    struct strbuf *text)
{
	struct num_fail	*f;

	if (text != NULL && strbuf_failed(text))
		return 0;
	f = mem_reallocarray(n->fail, n->nfail + 1, sizeof(*f));
	if (f == NULL)
		return 0;
	n->fail = f;
	f += n->nfail;
	f->v = v;
	f->slot = slot;
	f->from = from;
	f->text = text != NULL ? strbuf_detach(text) : NULL;
	if (text != NULL && f->text == NULL)
		return 0;
	return (uint32_t)++n->nfail;
}

/* Keeps a failed evaluation at v (its value when slot is INFDIAG_NONE,
 * else its local derivative with respect to input slot) as a number that
 * is not finite, and records why; returns that number, with *failed set
 * when out of memory. */
static double
failed_at(const struct infdiag_analysis *a, uint32_t v, uint32_t slot,
    const struct expr *e, const struct expr_error *xerr, int *nomem)
{
	const struct infdiag_model	*m = a->m;
	struct numbers			*n = a->num;
	struct strbuf			 sb = STRBUF_INIT;
	uint32_t			 idx;

	if (xerr->input != UINT32_MAX)
		idx = add_fail(n, v, slot, m->in_idx[m->in_off[v] +
		    xerr->input], NULL);
	else {
		failure_text(&sb, a, v, slot, e, xerr->text, STYLE_TEXT, 0);
		idx = add_fail(n, v, slot, INFDIAG_NONE, &sb);
	}
	strbuf_release(&sb);
	if (idx == 0)
		*nomem = 1;
	else if (slot == INFDIAG_NONE)
		n->value_fail[v] = idx;
	else
		n->local_fail[m->in_off[v] + slot] = idx;
	return xerr->value;
}

/* Tells that v's expression e meets a point where one of its functions is
 * not differentiable (kink, from the evaluator), in which formula, at
 * which inputs; in ASCII, so that every output can show it.  -1 when out
 * of memory. */
static int
add_kink(const struct infdiag_analysis *a, uint32_t v, const struct expr *e,
    const char *kink)
{
	struct numbers	*n = a->num;
	struct strbuf	 sb = STRBUF_INIT;
	char		**k;

	if (n->nkinks == NUMBERS_KINKS_MAX) {
		n->kinks_more++;
		return 0;
	}
	failure_text(&sb, a, v, INFDIAG_NONE, e, kink, STYLE_ASCII, 0);
	if (strbuf_failed(&sb) || (k = mem_reallocarray(n->kinks,
	    n->nkinks + 1, sizeof(*k))) == NULL) {
		strbuf_release(&sb);
		return -1;
	}
	n->kinks = k;
	k[n->nkinks++] = strbuf_detach(&sb);
	return 0;
}

/* Gathers v's input values from vals; 0 when one is not known. */
static int
gather(const struct infdiag_analysis *a, uint32_t v, const double *vals,
    const unsigned char *known, double *in)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			 i;

	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		if (!known[m->in_idx[i]])
			return 0;
		in[i - m->in_off[v]] = vals[m->in_idx[i]];
	}
	return 1;
}

static uint32_t	max_inputs(const struct infdiag_model *);

/* Evaluates the values of every variable, in topological order. */
static int
eval_values(struct infdiag_analysis *a, double *in, struct infdiag_error *err)
{
	const struct infdiag_model	*m = a->m;
	struct numbers			*n = a->num;
	const struct var_extra		*x;
	struct expr_error		 xerr;
	char				 kink[NUMBERS_KINK_SIZE];
	uint32_t			 k, v;
	int				 nomem = 0;

	for (k = 0; k < m->nvars && !nomem; k++) {
		v = m->order[k];
		x = var_extra(m, v);
		if (m->vars[v].flags & VAR_HAS_VALUE) {
			n->value[v] = m->vars[v].value;
			n->known[v] = 1;
			continue;
		}
		if (x == NULL || x->expr == NULL ||
		    !gather(a, v, n->value, n->known, in))
			continue;
		if (expr_eval_kink(x->expr, in, &n->value[v], &xerr, NULL,
		    kink, sizeof(kink)) != 0)
			n->value[v] = failed_at(a, v, INFDIAG_NONE, x->expr,
			    &xerr, &nomem);
		else if (kink[0] != '\0' && a->anc_pos[v] != INFDIAG_NONE &&
		    add_kink(a, v, x->expr, kink) != 0)
			nomem = 1;
		n->known[v] = 1;
	}
	if (nomem)
		error_nomem(err);
	return nomem ? -1 : 0;
}

/* Derives every expression and evaluates the local derivatives whose
 * inputs are known; partials are taken as given. */
static int
eval_locals(struct infdiag_analysis *a, double *in, struct infdiag_error *err)
{
	const struct infdiag_model	*m = a->m;
	struct numbers			*n = a->num;
	const struct var_extra		*x;
	struct expr_error		 xerr;
	struct expr_memo		*memo;
	struct progress			 pr;
	uint32_t			 v, i, base;
	int				 rc = -1, nomem = 0;

	if ((memo = expr_memo_new()) == NULL) {
		error_nomem(err);
		return -1;
	}
	/* A variable can be a wide sum to derive for each input: a finer
	 * grain than for cheap units. */
	progress_begin(&pr, INFDIAG_STAGE_EVALUATING, m->nvars,
	    PROGRESS_GRAIN / 64);
	for (v = 0; v < m->nvars; v++) {
		progress_at(&pr, v);
		x = var_extra(m, v);
		base = m->in_off[v];
		if (x != NULL && (m->vars[v].flags & VAR_HAS_PARTIALS)) {
			memcpy(n->local + base, x->partials,
			    var_ninputs(m, v) * sizeof(double));
			n->local_known[v] = 1;
			continue;
		}
		if (x == NULL || x->expr == NULL)
			continue;
		if (expr_derive_all(x->expr, var_ninputs(m, v),
		    n->dexpr + base) != 0) {
			error_nomem(err);
			goto out;
		}
		if (!gather(a, v, n->value, n->known, in))
			continue;
		expr_memo_clear(memo);
		for (i = 0; i < var_ninputs(m, v); i++) {
			if (expr_eval_memo(n->dexpr[base + i], in,
			    &n->local[base + i], &xerr, memo) != 0)
				n->local[base + i] = failed_at(a, v, i,
				    n->dexpr[base + i], &xerr, &nomem);
		}
		if (nomem) {
			error_nomem(err);
			goto out;
		}
		n->local_known[v] = 1;
	}
	progress_end(&pr, m->nvars);
	rc = 0;
out:
	expr_memo_free(memo);
	return rc;
}

/* One reverse sweep from of: each variable, taken from of down, passes
 * adjoint(c)·∂c/∂p to each input p, so that adjoint(p) = Σ over p's
 * consumers c of adjoint(c)·∂c/∂p.  O(V + E) over the ancestors. */
static void
sweep_reverse(struct infdiag_analysis *a)
{
	const struct infdiag_model	*m = a->m;
	struct numbers			*n = a->num;
	uint32_t			 k, c, j, p;
	int				 ok, undefined;

	for (k = 0; k < a->nanc; k++) {
		n->adjoint[a->anc[k]] = 0;
		n->adjoint_known[a->anc[k]] = 1;
	}
	n->adjoint[a->of] = 1;
	for (k = a->nanc; k-- > 0;) {
		c = a->anc[k];
		ok = n->adjoint_known[c] && n->local_known[c];
		/* Where c is undefined, so is of's derivative through it. */
		undefined = n->known[c] && isnan(n->value[c]);
		for (j = m->in_off[c]; j < m->in_off[c + 1]; j++) {
			p = m->in_idx[j];
			if (ok)
				n->adjoint[p] += undefined ? NAN :
				    n->adjoint[c] * n->local[j];
			else
				n->adjoint_known[p] = 0;
		}
	}
}

/* One forward sweep from d->wrt: each variable on a path passes
 * ∂c/∂v·tangent(v) on to each consumer c on a path, so that tangent(c) =
 * Σ ∂c/∂p·tangent(p) over c's inputs p on a path.  A consumer of a
 * variable on a path is on a path exactly when it is an ancestor of of,
 * so the cost is the arrows leaving the path's variables.  Returns 0 when
 * a local derivative is unknown. */
int
numbers_tangents(const struct infdiag_analysis *a, const struct deriv *d,
    double *tangent)
{
	const struct infdiag_model	*m = a->m;
	const struct numbers		*n = a->num;
	uint32_t			 k, v, j, c;

	for (k = 0; k < d->nrel; k++) {
		v = d->rel[k];
		if (k > 0 && !n->local_known[v])
			return 0;
		tangent[v] = 0;
	}
	tangent[d->wrt] = 1;
	for (k = 0; k < d->nrel; k++) {
		v = d->rel[k];
		for (j = m->out_off[v]; j < m->out_off[v + 1]; j++) {
			c = m->out_idx[j];
			if (a->anc_pos[c] != INFDIAG_NONE)
				tangent[c] += n->local[n->out_pos[j]] *
				    tangent[v];
		}
	}
	return 1;
}

/* The input position of the arrow wrt -> of. */
static uint32_t
partial_at(const struct infdiag_analysis *a, const struct deriv *d)
{
	const struct infdiag_model	*m = a->m;
	uint32_t			 i;

	for (i = m->in_off[a->of]; m->in_idx[i] != d->wrt; i++)
		;
	return i;
}

/* Writes every ancestor of of in terms of the independent variables
 * (slot = variable index) into whole[], NULL where that is not possible or
 * too large, then differentiates of's with respect to each independent
 * wrt.  Only for small models: the composed trees are shown whole.  Says
 * in closed_omitted why a derivative that could have one has none: too
 * many variables, or a tree cut for size (unless a variable has no
 * expression, when there was never one to have). */
static int
closed_forms(struct infdiag_analysis *a)
{
	const struct infdiag_model	*m = a->m;
	struct expr			**whole, **subs, *e;
	uint32_t			  k, v, i;
	int				  rc = -1, why = CLOSED_OMITTED_NODES;

	if (a->nanc > CLOSED_MAX_VARS) {
		for (k = 0; k < a->nwrt; k++)
			if (var_ninputs(m, a->d[k].wrt) == 0 &&
			    a->d[k].nrel > 0)
				a->d[k].num.closed_omitted =
				    CLOSED_OMITTED_VARS;
		return 0;
	}
	whole = mem_calloc(m->nvars, sizeof(*whole));
	subs = mem_calloc(max_inputs(m), sizeof(*subs));
	if (whole == NULL || subs == NULL)
		goto out;
	for (k = 0; k < a->nanc; k++) {
		v = a->anc[k];
		if (var_ninputs(m, v) == 0) {
			if ((whole[v] = expr_var(v)) == NULL)
				goto out;
			continue;
		}
		if (m->vars[v].x == NULL || m->vars[v].x->expr == NULL) {
			why = 0;
			continue;
		}
		for (i = 0; i < var_ninputs(m, v); i++)
			subs[i] = whole[m->in_idx[m->in_off[v] + i]];
		e = expr_substitute(m->vars[v].x->expr, subs);
		if (e != NULL && expr_count_nodes(e, CLOSED_MAX_NODES) >
		    CLOSED_MAX_NODES) {
			expr_free(e);
			e = NULL;
		}
		whole[v] = e;
	}
	for (k = 0; k < a->nwrt; k++) {
		v = a->d[k].wrt;
		if (var_ninputs(m, v) != 0 || a->d[k].nrel == 0)
			continue;
		e = whole[a->of] != NULL ? expr_derive(whole[a->of], v) : NULL;
		if (e != NULL && expr_count_nodes(e, CLOSED_MAX_NODES) >
		    CLOSED_MAX_NODES) {
			expr_free(e);
			e = NULL;
		}
		a->d[k].num.closed = e;
		a->d[k].num.closed_omitted = e == NULL ? why : 0;
	}
	rc = 0;
out:
	for (v = 0; whole != NULL && v < m->nvars; v++)
		expr_free(whole[v]);
	mem_free(whole);
	mem_free(subs);
	return rc;
}

/* Appends d's closed form; returns 0 when it has none. */
int
numbers_closed_form(struct strbuf *sb, const struct infdiag_analysis *a,
    const struct deriv *d, enum style style)
{
	const struct infdiag_model	*m = a->m;
	struct strbuf			  arena = STRBUF_INIT;
	const char			**names;
	size_t				 *at;
	uint32_t			  k, v;
	static const enum expr_style map[] = {
		[STYLE_TEXT] = EXPR_TEXT, [STYLE_ASCII] = EXPR_ASCII,
		[STYLE_LATEX] = EXPR_LATEX
	};

	if (a->num == NULL || d->num.closed == NULL)
		return 0;
	names = mem_calloc(m->nvars, sizeof(*names));
	at = mem_calloc(m->nvars, sizeof(*at));
	if (names == NULL || at == NULL) {
		sb->failed = 1;
		goto out;
	}
	/* Only the ancestors of of can appear: name just them. */
	for (k = 0; k < a->nanc; k++) {
		at[a->anc[k]] = arena.len;
		note_symbol(&arena, m, a->anc[k], style);
		strbuf_addc(&arena, '\0');
	}
	if (strbuf_failed(&arena)) {
		sb->failed = 1;
		goto out;
	}
	for (k = 0; k < a->nanc; k++) {
		v = a->anc[k];
		names[v] = arena.s + at[v];
	}
	expr_print(d->num.closed, map[style], names, sb);
out:
	mem_free(names);
	mem_free(at);
	strbuf_release(&arena);
	return 1;
}

/* Allocates the numbers' arrays, and finds each consumer arrow's input
 * position (consumers are listed in declaration order, as the inputs are
 * walked here). */
static int
numbers_alloc(struct infdiag_analysis *a)
{
	const struct infdiag_model	*m = a->m;
	struct numbers			*n;
	uint32_t			*fill, v, i;

	if ((n = a->num = mem_calloc(1, sizeof(*n))) == NULL)
		return -1;
	n->value = mem_calloc(m->nvars, sizeof(double));
	n->known = mem_calloc(m->nvars, 1);
	n->dexpr = mem_calloc(m->nedges, sizeof(*n->dexpr));
	n->local = mem_calloc(m->nedges, sizeof(double));
	n->local_known = mem_calloc(m->nvars, 1);
	n->adjoint = mem_calloc(m->nvars, sizeof(double));
	n->adjoint_known = mem_calloc(m->nvars, 1);
	n->out_pos = mem_calloc(m->nedges, sizeof(*n->out_pos));
	n->value_fail = mem_calloc(m->nvars, sizeof(*n->value_fail));
	n->local_fail = mem_calloc(m->nedges, sizeof(*n->local_fail));
	if (n->value == NULL || n->known == NULL || n->dexpr == NULL ||
	    n->local == NULL || n->local_known == NULL || n->adjoint == NULL ||
	    n->adjoint_known == NULL || n->out_pos == NULL ||
	    n->value_fail == NULL || n->local_fail == NULL)
		return -1;
	if ((fill = mem_calloc(m->nvars, sizeof(*fill))) == NULL)
		return -1;
	memcpy(fill, m->out_off, m->nvars * sizeof(*fill));
	for (v = 0; v < m->nvars; v++) {
		for (i = m->in_off[v]; i < m->in_off[v + 1]; i++)
			n->out_pos[fill[m->in_idx[i]]++] = i;
	}
	mem_free(fill);
	return 0;
}

/* The largest number of inputs of any variable. */
static uint32_t
max_inputs(const struct infdiag_model *m)
{
	uint32_t	v, most = 1;

	for (v = 0; v < m->nvars; v++) {
		if (var_ninputs(m, v) > most)
			most = var_ninputs(m, v);
	}
	return most;
}

/* Follows a failure (1-based) back, through the inputs whose values were
 * not finite, to where it started. */
const struct num_fail *
numbers_fail_origin(const struct numbers *n, uint32_t idx)
{
	const struct num_fail	*f = &n->fail[idx - 1];

	while (f->text == NULL && f->from != INFDIAG_NONE &&
	    n->value_fail[f->from] != 0)
		f = &n->fail[n->value_fail[f->from] - 1];
	return f;
}

/* Records that d's accumulation overflows at v, the first variable on its
 * paths whose tangent dv/dwrt is not finite; the failure's index, or 0
 * when out of memory. */
static uint32_t
accumulation_fail(struct infdiag_analysis *a, const struct deriv *d,
    uint32_t v)
{
	struct strbuf	sb = STRBUF_INIT, t = STRBUF_INIT;
	uint32_t	idx;

	strbuf_add(&sb, "overflow in ");
	note_total(&t, a->m, a->of, d->wrt, STYLE_TEXT);
	add_cut(&sb, &t, QUOTE_FORMULA_MAX);
	strbuf_add(&sb, ": accumulated along its paths, ");
	note_total(&t, a->m, v, d->wrt, STYLE_TEXT);
	add_cut(&sb, &t, QUOTE_FORMULA_MAX);
	strbuf_addf(&sb, " is beyond the largest double (%.2g)", DBL_MAX);
	idx = add_fail(a->num, v, INFDIAG_NONE, INFDIAG_NONE, &sb);
	strbuf_release(&sb);
	strbuf_release(&t);
	return idx;
}

/* Finds why d's value is not a finite number, when it is not: an
 * undefined value on its paths (the function is not defined at the
 * point, so neither is d, whatever the arithmetic gives), else the first
 * local derivative on its paths that is not finite, else the accumulation
 * itself overflowing (tangent holds the forward sweep).  Sets d->num.fail;
 * -1 when out of memory. */
static int
deriv_fail(struct infdiag_analysis *a, struct deriv *d,
    const double *tangent)
{
	const struct infdiag_model	*m = a->m;
	const struct numbers		*n = a->num;
	uint32_t			 k, v, j;

	for (k = 0; k < d->nrel; k++) {
		v = d->rel[k];
		if (n->known[v] && isnan(n->value[v]) &&
		    n->value_fail[v] != 0) {
			d->num.forward = d->num.reverse = NAN;
			d->num.fail = n->value_fail[v];
			/* Nor is its direct term, whatever its formula gives. */
			if (d->num.has_partial) {
				d->num.partial = NAN;
				d->num.partial_fail = d->num.fail;
			}
			return 0;
		}
	}
	if (isfinite(d->num.forward))
		return 0;
	for (k = 1; k < d->nrel; k++) {
		v = d->rel[k];
		for (j = m->in_off[v]; j < m->in_off[v + 1]; j++) {
			if (!isfinite(n->local[j]) && n->local_fail[j] != 0 &&
			    analysis_on_path(a, d, m->in_idx[j])) {
				d->num.fail = n->local_fail[j];
				return 0;
			}
		}
	}
	for (k = 0; k < d->nrel && isfinite(tangent[d->rel[k]]); k++)
		;
	d->num.fail = accumulation_fail(a, d, d->rel[k < d->nrel ? k :
	    d->nrel - 1]);
	return d->num.fail == 0 ? -1 : 0;
}

/* Sets err to failure f (status INFDIAG_ENUMERIC, at variables.NAME),
 * with "warning: " before it when warning is set. */
static void
fail_error(const struct infdiag_analysis *a, const struct num_fail *f,
    int warning, struct infdiag_error *err)
{
	struct strbuf	path = STRBUF_INIT;
	const char	*name = a->m->vars[f->v].name;

	error_init(err, a->m->source);
	path_add_key(&path, "variables", 9, 1);
	path_add_key(&path, name, strlen(name), 1);
	if (strbuf_failed(&path))
		error_nomem(err);
	else
		error_set(err, INFDIAG_ENUMERIC, strbuf_str(&path), "%s%s",
		    warning ? "warning: " : "", f->text != NULL ? f->text :
		    "a number is not finite");
	model_place_error(a->m, err);
	strbuf_release(&path);
}

/* The most numeric warnings listed; the rest are counted. */
#define NUMBERS_WARNINGS_MAX	8

/* Adds one warning line, formatted from err; -1 when out of memory. */
static int
add_warning(struct numbers *n, const struct infdiag_error *err)
{
	char	line[INFDIAG_ERROR_SOURCE_LENGTH + INFDIAG_ERROR_PATH_LENGTH +
		    INFDIAG_ERROR_TEXT_LENGTH + 32];
	char	**w;

	infdiag_error_format(err, line, sizeof(line));
	if ((w = mem_reallocarray(n->warnings, n->nwarnings + 1,
	    sizeof(*w))) == NULL)
		return -1;
	n->warnings = w;
	if ((w[n->nwarnings] = mem_strdup(line)) == NULL)
		return -1;
	n->nwarnings++;
	return 0;
}

/* Judges the numbers by one rule: the first requested derivative that is
 * not finite is the verdict (the run fails, naming where it started);
 * every other failure where it started is a warning (the first
 * NUMBERS_WARNINGS_MAX listed, the rest counted).  -1 when out of
 * memory. */
static int
numbers_judge(struct infdiag_analysis *a)
{
	struct numbers		*n = a->num;
	const struct num_fail	*cause = NULL;
	struct infdiag_error	 e;
	size_t			 i, more = 0;
	uint32_t		 k;

	error_init(&n->verdict, a->m->source);
	for (k = 0; k < a->nwrt && cause == NULL; k++) {
		if (a->d[k].num.fail != 0)
			cause = numbers_fail_origin(n, a->d[k].num.fail);
	}
	if (cause != NULL)
		fail_error(a, cause, 0, &n->verdict);
	if (n->verdict.status == INFDIAG_ENOMEM)
		return -1;
	for (i = 0; i < n->nfail; i++) {
		if (n->fail[i].text == NULL || &n->fail[i] == cause)
			continue;
		if (n->nwarnings == NUMBERS_WARNINGS_MAX) {
			more++;
			continue;
		}
		fail_error(a, &n->fail[i], 1, &e);
		if (e.status == INFDIAG_ENOMEM || add_warning(n, &e) != 0)
			return -1;
	}
	if (more == 0)
		return 0;
	error_init(&e, a->m->source);
	error_set(&e, INFDIAG_ENUMERIC, "", "warning: %zu more numbers are "
	    "not finite at the point", more);
	return add_warning(n, &e);
}

/* Computes the numbers. */
int
numbers_compute(struct infdiag_analysis *a, struct infdiag_error *err)
{
	struct numbers	*n;
	double		*in = NULL, *scratch = NULL;
	uint64_t	*cost = NULL;
	uint32_t	*on = NULL, k, stride, checkable = 0;
	struct deriv	*d;
	struct progress	 pr;
	int		 rc = -1;

	if (numbers_alloc(a) != 0 ||
	    (in = mem_calloc(max_inputs(a->m), sizeof(double))) == NULL ||
	    (scratch = mem_calloc(a->m->nvars, sizeof(double))) == NULL ||
	    (on = mem_calloc(a->m->nvars, sizeof(*on))) == NULL ||
	    (cost = mem_calloc(a->nwrt > 0 ? a->nwrt : 1,
	    sizeof(*cost))) == NULL) {
		error_nomem(err);
		goto out;
	}
	n = a->num;
	if (eval_values(a, in, err) != 0 || eval_locals(a, in, err) != 0)
		goto out;
	if (closed_forms(a) != 0 || numbers_check_plan(a, cost, &stride) != 0) {
		error_nomem(err);
		goto out;
	}
	sweep_reverse(a);
	/* A derivative costs its cone, and perhaps a finite difference. */
	progress_begin(&pr, INFDIAG_STAGE_ACCUMULATING, a->nwrt,
	    PROGRESS_GRAIN / 64);
	for (k = 0; k < a->nwrt; k++) {
		progress_at(&pr, k);
		d = &a->d[k];
		if (d->nrel == 0) {
			/* No path: the derivative is exactly 0. */
			d->num.has_value = n->known[a->of] ||
			    n->local_known[a->of];
			continue;
		}
		if (!numbers_tangents(a, d, scratch))
			continue;
		if (d->direct) {
			d->num.has_partial = 1;
			d->num.partial = n->local[partial_at(a, d)];
			d->num.partial_fail = n->local_fail[partial_at(a, d)];
		}
		d->num.has_value = 1;
		d->num.forward = scratch[a->of];
		d->num.reverse = n->adjoint[d->wrt];
		n->any = 1;
		if (deriv_fail(a, d, scratch) != 0) {
			error_nomem(err);
			goto out;
		}
		if (cost[k] == 0)
			continue;
		if (d->num.fail != 0) {
			d->num.fd_note = FD_NOTE_NOT_FINITE;
			continue;
		}
		if (checkable++ % stride == 0)
			numbers_check(a, d, on, k + 1, scratch, in);
		else
			d->num.fd_note = FD_NOTE_SAMPLE;
	}
	progress_end(&pr, a->nwrt);
	if (numbers_judge(a) != 0) {
		error_nomem(err);
		goto out;
	}
	rc = 0;
out:
	mem_free(in);
	mem_free(scratch);
	mem_free(on);
	mem_free(cost);
	return rc;
}

/* Frees the numbers. */
void
numbers_free(struct infdiag_analysis *a)
{
	struct numbers	*n = a->num;
	size_t		 i;

	if (n == NULL)
		return;
	for (i = 0; i < a->nwrt; i++)
		expr_free(a->d[i].num.closed);
	for (i = 0; n->dexpr != NULL && i < a->m->nedges; i++)
		expr_free(n->dexpr[i]);
	mem_free(n->value);
	mem_free(n->known);
	mem_free(n->dexpr);
	mem_free(n->local);
	mem_free(n->local_known);
	mem_free(n->adjoint);
	mem_free(n->adjoint_known);
	mem_free(n->out_pos);
	mem_free(n->value_fail);
	mem_free(n->local_fail);
	for (i = 0; i < n->nfail; i++)
		mem_free(n->fail[i].text);
	mem_free(n->fail);
	for (i = 0; i < n->nwarnings; i++)
		mem_free(n->warnings[i]);
	mem_free(n->warnings);
	for (i = 0; i < n->nkinks; i++)
		mem_free(n->kinks[i]);
	mem_free(n->kinks);
	mem_free(n);
	a->num = NULL;
}

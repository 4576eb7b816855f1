/*
 * The JSON form of SPEC §4, written by hand so that it streams: a model of
 * a million variables never becomes a second document in memory.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "formula.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "paths.h"
#include "write.h"
#include "write_kinks.h"

static void	jlocal_numbers(struct writer *, uint32_t, uint32_t);

/* The 8 bytes at s as a word, the first in the low byte on any machine
 * (compilers make this one load where that is the machine's order). */
static uint64_t
load8(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;

	return (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 |
	    (uint64_t)u[3] << 24 | (uint64_t)u[4] << 32 |
	    (uint64_t)u[5] << 40 | (uint64_t)u[6] << 48 | (uint64_t)u[7] << 56;
}

/* The bytes of a word that a JSON string must escape (controls, '"' and
 * '\\') or that may begin a C1 control (0xc2), as their high bits.  Exact
 * byte by byte, after Hacker's Delight 6-1: adding to the low 7 bits of a
 * byte never carries into the next, and a byte's high bit then says
 * "nonzero" (for x ^ c, "not c") or ">= 0x20". */
static uint64_t
escapes8(uint64_t w)
{
	const uint64_t	ones = 0x0101010101010101ULL;
	const uint64_t	low7 = ones * 0x7f;
	uint64_t	q = w ^ ones * '"', b = w ^ ones * '\\', printable;
	uint64_t	c1 = w ^ ones * 0xc2;

	q |= (q & low7) + low7;
	b |= (b & low7) + low7;
	c1 |= (c1 & low7) + low7;
	printable = w | ((w & low7) + ones * (0x80 - 0x20));
	return ~(q & b & c1 & printable) & ones * 0x80;
}

/* Says whether the len bytes at s begin with a C1 control (U+0080 to
 * U+009F), which JSON allows raw but a terminal obeys (SPEC 5.1). */
static int
is_c1(const char *s, size_t len)
{
	return len >= 2 && (unsigned char)s[0] == 0xc2 &&
	    (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] < 0xa0;
}

/* Appends the escape of one byte that needs it. */
static void
jescape(struct strbuf *sb, unsigned char c)
{
	static const char	hex[] = "0123456789abcdef";
	char			esc[6] = { '\\', (char)c, '0', '0' };

	if (c == '\n')
		esc[1] = 'n';
	else if (c == '\t')
		esc[1] = 't';
	else if (c != '"' && c != '\\') {
		esc[1] = 'u';
		esc[4] = hex[c >> 4];
		esc[5] = hex[c & 0xf];
		strbuf_addn(sb, esc, 6);
		return;
	}
	strbuf_addn(sb, esc, 2);
}

/* Appends the len bytes at s as a JSON string, eight bytes at a time:
 * the plain bytes between two escapes are copied as one run. */
static void
jstr(struct strbuf *sb, const char *s, size_t len)
{
	uint64_t	mask;
	size_t		i, at, run = 0;

	strbuf_addc(sb, '"');
	for (i = 0; i < len; i += 8) {
		if (len - i >= 8)
			mask = escapes8(load8(s + i));
		else {
			char	tail[8] = { 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
				    0x20, 0x20 };

			memcpy(tail, s + i, len - i);
			mask = escapes8(load8(tail));
		}
		for (; mask != 0; mask &= mask - 1) {
			at = i + (size_t)__builtin_ctzll(mask) / 8;
			if ((unsigned char)s[at] == 0xc2) {
				if (!is_c1(s + at, len - at))
					continue;
				strbuf_addn(sb, s + run, at - run);
				jescape(sb, (unsigned char)s[at + 1]);
				run = at + 2;
				continue;
			}
			strbuf_addn(sb, s + run, at - run);
			jescape(sb, (unsigned char)s[at]);
			run = at + 1;
		}
	}
	strbuf_addn(sb, s + run, len - run);
	strbuf_addc(sb, '"');
}

/* Appends "key": followed by s as a string, or null. */
static void
jkey_str(struct strbuf *sb, const char *key, const char *s)
{
	strbuf_addf(sb, "\"%s\": ", key);
	if (s != NULL)
		jstr(sb, s, strlen(s));
	else
		strbuf_add(sb, "null");
}

/* Appends a variable's name as a JSON string.  The loader allows only
 * [A-Za-z][A-Za-z0-9_]* in a name: there is nothing to escape. */
static void
jvar(struct writer *w, uint32_t v)
{
	strbuf_addc(&w->sb, '"');
	strbuf_add(&w->sb, w->m->vars[v].name);
	strbuf_addc(&w->sb, '"');
}

/* A notation function: appends a form of (v, p) in a style. */
typedef void form_fn(struct strbuf *, const void *, uint32_t, uint32_t,
    enum style);

/* Appends "text": ..., "latex": ... for a notation function, each form
 * made in the writer's second scratch string and escaped from there. */
static void
jtext_latex(struct writer *w, form_fn *fn, const void *ctx, uint32_t v,
    uint32_t p)
{
	struct strbuf	*t = &w->tex;

	strbuf_add(&w->sb, "\"text\": ");
	strbuf_truncate(t, 0);
	fn(t, ctx, v, p, w->style);
	jstr(&w->sb, strbuf_str(t), t->len);
	strbuf_truncate(t, 0);
	strbuf_add(&w->sb, ", \"latex\": ");
	fn(t, ctx, v, p, STYLE_LATEX);
	jstr(&w->sb, strbuf_str(t), t->len);
	if (strbuf_failed(t)) {
		w->nomem = 1;
		strbuf_release(t);
	}
}

/* Appends {"text": ..., "latex": ...} for a notation function. */
static void
jforms(struct writer *w, form_fn *fn, const void *ctx, uint32_t v,
    uint32_t p)
{
	strbuf_addc(&w->sb, '{');
	jtext_latex(w, fn, ctx, v, p);
	strbuf_addc(&w->sb, '}');
}

/* The notation functions in the shape jforms() takes. */
static void
form_local(struct strbuf *sb, const void *m, uint32_t v, uint32_t p,
    enum style style)
{
	note_local(sb, m, v, p, style);
}

static void
form_rule(struct strbuf *sb, const void *m, uint32_t v, uint32_t p,
    enum style style)
{
	(void)p;
	note_rule(sb, m, v, style);
}

static void
form_reverse(struct strbuf *sb, const void *a, uint32_t v, uint32_t p,
    enum style style)
{
	(void)p;
	formula_reverse(sb, a, v, style);
}

/* Appends an array of variable names: count ids from an array. */
static void
jvars(struct writer *w, const uint32_t *ids, uint32_t n)
{
	uint32_t	i;

	strbuf_addc(&w->sb, '[');
	for (i = 0; i < n; i++) {
		if (i > 0)
			strbuf_add(&w->sb, ", ");
		jvar(w, ids[i]);
		writer_spill(w);
	}
	strbuf_addc(&w->sb, ']');
}

/* Appends the names of the variables with no inputs (outputs == 0) or no
 * consumers (outputs != 0). */
static void
jgroup(struct writer *w, int outputs)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 v, n = 0;
	const uint32_t			*off = outputs ? m->out_off : m->in_off;

	strbuf_addc(&w->sb, '[');
	for (v = 0; v < m->nvars; v++) {
		if (off[v + 1] != off[v])
			continue;
		if (n++ > 0)
			strbuf_add(&w->sb, ", ");
		jvar(w, v);
		writer_spill(w);
	}
	strbuf_addc(&w->sb, ']');
}

/* Appends one sink subgraph. */
static void
jsubgraph(struct writer *w, uint32_t v)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 i, p;

	strbuf_add(&w->sb, "    {\"sink\": ");
	jvar(w, v);
	strbuf_add(&w->sb, ", \"inputs\": ");
	jvars(w, m->in_idx + m->in_off[v], var_ninputs(m, v));
	strbuf_add(&w->sb, ",\n     \"locals\": [");
	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		p = m->in_idx[i];
		strbuf_add(&w->sb, i > m->in_off[v] ? ",\n       " : "\n       ");
		strbuf_add(&w->sb, "{\"wrt\": ");
		jvar(w, p);
		strbuf_add(&w->sb, note_is_partial(m, v) ?
		    ", \"notation\": \"partial\", \"size\": [" :
		    ", \"notation\": \"full\", \"size\": [");
		strbuf_addu(&w->sb, note_size(m, v));
		strbuf_add(&w->sb, ", ");
		strbuf_addu(&w->sb, note_size(m, p));
		strbuf_add(&w->sb, "], ");
		jtext_latex(w, form_local, m, v, p);
		jlocal_numbers(w, v, i - m->in_off[v]);
		strbuf_addc(&w->sb, '}');
	}
	strbuf_add(&w->sb, "],\n     \"rule\": ");
	jforms(w, form_rule, m, v, 0);
	strbuf_addc(&w->sb, '}');
	writer_spill(w);
}

/* Appends a number exactly (shortest text that reads back the same);
 * one that is not finite is null (SPEC 5.1: see jnote for why). */
static void
jnum(struct strbuf *sb, double x)
{
	char	buf[40];
	int	prec;

	if (!isfinite(x)) {
		strbuf_add(sb, "null");
		return;
	}
	if (x == 0)
		x = 0;
	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	strbuf_add(sb, buf);
}

/* Appends ", \"KEY_note\": \"why\"" when x is not finite: fail (1 +
 * index in the numbers' failures, or 0) says why. */
static void
jnote(struct writer *w, const char *key, uint32_t fail, double x)
{
	struct strbuf	note = STRBUF_INIT;

	if (isfinite(x))
		return;
	strbuf_addf(&w->sb, ", \"%s_note\": ", key);
	numbers_note(&note, w->a, fail, x);
	if (strbuf_failed(&note))
		w->sb.failed = 1;
	jstr(&w->sb, strbuf_str(&note), note.len);
	strbuf_release(&note);
}

/* The context of a local derivative's formula. */
static void
form_local_formula(struct strbuf *sb, const void *a, uint32_t v,
    uint32_t slot, enum style style)
{
	numbers_local_formula(sb, a, v, slot, style);
}

/* Appends a local derivative's formula and value, when known. */
static void
jlocal_numbers(struct writer *w, uint32_t v, uint32_t slot)
{
	const struct numbers	*n = w->a->num;
	uint32_t		 at = w->m->in_off[v] + slot;

	if (n == NULL)
		return;
	if (n->dexpr[at] != NULL) {
		strbuf_add(&w->sb, ", \"formula\": ");
		jforms(w, form_local_formula, w->a, v, slot);
	}
	if (n->local_known[v]) {
		strbuf_add(&w->sb, ", \"value\": ");
		jnum(&w->sb, n->local[at]);
		jnote(w, "value", n->local_fail[at], n->local[at]);
	}
}

/* Appends "values_note" or "adjoints_note" (adj) when some of those
 * numbers are not finite: by name, why each is null. */
static void
jvalue_notes(struct writer *w, int adj)
{
	const struct numbers	*n = w->a->num;
	struct strbuf		 note = STRBUF_INIT;
	uint32_t		 k, v;
	double			 x;
	int			 first = 1;

	for (k = 0; k < w->a->nanc; k++) {
		v = w->a->anc[k];
		x = adj ? n->adjoint[v] : n->value[v];
		if (!(adj ? n->adjoint_known[v] : n->known[v]) || isfinite(x))
			continue;
		strbuf_addf(&w->sb, first ? "  \"%s_note\": {" : ", ",
		    adj ? "adjoints" : "values");
		first = 0;
		jvar(w, v);
		strbuf_add(&w->sb, ": ");
		strbuf_truncate(&note, 0);
		numbers_note(&note, w->a, adj ? 0 : n->value_fail[v], x);
		if (strbuf_failed(&note))
			w->sb.failed = 1;
		jstr(&w->sb, strbuf_str(&note), note.len);
		writer_spill(w);
	}
	if (!first)
		strbuf_add(&w->sb, "},\n");
	strbuf_release(&note);
}

/* Appends "values" and "adjoints": the known numbers of the ancestors of
 * of, by name, each followed by the notes of those that are null. */
static void
jvalues(struct writer *w)
{
	const struct numbers	*n = w->a->num;
	uint32_t		 k, v;
	int			 adj, first;

	for (adj = 0; adj < 2; adj++) {
		strbuf_addf(&w->sb, "  \"%s\": {", adj ? "adjoints" : "values");
		first = 1;
		for (k = 0; k < w->a->nanc; k++) {
			v = w->a->anc[k];
			if (!(adj ? n->adjoint_known[v] : n->known[v]))
				continue;
			strbuf_add(&w->sb, first ? "" : ", ");
			first = 0;
			jvar(w, v);
			strbuf_add(&w->sb, ": ");
			jnum(&w->sb, adj ? n->adjoint[v] : n->value[v]);
			writer_spill(w);
		}
		strbuf_add(&w->sb, "},\n");
		jvalue_notes(w, adj);
	}
	writer_flush(w);
}

/* Appends a derivative's numbers: value, partial_value, check (null,
 * with the reason, when the model has expressions but d was not checked:
 * it cannot be evaluated on both sides, or only a sample was checked). */
static void
jderiv_numbers(struct writer *w, const struct deriv *d)
{
	const struct deriv_numbers	*dn = &d->num;

	if (w->a->num == NULL || !dn->has_value)
		return;
	strbuf_add(&w->sb, ",\n     \"value\": ");
	jnum(&w->sb, dn->forward);
	jnote(w, "value", dn->fail, dn->forward);
	strbuf_add(&w->sb, ", \"reverse_value\": ");
	jnum(&w->sb, dn->reverse);
	jnote(w, "reverse_value", dn->fail, dn->reverse);
	if (dn->has_partial) {
		strbuf_add(&w->sb, ", \"partial_value\": ");
		jnum(&w->sb, dn->partial);
		jnote(w, "partial_value", dn->partial_fail, dn->partial);
	}
	if (dn->has_check) {
		strbuf_add(&w->sb, ",\n     \"check\": {\"finite_difference\": ");
		jnum(&w->sb, dn->fd);
		/* relative_error stays last, where scripts that read the
		 * check before these keys existed find it. */
		strbuf_add(&w->sb, ", \"scale\": ");
		jnum(&w->sb, dn->fd_scale);
		strbuf_add(&w->sb, ", \"tolerance\": ");
		jnum(&w->sb, CHECK_TOLERANCE);
		strbuf_add(&w->sb, dn->fd_ok ? ", \"ok\": true" :
		    ", \"ok\": false");
		strbuf_add(&w->sb, ", \"relative_error\": ");
		jnum(&w->sb, dn->fd_error);
		strbuf_addc(&w->sb, '}');
	} else if (dn->fd_note != NULL) {
		strbuf_add(&w->sb, ",\n     \"check\": null, \"check_note\": ");
		jstr(&w->sb, dn->fd_note, strlen(dn->fd_note));
	}
}

/* Appends d's paths, at most max_paths, and whether that is all. */
static int
jpaths(struct writer *w, const struct deriv *d)
{
	struct path_iter	*it;
	const uint32_t		*path;
	uint32_t		 n;
	uint64_t		 shown = 0;
	int			 rc = 0;

	strbuf_add(&w->sb, "\"path_count\": \"");
	analysis_count_str(&w->sb, w->a, d->wrt, 0);
	strbuf_add(&w->sb, "\",\n     \"paths\": [");
	if (d->nrel > 0) {
		if ((it = paths_begin(w->a, d)) == NULL)
			return -1;
		while (writer_more_paths(w, shown) &&
		    (rc = paths_next(it, &path, &n)) == 1) {
			strbuf_add(&w->sb, shown++ > 0 ? ", " : "");
			jvars(w, path, n);
			writer_spill(w);
		}
		paths_end(it);
		if (rc < 0)
			return -1;
	}
	strbuf_addf(&w->sb, "],\n     \"paths_complete\": %s",
	    d->nrel == 0 || mpz_cmp_ui(*analysis_count(w->a, d->wrt),
	    shown) <= 0 ? "true" : "false");
	return 0;
}

/* The context of a whole-formula form. */
struct formctx {
	const struct infdiag_analysis	*a;
	const struct deriv		*d;
	int				 (*rhs)(struct strbuf *,
					    const struct infdiag_analysis *,
					    const struct deriv *, enum style);
};

/* Appends "dy/dx = " and a right-hand side. */
static void
form_equation(struct strbuf *sb, const void *ctx, uint32_t v, uint32_t p,
    enum style style)
{
	const struct formctx	*f = ctx;

	(void)v;
	(void)p;
	note_total(sb, f->a->m, f->a->of, f->d->wrt, style);
	strbuf_add(sb, " = ");
	if (f->rhs(sb, f->a, f->d, style) != 0)
		sb->failed = 1;
}

/* Appends "dy/dx = " and the closed form. */
static void
form_closed(struct strbuf *sb, const void *ctx, uint32_t v, uint32_t p,
    enum style style)
{
	const struct formctx	*f = ctx;

	(void)v;
	(void)p;
	note_total(sb, f->a->m, f->a->of, f->d->wrt, style);
	strbuf_add(sb, " = ");
	numbers_closed_form(sb, f->a, f->d, style);
}

/* Appends a forward equation. */
static void
form_forward(struct strbuf *sb, const void *ctx, uint32_t v, uint32_t p,
    enum style style)
{
	const struct formctx	*f = ctx;

	(void)p;
	formula_forward(sb, f->a, f->d, v, style);
}

/* Appends d's formulas: expanded and factored (or null), and forward. */
static void
jformula(struct writer *w, const struct deriv *d)
{
	struct formctx	f = { w->a, d, formula_expanded };
	const char	*why;
	uint32_t	k;

	strbuf_add(&w->sb, "\"formula\": {\n       \"expanded\": ");
	if (formula_expanded_fits(w->a, d))
		jforms(w, form_equation, &f, 0, 0);
	else
		strbuf_add(&w->sb, "null");
	writer_flush(w);
	strbuf_add(&w->sb, ",\n       \"factored\": ");
	f.rhs = formula_factored;
	if (formula_factored_fits(w->a, d))
		jforms(w, form_equation, &f, 0, 0);
	else
		strbuf_add(&w->sb, "null");
	if (w->a->num != NULL && d->num.closed != NULL) {
		strbuf_add(&w->sb, ",\n       \"closed_form\": ");
		jforms(w, form_closed, &f, 0, 0);
	} else if ((why = write_closed_omitted(w->a, d)) != NULL) {
		strbuf_add(&w->sb, ",\n       \"closed_form_note\": ");
		write_json_string(&w->sb, why, strlen(why));
	}
	strbuf_add(&w->sb, ",\n       \"forward\": [");
	writer_flush(w);
	for (k = 0; k < d->nrel; k++) {
		strbuf_add(&w->sb, k > 0 ? ",\n         {\"var\": " :
		    "\n         {\"var\": ");
		jvar(w, d->rel[k]);
		strbuf_add(&w->sb, ", ");
		jtext_latex(w, form_forward, &f, d->rel[k], 0);
		strbuf_addc(&w->sb, '}');
		writer_spill(w);
	}
	strbuf_add(&w->sb, "]}");
}

/* Appends one derivative. */
static int
jderiv(struct writer *w, const struct deriv *d, enum infdiag_part part)
{
	strbuf_add(&w->sb, "    {\"of\": ");
	jvar(w, w->a->of);
	strbuf_add(&w->sb, ", \"wrt\": ");
	jvar(w, d->wrt);
	strbuf_addf(&w->sb, ", \"depends\": %s, \"direct\": %s, \"size\": "
	    "[%llu, %llu],\n     ", d->nrel > 0 ? "true" : "false",
	    d->direct ? "true" : "false",
	    (unsigned long long)note_size(w->m, w->a->of),
	    (unsigned long long)note_size(w->m, d->wrt));
	if (part == INFDIAG_PART_EVAL) {
		strbuf_add(&w->sb, "\"path_count\": \"");
		analysis_count_str(&w->sb, w->a, d->wrt, 0);
		strbuf_addc(&w->sb, '"');
	}
	if ((part == INFDIAG_PART_ANALYSIS || part == INFDIAG_PART_PATHS) &&
	    jpaths(w, d) != 0)
		return -1;
	if (part == INFDIAG_PART_ANALYSIS || part == INFDIAG_PART_FORMULA) {
		if (part != INFDIAG_PART_FORMULA)
			strbuf_add(&w->sb, ",\n     ");
		jformula(w, d);
	}
	if (part == INFDIAG_PART_ANALYSIS || part == INFDIAG_PART_EVAL)
		jderiv_numbers(w, d);
	strbuf_addc(&w->sb, '}');
	writer_flush(w);
	return 0;
}

/* Appends the reverse equations, from of down. */
static void
jreverse(struct writer *w)
{
	uint32_t	k, n = 0;

	strbuf_add(&w->sb, "  \"reverse\": [");
	for (k = w->a->nanc; k-- > 0;) {
		strbuf_add(&w->sb, n++ > 0 ? ",\n    {\"var\": " :
		    "\n    {\"var\": ");
		jvar(w, w->a->anc[k]);
		strbuf_add(&w->sb, ", ");
		jtext_latex(w, form_reverse, w->a, w->a->anc[k], 0);
		strbuf_addc(&w->sb, '}');
		writer_spill(w);
	}
	strbuf_add(&w->sb, "],\n");
}

/* Appends the model's part: title, order, independent, outputs,
 * subgraphs. */
static void
jmodel(struct writer *w)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 k;
	int				 first = 1;

	strbuf_add(&w->sb, "  ");
	jkey_str(&w->sb, "title", m->title);
	strbuf_add(&w->sb, ",\n  ");
	jkey_str(&w->sb, "description", m->description);
	strbuf_add(&w->sb, ",\n  \"order\": ");
	jvars(w, m->order, m->nvars);
	strbuf_add(&w->sb, ",\n  \"independent\": ");
	jgroup(w, 0);
	strbuf_add(&w->sb, ",\n  \"outputs\": ");
	jgroup(w, 1);
	strbuf_add(&w->sb, ",\n  \"subgraphs\": [");
	writer_flush(w);
	for (k = 0; k < m->nvars; k++) {
		if (var_ninputs(m, m->order[k]) == 0)
			continue;
		strbuf_add(&w->sb, first ? "\n" : ",\n");
		first = 0;
		jsubgraph(w, m->order[k]);
	}
	strbuf_add(&w->sb, "],\n");
}

/* Appends "locals": every local derivative among the ancestors of of,
 * with its formula and value. */
static void
jeval_locals(struct writer *w)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 k, v, i;
	int				 first = 1;

	strbuf_add(&w->sb, "  \"locals\": [");
	for (k = 0; k < w->a->nanc; k++) {
		v = w->a->anc[k];
		for (i = 0; i < var_ninputs(m, v); i++) {
			strbuf_add(&w->sb, first ? "\n    {\"of\": " :
			    ",\n    {\"of\": ");
			first = 0;
			jvar(w, v);
			strbuf_add(&w->sb, ", \"wrt\": ");
			jvar(w, m->in_idx[m->in_off[v] + i]);
			strbuf_add(&w->sb, ", ");
			jtext_latex(w, form_local, m, v,
			    m->in_idx[m->in_off[v] + i]);
			jlocal_numbers(w, v, i);
			strbuf_addc(&w->sb, '}');
			writer_spill(w);
		}
	}
	strbuf_add(&w->sb, "],\n");
}

/* Writes the JSON form of a part. */
int
write_json(struct writer *w, enum infdiag_part part)
{
	uint32_t	k;

	strbuf_add(&w->sb, "{\n  \"version\": 1,\n  ");
	jkey_str(&w->sb, "source", w->m->source);
	strbuf_add(&w->sb, ",\n");
	if (part == INFDIAG_PART_ANALYSIS)
		jmodel(w);
	if (w->a->num != NULL && numbers_any(w->a))
		jvalues(w);
	if (part == INFDIAG_PART_EVAL)
		jeval_locals(w);
	writer_kinks_json(w);
	strbuf_add(&w->sb, "  \"of\": ");
	jvar(w, w->a->of);
	strbuf_add(&w->sb, ",\n  \"derivatives\": [");
	writer_flush(w);
	for (k = 0; k < w->a->nwrt; k++) {
		strbuf_add(&w->sb, k > 0 ? ",\n" : "\n");
		if (jderiv(w, &w->a->d[k], part) != 0)
			return -1;
	}
	strbuf_add(&w->sb, "]");
	if (part == INFDIAG_PART_ANALYSIS) {
		strbuf_add(&w->sb, ",\n");
		writer_flush(w);
		jreverse(w);
		strbuf_truncate(&w->sb, w->sb.len - 2);
	}
	strbuf_add(&w->sb, "\n}\n");
	writer_flush(w);
	return 0;
}

/* Appends len bytes of s as a JSON string (for the model's converter). */
void
write_json_string(struct strbuf *sb, const char *s, size_t len)
{
	jstr(sb, s, len);
}

/* Appends a number exactly, or null (for the model's converter). */
void
write_json_number(struct strbuf *sb, double x)
{
	jnum(sb, x);
}

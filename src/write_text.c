/*
 * The text report: what a student reads top to bottom.
 */
#include <stdint.h>
#include <string.h>

#include "analysis.h"
#include "formula.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "paths.h"
#include "write.h"

/* Appends model text for the terminal, for note_function(); ctx is the
 * writer. */
static void
plain_text_fn(void *ctx, struct strbuf *sb, const char *s)
{
	(void)sb;	/* the writer's own buffer */
	writer_plain(ctx, s, PLAIN_TEXT);
}

/* Writes the title, the description and the variables. */
static void
text_model(struct writer *w)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 v;

	writer_plain(w, m->title != NULL ? m->title : m->source, PLAIN_TEXT);
	strbuf_addc(&w->sb, '\n');
	if (m->description != NULL) {
		writer_plain(w, m->description, PLAIN_TEXT);
		strbuf_addc(&w->sb, '\n');
	}
	strbuf_addf(&w->sb, "\nVariables (%u, with ", m->nvars);
	note_count(&w->sb, m->nedges, "influence", "influences");
	strbuf_add(&w->sb, "):\n");
	writer_flush(w);
	for (v = 0; v < m->nvars; v++) {
		strbuf_add(&w->sb, "  ");
		strbuf_add(&w->sb, m->vars[v].name);
		if (var_ninputs(m, v) == 0)
			strbuf_add(&w->sb, "  (independent)");
		else {
			strbuf_add(&w->sb, " = ");
			note_function(&w->sb, m, v, STYLE_TEXT, plain_text_fn,
			    w);
		}
		strbuf_addc(&w->sb, '\n');
		writer_flush(w);
	}
}

/* Writes the topological order. */
static void
text_order(struct writer *w)
{
	uint32_t	i;

	strbuf_add(&w->sb, "\nOrder (inputs before what they feed):\n  ");
	for (i = 0; i < w->m->nvars; i++) {
		if (i > 0)
			strbuf_add(&w->sb, ", ");
		strbuf_add(&w->sb, w->m->vars[w->m->order[i]].name);
		if (w->sb.len > 4096)
			writer_flush(w);
	}
	strbuf_addc(&w->sb, '\n');
	writer_flush(w);
}

/* Writes the Jacobian size of each of v's local derivatives. */
static void
text_jacobians(struct writer *w, uint32_t v)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 i, p;

	strbuf_add(&w->sb, "      Jacobians: ");
	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		p = m->in_idx[i];
		if (i > m->in_off[v])
			strbuf_add(&w->sb, ", ");
		note_local(&w->sb, m, v, p, w->style);
		strbuf_addc(&w->sb, ' ');
		note_dims(&w->sb, note_size(m, v), note_size(m, p), w->style);
	}
	strbuf_addc(&w->sb, '\n');
}

/* Writes the sink subgraphs, each with its rule. */
static void
text_subgraphs(struct writer *w)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 k, v, i, n = 0;
	int				 shapes = note_has_shapes(m);

	for (v = 0; v < m->nvars; v++)
		n += var_ninputs(m, v) > 0;
	strbuf_addf(&w->sb, "\nSink subgraphs (%u: one for each variable with "
	    "inputs, holding it and its inputs):\n", n);
	for (k = 0; k < m->nvars; k++) {
		v = m->order[k];
		if (var_ninputs(m, v) == 0)
			continue;
		strbuf_add(&w->sb, "  ");
		strbuf_add(&w->sb, m->vars[v].name);
		strbuf_add(&w->sb, w->style == STYLE_ASCII ? " <- {" : " ← {");
		for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
			if (i > m->in_off[v])
				strbuf_add(&w->sb, ", ");
			strbuf_add(&w->sb, m->vars[m->in_idx[i]].name);
		}
		strbuf_add(&w->sb, "}\n      ");
		note_rule(&w->sb, m, v, w->style);
		strbuf_addc(&w->sb, '\n');
		if (shapes)
			text_jacobians(w, v);
		for (i = 0; i < var_ninputs(m, v); i++) {
			size_t	mark = w->sb.len;

			strbuf_add(&w->sb, "      ");
			note_local(&w->sb, m, v, m->in_idx[m->in_off[v] + i],
			    w->style);
			strbuf_add(&w->sb, " = ");
			if (numbers_local_formula(&w->sb, w->a, v, i, w->style))
				strbuf_addc(&w->sb, '\n');
			else
				strbuf_truncate(&w->sb, mark);
		}
		writer_flush(w);
	}
}

/* Writes "N paths from x to y" and d's paths, numbered, at most
 * max_paths of them, saying how many were shown. */
static int
text_paths(struct writer *w, const struct deriv *d, const char *indent)
{
	struct path_iter	*it;
	struct path_text	 pt;
	const uint32_t		*path;
	uint32_t		 n;
	uint64_t		 shown = 0;
	size_t			 mark, indent_len = strlen(indent);
	int			 rc = 0;

	memset(&pt, 0, sizeof(pt));
	strbuf_add(&w->sb, indent);
	mark = w->sb.len;
	analysis_count_str(&w->sb, w->a, d->wrt, 0);
	strbuf_addf(&w->sb, " %s from %s to %s%s\n",
	    note_noun_str(strbuf_str(&w->sb) + mark, "path", "paths"),
	    w->m->vars[d->wrt].name, w->m->vars[w->a->of].name,
	    d->nrel > 0 ? ":" : "");
	writer_flush(w);
	if (d->nrel == 0)
		return 0;
	if ((it = paths_begin(w->a, d)) == NULL)
		return -1;
	while (writer_more_paths(w, shown) &&
	    (rc = paths_next(it, &path, &n)) == 1) {
		if (path_text_set(&pt, w->a, path, n, w->style) != 0) {
			rc = -1;
			break;
		}
		strbuf_addn(&w->sb, indent, indent_len);
		strbuf_add(&w->sb, "  ");
		strbuf_addu(&w->sb, ++shown);
		strbuf_add(&w->sb, ". ");
		strbuf_addn(&w->sb, strbuf_str(&pt.sb), pt.sb.len);
		strbuf_addc(&w->sb, '\n');
		writer_spill(w);
	}
	path_text_release(&pt);
	mark = w->sb.len;
	strbuf_add(&w->sb, indent);
	if (!writer_paths_tail(w, d, shown, "  ", "\n"))
		strbuf_truncate(&w->sb, mark);
	writer_flush(w);
	paths_end(it);
	return rc < 0 ? -1 : 0;
}

/* Writes "dy/dx = " and the expanded and factored forms (once when they
 * are the same), or why they are not written and where to look instead:
 * the forward form, below in the full report (forward_below set), else
 * in "infdiag analyze". */
static int
text_formulas(struct writer *w, const struct deriv *d, const char *indent,
    int forward_below)
{
	struct strbuf	exp = STRBUF_INIT, fac = STRBUF_INIT;
	size_t		lhs, i, width = 0;
	int		rc = 0;

	strbuf_add(&w->sb, indent);
	lhs = w->sb.len;
	note_total(&w->sb, w->m, w->a->of, d->wrt, w->style);
	/* The width on screen: count characters, not bytes. */
	for (i = lhs; i < w->sb.len; i++)
		width += ((unsigned char)w->sb.s[i] & 0xc0) != 0x80;
	strbuf_add(&w->sb, " = ");
	if (formula_expanded_fits(w->a, d))
		rc |= formula_expanded(&exp, w->a, d, w->style);
	if (formula_factored_fits(w->a, d))
		rc |= formula_factored(&fac, w->a, d, w->style);
	else
		strbuf_addf(&fac, "(too large to write out: over %d factors; "
		    "%s)", FACTORED_MAX_FACTORS, forward_below ?
		    "see the forward form" : "infdiag analyze writes its "
		    "forward form");
	if (exp.len > 0 && strcmp(strbuf_str(&exp), strbuf_str(&fac)) != 0) {
		strbuf_add(&w->sb, strbuf_str(&exp));
		strbuf_addf(&w->sb, "\n%s%*s = ", indent, (int)width, "");
	}
	strbuf_add(&w->sb, strbuf_str(&fac));
	if (d->nrel == 0)
		strbuf_addf(&w->sb, "  (%s does not depend on %s)",
		    w->m->vars[w->a->of].name, w->m->vars[d->wrt].name);
	strbuf_addc(&w->sb, '\n');
	w->nomem |= strbuf_failed(&exp) || strbuf_failed(&fac);
	strbuf_release(&exp);
	strbuf_release(&fac);
	writer_flush(w);
	return rc;
}

/* Writes the forward equations of d, from wrt up. */
static void
text_forward(struct writer *w, const struct deriv *d)
{
	uint32_t	k;

	strbuf_addf(&w->sb, "  Forward accumulation (each total derivative "
	    "with respect to %s from its inputs', from %s up):\n",
	    w->m->vars[d->wrt].name, w->m->vars[d->wrt].name);
	writer_flush(w);
	for (k = 0; k < d->nrel; k++) {
		strbuf_add(&w->sb, "    ");
		formula_forward(&w->sb, w->a, d, d->rel[k], w->style);
		strbuf_addc(&w->sb, '\n');
		writer_flush(w);
	}
}

/* Writes the reverse equations, from of down. */
static void
text_reverse(struct writer *w)
{
	uint32_t	k;

	strbuf_addf(&w->sb, "\nReverse accumulation (backpropagation: the "
	    "total derivative of %s with respect to each variable from its "
	    "consumers', from %s down):\n", w->m->vars[w->a->of].name,
	    w->m->vars[w->a->of].name);
	writer_flush(w);
	for (k = w->a->nanc; k-- > 0;) {
		strbuf_add(&w->sb, "  ");
		formula_reverse(&w->sb, w->a, w->a->anc[k], w->style);
		strbuf_addc(&w->sb, '\n');
		writer_flush(w);
	}
}

/* Writes how the partial differs from the total. */
static void
text_partial(struct writer *w, const struct deriv *d)
{
	const char	*y = w->m->vars[w->a->of].name;
	const char	*x = w->m->vars[d->wrt].name;
	size_t		 mark;

	strbuf_add(&w->sb, "  Partial versus total: ");
	if (!d->direct) {
		strbuf_addf(&w->sb, "%s is not a direct input of %s, so the "
		    "partial derivative is 0 and every path is indirect.\n",
		    x, y);
		writer_flush(w);
		return;
	}
	note_local(&w->sb, w->m, w->a->of, d->wrt, w->style);
	strbuf_add(&w->sb, " is the direct arrow's term alone; ");
	note_total(&w->sb, w->m, w->a->of, d->wrt, w->style);
	strbuf_add(&w->sb, " adds ");
	mark = w->sb.len;
	analysis_count_str(&w->sb, w->a, d->wrt, 1);
	strbuf_addf(&w->sb, " indirect %s.\n",
	    note_noun_str(strbuf_str(&w->sb) + mark, "path", "paths"));
	writer_flush(w);
}

/* Writes one derivative's section of the report; shapes says whether the
 * model declares any (asked once, not per derivative). */
static int
text_deriv(struct writer *w, const struct deriv *d, int shapes)
{
	const char	*why;

	strbuf_add(&w->sb, "\nDerivative of ");
	strbuf_addf(&w->sb, "%s with respect to %s\n",
	    w->m->vars[w->a->of].name, w->m->vars[d->wrt].name);
	writer_flush(w);
	if (text_paths(w, d, "  ") != 0 || text_formulas(w, d, "  ", 1) != 0)
		return -1;
	if (shapes && d->nrel > 0) {
		strbuf_add(&w->sb, "  Every term is ");
		note_dims(&w->sb, note_size(w->m, w->a->of),
		    note_size(w->m, d->wrt), w->style);
		strbuf_add(&w->sb, " (the size of ");
		note_total(&w->sb, w->m, w->a->of, d->wrt, w->style);
		strbuf_add(&w->sb, "): each factor's columns match the next "
		    "factor's rows along the path.\n");
		writer_flush(w);
	}
	if (d->nrel == 0)
		return 0;
	strbuf_add(&w->sb, "  With every variable written in terms of the "
	    "independent ones: ");
	note_total(&w->sb, w->m, w->a->of, d->wrt, w->style);
	strbuf_add(&w->sb, " = ");
	if (numbers_closed_form(&w->sb, w->a, d, w->style)) {
		strbuf_addc(&w->sb, '\n');
		writer_flush(w);
	} else
		strbuf_truncate(&w->sb, 0);
	if ((why = write_closed_omitted(w->a, d)) != NULL) {
		strbuf_addf(&w->sb, "  The closed form (every variable written "
		    "in terms of the independent ones) is %s.\n", why);
		writer_flush(w);
	}
	text_forward(w, d);
	if (d->wrt != w->a->of)
		text_partial(w, d);
	return 0;
}

/* Writes the text form of a part. */
int
write_text(struct writer *w, enum infdiag_part part)
{
	uint32_t	k;
	int		shapes = note_has_shapes(w->m);

	if (part == INFDIAG_PART_ANALYSIS) {
		text_model(w);
		text_order(w);
		text_subgraphs(w);
	}
	if (part == INFDIAG_PART_EVAL) {
		writer_plain(w, w->m->title != NULL ? w->m->title :
		    w->m->source, PLAIN_TEXT);
		strbuf_addc(&w->sb, '\n');
		writer_flush(w);
		return write_text_numbers(w);
	}
	for (k = 0; k < w->a->nwrt; k++) {
		if (part == INFDIAG_PART_ANALYSIS) {
			if (text_deriv(w, &w->a->d[k], shapes) != 0)
				return -1;
		} else if (part == INFDIAG_PART_PATHS) {
			if (text_paths(w, &w->a->d[k], "") != 0)
				return -1;
		} else if (text_formulas(w, &w->a->d[k], "", 0) != 0)
			return -1;
	}
	if (part == INFDIAG_PART_ANALYSIS && w->a->nwrt > 0)
		text_reverse(w);
	if (part == INFDIAG_PART_ANALYSIS && w->a->num != NULL &&
	    numbers_any(w->a))
		return write_text_numbers(w);
	return 0;
}

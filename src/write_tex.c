/*
 * LaTeX (amsmath fragments for slides and handouts) and Markdown with
 * LaTeX mathematics.
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
#include "write_kinks.h"

/* Starts a heading: "% text" in LaTeX, "## text" in Markdown. */
static void
heading(struct writer *w, int markdown, int level, const char *text)
{
	if (markdown)
		strbuf_addf(&w->sb, "\n%.*s ", level, "####");
	else
		strbuf_add(&w->sb, "\n% ");
	writer_plain(w, text, markdown ? PLAIN_MARKDOWN : PLAIN_LINE);
	strbuf_addc(&w->sb, '\n');
}

/* Opens and closes a block of aligned equations. */
static void
math_open(struct writer *w, int markdown)
{
	strbuf_add(&w->sb, markdown ? "\n$$\n\\begin{aligned}\n" :
	    "\\begin{align*}\n");
}

static void
math_close(struct writer *w, int markdown)
{
	strbuf_add(&w->sb, markdown ? "\\end{aligned}\n$$\n" :
	    "\\end{align*}\n");
	writer_flush(w);
}

/* Appends a line "lhs = rhs" of an aligned block ("lhs &= rhs"), and
 * empties it. */
static void
aligned(struct writer *w, struct strbuf *line, int last)
{
	const char	*s = strbuf_str(line), *eq = strstr(s, " = ");

	w->nomem |= strbuf_failed(line);
	strbuf_add(&w->sb, "  ");
	if (eq != NULL) {
		strbuf_addn(&w->sb, s, (size_t)(eq - s));
		strbuf_add(&w->sb, " &= ");
		strbuf_add(&w->sb, eq + 3);
	} else
		strbuf_add(&w->sb, s);
	strbuf_add(&w->sb, last ? "\n" : " \\\\\n");
	strbuf_truncate(line, 0);
	writer_flush(w);
}

/* Appends fn in LaTeX text, for note_function(): \textit{f} for one
 * letter, else \text{sigmoid}; escaped. */
static void
tex_fn_text(void *ctx, struct strbuf *sb, const char *fn)
{
	struct writer	*w = ctx;

	(void)sb;
	strbuf_add(&w->sb, fn[0] != '\0' && fn[1] == '\0' ? "\\textit{" :
	    "\\text{");
	writer_plain(w, fn, PLAIN_LATEX);
	strbuf_addc(&w->sb, '}');
}

/* Appends "v = f(x, g)" as a list item: in LaTeX all of it mathematics
 * (note_function()); in Markdown the model's "fn" between two formulas,
 * as text, so that it is escaped as Markdown. */
static void
tex_function_of(struct writer *w, uint32_t v, int markdown)
{
	const struct infdiag_model	*m = w->m;
	const struct var_extra		*x = var_extra(m, v);
	uint32_t			 i;

	strbuf_add(&w->sb, markdown ? "- $" : "  \\item $");
	note_symbol(&w->sb, m, v, STYLE_LATEX);
	if (!markdown || x == NULL || x->fn == NULL) {
		strbuf_add(&w->sb, " = ");
		note_function(&w->sb, m, v, STYLE_LATEX, tex_fn_text, w);
		strbuf_add(&w->sb, "$\n");
		return;
	}
	strbuf_add(&w->sb, "$ = ");
	writer_plain(w, x->fn, PLAIN_MARKDOWN);
	strbuf_add(&w->sb, "($");
	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		strbuf_add(&w->sb, i > m->in_off[v] ? ", " : "");
		note_symbol(&w->sb, m, m->in_idx[i], STYLE_LATEX);
	}
	strbuf_add(&w->sb, "$)\n");
}

/* Writes the variables: each independent one, and each other one as its
 * function of its inputs. */
static void
tex_variables(struct writer *w, int markdown)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 v;

	strbuf_addf(&w->sb, markdown ? "\n## Variables (%u, with " :
	    "\n%% Variables (%u, with ", m->nvars);
	note_count(&w->sb, m->nedges, "influence", "influences");
	strbuf_add(&w->sb, markdown ? ")\n\n" : ")\n\\begin{itemize}\n");
	for (v = 0; v < m->nvars; v++) {
		if (var_ninputs(m, v) > 0)
			tex_function_of(w, v, markdown);
		else {
			strbuf_add(&w->sb, markdown ? "- $" : "  \\item $");
			note_symbol(&w->sb, m, v, STYLE_LATEX);
			strbuf_add(&w->sb, "$ (independent)\n");
		}
		writer_spill(w);
	}
	if (!markdown)
		strbuf_add(&w->sb, "\\end{itemize}\n");
	writer_flush(w);
}

/* Writes the sink subgraphs' rules. */
static void
tex_rules(struct writer *w, int markdown)
{
	const struct infdiag_model	*m = w->m;
	struct strbuf			 t = STRBUF_INIT;
	uint32_t			 k, v, n = 0, seen = 0;

	for (v = 0; v < m->nvars; v++)
		n += var_ninputs(m, v) > 0;
	heading(w, markdown, 2, "Sink subgraphs and their perturbation rules");
	if (n == 0)
		return;
	math_open(w, markdown);
	for (k = 0; k < m->nvars; k++) {
		v = m->order[k];
		if (var_ninputs(m, v) == 0)
			continue;
		note_rule(&t, m, v, STYLE_LATEX);
		aligned(w, &t, ++seen == n);
	}
	math_close(w, markdown);
	strbuf_release(&t);
}

/* Writes d's paths as a numbered list. */
static int
tex_paths(struct writer *w, const struct deriv *d, int markdown)
{
	struct path_iter	*it;
	struct path_text	 pt;
	const uint32_t		*path;
	uint32_t		 n;
	uint64_t		 shown = 0;
	size_t			 mark;
	int			 rc = 0;

	memset(&pt, 0, sizeof(pt));
	strbuf_add(&w->sb, markdown ? "\n" : "% ");
	mark = w->sb.len;
	analysis_count_str(&w->sb, w->a, d->wrt, 0);
	strbuf_addf(&w->sb, " %s from %s to %s%s\n",
	    note_noun_str(strbuf_str(&w->sb) + mark, "path", "paths"),
	    w->m->vars[d->wrt].name, w->m->vars[w->a->of].name,
	    markdown && d->nrel > 0 ? ":\n" : "");
	writer_flush(w);
	if (d->nrel == 0)
		return 0;
	if ((it = paths_begin(w->a, d)) == NULL)
		return -1;
	if (!markdown)
		strbuf_add(&w->sb, "\\begin{enumerate}\n");
	while (writer_more_paths(w, shown) &&
	    (rc = paths_next(it, &path, &n)) == 1) {
		if (path_text_set(&pt, w->a, path, n, STYLE_LATEX) != 0) {
			rc = -1;
			break;
		}
		if (markdown) {
			strbuf_addu(&w->sb, ++shown);
			strbuf_add(&w->sb, ". $");
		} else {
			shown++;
			strbuf_add(&w->sb, "  \\item $");
		}
		strbuf_addn(&w->sb, strbuf_str(&pt.sb), pt.sb.len);
		strbuf_add(&w->sb, "$\n");
		writer_spill(w);
	}
	path_text_release(&pt);
	paths_end(it);
	if (!markdown)
		strbuf_add(&w->sb, "\\end{enumerate}\n");
	writer_paths_tail(w, d, shown, markdown ? "\n" : "% ", "\n");
	writer_flush(w);
	return rc < 0 ? -1 : 0;
}

/* Writes dy/dx expanded and factored as one aligned block. */
static int
tex_formulas(struct writer *w, const struct deriv *d, int markdown)
{
	struct strbuf	t = STRBUF_INIT;
	int		exp = formula_expanded_fits(w->a, d);
	int		fac = formula_factored_fits(w->a, d);
	int		rc = 0;

	math_open(w, markdown);
	note_total(&t, w->m, w->a->of, d->wrt, STYLE_LATEX);
	strbuf_add(&t, " = ");
	if (exp)
		rc |= formula_expanded(&t, w->a, d, STYLE_LATEX);
	if (exp && fac && d->nrel > 0) {
		aligned(w, &t, 0);
		strbuf_add(&t, " = ");
	}
	if (fac && (d->nrel > 0 || !exp))
		rc |= formula_factored(&t, w->a, d, STYLE_LATEX);
	if (!exp && !fac)
		strbuf_add(&t, "\\text{(too large to write out)}");
	aligned(w, &t, 1);
	math_close(w, markdown);
	strbuf_release(&t);
	return rc;
}

/* Writes the forward equations of d. */
static void
tex_forward(struct writer *w, const struct deriv *d, int markdown)
{
	struct strbuf	t = STRBUF_INIT;
	uint32_t	k;

	heading(w, markdown, 3, "Forward accumulation");
	math_open(w, markdown);
	for (k = 0; k < d->nrel; k++) {
		formula_forward(&t, w->a, d, d->rel[k], STYLE_LATEX);
		aligned(w, &t, k + 1 == d->nrel);
	}
	math_close(w, markdown);
	strbuf_release(&t);
}

/* Writes the reverse equations. */
static void
tex_reverse(struct writer *w, int markdown)
{
	struct strbuf	t = STRBUF_INIT;
	uint32_t	k;

	heading(w, markdown, 2, "Reverse accumulation (backpropagation)");
	math_open(w, markdown);
	for (k = w->a->nanc; k-- > 0;) {
		formula_reverse(&t, w->a, w->a->anc[k], STYLE_LATEX);
		aligned(w, &t, k == 0);
	}
	math_close(w, markdown);
	strbuf_release(&t);
}

/* Writes the values and adjoints as a table. */
static void
tex_values(struct writer *w, int markdown)
{
	const struct numbers	*n = w->a->num;
	uint32_t		 k, v;

	strbuf_add(&w->sb, markdown ? "\n| variable | value | adjoint |\n"
	    "|---|---|---|\n" : "\\begin{tabular}{lrr}\nvariable & value & "
	    "adjoint \\\\\n\\hline\n");
	writer_flush(w);
	for (k = 0; k < w->a->nanc; k++) {
		v = w->a->anc[k];
		strbuf_addc(&w->sb, markdown ? '|' : '$');
		if (markdown)
			strbuf_add(&w->sb, " $");
		note_symbol(&w->sb, w->m, v, STYLE_LATEX);
		strbuf_add(&w->sb, markdown ? "$ | " : "$ & ");
		if (n->known[v])
			note_number(&w->sb, n->value[v], STYLE_ASCII);
		strbuf_add(&w->sb, markdown ? " | " : " & ");
		if (n->adjoint_known[v])
			note_number(&w->sb, n->adjoint[v], STYLE_ASCII);
		strbuf_add(&w->sb, markdown ? " |\n" : " \\\\\n");
		writer_flush(w);
	}
	if (!markdown)
		strbuf_add(&w->sb, "\\end{tabular}\n");
	writer_flush(w);
}

/* Writes each local derivative's formula and value as aligned lines. */
static void
tex_locals(struct writer *w, int markdown)
{
	const struct infdiag_model	*m = w->m;
	const struct numbers		*n = w->a->num;
	struct strbuf			 t = STRBUF_INIT;
	uint32_t			 k, v, i, total = 0, seen = 0;

	for (k = 0; k < w->a->nanc; k++)
		total += var_ninputs(m, w->a->anc[k]);
	if (total == 0)
		return;
	heading(w, markdown, 3, "Local derivatives at this point");
	math_open(w, markdown);
	for (k = 0; k < w->a->nanc; k++) {
		v = w->a->anc[k];
		for (i = 0; i < var_ninputs(m, v); i++) {
			note_local(&t, m, v, m->in_idx[m->in_off[v] + i],
			    STYLE_LATEX);
			strbuf_add(&t, " = ");
			if (numbers_local_formula(&t, w->a, v, i, STYLE_LATEX))
				strbuf_add(&t, " = ");
			if (n->local_known[v])
				note_number(&t, n->local[m->in_off[v] + i],
				    STYLE_LATEX);
			else
				strbuf_add(&t, "?");
			aligned(w, &t, ++seen == total);
		}
	}
	math_close(w, markdown);
	strbuf_release(&t);
}

/* Writes each derivative's value, direct term and check. */
static void
tex_deriv_numbers(struct writer *w, int markdown)
{
	struct strbuf	 t = STRBUF_INIT;
	const struct deriv *d;
	uint32_t	 k;

	heading(w, markdown, 3, "Total derivatives at this point");
	math_open(w, markdown);
	for (k = 0; k < w->a->nwrt; k++) {
		d = &w->a->d[k];
		note_total(&t, w->m, w->a->of, d->wrt, STYLE_LATEX);
		strbuf_add(&t, " = ");
		if (!d->num.has_value)
			strbuf_add(&t, "?");
		else
			note_number(&t, d->num.forward, STYLE_LATEX);
		if (d->num.has_partial) {
			strbuf_add(&t, ", \\quad ");
			note_local(&t, w->m, w->a->of, d->wrt, STYLE_LATEX);
			strbuf_add(&t, " = ");
			note_number(&t, d->num.partial, STYLE_LATEX);
		}
		if (d->num.has_check) {
			strbuf_add(&t, ", \\quad \\text{finite difference} ");
			note_number(&t, d->num.fd, STYLE_LATEX);
			if (!d->num.fd_ok) {
				strbuf_add(&t, " \\text{ (");
				numbers_check_error(&t, &d->num);
				strbuf_add(&t, ")}");
			}
		}
		aligned(w, &t, k + 1 == w->a->nwrt);
	}
	math_close(w, markdown);
	strbuf_release(&t);
}

/* Writes the numbers section. */
static void
tex_numbers(struct writer *w, int markdown)
{
	heading(w, markdown, 2, "Numbers");
	tex_values(w, markdown);
	tex_locals(w, markdown);
	writer_kinks(w, markdown ? PLAIN_MARKDOWN : PLAIN_LATEX);
	if (w->a->nwrt > 0)
		tex_deriv_numbers(w, markdown);
}

/* Writes one derivative's section. */
static int
tex_deriv(struct writer *w, const struct deriv *d, enum infdiag_part part,
    int markdown)
{
	struct strbuf	t = STRBUF_INIT;

	if (part == INFDIAG_PART_ANALYSIS) {
		strbuf_addf(&t, "Derivative of %s with respect to %s",
		    w->m->vars[w->a->of].name, w->m->vars[d->wrt].name);
		heading(w, markdown, 2, strbuf_str(&t));
		w->nomem |= strbuf_failed(&t);
		strbuf_release(&t);
	}
	if (part != INFDIAG_PART_FORMULA && tex_paths(w, d, markdown) != 0)
		return -1;
	if (part != INFDIAG_PART_PATHS && tex_formulas(w, d, markdown) != 0)
		return -1;
	if (part == INFDIAG_PART_ANALYSIS && d->nrel > 0)
		tex_forward(w, d, markdown);
	return 0;
}

/* Writes the LaTeX or Markdown form of a part. */
int
write_tex(struct writer *w, enum infdiag_part part, int markdown)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 k;

	if (part == INFDIAG_PART_ANALYSIS) {
		strbuf_add(&w->sb, markdown ? "# " : "% ");
		writer_plain(w, m->title != NULL ? m->title : m->source,
		    markdown ? PLAIN_MARKDOWN : PLAIN_LINE);
		strbuf_addc(&w->sb, '\n');
		if (m->description != NULL) {
			strbuf_add(&w->sb, markdown ? "\n" : "% ");
			writer_plain(w, m->description,
			    markdown ? PLAIN_MARKDOWN : PLAIN_LINE);
			strbuf_addc(&w->sb, '\n');
		}
		if (!markdown)
			strbuf_add(&w->sb, "% (amsmath)\n");
		writer_flush(w);
		tex_variables(w, markdown);
		tex_rules(w, markdown);
	}
	for (k = 0; part != INFDIAG_PART_EVAL && k < w->a->nwrt; k++) {
		if (tex_deriv(w, &w->a->d[k], part, markdown) != 0)
			return -1;
	}
	if (part == INFDIAG_PART_EVAL) {
		if (w->a->num != NULL)
			tex_numbers(w, markdown);
		return 0;
	}
	if (part == INFDIAG_PART_ANALYSIS && w->a->nwrt > 0)
		tex_reverse(w, markdown);
	if (part == INFDIAG_PART_ANALYSIS && w->a->num != NULL &&
	    numbers_any(w->a))
		tex_numbers(w, markdown);
	return 0;
}

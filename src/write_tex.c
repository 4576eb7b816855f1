/*
 * LaTeX (amsmath fragments for slides and handouts) and Markdown with
 * LaTeX mathematics.
 */
#include <stdint.h>
#include <string.h>

#include "analysis.h"
#include "expr.h"
#include "formula.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "paths.h"
#include "write.h"
#include "write_kinks.h"

/* The sectioning commands of LaTeX by heading level, from 1. */
static const char *const tex_sections[] = {
	"\\section*{", "\\subsection*{", "\\subsubsection*{"
};

/* Starts a heading of a level (1 to 3): \section* and below in LaTeX,
 * "#" and below in Markdown, so that the levels never jump. */
static void
heading_open(struct writer *w, int markdown, int level)
{
	if (markdown)
		strbuf_addf(&w->sb, "\n%.*s ", level, "###");
	else
		strbuf_addf(&w->sb, "\n%s", tex_sections[level - 1]);
}

/* Ends a heading. */
static void
heading_close(struct writer *w, int markdown)
{
	strbuf_add(&w->sb, markdown ? "\n" : "}\n");
	writer_flush(w);
}

/* Writes a heading of plain text. */
static void
heading(struct writer *w, int markdown, int level, const char *text)
{
	heading_open(w, markdown, level);
	writer_plain(w, text, markdown ? PLAIN_MARKDOWN : PLAIN_LATEX);
	heading_close(w, markdown);
}

/* Opens and closes a block of aligned equations; in LaTeX in a group
 * that lets it break across pages, so that 30 rows do not run off the
 * page and the user's document keeps its own setting. */
static void
math_open(struct writer *w, int markdown)
{
	strbuf_add(&w->sb, markdown ? "\n$$\n\\begin{aligned}\n" :
	    "{\\allowdisplaybreaks\n\\begin{align*}\n");
}

static void
math_close(struct writer *w, int markdown)
{
	strbuf_add(&w->sb, markdown ? "\\end{aligned}\n$$\n" :
	    "\\end{align*}}\n");
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

/* Appends v's symbol as inline mathematics. */
void
write_tex_symbol(struct writer *w, uint32_t v)
{
	strbuf_addc(&w->sb, '$');
	note_symbol(&w->sb, w->m, v, STYLE_LATEX);
	strbuf_addc(&w->sb, '$');
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

/* Writes the model: its description and its variables, each independent
 * one, and each other one as its function of its inputs. */
static void
tex_variables(struct writer *w, int markdown)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 v;

	heading(w, markdown, 2, "The model");
	if (m->description != NULL) {
		strbuf_addc(&w->sb, '\n');
		writer_plain(w, m->description,
		    markdown ? PLAIN_MARKDOWN : PLAIN_LATEX);
		strbuf_addc(&w->sb, '\n');
	}
	strbuf_addc(&w->sb, '\n');
	note_count(&w->sb, m->nvars, "variable", "variables");
	strbuf_add(&w->sb, ", with ");
	note_count(&w->sb, m->nedges, "influence", "influences");
	strbuf_add(&w->sb, markdown ? ":\n\n" : ":\n\\begin{itemize}\n");
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

/* Writes "N paths from x to y", then d's paths as a numbered list. */
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
	strbuf_addc(&w->sb, '\n');
	mark = w->sb.len;
	analysis_count_str(&w->sb, w->a, d->wrt, 0);
	strbuf_addf(&w->sb, " %s from ",
	    note_noun_str(strbuf_str(&w->sb) + mark, "path", "paths"));
	write_tex_symbol(w, d->wrt);
	strbuf_add(&w->sb, " to ");
	write_tex_symbol(w, w->a->of);
	strbuf_add(&w->sb, d->nrel > 0 ? ":\n" : ".\n");
	writer_flush(w);
	if (d->nrel == 0)
		return 0;
	if ((it = paths_begin(w->a, d)) == NULL)
		return -1;
	strbuf_add(&w->sb, markdown ? "\n" : "\\begin{enumerate}\n");
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
	writer_paths_tail(w, d, shown, "\n", "\n");
	writer_flush(w);
	return rc < 0 ? -1 : 0;
}

/* Writes dy/dx expanded and factored as one aligned block: the factored
 * form only when it reads differently. */
static int
tex_formulas(struct writer *w, const struct deriv *d, int markdown)
{
	struct strbuf	t = STRBUF_INIT, f = STRBUF_INIT;
	int		exp = formula_expanded_fits(w->a, d);
	int		fac = formula_factored_fits(w->a, d);
	int		rc = 0;

	if (exp)
		rc |= formula_expanded(&t, w->a, d, STYLE_LATEX);
	if (fac && (d->nrel > 0 || !exp))
		rc |= formula_factored(&f, w->a, d, STYLE_LATEX);
	if (exp && strcmp(strbuf_str(&t), strbuf_str(&f)) == 0)
		strbuf_truncate(&f, 0);
	math_open(w, markdown);
	strbuf_add(&w->sb, "  ");
	note_total(&w->sb, w->m, w->a->of, d->wrt, STYLE_LATEX);
	strbuf_add(&w->sb, " &= ");
	if (!exp && !fac)
		strbuf_add(&w->sb, "\\text{(too large to write out)}");
	strbuf_addn(&w->sb, strbuf_str(&t), t.len);
	if (exp && f.len > 0)
		strbuf_add(&w->sb, " \\\\\n   &= ");
	strbuf_addn(&w->sb, strbuf_str(&f), f.len);
	strbuf_addc(&w->sb, '\n');
	w->nomem |= strbuf_failed(&t) || strbuf_failed(&f);
	math_close(w, markdown);
	strbuf_release(&t);
	strbuf_release(&f);
	return rc;
}

/* Writes d's closed form (every variable written in terms of the
 * independent ones, then differentiated), or the line saying it is left
 * out for its size. */
static void
tex_closed(struct writer *w, const struct deriv *d, int markdown)
{
	struct strbuf	 t = STRBUF_INIT;
	const char	*why;

	if ((why = write_closed_omitted(w->a, d)) != NULL) {
		strbuf_addf(&w->sb, "\nThe closed form (every variable written "
		    "in terms of the independent ones) is %s.\n", why);
		writer_flush(w);
		return;
	}
	note_total(&t, w->m, w->a->of, d->wrt, STYLE_LATEX);
	strbuf_add(&t, " = ");
	if (!numbers_closed_form(&t, w->a, d, STYLE_LATEX)) {
		strbuf_release(&t);
		return;
	}
	strbuf_add(&w->sb, "\nWith every variable written in terms of the "
	    "independent ones:\n");
	math_open(w, markdown);
	aligned(w, &t, 1);
	math_close(w, markdown);
	strbuf_release(&t);
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

/* Appends a number of the values table: in LaTeX as mathematics, so that
 * its minus sign is one; in Markdown as it is copied. */
static void
table_number(struct writer *w, int markdown, double x)
{
	if (markdown) {
		note_number(&w->sb, x, STYLE_ASCII);
		return;
	}
	strbuf_addc(&w->sb, '$');
	note_number(&w->sb, x, STYLE_LATEX);
	strbuf_addc(&w->sb, '$');
}

/* Writes the values and adjoints as a table. */
static void
tex_values(struct writer *w, int markdown)
{
	const struct numbers	*n = w->a->num;
	uint32_t		 k, v;

	strbuf_add(&w->sb, markdown ? "\n| variable | value | adjoint |\n"
	    "|---|---|---|\n" : "\n\\begin{tabular}{lrr}\nvariable & value & "
	    "adjoint \\\\\n\\hline\n");
	writer_flush(w);
	for (k = 0; k < w->a->nanc; k++) {
		v = w->a->anc[k];
		strbuf_add(&w->sb, markdown ? "| " : "");
		write_tex_symbol(w, v);
		strbuf_add(&w->sb, markdown ? " | " : " & ");
		if (n->known[v])
			table_number(w, markdown, n->value[v]);
		strbuf_add(&w->sb, markdown ? " | " : " & ");
		if (n->adjoint_known[v])
			table_number(w, markdown, n->adjoint[v]);
		strbuf_add(&w->sb, markdown ? " |\n" : " \\\\\n");
		writer_flush(w);
	}
	if (!markdown)
		strbuf_add(&w->sb, "\\end{tabular}\n");
	writer_flush(w);
}

/* Appends " = value" of the local derivative at arrow position j after
 * its formula, written from mark, unless the formula is that number
 * already (dt/dx = 1, not 1 = 1). */
static void
local_value(struct strbuf *t, const struct numbers *n, uint32_t j,
    size_t mark)
{
	struct strbuf	num = STRBUF_INIT;
	double		c;

	note_number(&num, n->local[j], STYLE_LATEX);
	if (!(mark < t->len && n->dexpr[j] != NULL &&
	    expr_is_constant(n->dexpr[j], &c) &&
	    strcmp(strbuf_str(t) + mark, strbuf_str(&num)) == 0)) {
		if (mark < t->len)
			strbuf_add(t, " = ");
		strbuf_addn(t, strbuf_str(&num), num.len);
	}
	t->failed |= strbuf_failed(&num);
	strbuf_release(&num);
}

/* Writes each local derivative's formula and value as aligned lines. */
static void
tex_locals(struct writer *w, int markdown, int level)
{
	const struct infdiag_model	*m = w->m;
	const struct numbers		*n = w->a->num;
	struct strbuf			 t = STRBUF_INIT;
	uint32_t			 k, v, i, j, total = 0, seen = 0;
	size_t				 mark;

	for (k = 0; k < w->a->nanc; k++)
		total += var_ninputs(m, w->a->anc[k]);
	if (total == 0)
		return;
	heading(w, markdown, level, "Local derivatives at this point");
	math_open(w, markdown);
	for (k = 0; k < w->a->nanc; k++) {
		v = w->a->anc[k];
		for (i = 0; i < var_ninputs(m, v); i++) {
			j = m->in_off[v] + i;
			note_local(&t, m, v, m->in_idx[j], STYLE_LATEX);
			strbuf_add(&t, " = ");
			mark = t.len;
			numbers_local_formula(&t, w->a, v, i, STYLE_LATEX);
			if (n->local_known[v])
				local_value(&t, n, j, mark);
			else
				strbuf_add(&t, mark < t.len ? " = ?" : "?");
			aligned(w, &t, ++seen == total);
		}
	}
	math_close(w, markdown);
	strbuf_release(&t);
}

/* Writes each derivative's value, its partial (the direct arrow alone)
 * and its finite-difference check, one aligned row each. */
static void
tex_deriv_numbers(struct writer *w, int markdown, int level)
{
	struct strbuf	 t = STRBUF_INIT;
	const struct deriv *d;
	uint32_t	 k;

	heading(w, markdown, level, "Total derivatives at this point");
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
			aligned(w, &t, 0);
			note_local(&t, w->m, w->a->of, d->wrt, STYLE_LATEX);
			strbuf_add(&t, " = ");
			note_number(&t, d->num.partial, STYLE_LATEX);
			strbuf_add(&t, " \\quad \\text{(the direct arrow "
			    "alone)}");
		}
		if (d->num.has_check) {
			aligned(w, &t, 0);
			strbuf_add(&t, "\\text{finite difference} = ");
			note_number(&t, d->num.fd, STYLE_LATEX);
			if (!d->num.fd_ok) {
				strbuf_add(&t, " \\quad \\text{(");
				numbers_check_error(&t, &d->num);
				strbuf_add(&t, ")}");
			}
		}
		aligned(w, &t, k + 1 == w->a->nwrt);
	}
	math_close(w, markdown);
	strbuf_release(&t);
}

/* Writes the numbers section, its heading at a level (1 alone, 2 in the
 * report). */
static void
tex_numbers(struct writer *w, int markdown, int level)
{
	heading(w, markdown, level, "Numbers");
	tex_values(w, markdown);
	tex_locals(w, markdown, level + 1);
	writer_kinks(w, markdown ? PLAIN_MARKDOWN : PLAIN_LATEX);
	if (w->a->nwrt > 0)
		tex_deriv_numbers(w, markdown, level + 1);
}

/* Writes one derivative's section. */
static int
tex_deriv(struct writer *w, const struct deriv *d, enum infdiag_part part,
    int markdown)
{
	if (part == INFDIAG_PART_ANALYSIS) {
		heading_open(w, markdown, 2);
		strbuf_add(&w->sb, "Derivative of ");
		write_tex_symbol(w, w->a->of);
		strbuf_add(&w->sb, " with respect to ");
		write_tex_symbol(w, d->wrt);
		heading_close(w, markdown);
	}
	if (part != INFDIAG_PART_FORMULA && tex_paths(w, d, markdown) != 0)
		return -1;
	if (part != INFDIAG_PART_PATHS && tex_formulas(w, d, markdown) != 0)
		return -1;
	if (part == INFDIAG_PART_ANALYSIS && d->nrel > 0) {
		tex_closed(w, d, markdown);
		tex_forward(w, d, markdown);
	}
	return 0;
}

/* Writes what comes before a LaTeX part: the packages a fragment needs,
 * in a comment, or a document's preamble. */
void
write_tex_begin(struct writer *w, int standalone)
{
	if (standalone)
		strbuf_add(&w->sb, "\\documentclass{article}\n"
		    "\\usepackage{amsmath}\n\\begin{document}\n");
	else
		strbuf_add(&w->sb, "% A LaTeX fragment written by infdiag: it "
		    "needs \\usepackage{amsmath}.\n");
	writer_flush(w);
}

/* Ends a standalone document. */
void
write_tex_end(struct writer *w, int standalone)
{
	if (standalone)
		strbuf_add(&w->sb, "\\end{document}\n");
	writer_flush(w);
}

/* Writes the model's title as the top heading. */
void
write_tex_title(struct writer *w, int markdown)
{
	const struct infdiag_model	*m = w->m;

	heading(w, markdown, 1, m->title != NULL ? m->title : m->source);
}

/* Writes the LaTeX or Markdown form of a part. */
int
write_tex(struct writer *w, enum infdiag_part part, int markdown,
    int standalone)
{
	uint32_t	k;

	if (!markdown)
		write_tex_begin(w, standalone);
	if (part == INFDIAG_PART_ANALYSIS) {
		write_tex_title(w, markdown);
		tex_variables(w, markdown);
		tex_rules(w, markdown);
	}
	for (k = 0; part != INFDIAG_PART_EVAL && k < w->a->nwrt; k++) {
		if (tex_deriv(w, &w->a->d[k], part, markdown) != 0)
			return -1;
	}
	if (part == INFDIAG_PART_EVAL && w->a->num != NULL)
		tex_numbers(w, markdown, 1);
	if (part == INFDIAG_PART_ANALYSIS && w->a->nwrt > 0)
		tex_reverse(w, markdown);
	if (part == INFDIAG_PART_ANALYSIS && w->a->num != NULL &&
	    numbers_any(w->a))
		tex_numbers(w, markdown, 2);
	if (!markdown)
		write_tex_end(w, standalone);
	return 0;
}

/* Appends a file name as a link target: every byte but letters, digits
 * and "-._~" percent-encoded, so that no name can end the link. */
static void
link_target(struct strbuf *sb, const char *s)
{
	for (; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~", *s) != NULL)
			strbuf_addc(sb, *s);
		else
			strbuf_addf(sb, "%%%02X", (unsigned)(unsigned char)*s);
	}
}

/* Writes the Markdown section that shows the diagrams written beside the
 * Markdown file: STEM-full.svg, then the paths of each derivative,
 * STEM-paths.svg for the first, STEM-paths-K.svg for the K-th. */
void
write_md_figures(struct writer *w, const char *stem)
{
	uint32_t	k;

	heading(w, 1, 2, "Diagrams");
	strbuf_add(&w->sb, "\n![The model's diagram](");
	link_target(&w->sb, stem);
	strbuf_add(&w->sb, "-full.svg)\n");
	for (k = 0; k < w->a->nwrt; k++) {
		strbuf_add(&w->sb, "\n![The paths from ");
		write_tex_symbol(w, w->a->d[k].wrt);
		strbuf_add(&w->sb, " to ");
		write_tex_symbol(w, w->a->of);
		strbuf_add(&w->sb, "](");
		link_target(&w->sb, stem);
		if (k == 0)
			strbuf_add(&w->sb, "-paths.svg)\n");
		else
			strbuf_addf(&w->sb, "-paths-%u.svg)\n", k + 1);
		writer_spill(w);
	}
	writer_flush(w);
}

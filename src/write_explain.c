/*
 * The derivation narrated the way the notes do it, in text, Markdown or
 * LaTeX:
 * decompose into sink subgraphs, write each perturbation rule, substitute
 * the rules into each other from the output down, collect the terms by
 * path, and say where the partial and the total differ.
 *
 * The substitutions are written out only for a small derivative (a few
 * paths through a few variables): each line repeats the whole sum, so
 * beyond that the forward equations say the same thing in less room.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "analysis.h"
#include "formula.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "paths.h"
#include "write.h"

/* The largest derivative whose substitutions are narrated: paths and
 * variables on them. */
#define EXPLAIN_MAX_PATHS	32
#define EXPLAIN_MAX_VARS	24
/* The most lines a list (rules, paths, equations) shows. */
#define EXPLAIN_MAX_LINES	50

/* What the narration is written as: the md argument of the functions
 * below (text 0, so that "md ?" reads "in Markdown or LaTeX"). */
#define EX_TEXT		0
#define EX_MARKDOWN	1
#define EX_LATEX	2

/* Opens and closes inline mathematics: "$" in Markdown and LaTeX,
 * nothing in text. */
static const char *
im(int md)
{
	return md ? "$" : "";
}

/* Appends v's symbol inline. */
static void
sym(struct writer *w, int md, uint32_t v)
{
	strbuf_add(&w->sb, im(md));
	note_symbol(&w->sb, w->m, v, w->style);
	strbuf_add(&w->sb, im(md));
}

/* Starts a numbered step: steps 1 and 2, of the whole model, are
 * sections, and steps 3 to 5 subsections of their derivative's, so that
 * the headings never skip a level. */
static void
step(struct writer *w, int md, int n, const char *title)
{
	if (md == EX_LATEX)
		strbuf_addf(&w->sb, "\n\\%ssection*{%d. %s}\n\n",
		    n <= 2 ? "" : "sub", n, title);
	else if (md)
		strbuf_addf(&w->sb, "\n%s %d. %s\n\n", n <= 2 ? "##" : "###",
		    n, title);
	else
		strbuf_addf(&w->sb, "\n%d. %s\n", n, title);
}

/* Starts and ends a displayed formula: an indented line in text, a $$
 * block in Markdown. */
static void
display_open(struct writer *w, int md)
{
	strbuf_add(&w->sb, md == EX_LATEX ? "\\[\n" : md ? "$$\n" : "     ");
}

static void
display_close(struct writer *w, int md)
{
	strbuf_add(&w->sb, md == EX_LATEX ? "\n\\]\n\n" : md ? "\n$$\n\n" :
	    "\n");
	writer_flush(w);
}

/* Starts a line of narration inside a step. */
static void
say(struct writer *w, int md)
{
	strbuf_add(&w->sb, md ? "" : "   ");
}

/* Ends a line of narration. */
static void
said(struct writer *w, int md)
{
	strbuf_add(&w->sb, md ? "\n\n" : "\n");
	writer_flush(w);
}

/* Opens a list, bulleted or numbered: itemize or enumerate in LaTeX. */
static void
list_open(struct writer *w, int md, int numbered)
{
	if (md == EX_LATEX)
		strbuf_add(&w->sb, numbered ? "\\begin{enumerate}\n" :
		    "\\begin{itemize}\n");
}

/* Starts item n (from 1) of a list. */
static void
list_item(struct writer *w, int md, int numbered, uint64_t n)
{
	if (md == EX_LATEX)
		strbuf_add(&w->sb, "  \\item ");
	else if (numbered)
		strbuf_addf(&w->sb, md ? "%llu. " : "     %llu. ",
		    (unsigned long long)n);
	else
		strbuf_add(&w->sb, md ? "- " : "     ");
}

/* Closes a list. */
static void
list_close(struct writer *w, int md, int numbered)
{
	if (md == EX_LATEX)
		strbuf_add(&w->sb, numbered ? "\\end{enumerate}\n" :
		    "\\end{itemize}\n");
}

/* The space between a local derivative and the perturbation it
 * multiplies, as in the rules. */
static const char *
juxt(enum style style)
{
	return style == STYLE_LATEX ? "\\, " : " ";
}

/* Starts the model's section, under the title (Markdown and LaTeX): its
 * description, so that no text stands between the title and the first
 * section (pandoc's slides are cut by section). */
static void
step_intro(struct writer *w, int md)
{
	const struct infdiag_model	*m = w->m;

	if (md == EX_LATEX)
		strbuf_add(&w->sb, "\n\\section*{The model}\n");
	else
		strbuf_add(&w->sb, "\n## The model\n");
	if (m->description != NULL) {
		strbuf_add(&w->sb, "\n");
		writer_plain(w, m->description, md == EX_LATEX ? PLAIN_LATEX :
		    PLAIN_MARKDOWN);
		strbuf_add(&w->sb, "\n");
	}
}

/* Writes step 1: the decomposition, rules (a)-(d) and the subgraphs. */
static void
explain_decompose(struct writer *w, int md)
{
	const struct infdiag_model	*m = w->m;
	static const char *const rules[] = {
		"each consists of one sink node and all nodes with an arrow "
		"into it;",
		"every node with incoming arrows has its own subgraph;",
		"no arrow is in two subgraphs;",
		"together they make up the whole graph."
	};
	uint32_t			 k, v, i, n = 0, shown = 0;

	for (v = 0; v < m->nvars; v++)
		n += var_ninputs(m, v) > 0;
	step(w, md, 1, "Decompose the diagram into sink subgraphs");
	say(w, md);
	strbuf_add(&w->sb, "Split the graph into subgraphs such that");
	said(w, md);
	list_open(w, md, 0);
	for (k = 0; k < 4; k++) {
		list_item(w, md, 0, k + 1);
		strbuf_addf(&w->sb, "(%c) %s\n", 'a' + k, rules[k]);
	}
	list_close(w, md, 0);
	strbuf_add(&w->sb, md ? "\n" : "");
	say(w, md);
	strbuf_add(&w->sb, "That gives ");
	note_count(&w->sb, n, "subgraph", "subgraphs");
	strbuf_addf(&w->sb, ", one for each variable with inputs (the sink %s "
	    "its inputs):", md == EX_LATEX ? "$\\leftarrow$" :
	    w->style == STYLE_ASCII ? "<-" : "←");
	said(w, md);
	list_open(w, md, 0);
	for (k = 0; k < m->nvars && shown < EXPLAIN_MAX_LINES; k++) {
		v = m->order[k];
		if (var_ninputs(m, v) == 0)
			continue;
		list_item(w, md, 0, ++shown);
		strbuf_add(&w->sb, im(md));
		note_symbol(&w->sb, m, v, w->style);
		strbuf_add(&w->sb, md ? " \\leftarrow \\{" :
		    w->style == STYLE_TEXT ? " ← {" : " <- {");
		for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
			if (i > m->in_off[v])
				strbuf_add(&w->sb, ", ");
			note_symbol(&w->sb, m, m->in_idx[i], w->style);
		}
		strbuf_add(&w->sb, md ? "\\}$\n" : "}\n");
		writer_flush(w);
	}
	if (n > shown) {
		list_item(w, md, 0, ++shown);
		strbuf_addf(&w->sb, "%sand %u more\n", md ? "" : "... ",
		    n - shown + 1);
	}
	list_close(w, md, 0);
	writer_flush(w);
}

/* Writes step 2: each subgraph's perturbation rule. */
static void
explain_rules(struct writer *w, int md)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 k, v, n = 0, shown = 0;

	step(w, md, 2, "Write each subgraph's perturbation rule");
	say(w, md);
	strbuf_add(&w->sb, "A small change in the sink is the sum, over its "
	    "inputs, of the local derivative times the input's change: a "
	    "partial derivative when the sink has several inputs (the others "
	    "held fixed), a full one when it has only one.");
	said(w, md);
	for (k = 0; k < m->nvars; k++) {
		v = m->order[k];
		if (var_ninputs(m, v) == 0)
			continue;
		if (shown == EXPLAIN_MAX_LINES) {
			n++;
			continue;
		}
		shown++;
		display_open(w, md);
		note_rule(&w->sb, m, v, w->style);
		display_close(w, md);
	}
	if (n > 0) {
		say(w, md);
		strbuf_add(&w->sb, "... and ");
		note_count(&w->sb, n, "more rule.", "more rules.");
		said(w, md);
	}
}

/* The number of v's inputs on a path of d. */
static uint32_t
on_path_inputs(const struct writer *w, const struct deriv *d, uint32_t v)
{
	uint32_t	i, n = 0;

	for (i = analysis_next_input(w->a, d, v, w->m->in_off[v]);
	    i < w->m->in_off[v + 1];
	    i = analysis_next_input(w->a, d, v, i + 1))
		n++;
	return n;
}

/* Appends δv expanded: the sum over v's inputs p on a path of the local
 * derivative times p's perturbation, itself expanded when p's rule was
 * substituted (in parentheses when it has several terms).  The depth is
 * at most the longest path, which the caller bounds. */
static void
expand(struct writer *w, const struct deriv *d, const unsigned char *subst,
    uint32_t v)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 i, p;
	int				 first = 1, paren;

	for (i = analysis_next_input(w->a, d, v, m->in_off[v]);
	    i < m->in_off[v + 1]; i = analysis_next_input(w->a, d, v, i + 1)) {
		p = m->in_idx[i];
		if (!first)
			strbuf_add(&w->sb, note_plus(w->style));
		first = 0;
		note_local(&w->sb, m, v, p, w->style);
		strbuf_add(&w->sb, juxt(w->style));
		if (p == d->wrt || !subst[p]) {
			note_delta(&w->sb, m, p, w->style);
			continue;
		}
		paren = on_path_inputs(w, d, p) > 1;
		if (paren)
			strbuf_add(&w->sb, w->style == STYLE_LATEX ?
			    "\\left(" : "(");
		expand(w, d, subst, p);
		if (paren)
			strbuf_add(&w->sb, w->style == STYLE_LATEX ?
			    "\\right)" : ")");
	}
}

/* Writes "δv = " and v's rule restricted to the inputs on a path. */
static void
restricted_rule(struct writer *w, const struct deriv *d, uint32_t v,
    const unsigned char *none)
{
	note_delta(&w->sb, w->m, v, w->style);
	strbuf_add(&w->sb, " = ");
	expand(w, d, none, v);
}

/* Says whether the substitutions of d are small enough to narrate. */
static int
narratable(const struct writer *w, const struct deriv *d)
{
	return d->nrel <= EXPLAIN_MAX_VARS && formula_expanded_fits(w->a, d) &&
	    mpz_cmp_ui(*analysis_count(w->a, d->wrt), EXPLAIN_MAX_PATHS) <= 0;
}

/* Appends the perturbations that the perturbation of wrt alone leaves
 * at 0: the inputs, off the paths, of the variables on them (each once,
 * at most EXPLAIN_MAX_LINES).  Returns how many. */
static uint32_t
dropped(struct writer *w, int md, const struct deriv *d,
    unsigned char *seen)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 k, v, i, p, n = 0;

	for (k = 0; k < d->nrel; k++) {
		v = d->rel[k];
		for (i = m->in_off[v]; v != d->wrt && i < m->in_off[v + 1];
		    i++) {
			p = m->in_idx[i];
			if (seen[p] || analysis_on_path(w->a, d, p))
				continue;
			seen[p] = 1;
			if (n++ == EXPLAIN_MAX_LINES) {
				strbuf_add(&w->sb, ", ...");
				return n;
			}
			strbuf_add(&w->sb, n > 1 ? ", " : " (");
			strbuf_add(&w->sb, im(md));
			note_delta(&w->sb, m, p, w->style);
			strbuf_add(&w->sb, " = 0");
			strbuf_add(&w->sb, im(md));
		}
	}
	return n;
}

/* Writes step 3: the substitutions, one line each, from of down. */
static int
explain_substitute(struct writer *w, int md, const struct deriv *d)
{
	unsigned char	*subst, *none;
	uint32_t	 k, v;

	step(w, md, 3, "Substitute the rules into each other, from the "
	    "output down");
	if ((subst = mem_calloc(w->m->nvars, 2)) == NULL)
		return -1;
	none = subst + w->m->nvars;
	say(w, md);
	strbuf_add(&w->sb, "Perturb ");
	sym(w, md, d->wrt);
	strbuf_add(&w->sb, " alone: every variable it does not influence "
	    "stays fixed");
	if (dropped(w, md, d, subst) > 0)
		strbuf_add(&w->sb, "), so those terms drop out");
	memset(subst, 0, w->m->nvars);
	strbuf_add(&w->sb, ". Start from the output's rule:");
	said(w, md);
	display_open(w, md);
	restricted_rule(w, d, w->a->of, none);
	display_close(w, md);
	for (k = d->nrel; k-- > 0;) {
		v = d->rel[k];
		if (v == w->a->of || v == d->wrt)
			continue;
		say(w, md);
		strbuf_add(&w->sb, "substitute ");
		strbuf_add(&w->sb, im(md));
		restricted_rule(w, d, v, none);
		strbuf_add(&w->sb, im(md));
		strbuf_add(&w->sb, ":");
		said(w, md);
		subst[v] = 1;
		display_open(w, md);
		note_delta(&w->sb, w->m, w->a->of, w->style);
		strbuf_add(&w->sb, " = ");
		expand(w, d, subst, w->a->of);
		display_close(w, md);
	}
	mem_free(subst);
	return 0;
}

/* Writes step 3 for a derivative too large to narrate: the forward
 * equations instead. */
static void
explain_forward(struct writer *w, int md, const struct deriv *d)
{
	uint32_t	k;

	step(w, md, 3, "Substitute the rules into each other, from the "
	    "output down");
	say(w, md);
	strbuf_add(&w->sb, "Written out, each substitution would repeat a "
	    "sum of ");
	analysis_count_str(&w->sb, w->a, d->wrt, 0);
	strbuf_addf(&w->sb, " terms (more than %d paths or %d variables): the "
	    "forward form makes the same substitutions one variable at a "
	    "time, from ", EXPLAIN_MAX_PATHS, EXPLAIN_MAX_VARS);
	sym(w, md, d->wrt);
	strbuf_add(&w->sb, md == EX_LATEX ? " up (the reverse form in "
	    "\\texttt{infdiag analyze} goes from the output down):" : " up "
	    "(the reverse form in `infdiag analyze` goes from the output "
	    "down):");
	said(w, md);
	for (k = 0; k < d->nrel && k < EXPLAIN_MAX_LINES; k++) {
		display_open(w, md);
		formula_forward(&w->sb, w->a, d, d->rel[k], w->style);
		display_close(w, md);
	}
	if (d->nrel > EXPLAIN_MAX_LINES) {
		say(w, md);
		strbuf_add(&w->sb, "... and ");
		note_count(&w->sb, d->nrel - EXPLAIN_MAX_LINES,
		    "more equation.", "more equations.");
		said(w, md);
	}
}

/* Writes step 4: the terms by path, then the expanded and factored
 * forms. */
static int
explain_collect(struct writer *w, int md, const struct deriv *d)
{
	struct path_iter	*it;
	const uint32_t		*path;
	uint32_t		 n;
	uint64_t		 shown = 0;
	size_t			 mark, i, width;
	int			 rc = 0;

	step(w, md, 4, "Collect the terms by path");
	say(w, md);
	strbuf_add(&w->sb, "Multiplied out, every term ends in ");
	strbuf_add(&w->sb, im(md));
	note_delta(&w->sb, w->m, d->wrt, w->style);
	strbuf_add(&w->sb, im(md));
	strbuf_add(&w->sb, ", and its coefficient is the product of the "
	    "local derivatives along one path from ");
	sym(w, md, d->wrt);
	strbuf_add(&w->sb, " to ");
	sym(w, md, w->a->of);
	strbuf_add(&w->sb, ", written from the output end:");
	said(w, md);
	if ((it = paths_begin(w->a, d)) == NULL)
		return -1;
	list_open(w, md, 1);
	while (writer_more_paths(w, shown) && shown < EXPLAIN_MAX_LINES &&
	    (rc = paths_next(it, &path, &n)) == 1) {
		list_item(w, md, 1, ++shown);
		strbuf_add(&w->sb, im(md));
		formula_path(&w->sb, w->a, path, n, w->style);
		strbuf_add(&w->sb, md ? "$: $" : ":  ");
		formula_term(&w->sb, w->a, path, n, w->style);
		strbuf_add(&w->sb, md ? "$\n" : "\n");
		writer_flush(w);
	}
	list_close(w, md, 1);
	paths_end(it);
	if (rc < 0)
		return -1;
	rc = 0;		/* the formulas' status from here on */
	writer_paths_tail(w, d, shown, md ? "\n" : "     ", "\n");
	strbuf_add(&w->sb, md ? "\n" : "");
	say(w, md);
	strbuf_add(&w->sb, "Dividing by ");
	strbuf_add(&w->sb, im(md));
	note_delta(&w->sb, w->m, d->wrt, w->style);
	strbuf_add(&w->sb, im(md));
	strbuf_add(&w->sb, ", the total derivative is the sum of the path "
	    "terms");
	if (formula_factored_fits(w->a, d))
		strbuf_add(&w->sb, "; taking common factors out gives the "
		    "factored form");
	strbuf_add(&w->sb, ":");
	said(w, md);
	if (formula_expanded_fits(w->a, d)) {
		display_open(w, md);
		note_total(&w->sb, w->m, w->a->of, d->wrt, w->style);
		strbuf_add(&w->sb, " = ");
		rc |= formula_expanded(&w->sb, w->a, d, w->style);
		display_close(w, md);
	}
	if (formula_factored_fits(w->a, d)) {
		display_open(w, md);
		mark = w->sb.len;
		note_total(&w->sb, w->m, w->a->of, d->wrt, w->style);
		if (!md && formula_expanded_fits(w->a, d)) {
			/* Under the expanded form: "= ..." aligned. */
			for (i = mark, width = 0; i < w->sb.len; i++)
				width += ((unsigned char)w->sb.s[i] & 0xc0) !=
				    0x80;
			strbuf_truncate(&w->sb, mark);
			strbuf_addf(&w->sb, "%*s", (int)width, "");
		}
		strbuf_add(&w->sb, " = ");
		rc |= formula_factored(&w->sb, w->a, d, w->style);
		display_close(w, md);
	}
	return rc;
}

/* Appends "lhs = number" inline. */
static void
value(struct writer *w, int md, double x)
{
	strbuf_add(&w->sb, " = ");
	note_number(&w->sb, x, w->style);
	strbuf_add(&w->sb, im(md));
}

/* Writes step 5: where the partial and the total differ. */
static void
explain_partial(struct writer *w, int md, const struct deriv *d)
{
	const struct deriv_numbers	*dn = &d->num;
	size_t				 mark;

	step(w, md, 5, "Partial versus total");
	say(w, md);
	if (!d->direct) {
		sym(w, md, d->wrt);
		strbuf_add(&w->sb, " is not a direct input of ");
		sym(w, md, w->a->of);
		strbuf_add(&w->sb, ": the partial derivative ");
		strbuf_add(&w->sb, im(md));
		note_local(&w->sb, w->m, w->a->of, d->wrt, w->style);
		strbuf_add(&w->sb, im(md));
		strbuf_add(&w->sb, " is 0, and every path is indirect.");
		said(w, md);
		return;
	}
	strbuf_add(&w->sb, "The partial ");
	strbuf_add(&w->sb, im(md));
	note_local(&w->sb, w->m, w->a->of, d->wrt, w->style);
	strbuf_add(&w->sb, im(md));
	strbuf_add(&w->sb, " is the term of the direct arrow ");
	strbuf_add(&w->sb, im(md));
	note_symbol(&w->sb, w->m, d->wrt, w->style);
	strbuf_add(&w->sb, note_arrow(w->style));
	note_symbol(&w->sb, w->m, w->a->of, w->style);
	strbuf_add(&w->sb, im(md));
	strbuf_add(&w->sb, " (path 1) alone: it holds every other input of ");
	sym(w, md, w->a->of);
	strbuf_add(&w->sb, " fixed. The total ");
	strbuf_add(&w->sb, im(md));
	note_total(&w->sb, w->m, w->a->of, d->wrt, w->style);
	strbuf_add(&w->sb, im(md));
	strbuf_add(&w->sb, " adds the ");
	mark = w->sb.len;
	analysis_count_str(&w->sb, w->a, d->wrt, 1);
	strbuf_addf(&w->sb, " indirect path%s.",
	    strcmp(w->sb.s + mark, "1") == 0 ? "" : "s");
	said(w, md);
	/* Numbers that are not finite have no difference to show. */
	if (!dn->has_value || !dn->has_partial || !isfinite(dn->forward) ||
	    !isfinite(dn->partial))
		return;
	say(w, md);
	strbuf_add(&w->sb, "With the numbers: ");
	strbuf_add(&w->sb, im(md));
	note_local(&w->sb, w->m, w->a->of, d->wrt, w->style);
	value(w, md, dn->partial);
	strbuf_add(&w->sb, ", but ");
	strbuf_add(&w->sb, im(md));
	note_total(&w->sb, w->m, w->a->of, d->wrt, w->style);
	value(w, md, dn->forward);
	strbuf_add(&w->sb, "; the indirect paths add ");
	note_number(&w->sb, dn->forward - dn->partial, w->style);
	strbuf_add(&w->sb, ".");
	said(w, md);
}

/* Writes the derivation of one derivative: steps 3 to 5. */
static int
explain_deriv(struct writer *w, int md, const struct deriv *d)
{
	strbuf_add(&w->sb, md == EX_LATEX ? "\n\\section*{The derivative $" :
	    md ? "\n## The derivative $" : "\nDerivative ");
	note_total(&w->sb, w->m, w->a->of, d->wrt, w->style);
	strbuf_add(&w->sb, md == EX_LATEX ? "$}\n\n" : md ? "$\n" : "\n");
	writer_flush(w);
	if (d->nrel == 0 || d->wrt == w->a->of) {
		say(w, md);
		sym(w, md, w->a->of);
		strbuf_add(&w->sb, d->nrel == 0 ? " does not depend on " :
		    " is ");
		sym(w, md, d->wrt);
		strbuf_add(&w->sb, d->nrel == 0 ? ": no path, so the "
		    "derivative is 0." : " itself: the derivative is 1.");
		said(w, md);
		return 0;
	}
	if (narratable(w, d)) {
		if (explain_substitute(w, md, d) != 0)
			return -1;
	} else
		explain_forward(w, md, d);
	if (explain_collect(w, md, d) != 0)
		return -1;
	explain_partial(w, md, d);
	return 0;
}

/* Writes the derivation narrated: its title, then the steps. */
static int
explain(struct writer *w, int md)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 k;

	if (md == EX_LATEX)
		write_tex_title(w, 0);
	else {
		strbuf_add(&w->sb, md ? "# " : "");
		writer_plain(w, m->title != NULL ? m->title : m->source,
		    md ? PLAIN_MARKDOWN : PLAIN_TEXT);
		strbuf_add(&w->sb, "\n");
	}
	if (md)
		step_intro(w, md);
	else if (m->description != NULL) {
		writer_plain(w, m->description, PLAIN_TEXT);
		strbuf_add(&w->sb, "\n");
	}
	strbuf_add(&w->sb, "\n");
	strbuf_add(&w->sb, "How ");
	sym(w, md, w->a->of);
	strbuf_add(&w->sb, " changes with its inputs, derived step by step "
	    "as the notes do it.\n");
	writer_flush(w);
	explain_decompose(w, md);
	explain_rules(w, md);
	for (k = 0; k < w->a->nwrt; k++) {
		if (explain_deriv(w, md, &w->a->d[k]) != 0)
			return -1;
	}
	return 0;
}

/* Writes the derivation narrated in text (w->style TEXT or ASCII) or
 * Markdown (w->style LATEX). */
int
write_explain(struct writer *w, int markdown)
{
	return explain(w, markdown ? EX_MARKDOWN : EX_TEXT);
}

/* Writes the derivation narrated in LaTeX: a fragment, or a document. */
int
write_explain_tex(struct writer *w, int standalone)
{
	write_tex_begin(w, standalone);
	if (explain(w, EX_LATEX) != 0)
		return -1;
	write_tex_end(w, standalone);
	return 0;
}

/*
 * The numbers in text: values and adjoints, each arrow's local derivative,
 * and each total derivative by forward and reverse accumulation, path by
 * path, and against a finite difference.
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

/* The widest name shown in the values table. */
#define NAME_COLUMN_MAX	24

/* Writes "at x = 2, y = 3" for the independent variables with values. */
static void
text_point(struct writer *w)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 v, n = 0;

	for (v = 0; v < m->nvars; v++) {
		if (!(m->vars[v].flags & VAR_HAS_VALUE))
			continue;
		if (n++ == 8) {
			strbuf_add(&w->sb, ", ...");
			break;
		}
		strbuf_addf(&w->sb, "%s%s = ", n > 1 ? ", " : " at ",
		    m->vars[v].name);
		note_number(&w->sb, m->vars[v].value, STYLE_ASCII);
	}
}

/* Writes the values and adjoints of the ancestors of of. */
static void
text_values(struct writer *w)
{
	const struct infdiag_model	*m = w->m;
	const struct numbers		*n = w->a->num;
	uint32_t			 k, v;
	int				 width = (int)strlen("variable"), len;

	for (k = 0; k < w->a->nanc; k++) {
		len = (int)strlen(m->vars[w->a->anc[k]].name);
		if (len > width)
			width = len > NAME_COLUMN_MAX ? NAME_COLUMN_MAX : len;
	}
	strbuf_addf(&w->sb, "  %-*s  %-20s  adjoint ", width, "variable",
	    "value");
	note_column_total(&w->sb, m, w->a->of, INFDIAG_NONE, w->style);
	strbuf_add(&w->sb, ", one reverse sweep\n");
	writer_flush(w);
	for (k = 0; k < w->a->nanc; k++) {
		v = w->a->anc[k];
		strbuf_addf(&w->sb, "  %-*s  ", width, m->vars[v].name);
		len = (int)w->sb.len;
		if (n->known[v])
			note_number(&w->sb, n->value[v], STYLE_ASCII);
		else
			strbuf_add(&w->sb, "?");
		strbuf_addf(&w->sb, "%*s", 22 - ((int)w->sb.len - len), "");
		if (n->adjoint_known[v])
			note_number(&w->sb, n->adjoint[v], STYLE_ASCII);
		else
			strbuf_add(&w->sb, "?");
		strbuf_addc(&w->sb, '\n');
		writer_flush(w);
	}
}

/* The largest local derivative's formula written out in text, in
 * nodes: in a wide sum each of n arrows has a formula of about n nodes,
 * and writing them all would make the text grow as arrows × fan-in. */
#define LOCAL_TEXT_MAX_NODES	256

/* Says whether the local derivative at arrow position j is too large to
 * write out in text. */
static int
local_too_large(const struct numbers *n, uint32_t j)
{
	return n->dexpr[j] != NULL && expr_count_nodes(n->dexpr[j],
	    LOCAL_TEXT_MAX_NODES) > LOCAL_TEXT_MAX_NODES;
}

/* Spells again, as a number to copy, the constant x whose formula was
 * written from mark when that formula is the number itself (−5, not 2π). */
static void
plain_number(struct writer *w, size_t mark, double x)
{
	struct strbuf	text = STRBUF_INIT;

	note_number(&text, x, w->style);
	if (strcmp(strbuf_str(&w->sb) + mark, strbuf_str(&text)) == 0) {
		strbuf_truncate(&w->sb, mark);
		note_number(&w->sb, x, STYLE_ASCII);
	}
	w->nomem |= strbuf_failed(&text);
	strbuf_release(&text);
}

/* Writes each local derivative with its formula and value. */
static void
text_locals(struct writer *w)
{
	const struct infdiag_model	*m = w->m;
	const struct numbers		*n = w->a->num;
	uint32_t			 k, v, i;
	size_t				 mark;
	double				 c;
	int				 large;

	strbuf_add(&w->sb, "\nLocal derivatives (one for each arrow) at this "
	    "point:\n");
	writer_flush(w);
	for (k = 0; k < w->a->nanc; k++) {
		v = w->a->anc[k];
		for (i = 0; i < var_ninputs(m, v); i++) {
			strbuf_add(&w->sb, "  ");
			note_local(&w->sb, m, v, m->in_idx[m->in_off[v] + i],
			    w->style);
			strbuf_add(&w->sb, " = ");
			large = local_too_large(n, m->in_off[v] + i);
			mark = w->sb.len;
			if (!large && numbers_local_formula(&w->sb, w->a, v, i,
			    w->style)) {
				if (expr_is_constant(n->dexpr[m->in_off[v] + i],
				    &c)) {
					plain_number(w, mark, c);
					strbuf_addc(&w->sb, '\n');
					writer_spill(w);
					continue;
				}
				strbuf_add(&w->sb, " = ");
			}
			if (n->local_known[v])
				note_number(&w->sb,
				    n->local[m->in_off[v] + i], STYLE_ASCII);
			else
				strbuf_add(&w->sb, "? (an input's value is "
				    "not known)");
			if (large)
				strbuf_addf(&w->sb, " (its formula, of more "
				    "than %d symbols, is not written out; "
				    "--format json has it)",
				    LOCAL_TEXT_MAX_NODES);
			strbuf_addc(&w->sb, '\n');
			writer_spill(w);
		}
	}
}

/* Writes each listed path's term and its value. */
static int
text_path_values(struct writer *w, const struct deriv *d)
{
	struct path_iter		*it;
	const uint32_t			*path;
	uint32_t			 len;
	uint64_t			 shown = 0;
	double				 term;
	int				 rc = 0;

	if ((it = paths_begin(w->a, d)) == NULL)
		return -1;
	while (writer_more_paths(w, shown) &&
	    (rc = paths_next(it, &path, &len)) == 1) {
		term = numbers_path_term(w->a, path, len);
		strbuf_addf(&w->sb, "    path %llu, ",
		    (unsigned long long)++shown);
		formula_path(&w->sb, w->a, path, len, w->style);
		strbuf_add(&w->sb, ": ");
		formula_term(&w->sb, w->a, path, len, w->style);
		strbuf_add(&w->sb, " = ");
		note_number(&w->sb, term, STYLE_ASCII);
		strbuf_addc(&w->sb, '\n');
		writer_spill(w);
	}
	paths_end(it);
	if (rc >= 0)
		writer_paths_tail(w, d, shown, "    ", "\n");
	writer_flush(w);
	return rc < 0 ? -1 : 0;
}

/* Writes one derivative's numbers. */
static int
text_deriv_numbers(struct writer *w, const struct deriv *d)
{
	const struct deriv_numbers	*dn = &d->num;

	strbuf_addc(&w->sb, '\n');
	note_total(&w->sb, w->m, w->a->of, d->wrt, w->style);
	if (!dn->has_value) {
		strbuf_add(&w->sb, ": not known (a local derivative on a path "
		    "has no value)\n");
		writer_flush(w);
		return 0;
	}
	strbuf_add(&w->sb, " = ");
	note_number(&w->sb, dn->forward, STYLE_ASCII);
	if (d->nrel == 0) {
		strbuf_add(&w->sb, "  (no path)\n");
		writer_flush(w);
		return 0;
	}
	strbuf_add(&w->sb, " by forward accumulation, ");
	note_number(&w->sb, dn->reverse, STYLE_ASCII);
	strbuf_add(&w->sb, " by reverse\n");
	if (dn->has_partial) {
		strbuf_add(&w->sb, "    ");
		note_local(&w->sb, w->m, w->a->of, d->wrt, w->style);
		strbuf_add(&w->sb, " = ");
		note_number(&w->sb, dn->partial, STYLE_ASCII);
		if (d->nrel == 2)
			strbuf_add(&w->sb, ": the only path, so partial and "
			    "total agree\n");
		else {
			strbuf_add(&w->sb, ": the direct term alone; the other "
			    "paths add ");
			note_number(&w->sb, dn->forward - dn->partial,
			    STYLE_ASCII);
			strbuf_addc(&w->sb, '\n');
		}
	}
	writer_flush(w);
	if (text_path_values(w, d) != 0)
		return -1;
	if (dn->has_check) {
		strbuf_add(&w->sb, "    finite difference: ");
		note_number(&w->sb, dn->fd, STYLE_ASCII);
		strbuf_add(&w->sb, " (");
		numbers_check_error(&w->sb, dn);
		strbuf_add(&w->sb, ")\n");
	} else if (dn->fd_note != NULL)
		strbuf_addf(&w->sb, "    no finite-difference check: %s\n",
		    dn->fd_note);
	writer_flush(w);
	return 0;
}

/* Writes the numbers section. */
int
write_text_numbers(struct writer *w)
{
	uint32_t	k;

	strbuf_add(&w->sb, "\nNumbers");
	text_point(w);
	strbuf_add(&w->sb, ":\n");
	writer_flush(w);
	text_values(w);
	text_locals(w);
	writer_kinks(w, PLAIN_TEXT);
	for (k = 0; k < w->a->nwrt; k++) {
		if (text_deriv_numbers(w, &w->a->d[k]) != 0)
			return -1;
	}
	return 0;
}

/*
 * Reading the numbers once computed: whether there are any, the notes and
 * warnings about them, the kinks, the check's error and a path's term, in
 * words for the printers.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
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

/* Appends the formula of v's local derivative with respect to input slot. */
int
numbers_local_formula(struct strbuf *sb, const struct infdiag_analysis *a,
    uint32_t v, uint32_t slot, enum style style)
{
	const struct infdiag_model	*m = a->m;

	if (a->num == NULL || a->num->dexpr[m->in_off[v] + slot] == NULL)
		return 0;
	note_expr(sb, m, v, a->num->dexpr[m->in_off[v] + slot], style);
	return 1;
}

/* Says whether the model gave any number. */
int
numbers_any(const struct infdiag_analysis *a)
{
	uint32_t	k;

	for (k = 0; a->num != NULL && k < a->nanc; k++) {
		if (a->num->known[a->anc[k]] ||
		    a->num->local_known[a->anc[k]])
			return 1;
	}
	return 0;
}

/* Appends why x, a number that is not finite, is so: "undefined: ..." or
 * "overflow: ...". */
void
numbers_note(struct strbuf *sb, const struct infdiag_analysis *a,
    uint32_t fail, double x)
{
	const struct num_fail	*f, *o;
	const char		*kind = isnan(x) ? "undefined" : "overflow";

	if (a->num == NULL || fail == 0) {
		strbuf_add(sb, isnan(x) ? "undefined at this point" :
		    "overflow: beyond the range of a double");
		return;
	}
	f = &a->num->fail[fail - 1];
	o = numbers_fail_origin(a->num, fail);
	/* Say the kind first, once. */
	if (f->text == NULL || strncmp(f->text, kind, strlen(kind)) != 0)
		strbuf_addf(sb, "%s: ", kind);
	if (f->text != NULL) {
		strbuf_add(sb, f->text);
		return;
	}
	strbuf_add(sb, "computed from ");
	cut_text(sb, a->m->vars[f->from].name, strlen(a->m->vars[f->from].name),
	    QUOTE_MAX);
	strbuf_add(sb, isnan(a->num->value[f->from]) ? ", which is undefined" :
	    ", which overflows");
	if (o != f && o->text != NULL) {
		strbuf_add(sb, " (");
		strbuf_add(sb, o->text);
		strbuf_addc(sb, ')');
	}
}

/* The numbers' verdict: the first requested derivative that is not a
 * finite number. */
int
infdiag_analysis_numeric_error(const struct infdiag_analysis *a,
    struct infdiag_error *err)
{
	if (a == NULL || a->num == NULL ||
	    a->num->verdict.status == INFDIAG_OK)
		return 0;
	if (err != NULL)
		*err = a->num->verdict;
	return -1;
}

/* The number of warnings about the numbers. */
size_t
infdiag_analysis_warning_count(const struct infdiag_analysis *a)
{
	return a == NULL || a->num == NULL ? 0 : a->num->nwarnings;
}

/* Warning i about the numbers, or NULL. */
const char *
infdiag_analysis_warning(const struct infdiag_analysis *a, size_t i)
{
	return i < infdiag_analysis_warning_count(a) ? a->num->warnings[i] :
	    NULL;
}

/* The number of lines that tell where a function is not differentiable
 * at the point: one per variable, and one that counts the rest. */
size_t
numbers_kink_count(const struct infdiag_analysis *a)
{
	if (a == NULL || a->num == NULL)
		return 0;
	return a->num->nkinks + (a->num->kinks_more > 0);
}

/* Appends line i of those. */
void
numbers_kink(struct strbuf *sb, const struct infdiag_analysis *a, size_t i)
{
	const struct numbers	*n = a->num;

	char			 count[24];

	if (i < n->nkinks)
		strbuf_add(sb, n->kinks[i]);
	else {
		snprintf(count, sizeof(count), "%zu", n->kinks_more);
		numbers_kinks_more(sb, count);
	}
}

/* Appends the line that counts the rest. */
void
numbers_kinks_more(struct strbuf *sb, const char *count)
{
	strbuf_addf(sb, "and %s more variables meet a point where a function "
	    "is not differentiable", count);
}

/* Appends a check's error under its true name: relative where the
 * numbers are at least 1 in size, absolute where the scale is 1; and,
 * when it is over the tolerance, the word MISMATCH. */
void
numbers_check_error(struct strbuf *sb, const struct deriv_numbers *dn)
{
	char	error[32];

	snprintf(error, sizeof(error), "%.2g", dn->fd_error);
	numbers_check_words(sb, dn->fd_scale > 1, error, dn->fd_ok);
}

/* Appends the words of a check's error, spelled. */
void
numbers_check_words(struct strbuf *sb, int relative, const char *error,
    int ok)
{
	strbuf_addf(sb, "%s error %s", relative ? "relative" : "absolute",
	    error);
	if (!ok)
		strbuf_addf(sb, ", MISMATCH: over the tolerance %g",
		    CHECK_TOLERANCE);
}

/* The value of a path's term: the product of the local derivatives along
 * it; undefined when a variable on it is (the function is not defined at
 * the point), whatever the local derivatives' formulas give. */
double
numbers_path_term(const struct infdiag_analysis *a, const uint32_t *path,
    uint32_t len)
{
	const struct numbers		*n = a->num;
	uint32_t			 i;
	double				 t = 1;

	for (i = 1; i < len; i++) {
		if (n->known[path[i]] && isnan(n->value[path[i]]))
			return NAN;
		t *= n->local[analysis_arrow(a, path[i - 1], path[i])];
	}
	return t;
}

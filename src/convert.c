/*
 * infdiag_convert(): the model written in another format, chosen from a
 * table of targets.
 */
#include <stdio.h>
#include <string.h>

#include "infdiag.h"
#include "analysis.h"
#include "convert.h"
#include "error.h"
#include "write.h"

const struct convert_target convert_targets[] = {
	{ "json", 0, convert_write_json },
	{ "dagitty", 0, convert_write_dagitty },
	{ "dot", 0, convert_write_dot },
	{ "eq", 0, convert_write_eq },
	{ "sympy", 1, convert_write_sympy },
	{ "maxima", 1, convert_write_maxima },
	{ NULL, 0, NULL }
};

/* Finds a target by name. */
const struct convert_target *
convert_find(const char *name)
{
	size_t	i;

	for (i = 0; convert_targets[i].name != NULL; i++) {
		if (strcmp(convert_targets[i].name, name) == 0)
			return &convert_targets[i];
	}
	return NULL;
}

/* Names the i-th target, or NULL past the last. */
const char *
infdiag_convert_target(size_t i)
{
	size_t	n;

	for (n = 0; convert_targets[n].name != NULL; n++)
		if (n == i)
			return convert_targets[n].name;
	return NULL;
}

/* Says whether a target needs the numbers: 1 or 0, -1 when unknown. */
int
infdiag_convert_needs_numbers(const char *to)
{
	const struct convert_target	*t = convert_find(to);

	return t == NULL ? -1 : t->needs_numbers;
}

/* Writes the model, or the analysis's model, in the format to. */
int
infdiag_convert(const struct infdiag_model *m,
    const struct infdiag_analysis *a, const char *to, FILE *fp,
    struct infdiag_error *err)
{
	const struct convert_target	*t = convert_find(to);
	struct writer			 w;
	int				 rc;

	if (a != NULL)
		m = a->m;
	error_init(err, m != NULL ? infdiag_model_source(m) : "");
	if (t == NULL || m == NULL || (t->needs_numbers &&
	    (a == NULL || a->num == NULL))) {
		error_set(err, INFDIAG_EUSAGE, "", t == NULL ? "unknown "
		    "conversion target" : "this conversion needs an analysis "
		    "with the numbers");
		return -1;
	}
	writer_begin(&w, a, fp, STYLE_ASCII);
	w.m = m;
	rc = t->write(&w, a, err);
	writer_flush(&w);
	if (writer_end(&w) != 0 && rc == 0) {
		error_nomem(err);
		rc = -1;
	}
	return rc;
}

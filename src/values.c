/*
 * Whether the numbers can be computed: a model with expressions needs a
 * value for every independent variable the output depends on.
 */
#include <stdint.h>
#include <string.h>

#include "infdiag.h"
#include "analysis.h"
#include "error.h"
#include "model.h"
#include "strbuf.h"

/* Says whether an ancestor of the output has an expression. */
static int
has_expr(const struct infdiag_analysis *a)
{
	const struct var_extra	*x;
	uint32_t		 i;

	for (i = 0; i < a->nanc; i++) {
		x = var_extra(a->m, a->anc[i]);
		if (x != NULL && x->expr != NULL)
			return 1;
	}
	return 0;
}

/* Names the first independent variable the output depends on that has
 * no value, when the model has expressions, and counts the others. */
int
infdiag_analysis_values_missing(const struct infdiag_analysis *a,
    struct infdiag_error *err)
{
	const struct infdiag_model	*m = a->m;
	struct strbuf			 path = STRBUF_INIT;
	uint32_t			 i, v, first = INFDIAG_NONE, n = 0;
	char				 q[QUOTE_SIZE], qo[QUOTE_SIZE];

	error_init(err, infdiag_model_source(m));
	if (!has_expr(a))
		return 0;
	for (i = 0; i < a->nanc; i++) {
		v = a->anc[i];
		if (var_ninputs(m, v) > 0 || (m->vars[v].flags & VAR_HAS_VALUE))
			continue;
		if (first == INFDIAG_NONE)
			first = v;
		n++;
	}
	if (n == 0)
		return 0;
	strbuf_add(&path, "variables");
	path_add_key(&path, m->vars[first].name, strlen(m->vars[first].name),
	    1);
	quote(q, m->vars[first].name, strlen(m->vars[first].name));
	quote(qo, m->vars[a->of].name, strlen(m->vars[a->of].name));
	if (n == 1)
		error_set(err, INFDIAG_ENUMERIC, strbuf_str(&path), "%s has no "
		    "value: the numbers need a value for each independent "
		    "variable %s depends on", q, qo);
	else
		error_set(err, INFDIAG_ENUMERIC, strbuf_str(&path), "%s has no "
		    "value, nor have %u more: the numbers need a value for "
		    "each independent variable %s depends on", q, n - 1, qo);
	model_place_error(m, err);
	strbuf_release(&path);
	return -1;
}

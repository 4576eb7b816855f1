/*
 * convert --to json: the model as the JSON document of SPEC §2, one
 * variable a line, which loads back to the same model.
 */
#include <stdint.h>
#include <string.h>

#include "infdiag.h"
#include "convert.h"
#include "model.h"
#include "strbuf.h"
#include "write.h"

/* Appends ", \"key\": " or "\"key\": " for the first key of an object. */
static void
key(struct strbuf *sb, const char *k, int *first)
{
	if (!*first)
		strbuf_add(sb, ", ");
	*first = 0;
	strbuf_addf(sb, "\"%s\": ", k);
}

/* Appends a string key of the variable when it is set. */
static void
text_key(struct strbuf *sb, const char *k, const char *s, int *first)
{
	if (s == NULL)
		return;
	key(sb, k, first);
	write_json_string(sb, s, strlen(s));
}

/* Appends the variable's inputs as an array of names. */
static void
inputs(struct strbuf *sb, const struct infdiag_model *m, uint32_t v)
{
	uint32_t	i;

	strbuf_addc(sb, '[');
	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		if (i > m->in_off[v])
			strbuf_add(sb, ", ");
		write_json_string(sb, m->vars[m->in_idx[i]].name,
		    strlen(m->vars[m->in_idx[i]].name));
	}
	strbuf_addc(sb, ']');
}

/* Appends "partials" and "shape" when the variable has them. */
static void
numbers(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    int *first)
{
	const struct var_extra	*x = var_extra(m, v);
	uint32_t		 i;

	if (m->vars[v].flags & VAR_HAS_PARTIALS) {
		key(sb, "partials", first);
		strbuf_addc(sb, '{');
		for (i = 0; i < var_ninputs(m, v); i++) {
			if (i > 0)
				strbuf_add(sb, ", ");
			strbuf_addf(sb, "\"%s\": ",
			    m->vars[m->in_idx[m->in_off[v] + i]].name);
			write_json_number(sb, x->partials[i]);
		}
		strbuf_addc(sb, '}');
	}
	if (x->shape != NULL) {
		key(sb, "shape", first);
		strbuf_addc(sb, '[');
		for (i = 0; i < x->ndim; i++)
			strbuf_addf(sb, "%s%u", i > 0 ? ", " : "",
			    x->shape[i]);
		strbuf_addc(sb, ']');
	}
}

/* Appends one variable's value: the shorthand array when it has inputs
 * only, else an object of its keys. */
static void
variable(struct strbuf *sb, const struct infdiag_model *m, uint32_t v)
{
	const struct var	*var = &m->vars[v];
	const struct var_extra	*x = var->x;
	int			 first = 1;

	if (x == NULL && !(var->flags & VAR_HAS_VALUE) &&
	    var_ninputs(m, v) > 0) {
		inputs(sb, m, v);
		return;
	}
	strbuf_addc(sb, '{');
	if (var_ninputs(m, v) > 0 && !(var->flags & VAR_INPUTS_INFERRED)) {
		key(sb, "inputs", &first);
		inputs(sb, m, v);
	}
	if (x != NULL)
		text_key(sb, "expr", x->expr_src, &first);
	if (var->flags & VAR_HAS_VALUE) {
		key(sb, "value", &first);
		write_json_number(sb, var->value);
	}
	if (x != NULL) {
		numbers(sb, m, v, &first);
		text_key(sb, "fn", x->fn, &first);
		text_key(sb, "latex", x->latex, &first);
		text_key(sb, "label", x->label, &first);
		text_key(sb, "description", x->description, &first);
	}
	strbuf_addc(sb, '}');
}

/* Appends "of" and "wrt" when the model gives them. */
static void
targets(struct strbuf *sb, const struct infdiag_model *m)
{
	uint32_t	i;

	if (m->of != INFDIAG_NONE)
		strbuf_addf(sb, ",\n  \"of\": \"%s\"", m->vars[m->of].name);
	if (m->nwrt == 1)
		strbuf_addf(sb, ",\n  \"wrt\": \"%s\"",
		    m->vars[m->wrt[0]].name);
	else if (m->nwrt > 1) {
		strbuf_add(sb, ",\n  \"wrt\": [");
		for (i = 0; i < m->nwrt; i++)
			strbuf_addf(sb, "%s\"%s\"", i > 0 ? ", " : "",
			    m->vars[m->wrt[i]].name);
		strbuf_addc(sb, ']');
	}
}

/* Writes the model as a JSON model document. */
int
convert_write_json(struct writer *w, const struct infdiag_analysis *a,
    struct infdiag_error *err)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 v;

	(void)a;
	(void)err;
	strbuf_add(&w->sb, "{\n");
	if (m->title != NULL) {
		strbuf_add(&w->sb, "  \"title\": ");
		write_json_string(&w->sb, m->title, strlen(m->title));
		strbuf_add(&w->sb, ",\n");
	}
	if (m->description != NULL) {
		strbuf_add(&w->sb, "  \"description\": ");
		write_json_string(&w->sb, m->description,
		    strlen(m->description));
		strbuf_add(&w->sb, ",\n");
	}
	strbuf_add(&w->sb, "  \"variables\": {\n");
	for (v = 0; v < m->nvars; v++) {
		strbuf_addf(&w->sb, "    \"%s\": ", m->vars[v].name);
		variable(&w->sb, m, v);
		strbuf_add(&w->sb, v + 1 < m->nvars ? ",\n" : "\n");
		writer_spill(w);
	}
	strbuf_add(&w->sb, "  }");
	targets(&w->sb, m);
	strbuf_add(&w->sb, "\n}\n");
	writer_flush(w);
	return 0;
}

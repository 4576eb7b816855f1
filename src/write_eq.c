/*
 * convert --to eq: the model as equations, one variable a line.  The
 * format keeps the title and description (on one line each), each
 * variable's value, expression or opaque function of its inputs, and of
 * and wrt; not partials, shapes, latex, labels or descriptions.
 */
#include <stdint.h>
#include <string.h>

#include "infdiag.h"
#include "convert.h"
#include "load.h"
#include "model.h"
#include "strbuf.h"
#include "write.h"

/* Appends text on one line: a line break, a control character or '#'
 * (which would start a comment) becomes a space. */
static void
one_line(struct strbuf *sb, const char *s)
{
	for (; *s != '\0'; s++)
		strbuf_addc(sb, (unsigned char)*s < 0x20 || *s == 0x7f ||
		    *s == '#' ? ' ' : *s);
}

/* Appends "f(a, b)": the opaque function, named by fn when fn is a name,
 * else after the variable. */
static void
call(struct strbuf *sb, const struct infdiag_model *m, uint32_t v)
{
	const struct var_extra	*x = var_extra(m, v);
	uint32_t		 i;

	if (x != NULL && x->fn != NULL && load_name_valid(x->fn,
	    strlen(x->fn)))
		strbuf_add(sb, x->fn);
	else
		strbuf_add(sb, m->vars[v].name);
	strbuf_addc(sb, '(');
	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++)
		strbuf_addf(sb, "%s%s", i > m->in_off[v] ? ", " : "",
		    m->vars[m->in_idx[i]].name);
	strbuf_addc(sb, ')');
}

/* Appends one variable's line. */
static void
variable(struct strbuf *sb, const struct infdiag_model *m, uint32_t v)
{
	const struct var_extra	*x = var_extra(m, v);

	strbuf_add(sb, m->vars[v].name);
	if (x != NULL && x->expr_src != NULL) {
		strbuf_add(sb, " = ");
		one_line(sb, x->expr_src);
	} else if (m->vars[v].flags & VAR_HAS_VALUE) {
		strbuf_add(sb, " = ");
		write_json_number(sb, m->vars[v].value);
	} else if (var_ninputs(m, v) > 0) {
		strbuf_add(sb, " = ");
		call(sb, m, v);
	}
	strbuf_addc(sb, '\n');
}

/* Writes the model as equations. */
int
convert_write_eq(struct writer *w, const struct infdiag_analysis *a,
    struct infdiag_error *err)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 v;

	(void)a;
	(void)err;
	if (m->title != NULL) {
		strbuf_add(&w->sb, "title: ");
		one_line(&w->sb, m->title);
		strbuf_addc(&w->sb, '\n');
	}
	if (m->description != NULL) {
		strbuf_add(&w->sb, "description: ");
		one_line(&w->sb, m->description);
		strbuf_addc(&w->sb, '\n');
	}
	for (v = 0; v < m->nvars; v++) {
		variable(&w->sb, m, v);
		writer_spill(w);
	}
	if (m->of != INFDIAG_NONE)
		strbuf_addf(&w->sb, "of: %s\n", m->vars[m->of].name);
	for (v = 0; v < m->nwrt; v++)
		strbuf_addf(&w->sb, "%s%s", v == 0 ? "wrt: " : ", ",
		    m->vars[m->wrt[v]].name);
	if (m->nwrt > 0)
		strbuf_addc(&w->sb, '\n');
	writer_flush(w);
	return 0;
}

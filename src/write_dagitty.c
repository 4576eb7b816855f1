/*
 * convert --to dagitty: the model's graph in DAGitty's syntax.  It keeps
 * the variables and arrows, wrt as [exposure] and of as [outcome], and a
 * label that DAGitty's reader maps back to the variable's name (so that
 * "carry matches" comes back as carry_matches with its label); nothing
 * else.
 */
#include <stdint.h>
#include <string.h>

#include "infdiag.h"
#include "convert.h"
#include "model.h"
#include "strbuf.h"
#include "write.h"

/* Says whether the label can stand for the name in DAGitty: quoted
 * without escapes, and read back as that name (other characters as
 * '_', a 'v' in front of one that does not start with a letter). */
static int
label_is_id(const char *label, const char *name)
{
	const unsigned char	*s = (const unsigned char *)label;
	const char		*n = name;

	if (*s == '\0' || strcmp(label, name) == 0)
		return 0;
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) {
		if (*n++ != 'v')
			return 0;
	}
	for (; *s != '\0'; n++) {
		if (*s < 0x20 || *s == '"' || *s == '\\' || *s == 0x7f)
			return 0;
		if (((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_') ? *n != (char)*s :
		    *n != '_')
			return 0;
		/* A character of several bytes becomes one '_'. */
		s++;
		while ((*s & 0xc0) == 0x80)
			s++;
	}
	return *n == '\0';
}

/* Appends the variable as DAGitty names it. */
static void
id(struct strbuf *sb, const struct infdiag_model *m, uint32_t v)
{
	const struct var_extra	*x = var_extra(m, v);

	if (x != NULL && x->label != NULL && label_is_id(x->label,
	    m->vars[v].name))
		strbuf_addf(sb, "\"%s\"", x->label);
	else
		strbuf_add(sb, m->vars[v].name);
}

/* Writes the model's graph in DAGitty's syntax. */
int
convert_write_dagitty(struct writer *w, const struct infdiag_analysis *a,
    struct infdiag_error *err)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 v, i;

	(void)a;
	(void)err;
	strbuf_add(&w->sb, "dag {\n");
	/* The nodes in the model's order, then the arrows, then wrt and of
	 * in their own order. */
	for (v = 0; v < m->nvars; v++) {
		id(&w->sb, m, v);
		strbuf_addc(&w->sb, '\n');
		writer_spill(w);
	}
	for (v = 0; v < m->nvars; v++) {
		for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
			id(&w->sb, m, m->in_idx[i]);
			strbuf_add(&w->sb, " -> ");
			id(&w->sb, m, v);
			strbuf_addc(&w->sb, '\n');
		}
		writer_spill(w);
	}
	for (i = 0; i < m->nwrt; i++) {
		id(&w->sb, m, m->wrt[i]);
		strbuf_add(&w->sb, " [exposure]\n");
	}
	if (m->of != INFDIAG_NONE) {
		id(&w->sb, m, m->of);
		strbuf_add(&w->sb, " [outcome]\n");
	}
	strbuf_add(&w->sb, "}\n");
	writer_flush(w);
	return 0;
}

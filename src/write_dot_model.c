/*
 * convert --to dot: the model as a Graphviz digraph that infdiag reads
 * back.  It keeps every variable and arrow, the node keys expr, value,
 * fn, latex, label and description, each arrow's partial, and the
 * graph's label (the title), description, of and wrt; not shapes.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "infdiag.h"
#include "convert.h"
#include "error.h"
#include "model.h"
#include "strbuf.h"
#include "write.h"

/* Says whether DOT can quote s: a backslash before a quote or a line's
 * end, or at the end, would change what the string reads. */
static int
quotable(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\' && (s[1] == '"' || s[1] == '\n' ||
		    s[1] == '\r' || s[1] == '\0'))
			return 0;
	}
	return 1;
}

/* Appends s as a DOT quoted string: '"' escaped, the rest as it is
 * (cgraph keeps every other byte, line breaks too). */
static void
dot_string(struct strbuf *sb, const char *s)
{
	strbuf_addc(sb, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			strbuf_addc(sb, '\\');
		strbuf_addc(sb, *s);
	}
	strbuf_addc(sb, '"');
}

/* Appends a name: quoted when it is one of DOT's keywords. */
static void
dot_id(struct strbuf *sb, const char *name)
{
	static const char *const	 keywords[] = { "node", "edge", "graph",
					    "digraph", "subgraph", "strict" };
	size_t				 i;

	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		if (strcasecmp(name, keywords[i]) == 0) {
			dot_string(sb, name);
			return;
		}
	}
	strbuf_add(sb, name);
}

/* Appends ", key=value" (or "key=value" first) for a set text. */
static void
text_attr(struct strbuf *sb, const char *key, const char *s, int *n)
{
	if (s == NULL)
		return;
	strbuf_addf(sb, "%s%s=", (*n)++ > 0 ? ", " : "", key);
	dot_string(sb, s);
}

/* Checks, before anything is written, that DOT can quote every text of
 * the model; else err names the first that it cannot. */
static int
check_texts(const struct infdiag_model *m, struct infdiag_error *err)
{
	static const char *const	 keys[] = { "expr", "fn", "latex",
					    "label", "description" };
	const char			*s[5];
	struct strbuf			 path = STRBUF_INIT;
	uint32_t			 v;
	size_t				 k;
	char				 q[QUOTE_SIZE];

	for (v = 0; v <= m->nvars; v++) {
		memset(s, 0, sizeof(s));
		if (v == m->nvars)
			s[0] = m->title, s[4] = m->description;
		else if (m->vars[v].x != NULL) {
			s[0] = m->vars[v].x->expr_src;
			s[1] = m->vars[v].x->fn;
			s[2] = m->vars[v].x->latex;
			s[3] = m->vars[v].x->label;
			s[4] = m->vars[v].x->description;
		}
		for (k = 0; k < 5; k++) {
			if (s[k] == NULL || quotable(s[k]))
				continue;
			if (v < m->nvars)
				strbuf_addf(&path, "variables.%s.%s",
				    m->vars[v].name, keys[k]);
			else
				strbuf_add(&path, k == 0 ? "title" :
				    "description");
			error_set(err, INFDIAG_EMODEL, strbuf_str(&path),
			    "DOT cannot hold %s: a backslash before a quote "
			    "or at a line's end", quote(q, s[k], strlen(s[k])));
			model_place_error(m, err);
			strbuf_release(&path);
			return -1;
		}
	}
	return 0;
}

/* Appends a node statement with its attributes. */
static void
node(struct writer *w, uint32_t v)
{
	const struct infdiag_model	*m = w->m;
	const struct var_extra		*x = var_extra(m, v);
	int				 n = 0;

	strbuf_add(&w->sb, "  ");
	dot_id(&w->sb, m->vars[v].name);
	strbuf_add(&w->sb, " [");
	if (m->vars[v].flags & VAR_HAS_VALUE) {
		strbuf_add(&w->sb, "value=");
		write_json_number(&w->sb, m->vars[v].value);
		n++;
	}
	if (x != NULL) {
		text_attr(&w->sb, "expr", x->expr_src, &n);
		text_attr(&w->sb, "fn", x->fn, &n);
		text_attr(&w->sb, "latex", x->latex, &n);
		text_attr(&w->sb, "label", x->label, &n);
		text_attr(&w->sb, "description", x->description, &n);
	}
	if (n == 0)
		strbuf_truncate(&w->sb, w->sb.len - 2);
	else
		strbuf_addc(&w->sb, ']');
	strbuf_add(&w->sb, ";\n");
}

/* Appends the arrows into v, in the order of its inputs. */
static void
arrows(struct writer *w, uint32_t v)
{
	const struct infdiag_model	*m = w->m;
	const struct var_extra		*x = var_extra(m, v);
	uint32_t			 i;

	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		strbuf_add(&w->sb, "  ");
		dot_id(&w->sb, m->vars[m->in_idx[i]].name);
		strbuf_add(&w->sb, " -> ");
		dot_id(&w->sb, m->vars[v].name);
		if (m->vars[v].flags & VAR_HAS_PARTIALS) {
			strbuf_add(&w->sb, " [partial=");
			write_json_number(&w->sb,
			    x->partials[i - m->in_off[v]]);
			strbuf_addc(&w->sb, ']');
		}
		strbuf_add(&w->sb, ";\n");
	}
}

/* Appends the graph's attributes: label, description, of and wrt. */
static void
graph(struct writer *w)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 i;
	int				 n = 0;

	strbuf_add(&w->sb, "  graph [");
	text_attr(&w->sb, "label", m->title, &n);
	text_attr(&w->sb, "description", m->description, &n);
	if (m->of != INFDIAG_NONE)
		strbuf_addf(&w->sb, "%sof=\"%s\"", n++ > 0 ? ", " : "",
		    m->vars[m->of].name);
	for (i = 0; i < m->nwrt; i++)
		strbuf_addf(&w->sb, "%s%s", i > 0 ? ", " : n++ > 0 ?
		    ", wrt=\"" : "wrt=\"", m->vars[m->wrt[i]].name);
	if (m->nwrt > 0)
		strbuf_addc(&w->sb, '"');
	if (n == 0)
		strbuf_truncate(&w->sb, w->sb.len - 9);
	else
		strbuf_add(&w->sb, "];\n");
}

/* Writes the model as a DOT digraph. */
int
convert_write_dot(struct writer *w, const struct infdiag_analysis *a,
    struct infdiag_error *err)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 v;

	(void)a;
	if (check_texts(m, err) != 0)
		return -1;
	strbuf_add(&w->sb, "digraph model {\n");
	graph(w);
	for (v = 0; v < m->nvars; v++) {
		node(w, v);
		writer_spill(w);
	}
	for (v = 0; v < m->nvars; v++) {
		arrows(w, v);
		writer_spill(w);
	}
	strbuf_add(&w->sb, "}\n");
	writer_flush(w);
	return 0;
}

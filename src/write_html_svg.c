/*
 * The report's diagrams: Graphviz's SVG marked for the page's script.
 * Each node and arrow of the model gets data-node, or data-arrow and its
 * paths' data-path, read from its <title>; each label line that shows a
 * number of the model's gets what it is (data-var, data-adjoint,
 * data-local), its full precision and the digits drawn, so that the
 * what-if rewrites it.  Linear in the SVG's length.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "model.h"
#include "numbers.h"
#include "strbuf.h"
#include "write_html.h"
#include "writer.h"

/* The variable a node's Graphviz name stands for: the name, or its part
 * before "@" in a decomposition's copy; INFDIAG_NONE when it is none. */
static uint32_t
svg_var(const struct infdiag_model *m, const char *s, size_t len)
{
	size_t	n = 0;

	while (n < len && s[n] != '@')
		n++;
	return n > 0 ? model_lookup(m, s, n) : INFDIAG_NONE;
}

/* What a Graphviz node or edge of the SVG draws: a variable, or the
 * arrow at an input position; INFDIAG_NONE for neither. */
struct svg_thing {
	uint32_t	var;
	uint32_t	pos;
	int		digits;		/* the significant digits drawn */
};

/* Appends the data attributes of a Graphviz node or edge whose title is
 * the len bytes at t: data-node for a variable; data-arrow, and the paths
 * through it as data-path, for an arrow of the model.  Says in *th what
 * it marked. */
static void
svg_item(struct writer *p, const char *t, size_t len, int edge,
    const struct strbuf *arr, struct svg_thing *th)
{
	const struct infdiag_model	*m = p->m;
	const char			*sep;
	uint32_t			 u, v, e;

	th->var = th->pos = INFDIAG_NONE;
	if (!edge) {
		if ((v = svg_var(m, t, len)) == INFDIAG_NONE)
			return;
		strbuf_addf(&p->sb, " data-node=\"%s\" tabindex=\"0\"",
		    m->vars[v].name);
		th->var = v;
		return;
	}
	sep = strstr(t, "&#45;&gt;");
	if (sep == NULL || sep + 9 > t + len || (u = svg_var(m, t, (size_t)(sep - t))) ==
	    INFDIAG_NONE || (v = svg_var(m, sep + 9, len - (size_t)(sep + 9 -
	    t))) == INFDIAG_NONE)
		return;
	for (e = m->in_off[v]; e < m->in_off[v + 1] && m->in_idx[e] != u; e++)
		;
	if (e == m->in_off[v + 1])
		return;
	strbuf_addf(&p->sb, " data-arrow=\"%s %s\" tabindex=\"0\"",
	    m->vars[u].name, m->vars[v].name);
	if (arr != NULL && arr[e].len > 0)
		strbuf_addf(&p->sb, " data-path=\"%s\"", strbuf_str(&arr[e]));
	th->var = v;
	th->pos = e;
}

/* Says whether the len bytes at s are one number as a label spells it
 * (note_number_digits(): "−" or Graphviz's "&#45;" for a minus). */
static int
svg_is_number(const char *s, size_t len)
{
	char	 buf[64], *end;
	size_t	 n = 0, i = 0;

	while (i < len && n < sizeof(buf) - 1) {
		if (len - i >= 3 && memcmp(s + i, "\xe2\x88\x92", 3) == 0) {
			buf[n++] = '-';
			i += 3;
		} else if (len - i >= 5 && memcmp(s + i, "&#45;", 5) == 0) {
			buf[n++] = '-';
			i += 5;
		} else
			buf[n++] = s[i++];
	}
	if (i < len || n == 0)
		return 0;
	buf[n] = '\0';
	(void)strtod(buf, &end);
	return *end == '\0' && strchr("0123456789-.", buf[0]) != NULL;
}

/* The data attribute of a label's line of text (the len bytes at c, the
 * text element's attributes at a), when it shows a number of the model's:
 * a node's "value x" and its adjoint's line "d(of)/dv = x", an arrow's
 * local derivative "= x" (or "dv/du = x" when it is a constant).  Appends
 * it, the number's full precision and the digits it is drawn with, for
 * the what-if (whatif.js). */
static void
svg_text_number(struct writer *p, const struct svg_thing *th,
    const char *a, size_t alen, const char *c, size_t len)
{
	const struct infdiag_model	*m = p->m;
	const struct numbers		*num = p->a->num;
	const char			*eq, *grey, *name = m->vars[th->var].name;
	size_t				 i;

	for (eq = NULL, i = 0; i + 3 <= len; i++)
		if (memcmp(c + i, " = ", 3) == 0)
			eq = c + i;
	if (th->pos != INFDIAG_NONE) {
		if (len > 2 && memcmp(c, "= ", 2) == 0 &&
		    svg_is_number(c + 2, len - 2))
			eq = c - 1;
		if (eq == NULL || !svg_is_number(eq + 3, (size_t)(c + len -
		    eq - 3)) || !num->local_known[th->var])
			return;
		strbuf_addf(&p->sb, " data-local=\"%s %s\"",
		    m->vars[m->in_idx[th->pos]].name, name);
		html_number_attr(&p->sb, num->local[th->pos]);
		strbuf_addf(&p->sb, " data-digits=\"%d\"", th->digits);
	} else if (len > 6 && memcmp(c, "value ", 6) == 0 &&
	    svg_is_number(c + 6, len - 6) && num->known[th->var]) {
		strbuf_addf(&p->sb, " data-var=\"%s\"", name);
		html_number_attr(&p->sb, num->value[th->var]);
		strbuf_addf(&p->sb, " data-digits=\"%d\"", th->digits);
	} else if (eq != NULL && svg_is_number(eq + 3, (size_t)(c + len - eq -
	    3)) && (grey = strstr(a, "fill=\"#555555\"")) != NULL &&
	    grey < a + alen && num->adjoint_known[th->var]) {
		strbuf_addf(&p->sb, " data-adjoint=\"%s\"", name);
		html_number_attr(&p->sb, num->adjoint[th->var]);
		strbuf_addf(&p->sb, " data-digits=\"%d\"", th->digits);
	}
}

/* Appends the body of a node or edge group, from s to its "</g>", each
 * <text> that shows a number marked (svg_text_number()); returns where
 * the copy stopped. */
static const char *
svg_group_body(struct writer *p, const char *s, const struct svg_thing *th)
{
	const char	*gend, *t, *tag, *c, *cend;

	if ((gend = strstr(s, "</g>")) == NULL)
		return s;
	for (t = s; (tag = strstr(t, "<text ")) != NULL && tag < gend;
	    t = cend) {
		if ((c = strchr(tag, '>')) == NULL || c > gend ||
		    (cend = strstr(c, "</text>")) == NULL || cend > gend)
			break;
		strbuf_addn(&p->sb, t, (size_t)(c - t));
		if (p->a->num != NULL && th->var != INFDIAG_NONE)
			svg_text_number(p, th, tag, (size_t)(c - tag), c + 1,
			    (size_t)(cend - c - 1));
		strbuf_addn(&p->sb, c, (size_t)(cend - c));
	}
	return t;
}

/* Appends Graphviz's SVG from its <svg element on: sized in pixels half as
 * large again as its points, each node and arrow of the model marked for
 * the script (svg_item()). */
void
html_svg_write(struct writer *p, const char *svg, const struct strbuf *arr,
    int digits)
{
	const char		*s, *g, *end, *t, *tend;
	char			*w;
	double			 width, height;
	struct svg_thing	 th;

	width = (s = strstr(svg, " width=\"")) != NULL ? strtod(s + 8, NULL) :
	    0;
	height = (t = strstr(svg, " height=\"")) != NULL ? strtod(t + 9, &w) :
	    0;
	strbuf_add(&p->sb, "<svg");
	if (width > 0 && width < 1e5 && height > 0 && height < 1e5 && s < t &&
	    (end = strchr(t + 9, '"')) != NULL) {
		/* Graphviz sizes in points; show it half as large again. */
		strbuf_addf(&p->sb, " width=\"%.0f\" height=\"%.0f\"",
		    width * 2, height * 2);
		s = end + 1;
	} else
		s = svg + 4;
	while ((g = strstr(s, "<g id=\"")) != NULL &&
	    (end = strchr(g, '>')) != NULL) {
		strbuf_addn(&p->sb, s, (size_t)(end - s));
		s = end;
		if (strncmp(end, ">\n<title>", 9) != 0 ||
		    (tend = strstr(end + 9, "</title>")) == NULL)
			continue;
		t = end + 9;
		th.var = INFDIAG_NONE;
		th.digits = digits;
		if (end - g > 12 && memcmp(end - 12, "class=\"edge\"", 12) == 0)
			svg_item(p, t, (size_t)(tend - t), 1, arr, &th);
		else if (end - g > 12 && memcmp(end - 12, "class=\"node\"", 12)
		    == 0)
			svg_item(p, t, (size_t)(tend - t), 0, arr, &th);
		if (th.var != INFDIAG_NONE)
			s = svg_group_body(p, s, &th);
	}
	strbuf_add(&p->sb, s);
}

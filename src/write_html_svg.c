/*
 * The report's diagrams: Graphviz's SVG marked for the page's script.
 * Each node and arrow of the model gets data-node, or data-arrow and its
 * paths' data-path, read from its <title>; each label line that shows a
 * number of the model's gets what it is (data-var, data-adjoint,
 * data-local), its full precision and the digits drawn, so that the
 * what-if rewrites it.  The legend's numbers (the total, the partial, each
 * coloured path's term) are marked as the page's tables mark them.
 * Linear in the SVG's length.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "diagram.h"
#include "model.h"
#include "notation.h"
#include "numbers.h"
#include "paths.h"
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

/* Says whether the attributes from tag to end hold attr; looks no
 * further than end. */
static int
svg_attr_is(const char *tag, const char *end, const char *attr)
{
	size_t		 n = strlen(attr);
	const char	*at;

	for (at = tag; at < end && (at = memchr(at, attr[0], (size_t)(end -
	    at))) != NULL && (size_t)(end - at) >= n; at++)
		if (memcmp(at, attr, n) == 0)
			return 1;
	return 0;
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
	const char			*eq, *name = m->vars[th->var].name;
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
	    3)) && svg_attr_is(a, a + alen, "fill=\"#555555\"") &&
	    num->adjoint_known[th->var]) {
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

/* The most numbers a legend shows: a term for each coloured path, the
 * total and the partial. */
#define LEGEND_NUMBERS	(DIAGRAM_MAX_COLOURS + 2)

/* A number the legend shows: the attribute that says which, its value
 * ("data-term" numbers the path within the figure's derivative). */
struct svg_legend {
	const char	*attr;
	uint32_t	 no;
	double		 x;
};

/* Lists in l the numbers the legend of view o shows, in the order
 * diagram_legend.c draws them; returns how many (0 when out of
 * memory: then nothing is marked). */
static size_t
svg_legend_numbers(const struct infdiag_analysis *a,
    const struct infdiag_render_options *o, struct svg_legend *l)
{
	const struct numbers	*num = a->num;
	const struct deriv	*d;
	struct path_iter	*it;
	const uint32_t		*path;
	uint32_t		 len, i, j, cap;
	size_t			 n = 0;
	int			 known;

	if (num == NULL || o->deriv >= a->nwrt)
		return 0;
	d = &a->d[o->deriv];
	cap = a->max_paths < DIAGRAM_MAX_COLOURS ? (uint32_t)a->max_paths :
	    DIAGRAM_MAX_COLOURS;
	if (o->view == INFDIAG_VIEW_PATHS) {
		if ((it = paths_begin(a, d)) == NULL)
			return 0;
		for (j = 0; j < cap && paths_next(it, &path, &len) == 1;
		    j++) {
			for (known = 1, i = 1; i < len && known; i++)
				known = num->local_known[path[i]];
			if (known)
				l[n++] = (struct svg_legend){ "data-term",
				    j + 1, numbers_path_term(a, path, len) };
		}
		paths_end(it);
	}
	if (d->num.has_value)
		l[n++] = (struct svg_legend){ "data-total", o->deriv + 1,
		    d->num.forward };
	if (d->num.has_value && o->view == INFDIAG_VIEW_PARTIAL &&
	    d->num.has_partial)
		l[n++] = (struct svg_legend){ "data-partial", o->deriv + 1,
		    d->num.partial };
	return n;
}

/* Appends want, a number as note_number_digits() spells it, as Graphviz
 * writes it into SVG text: "-" as "&#45;". */
static void
svg_spelling(struct strbuf *sb, double x, int digits)
{
	struct strbuf	t = STRBUF_INIT;
	size_t		i;

	note_number_digits(&t, x, digits, STYLE_TEXT);
	if (strbuf_failed(&t))
		sb->failed = 1;
	for (i = 0; i < t.len; i++) {
		if (strbuf_str(&t)[i] == '-')
			strbuf_add(sb, "&#45;");
		else
			strbuf_addc(sb, strbuf_str(&t)[i]);
	}
	strbuf_release(&t);
}

/* Appends the len bytes of a legend line's text at c, each next number
 * of l it shows after "= " (and before the end, a space or Graphviz's
 * "&#160;") wrapped in a <tspan> marked with what it is; advances *i
 * past the numbers marked. */
static void
svg_legend_text(struct writer *p, const char *c, size_t len,
    const struct svg_legend *l, size_t n, size_t *i, int digits)
{
	struct strbuf	 want = STRBUF_INIT;
	const char	*end = c + len, *at, *after;

	while (*i < n) {
		strbuf_truncate(&want, 0);
		strbuf_add(&want, "= ");
		svg_spelling(&want, l[*i].x, digits);
		for (at = c; (at = memchr(at, '=', (size_t)(end - at))) !=
		    NULL; at++) {
			after = at + want.len;
			if (after <= end && memcmp(at, strbuf_str(&want),
			    want.len) == 0 && (after == end || *after == ' ' ||
			    (end - after >= 6 && memcmp(after, "&#160;", 6) ==
			    0)))
				break;
		}
		if (at == NULL || strbuf_failed(&want))
			break;
		strbuf_addn(&p->sb, c, (size_t)(at - c) + 2);
		strbuf_addf(&p->sb, "<tspan %s=\"%u\"", l[*i].attr, l[*i].no);
		html_number_attr(&p->sb, l[*i].x);
		strbuf_addf(&p->sb, " data-digits=\"%d\">", digits);
		strbuf_addn(&p->sb, at + 2, want.len - 2);
		strbuf_add(&p->sb, "</tspan>");
		c = at + want.len;
		++*i;
	}
	strbuf_addn(&p->sb, c, (size_t)(end - c));
	strbuf_release(&want);
}

/* Appends the graph's own elements, from s to its first group (the
 * title, the description and the legend), each legend number of l (n of
 * them, in order) marked where a line of the legend (a <text> of 12
 * points, not bold) shows it at the digits drawn; returns where the copy
 * stopped. */
static const char *
svg_legend(struct writer *p, const char *s, const struct svg_legend *l,
    size_t n, int digits)
{
	const char	*stop, *t, *tag, *c, *cend;
	size_t		 i = 0;

	if ((stop = strstr(s, "<g id=\"")) == NULL)
		stop = s + strlen(s);
	for (t = s; i < n && (tag = strstr(t, "<text ")) != NULL && tag <
	    stop; t = cend) {
		if ((c = strchr(tag, '>')) == NULL || c > stop ||
		    (cend = strstr(c, "</text>")) == NULL || cend > stop)
			break;
		strbuf_addn(&p->sb, t, (size_t)(c + 1 - t));
		if (svg_attr_is(tag, c, "font-size=\"12.00\"") &&
		    !svg_attr_is(tag, c, "font-weight"))
			svg_legend_text(p, c + 1, (size_t)(cend - c - 1), l, n,
			    &i, digits);
		else
			strbuf_addn(&p->sb, c + 1, (size_t)(cend - c - 1));
	}
	return t;
}

/* Appends Graphviz's SVG from its <svg element on: sized in pixels half as
 * large again as its points, each node and arrow of the model marked for
 * the script (svg_item()), and the legend's numbers (svg_legend()). */
void
html_svg_write(struct writer *p, const char *svg, const struct strbuf *arr,
    const struct infdiag_render_options *o)
{
	const char		*s, *g, *end, *t, *tend;
	char			*w;
	double			 width, height;
	struct svg_thing	 th;
	struct svg_legend	 l[LEGEND_NUMBERS];
	size_t			 nl;

	nl = svg_legend_numbers(p->a, o, l);
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
		th.digits = o->digits;
		if (end - g > 12 && memcmp(end - 12, "class=\"edge\"", 12) == 0)
			svg_item(p, t, (size_t)(tend - t), 1, arr, &th);
		else if (end - g > 12 && memcmp(end - 12, "class=\"node\"", 12)
		    == 0)
			svg_item(p, t, (size_t)(tend - t), 0, arr, &th);
		else if (nl > 0 && svg_attr_is(g, end, "class=\"graph\"")) {
			s = svg_legend(p, s, l, nl, o->digits);
			nl = 0;
		}
		if (th.var != INFDIAG_NONE)
			s = svg_group_body(p, s, &th);
	}
	strbuf_add(&p->sb, s);
}

/*
 * Unit tests of the diagrams: each view of each example is written as
 * DOT, read back with cgraph and checked against the model (nodes, arrows,
 * labels, path colours against an independent count of the paths through
 * each arrow, the cut arrows, the clusters); hostile text adds nothing to
 * the graph; rendering gives well-formed SVG, PNG and PDF, and refuses an
 * unknown type or engine and an oversized model.
 */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#include "infdiag.h"
#include "analysis.h"
#include "diagram.h"
#include "gv_compat.h"
#include "model.h"

#define GREY_LINE	"#8c8c8c"
#define DIRECT_LINE	"#d62728"
#define OTHER_LINE	"#404040"
#define MAX_COLOURS	6

static const enum infdiag_view views[] = {
	INFDIAG_VIEW_FULL, INFDIAG_VIEW_PATHS, INFDIAG_VIEW_PARTIAL,
	INFDIAG_VIEW_DECOMPOSITION
};
#define NVIEWS	(sizeof(views) / sizeof(views[0]))

/* A model and its analysis, with the paths counted by the test itself. */
struct fixture {
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
	double			*from;	/* paths from the first wrt to v */
	double			*to;	/* paths from v to of */
};

/* Counts the paths from the first wrt to each variable and from each
 * variable to of, by dynamic programming in topological order. */
static void
count_paths(struct fixture *f)
{
	const struct infdiag_model	*m = f->m;
	const uint32_t			*ids;
	uint32_t			 k, v, i, n, wrt;

	f->from = calloc(m->nvars, sizeof(double));
	f->to = calloc(m->nvars, sizeof(double));
	assert_non_null(f->from);
	assert_non_null(f->to);
	wrt = f->a->nwrt > 0 ? f->a->d[0].wrt : INFDIAG_NONE;
	for (k = 0; k < m->nvars; k++) {
		v = m->order[k];
		f->from[v] = v == wrt;
		n = infdiag_var_inputs(m, v, &ids);
		for (i = 0; i < n; i++)
			f->from[v] += f->from[ids[i]];
	}
	for (k = m->nvars; k-- > 0;) {
		v = m->order[k];
		f->to[v] = v == f->a->of;
		n = infdiag_var_consumers(m, v, &ids);
		for (i = 0; i < n; i++)
			f->to[v] += f->to[ids[i]];
	}
}

/* Loads a model from a file or a buffer and analyses it with numbers. */
static void
fixture_open(struct fixture *f, const char *path, const char *json)
{
	struct infdiag_error	err;
	struct infdiag_query	q = { .max_paths = 1000, .numbers = 1 };

	memset(f, 0, sizeof(*f));
	f->m = json != NULL ?
	    infdiag_model_load_buffer(json, strlen(json), "test", &err) :
	    infdiag_model_load_file(path, &err);
	if (f->m == NULL)
		print_error("%s: %s\n", path != NULL ? path : "json", err.text);
	assert_non_null(f->m);
	f->a = infdiag_analyze(f->m, &q, &err);
	if (f->a == NULL)
		print_error("%s: %s\n", path != NULL ? path : "json", err.text);
	assert_non_null(f->a);
	count_paths(f);
}

static void
fixture_close(struct fixture *f)
{
	infdiag_analysis_free(f->a);
	infdiag_model_free(f->m);
	free(f->from);
	free(f->to);
}

/* Writes a view as DOT into a new string. */
static char *
dot_text(const struct fixture *f, enum infdiag_view view)
{
	struct infdiag_error	 err;
	char			*text = NULL;
	size_t			 len = 0;
	FILE			*fp;

	fp = open_memstream(&text, &len);
	assert_non_null(fp);
	assert_int_equal(infdiag_write_dot(f->a, view, fp, &err), 0);
	assert_int_equal(fclose(fp), 0);
	return text;
}

/* Writes a view as DOT and reads it back. */
static Agraph_t *
dot_graph(const struct fixture *f, enum infdiag_view view)
{
	char		*text = dot_text(f, view);
	Agraph_t	*g = agmemread(text);

	if (g == NULL)
		print_error("cgraph cannot read:\n%s\n", text);
	free(text);
	assert_non_null(g);
	return g;
}

/* The value of an attribute, "" when unset. */
static const char *
attr(void *obj, const char *name)
{
	const char	*s = gv_get(obj, name);

	return s != NULL ? s : "";
}

/* The number of colours in a color list "a:b:c" (0 for ""). */
static unsigned
ncolours(const char *s)
{
	unsigned	n = *s != '\0';

	for (; *s != '\0'; s++)
		n += *s == ':';
	return n;
}

/* The number of times needle occurs in s. */
static unsigned
occurrences(const char *s, const char *needle)
{
	unsigned	n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* Checks every node and arrow of a flat view against the model. */
static void
check_flat(const struct fixture *f, Agraph_t *g, enum infdiag_view view)
{
	const struct infdiag_model	*m = f->m;
	const uint32_t			*ids;
	Agnode_t			*head, *tail;
	Agedge_t			*e;
	const char			*label;
	uint32_t			 v, i, n;

	assert_int_equal(agnnodes(g), m->nvars);
	assert_int_equal(agnedges(g), m->nedges);
	for (v = 0; v < m->nvars; v++) {
		head = agnode(g, (char *)infdiag_var_name(m, v), 0);
		assert_non_null(head);
		assert_true(aghtmlstr((char *)attr(head, "label")));
		n = infdiag_var_inputs(m, v, &ids);
		for (i = 0; i < n; i++) {
			tail = agnode(g, (char *)infdiag_var_name(m, ids[i]),
			    0);
			assert_non_null(tail);
			e = agedge(g, tail, head, NULL, 0);
			assert_non_null(e);
			label = attr(e, "label");
			assert_true(aghtmlstr((char *)label));
			assert_non_null(strstr(label, n >= 2 ? "∂" : "/d"));
			if (view == INFDIAG_VIEW_PARTIAL &&
			    f->from[ids[i]] * f->to[v] > 0) {
				if (ids[i] == f->a->d[0].wrt &&
				    v == f->a->of) {
					assert_string_equal(attr(e, "color"),
					    DIRECT_LINE);
					assert_string_equal(attr(e, "penwidth"),
					    "3");
				} else {
					assert_string_equal(attr(e, "style"),
					    "dashed");
					assert_non_null(strstr(label, "cut"));
				}
			} else if (view == INFDIAG_VIEW_PARTIAL)
				assert_string_not_equal(attr(e, "style"),
				    "dashed");
		}
	}
}

/* Checks the colours of the paths view: as many distinct colours as
 * coloured paths, and each arrow as many colours as coloured paths go
 * through it (all of them when every path is coloured). */
static void
check_paths(const struct fixture *f, Agraph_t *g)
{
	const struct infdiag_model	*m = f->m;
	const uint32_t			*ids;
	char				 seen[MAX_COLOURS * 2][8];
	unsigned			 nseen = 0, k, j, c;
	double				 total, through;
	uint32_t			 v, i, n;
	Agedge_t			*e;
	const char			*colour, *s;

	if (f->a->nwrt == 0)
		return;
	total = f->from[f->a->of];
	for (v = 0; v < m->nvars; v++) {
		n = infdiag_var_inputs(m, v, &ids);
		for (i = 0; i < n; i++) {
			e = agedge(g, agnode(g, (char *)infdiag_var_name(m,
			    ids[i]), 0), agnode(g, (char *)infdiag_var_name(m,
			    v), 0), NULL, 0);
			assert_non_null(e);
			colour = attr(e, "color");
			through = f->from[ids[i]] * f->to[v];
			/* Grey: on no path; black: on uncoloured paths. */
			c = strcmp(colour, GREY_LINE) == 0 ||
			    strcmp(colour, OTHER_LINE) == 0 ? 0 :
			    ncolours(colour);
			if (through == 0)
				assert_string_equal(colour, GREY_LINE);
			else if (total <= MAX_COLOURS)
				assert_int_equal(c, (unsigned)through);
			else
				assert_true(c <= through);
			/* The label numbers the same paths. */
			assert_int_equal(occurrences(attr(e, "label"),
			    "<font color="), c);
			for (s = colour, j = 0; j < c; j++) {
				assert_true(strlen(s) >= 7);
				for (k = 0; k < nseen; k++) {
					if (strncmp(seen[k], s, 7) == 0)
						break;
				}
				if (k == nseen) {
					assert_true(nseen < MAX_COLOURS * 2);
					memcpy(seen[nseen], s, 7);
					seen[nseen++][7] = '\0';
				}
				s += 7 + (s[7] == ':');
			}
		}
	}
	assert_int_equal(nseen, total < MAX_COLOURS ? (unsigned)total :
	    MAX_COLOURS);
}

/* Checks the decomposition: one cluster per variable with inputs, named
 * after it and holding it and its inputs as "u@s", with the arrows. */
static void
check_clusters(const struct fixture *f, Agraph_t *g)
{
	const struct infdiag_model	*m = f->m;
	const uint32_t			*ids;
	char				 name[256], id[256], id2[256];
	Agraph_t			*sub;
	Agnode_t			*sink, *in;
	uint32_t			 v, i, n, sinks = 0, nsub = 0;

	for (sub = agfstsubg(g); sub != NULL; sub = agnxtsubg(sub))
		nsub += strncmp(agnameof(sub), "cluster_", 8) == 0;
	for (v = 0; v < m->nvars; v++) {
		n = infdiag_var_inputs(m, v, &ids);
		if (n == 0)
			continue;
		sinks++;
		snprintf(name, sizeof(name), "cluster_%s",
		    infdiag_var_name(m, v));
		sub = agsubg(g, name, 0);
		assert_non_null(sub);
		assert_int_equal(agnnodes(sub), n + 1);
		assert_int_equal(agnedges(sub), n);
		assert_non_null(strstr(attr(sub, "label"), "δ"));
		snprintf(id, sizeof(id), "%s@%s", infdiag_var_name(m, v),
		    infdiag_var_name(m, v));
		sink = agnode(sub, id, 0);
		assert_non_null(sink);
		for (i = 0; i < n; i++) {
			snprintf(id2, sizeof(id2), "%s@%s",
			    infdiag_var_name(m, ids[i]),
			    infdiag_var_name(m, v));
			in = agnode(sub, id2, 0);
			assert_non_null(in);
			assert_non_null(agedge(sub, in, sink, NULL, 0));
		}
	}
	assert_int_equal(nsub, sinks);
}

/* Appends the HTML escape of s to buf. */
static void
escape(char *buf, size_t size, const char *s)
{
	size_t	len = strlen(buf);

	for (; *s != '\0' && len + 8 < size; s++) {
		switch (*s) {
		case '&': len += sprintf(buf + len, "&amp;"); break;
		case '<': len += sprintf(buf + len, "&lt;"); break;
		case '>': len += sprintf(buf + len, "&gt;"); break;
		case '"': len += sprintf(buf + len, "&quot;"); break;
		case '\'': len += sprintf(buf + len, "&#39;"); break;
		default: buf[len++] = *s; buf[len] = '\0'; break;
		}
	}
}

/* Checks every view of one model. */
static void
check_model(const char *path)
{
	struct fixture	 f;
	Agraph_t	*g;
	char		 title[2048] = "";
	size_t		 k;

	fixture_open(&f, path, NULL);
	if (f.m->title != NULL)
		escape(title, sizeof(title), f.m->title);
	for (k = 0; k < NVIEWS; k++) {
		g = dot_graph(&f, views[k]);
		assert_true(agisstrict(g) && agisdirected(g));
		assert_string_equal(attr(g, "rankdir"), "LR");
		assert_non_null(strstr(attr(g, "label"), title));
		if (views[k] == INFDIAG_VIEW_DECOMPOSITION)
			check_clusters(&f, g);
		else
			check_flat(&f, g, views[k]);
		if (views[k] == INFDIAG_VIEW_PATHS)
			check_paths(&f, g);
		agclose(g);
	}
	fixture_close(&f);
}

static void
view_parse__names__known_and_unknown(void **state)
{
	enum infdiag_view	v;

	(void)state;
	assert_int_equal(infdiag_view_parse("full", &v), 0);
	assert_int_equal(v, INFDIAG_VIEW_FULL);
	assert_int_equal(infdiag_view_parse("paths", &v), 0);
	assert_int_equal(v, INFDIAG_VIEW_PATHS);
	assert_int_equal(infdiag_view_parse("partial", &v), 0);
	assert_int_equal(v, INFDIAG_VIEW_PARTIAL);
	assert_int_equal(infdiag_view_parse("decomposition", &v), 0);
	assert_int_equal(v, INFDIAG_VIEW_DECOMPOSITION);
	assert_int_equal(infdiag_view_parse("bogus", &v), -1);
	assert_int_equal(infdiag_view_parse("", &v), -1);
}

/* Calls fn on every model in the examples directory ($EXAMPLES,
 * which "make check" sets). */
static void
each_example(void (*fn)(const char *))
{
	const char	*dir = getenv("EXAMPLES");
	char		 path[1024];
	struct dirent	*de;
	DIR		*d;
	size_t		 len, n = 0;

	if (dir == NULL)
		dir = "examples";
	d = opendir(dir);
	if (d == NULL)
		print_error("cannot open %s (set EXAMPLES)\n", dir);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		fn(path);
		n++;
	}
	closedir(d);
	assert_true(n >= 5);
}

static void
dot__every_example_every_view__reads_back_as_the_model(void **state)
{
	(void)state;
	each_example(check_model);
}

/* Example 3 with a wide diamond: 2^k paths, more than the colours. */
static void
paths__more_paths_than_colours__six_colours(void **state)
{
	struct fixture	f;
	Agraph_t	*g;

	(void)state;
	fixture_open(&f, NULL, "{\"variables\": {\"x\": {}, "
	    "\"a1\": [\"x\"], \"b1\": [\"x\"], \"m1\": [\"a1\", \"b1\"], "
	    "\"a2\": [\"m1\"], \"b2\": [\"m1\"], \"m2\": [\"a2\", \"b2\"], "
	    "\"a3\": [\"m2\"], \"b3\": [\"m2\"], \"m3\": [\"a3\", \"b3\"], "
	    "\"a4\": [\"m3\"], \"b4\": [\"m3\"], \"y\": [\"a4\", \"b4\"]}}");
	assert_true(f.from[f.a->of] == 16);
	g = dot_graph(&f, INFDIAG_VIEW_PATHS);
	check_flat(&f, g, INFDIAG_VIEW_PATHS);
	check_paths(&f, g);
	assert_non_null(strstr(attr(g, "label"), "only the first 6 paths"));
	agclose(g);
	fixture_close(&f);
}

/* Allocates and frees blocks of the sizes cgraph's objects and names
 * have, in an order that depends on round, so that the next build finds
 * the heap used differently; what round 0 leaves is the plain heap. */
static void
stir_heap(unsigned round)
{
	void	*block[96];
	size_t	 i, n = sizeof(block) / sizeof(block[0]);

	for (i = 0; i < n; i++) {
		block[i] = malloc(16 + 8 * (i % 16));
		assert_non_null(block[i]);
	}
	for (i = 0; i < n; i++)
		free(block[round % 2 == 0 ? i : n - 1 - i]);
	for (i = 0; i < round % 4 * 7; i++)
		block[i] = malloc(16 + 8 * (i % 16));
	while (i-- > 0)
		free(block[i]);
}

/*
 * The decomposition lists its clusters in the order the model gives the
 * sink subgraphs (the topological order), and writes the same bytes build
 * after build, however the heap was used in between: cgraph keeps a
 * graph's subgraphs sorted by ID, and those IDs must not be addresses.
 */
static void
decomposition__clusters__in_creation_order_every_build(void **state)
{
	static const char json[] = "{\"variables\": {\"x\": {}, "
	    "\"q\": [\"x\"], \"c\": [\"q\"], \"w\": {}, \"m\": [\"x\", \"c\"], "
	    "\"b\": [\"m\", \"w\"], \"k\": [\"x\"], \"a\": [\"b\", \"q\"], "
	    "\"z\": [\"k\"], \"d\": [\"a\", \"z\"]}}";
	static const char *const want[] = {
		"cluster_q", "cluster_c", "cluster_m", "cluster_b",
		"cluster_k", "cluster_a", "cluster_z", "cluster_d"
	};
	struct infdiag_error	 err;
	struct fixture		 f;
	Agraph_t		*g, *sub;
	char			*first = NULL, *text, needle[64];
	const char		*at, *prev;
	const uint32_t		*order, *ids;
	size_t			 nwant = sizeof(want) / sizeof(*want), k;
	uint32_t		 i;
	unsigned		 round;

	(void)state;
	fixture_open(&f, NULL, json);
	/* The expectation follows the model's own order. */
	order = infdiag_model_order(f.m);
	for (i = 0, k = 0; i < infdiag_model_count(f.m); i++) {
		if (infdiag_var_inputs(f.m, order[i], &ids) == 0)
			continue;
		assert_true(k < nwant);
		snprintf(needle, sizeof(needle), "cluster_%s",
		    infdiag_var_name(f.m, order[i]));
		assert_string_equal(needle, want[k++]);
	}
	assert_int_equal(k, nwant);
	for (round = 0; round < 8; round++) {
		stir_heap(round);
		g = diagram_build(f.a, &(struct infdiag_render_options){
		    .view = INFDIAG_VIEW_DECOMPOSITION }, &err);
		assert_non_null(g);
		for (k = 0, sub = agfstsubg(g); sub != NULL;
		    sub = agnxtsubg(sub), k++) {
			assert_true(k < nwant);
			assert_string_equal(agnameof(sub), want[k]);
		}
		assert_int_equal(k, nwant);
		agclose(g);
		stir_heap(round + 1);
		text = dot_text(&f, INFDIAG_VIEW_DECOMPOSITION);
		for (k = 0, prev = text; k < nwant; k++, prev = at) {
			snprintf(needle, sizeof(needle), "subgraph %s {",
			    want[k]);
			at = strstr(text, needle);
			assert_non_null(at);
			assert_true(at > prev);
		}
		if (first == NULL)
			first = text;
		else {
			assert_string_equal(text, first);
			free(text);
		}
	}
	free(first);
	fixture_close(&f);
}

/* The same structure twice: once plain, once with hostile text. */
#define HOSTILE	"\\\"]; evil [label=x <script>alert(1)</script> & \\\\N " \
		"\\u0001 } -> evil; <b>"
static const char plain_model[] = "{\"title\": \"T\", \"description\": "
    "\"D\", \"variables\": {\"x\": {\"value\": 1}, \"g\": {\"expr\": "
    "\"x*x\"}, \"y\": {\"inputs\": [\"x\", \"g\"], \"fn\": \"f\", "
    "\"expr\": \"x+g\"}}}";
static const char hostile_model[] = "{\"title\": \"" HOSTILE "\", "
    "\"description\": \"" HOSTILE "\", \"variables\": {\"x\": "
    "{\"value\": 1, \"label\": \"" HOSTILE "\", "
    "\"description\": \"" HOSTILE "\"}, \"g\": {\"expr\": \"x*x\", "
    "\"label\": \"" HOSTILE "\"}, \"y\": {\"inputs\": [\"x\", \"g\"], "
    "\"fn\": \"" HOSTILE "\", \"expr\": \"x+g\"}}}";

static void
escaping__hostile_text__adds_nothing(void **state)
{
	struct fixture	 plain, evil;
	Agraph_t	*gp, *ge;
	Agraph_t	*sp, *se;
	Agnode_t	*n;
	char		*text;
	size_t		 k;
	int		 np, ne;

	(void)state;
	fixture_open(&plain, NULL, plain_model);
	fixture_open(&evil, NULL, hostile_model);
	for (k = 0; k < NVIEWS; k++) {
		text = dot_text(&evil, views[k]);
		assert_null(strstr(text, "<script"));
		assert_null(strstr(text, "\x01"));
		free(text);
		gp = dot_graph(&plain, views[k]);
		ge = dot_graph(&evil, views[k]);
		assert_int_equal(agnnodes(ge), agnnodes(gp));
		assert_int_equal(agnedges(ge), agnedges(gp));
		for (np = 0, sp = agfstsubg(gp); sp; sp = agnxtsubg(sp))
			np++;
		for (ne = 0, se = agfstsubg(ge); se; se = agnxtsubg(se))
			ne++;
		assert_int_equal(ne, np);
		for (n = agfstnode(ge); n != NULL; n = agnxtnode(ge, n))
			assert_non_null(agnode(gp, agnameof(n), 0));
		assert_null(agnode(ge, (char *)"evil", 0));
		assert_non_null(strstr(attr(ge, "label"),
		    "&quot;]; evil [label=x &lt;script&gt;alert(1)&lt;/script"
		    "&gt; &amp; \\N"));
		assert_non_null(strstr(attr(ge, "label"), "} -&gt; evil; "
		    "&lt;b&gt;"));
		assert_string_equal(attr(ge, "rankdir"), "LR");
		agclose(gp);
		agclose(ge);
	}
	fixture_close(&plain);
	fixture_close(&evil);
}

/* Renders into a new buffer; returns the status, the bytes in *out. */
static int
render(const struct fixture *f, enum infdiag_view view, const char *type,
    const char *layout, char **out, size_t *len, struct infdiag_error *err)
{
	struct infdiag_render_options	 o = { .view = view, .type = type,
					    .layout = layout };
	FILE				*fp;
	int				 rc;

	*out = NULL;
	fp = open_memstream(out, len);
	assert_non_null(fp);
	rc = infdiag_render(f->a, &o, fp, err);
	assert_int_equal(fclose(fp), 0);
	if (rc != 0)
		print_message("render %s: %s\n", type, err->text);
	return rc;
}

/* Says whether text is well-formed XML as far as its tags go: every
 * start tag closed in order, outside comments, declarations and quoted
 * attribute values. */
static int
tags_balance(const char *s)
{
	struct {
		const char	*name;
		size_t		 len;
	}		 stack[256];
	const char	*name, *end;
	size_t		 depth = 0, len;

	while ((s = strchr(s, '<')) != NULL) {
		if (strncmp(s, "<!--", 4) == 0)
			end = strstr(s, "-->");
		else if (s[1] == '?' || s[1] == '!')
			end = strchr(s, '>');
		else
			end = NULL;
		if (end != NULL) {
			s = end + 1;
			continue;
		}
		if (strncmp(s, "<!--", 4) == 0 || s[1] == '?' || s[1] == '!')
			return 0;
		name = s + 1 + (s[1] == '/');
		len = strcspn(name, " \t\n/>");
		for (end = name + len; *end != '>'; end++) {
			if (*end == '"' && (end = strchr(end + 1, '"')) == NULL)
				return 0;
			if (*end == '\0')
				return 0;
		}
		if (s[1] == '/') {
			if (depth == 0 || stack[depth - 1].len != len ||
			    strncmp(stack[depth - 1].name, name, len) != 0)
				return 0;
			depth--;
		} else if (end[-1] != '/') {
			if (depth == sizeof(stack) / sizeof(stack[0]))
				return 0;
			stack[depth].name = name;
			stack[depth++].len = len;
		}
		s = end + 1;
	}
	return depth == 0;
}

/* Renders every view of one model as SVG and checks the XML. */
static void
render_model(const char *path)
{
	struct infdiag_error	 err;
	struct fixture		 f;
	char			*out;
	size_t			 len, k;

	fixture_open(&f, path, NULL);
	for (k = 0; k < NVIEWS; k++) {
		assert_int_equal(render(&f, views[k], "svg", NULL, &out, &len,
		    &err), 0);
		assert_memory_equal(out, "<?xml", 5);
		assert_non_null(strstr(out, "<svg"));
		assert_true(tags_balance(out));
		free(out);
	}
	fixture_close(&f);
}

static void
render__every_example_every_view__well_formed_svg(void **state)
{
	(void)state;
	each_example(render_model);
}

static void
render__svg_png_pdf__well_formed(void **state)
{
	struct infdiag_error	 err;
	struct fixture		 f, evil;
	char			*out;
	size_t			 len, k;

	(void)state;
	fixture_open(&f, NULL, plain_model);
	if (getenv("NOEVIL") == NULL) fixture_open(&evil, NULL, hostile_model);
	for (k = 0; k < NVIEWS; k++) {
		assert_int_equal(render(&f, views[k], "svg", NULL, &out, &len,
		    &err), 0);
		assert_true(len > 100);
		assert_memory_equal(out, "<?xml", 5);
		assert_non_null(strstr(out, "<svg"));
		assert_non_null(strstr(out + len - 8, "</svg>"));
		assert_true(tags_balance(out));
		free(out);
		assert_int_equal(render(&evil, views[k], "svg", "dot", &out,
		    &len, &err), 0);
		assert_null(strstr(out, "<script"));
		assert_true(tags_balance(out));
		free(out);
	}
	assert_int_equal(render(&f, INFDIAG_VIEW_FULL, "png", NULL, &out,
	    &len, &err), 0);
	assert_true(len > 8);
	assert_memory_equal(out, "\x89PNG\r\n\x1a\n", 8);
	free(out);
	assert_int_equal(render(&f, INFDIAG_VIEW_PATHS, "pdf", NULL, &out,
	    &len, &err), 0);
	assert_memory_equal(out, "%PDF", 4);
	free(out);
	fixture_close(&f);
	fixture_close(&evil);
}

static void
render__unknown_type_or_engine__usage_error_then_works(void **state)
{
	struct infdiag_error	 err;
	struct fixture		 f;
	char			*out;
	size_t			 len;

	(void)state;
	fixture_open(&f, NULL, plain_model);
	assert_int_equal(render(&f, INFDIAG_VIEW_FULL, "gif", NULL, &out,
	    &len, &err), -1);
	assert_int_equal(err.status, INFDIAG_EUSAGE);
	free(out);
	assert_int_equal(render(&f, INFDIAG_VIEW_FULL, "svg", "nosuch", &out,
	    &len, &err), -1);
	assert_int_equal(err.status, INFDIAG_EUSAGE);
	assert_non_null(strstr(err.text, "nosuch"));
	free(out);
	/* Graphviz's error count was reset: the next rendering works. */
	assert_int_equal(render(&f, INFDIAG_VIEW_FULL, "svg", "neato", &out,
	    &len, &err), 0);
	assert_non_null(strstr(out, "</svg>"));
	free(out);
	fixture_close(&f);
}

static void
render__over_the_size_limit__refused_but_dot_written(void **state)
{
	struct infdiag_error	 err;
	struct fixture		 f;
	char			*json, *out;
	size_t			 cap = 64 * (DIAGRAM_RENDER_MAX_NODES + 100);
	size_t			 len = 0, i;

	(void)state;
	json = malloc(cap);
	assert_non_null(json);
	len += (size_t)snprintf(json + len, cap - len,
	    "{\"variables\": {\"v0\": {}");
	for (i = 1; i <= DIAGRAM_RENDER_MAX_NODES; i++)
		len += (size_t)snprintf(json + len, cap - len,
		    ", \"v%zu\": [\"v%zu\"]", i, i - 1);
	snprintf(json + len, cap - len, "}}");
	fixture_open(&f, NULL, json);
	free(json);
	assert_int_equal(render(&f, INFDIAG_VIEW_FULL, "svg", NULL, &out,
	    &len, &err), -1);
	assert_int_equal(err.status, INFDIAG_EUSAGE);
	assert_non_null(strstr(err.text, "--force"));
	assert_int_equal(len, 0);
	free(out);
	out = dot_text(&f, INFDIAG_VIEW_FULL);
	assert_int_equal(occurrences(out, " -> "), DIAGRAM_RENDER_MAX_NODES);
	free(out);
	fixture_close(&f);
}

/*
 * The notation in the diagrams.
 */

/* Says whether the text of some <text> element of an SVG holds needle
 * (node IDs in <title> elements do not count). */
static int
svg_text_has(const char *svg, const char *needle)
{
	const char	*s = svg, *open, *close;

	while ((open = strstr(s, "<text")) != NULL &&
	    (open = strchr(open, '>')) != NULL &&
	    (close = strstr(open, "</text>")) != NULL) {
		s = strstr(open, needle);
		if (s != NULL && s < close)
			return 1;
		s = close;
	}
	return 0;
}

/* The path of an example model, in $EXAMPLES. */
static const char *
example_path(char *buf, size_t size, const char *name)
{
	const char	*dir = getenv("EXAMPLES");

	snprintf(buf, size, "%s/%s", dir != NULL ? dir : "examples", name);
	return buf;
}

/* The presentation options reach the graph through the render options
 * alone, as the report's diagrams pass them: the perceptron's paths view
 * of dE/dθ₁₁ with focus has its 9 variables on a path and their 9
 * arrows, no label, TB, 2 digits, and a dpi only for PNG. */
static void
options__render_options__drive_the_graph(void **state)
{
	struct infdiag_render_options	 o = { .view = INFDIAG_VIEW_PATHS,
		.no_title = 1, .no_legend = 1, .digits = 2, .focus = 1,
		.rankdir = "TB", .type = "png", .dpi = 150 };
	struct infdiag_error		 err;
	struct fixture			 f;
	char				 path[1024];
	Agraph_t			*g;
	Agnode_t			*n;

	(void)state;
	fixture_open(&f, example_path(path, sizeof(path), "perceptron.json"),
	    NULL);
	g = diagram_build(f.a, &o, &err);
	assert_non_null(g);
	assert_int_equal(agnnodes(g), 9);
	assert_int_equal(agnedges(g), 9);
	assert_string_equal(attr(g, "label"), "");
	assert_string_equal(attr(g, "rankdir"), "TB");
	assert_string_equal(attr(g, "dpi"), "150");
	assert_null(agnode(g, (char *)"x_1", 0));
	n = agnode(g, (char *)"theta_1_1", 0);
	assert_non_null(n);
	assert_non_null(strstr(attr(n, "label"), "dE/dθ₁₁ = −0.0019<"));
	assert_non_null(strstr(attr(n, "label"), "value −0.35<"));
	agclose(g);
	o.type = "svg";
	g = diagram_build(f.a, &o, &err);
	assert_non_null(g);
	assert_null(gv_get(g, "dpi"));
	agclose(g);
	fixture_close(&f);
}

static void
symbols__perceptron_every_view__latex_keys_drawn_in_svg(void **state)
{
	struct infdiag_error	 err;
	struct fixture		 f;
	char			 path[1024], *out;
	size_t			 len, k;

	(void)state;
	fixture_open(&f, example_path(path, sizeof(path), "perceptron.json"),
	    NULL);
	for (k = 0; k < NVIEWS; k++) {
		assert_int_equal(render(&f, views[k], "svg", NULL, &out, &len,
		    &err), 0);
		/* \hat\theta_{11}, \tilde\theta_{1}, \phi_{1}, r_1: θ̂₁₁, θ̃₁,
		 * ϕ₁, r₁; the names only in the IDs. */
		assert_true(svg_text_has(out, "θ\xcc\x82₁₁"));
		assert_true(svg_text_has(out, "θ\xcc\x83₁"));
		assert_true(k == 1 || svg_text_has(out, "ϕ₁"));
		assert_false(svg_text_has(out, "thetahat"));
		assert_false(svg_text_has(out, "theta_"));
		assert_false(svg_text_has(out, "r_1"));
		assert_false(svg_text_has(out, "<sub>"));
		free(out);
	}
	fixture_close(&f);
}

static void
symbols__name_conventions_every_view__drawn_in_svg(void **state)
{
	static const char	json[] = "{\"variables\": {\"x\": {\"value\": "
	    "3}, \"m\": {\"value\": 2}, \"thetahat_1_1\": {\"value\": 1}, "
	    "\"xbar\": {\"expr\": \"m*x^2/2 + thetahat_1_1\"}, "
	    "\"yhat\": {\"expr\": \"xbar*thetahat_1_1\"}}, \"wrt\": "
	    "\"thetahat_1_1\"}";
	struct infdiag_error	 err;
	struct fixture		 f;
	char			*out;
	size_t			 len, k;

	(void)state;
	fixture_open(&f, NULL, json);
	for (k = 0; k < NVIEWS; k++) {
		assert_int_equal(render(&f, views[k], "svg", NULL, &out, &len,
		    &err), 0);
		assert_true(svg_text_has(out, "y\xcc\x82"));	/* ŷ */
		assert_true(svg_text_has(out, "θ\xcc\x82₁,₁"));
		assert_true(svg_text_has(out, "x\xcc\x84"));	/* x̄ */
		/* The node's formula printed as its arrows' are. */
		assert_true(k == 1 || svg_text_has(out,
		    "= m·x²/2 + θ\xcc\x82₁,₁"));
		assert_false(svg_text_has(out, "m*x^2/2"));
		assert_false(svg_text_has(out, "yhat"));
		free(out);
	}
	fixture_close(&f);
}

/* A model with two derivatives whose paths differ: x1 -> g -> y and
 * x2 -> y. */
static const char two_derivs[] = "{\"variables\": {\"x1\": {}, "
    "\"x2\": {}, \"g\": [\"x1\"], \"y\": [\"g\", \"x2\"]}, "
    "\"wrt\": [\"x1\", \"x2\"]}";

/* The DOT of a view of derivative k, read back. */
static Agraph_t *
view_of(const struct fixture *f, enum infdiag_view view, uint32_t k)
{
	struct infdiag_render_options	 o = { .view = view, .deriv = k };
	struct infdiag_error		 err;
	char				*text = NULL;
	size_t				 len = 0;
	Agraph_t			*g;
	FILE				*fp;

	fp = open_memstream(&text, &len);
	assert_non_null(fp);
	assert_int_equal(infdiag_write_dot_view(f->a, &o, fp, &err), 0);
	assert_int_equal(fclose(fp), 0);
	g = agmemread(text);
	free(text);
	assert_non_null(g);
	return g;
}

/* The colour of the arrow from tail to head. */
static const char *
arrow_colour(Agraph_t *g, const char *tail, const char *head)
{
	Agedge_t	*e = agedge(g, agnode(g, (char *)tail, 0),
			    agnode(g, (char *)head, 0), NULL, 0);

	assert_non_null(e);
	return attr(e, "color");
}

static void
views__derivative_k__draws_k_not_the_first(void **state)
{
	struct infdiag_render_options	 o = { .view = INFDIAG_VIEW_PATHS,
					    .type = "svg", .deriv = 2 };
	struct infdiag_error		 err;
	struct fixture			 f;
	Agraph_t			*g;
	FILE				*fp;

	(void)state;
	fixture_open(&f, NULL, two_derivs);
	g = view_of(&f, INFDIAG_VIEW_PATHS, 0);
	assert_string_not_equal(arrow_colour(g, "g", "y"), GREY_LINE);
	assert_string_equal(arrow_colour(g, "x2", "y"), GREY_LINE);
	assert_non_null(strstr(attr(g, "label"), "paths from x₁ to y"));
	agclose(g);
	g = view_of(&f, INFDIAG_VIEW_PATHS, 1);
	assert_string_equal(arrow_colour(g, "g", "y"), GREY_LINE);
	assert_string_not_equal(arrow_colour(g, "x2", "y"), GREY_LINE);
	assert_non_null(strstr(attr(g, "label"), "paths from x₂ to y"));
	agclose(g);
	g = view_of(&f, INFDIAG_VIEW_PARTIAL, 1);
	assert_string_equal(arrow_colour(g, "x2", "y"), DIRECT_LINE);
	agclose(g);
	/* A derivative the analysis does not have. */
	fp = fopen("/dev/null", "w");
	assert_non_null(fp);
	assert_int_equal(infdiag_write_dot_view(f.a, &o, fp, &err), -1);
	assert_int_equal(err.status, INFDIAG_EUSAGE);
	assert_string_equal(err.text, "no derivative 3 to draw: the analysis "
	    "has 2");
	assert_int_equal(infdiag_render(f.a, &o, fp, &err), -1);
	assert_int_equal(err.status, INFDIAG_EUSAGE);
	fclose(fp);
	fixture_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(view_parse__names__known_and_unknown),
		cmocka_unit_test(
		    dot__every_example_every_view__reads_back_as_the_model),
		cmocka_unit_test(
		    paths__more_paths_than_colours__six_colours),
		cmocka_unit_test(
		    decomposition__clusters__in_creation_order_every_build),
		cmocka_unit_test(escaping__hostile_text__adds_nothing),
		cmocka_unit_test(render__svg_png_pdf__well_formed),
		cmocka_unit_test(
		    render__every_example_every_view__well_formed_svg),
		cmocka_unit_test(
		    render__unknown_type_or_engine__usage_error_then_works),
		cmocka_unit_test(
		    render__over_the_size_limit__refused_but_dot_written),
		cmocka_unit_test(
		    symbols__perceptron_every_view__latex_keys_drawn_in_svg),
		cmocka_unit_test(
		    symbols__name_conventions_every_view__drawn_in_svg),
		cmocka_unit_test(views__derivative_k__draws_k_not_the_first),
		cmocka_unit_test(options__render_options__drive_the_graph),
	};

	return cmocka_run_group_tests_name("diagram", tests, NULL, NULL);
}

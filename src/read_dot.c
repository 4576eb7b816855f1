/*
 * Graphviz DOT: a digraph read by cgraph's own reader.  A node is a
 * variable, an arrow an influence (inputs in the order of the arrows);
 * node attributes expr, value, latex, label, fn and description map to
 * the model's keys, an arrow's partial to the partial of its tail; graph
 * attributes of, wrt (names separated by commas), label (the title) and
 * description to the model's.  cgraph keeps no places, so a lexical scan finds where
 * each name first appears, and a syntax error is placed at the line
 * cgraph names.
 *
 * cgraph's error handler is global: reading DOT is not thread-safe.
 */
#include <stdlib.h>
#include <string.h>

#include <cgraph.h>
#include <jansson.h>

#include "infdiag.h"
#include "alloc.h"
#include "error.h"
#include "read.h"
#include "strbuf.h"

/* cgraph's messages while a graph is read. */
static struct strbuf	dot_messages;

/* Keeps one of cgraph's messages instead of printing it. */
static int
keep_message(char *msg)
{
	strbuf_add(&dot_messages, msg);
	return 0;
}

/* What the reader carries. */
struct dot {
	const char		*text;
	size_t			 len;
	json_t			*first;	/* token -> [line, column] */
	struct read_places	*places;
	struct strbuf		 path;
	struct infdiag_error	*err;
};

/* Skips a comment, a quoted string or an HTML string starting at i, or
 * reads an ID into the map of first places; returns the index after. */
static size_t
scan_token(struct dot *d, size_t i, int line, int column)
{
	const char	*s = d->text;
	size_t		 start = i, depth = 0;

	if (s[i] == '"') {
		column++;	/* the text starts after the quote */
		for (start = ++i; i < d->len && s[i] != '"'; i++)
			i += s[i] == '\\' && i + 1 < d->len &&
			    s[i + 1] != '\n';
	} else if (s[i] == '<') {
		for (; i < d->len; i++) {
			depth += s[i] == '<';
			if (s[i] == '>' && --depth == 0)
				break;
		}
		return i + 1;
	} else {
		while (i < d->len && (strchr("_.", s[i]) != NULL ||
		    (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    (unsigned char)s[i] >= 0x80))
			i++;
		if (i == start)
			return i + 1;
	}
	if (i > start) {
		char	*key = mem_strndup(s + start, i - start);

		if (key != NULL && json_object_get(d->first, key) == NULL)
			json_object_set_new(d->first, key, json_pack("[ii]",
			    line, column));
		mem_free(key);
	}
	return s[start - (start > 0)] == '"' && i < d->len ? i + 1 : i;
}

/* The index of the end of the line at i, or of the text. */
static size_t
line_end(const struct dot *d, size_t i)
{
	const char	*nl = memchr(d->text + i, '\n', d->len - i);

	return nl != NULL ? (size_t)(nl - d->text) : d->len;
}

/* The index after the C comment starting at i, or the text's end. */
static size_t
comment_end(const struct dot *d, size_t i)
{
	for (i += 2; i + 1 < d->len; i++) {
		if (d->text[i] == '*' && d->text[i + 1] == '/')
			return i + 2;
	}
	return d->len;
}

/* Notes the first place of every ID and quoted string of the text. */
static void
scan(struct dot *d)
{
	const char	*s = d->text;
	size_t		 i = 0, next, k;
	int		 line = 1, column = 1;

	while (i < d->len) {
		if (s[i] == '/' && i + 1 < d->len && s[i + 1] == '/')
			next = line_end(d, i);
		else if (s[i] == '/' && i + 1 < d->len && s[i + 1] == '*')
			next = comment_end(d, i);
		else if (s[i] == '#' && column == 1)
			next = line_end(d, i);
		else if (strchr(" \t\r\n;,[]{}=:-", s[i]) != NULL)
			next = i + 1;
		else
			next = scan_token(d, i, line, column);
		if (next > d->len)
			next = d->len;
		for (k = i; k < next; k++) {
			if (s[k] == '\n')
				line++, column = 1;
			else if (((unsigned char)s[k] & 0xc0) != 0x80)
				column++;
		}
		i = next;
	}
}

/* Places the JSON path at the first place of token, if it appears. */
static void
place_token(struct dot *d, const char *path, const char *token)
{
	json_t	*at = json_object_get(d->first, token);

	if (at != NULL)
		read_place(d->places, path, (int)json_integer_value(
		    json_array_get(at, 0)), (int)json_integer_value(
		    json_array_get(at, 1)));
}

/* An attribute's value, or NULL when it is absent or empty. */
static const char *
attr(void *obj, const char *name)
{
	char	*v = agget(obj, (char *)name);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

/* A number's JSON: a number when the text is one, else the text, which
 * the validator then refuses as not a number. */
static json_t *
number(const char *s)
{
	char	*end;
	double	 x = strtod(s, &end);

	if (end != s && *end == '\0' && strchr("0123456789+-.", s[0]) != NULL)
		return json_real(x);
	return json_string(s);
}

/* Sets the variable's keys from the node's attributes, each placed at
 * the first place its text appears. */
static void
node_keys(struct dot *d, Agnode_t *n, json_t *var)
{
	static const char *const	 keys[] = { "expr", "value", "fn",
					    "latex", "label", "description" };
	const char			*v;
	size_t				 i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if ((v = attr(n, keys[i])) == NULL)
			continue;
		json_object_set_new(var, keys[i], i == 1 ? number(v) :
		    json_string(v));
		place_token(d, read_path(&d->path, agnameof(n), keys[i], -1),
		    v);
	}
}

/* Orders arrows by when the file made them. */
static int
by_sequence(const void *a, const void *b)
{
	uint64_t	x = AGSEQ(*(Agedge_t *const *)a);
	uint64_t	y = AGSEQ(*(Agedge_t *const *)b);

	return x < y ? -1 : x > y;
}

/* Sets the variable's inputs (and partials) from the arrows into it, in
 * the order the file gives them. */
static int
node_inputs(Agnode_t *n, json_t *var)
{
	json_t		*inputs, *partials = NULL;
	Agedge_t	*e, **in;
	Agraph_t	*g = agroot(n);
	const char	*p;
	size_t		 k = 0, i;

	if ((i = (size_t)agdegree(g, n, 1, 0)) == 0)
		return 0;
	if ((in = mem_reallocarray(NULL, i, sizeof(*in))) == NULL)
		return -1;
	for (e = agfstin(g, n); e != NULL && k < i; e = agnxtin(g, e))
		in[k++] = e;
	qsort(in, k, sizeof(*in), by_sequence);
	inputs = read_set_new(var, "inputs", json_array());
	for (i = 0; i < k; i++) {
		json_array_append_new(inputs, json_string(agnameof(
		    agtail(in[i]))));
		if ((p = attr(in[i], "partial")) == NULL)
			continue;
		if (partials == NULL)
			partials = read_set_new(var, "partials",
			    json_object());
		json_object_set_new(partials, agnameof(agtail(in[i])),
		    number(p));
	}
	mem_free(in);
	return 0;
}

/* Adds "wrt": the names of the graph's wrt, separated by commas. */
static void
graph_wrt(struct dot *d, json_t *doc, const char *list)
{
	json_t		*wrt = json_array();
	const char	*c = list, *e;
	size_t		 n;

	for (;;) {
		while (*c == ' ' || *c == '\t')
			c++;
		e = c + strcspn(c, ",");
		for (n = (size_t)(e - c); n > 0 && (c[n - 1] == ' ' ||
		    c[n - 1] == '\t'); n--)
			;
		json_array_append_new(wrt, json_stringn(c, n));
		if (*e == '\0')
			break;
		c = e + 1;
	}
	place_token(d, "wrt", "wrt");
	if (json_array_size(wrt) == 1)
		json_object_set(doc, "wrt", json_array_get(wrt, 0));
	else
		json_object_set(doc, "wrt", wrt);
	json_decref(wrt);
}

/* Builds the model document from the graph; NULL when out of memory. */
static json_t *
document(struct dot *d, Agraph_t *g)
{
	json_t		*doc = json_object(), *vars, *var;
	Agnode_t	*n;
	const char	*v;

	vars = read_set_new(doc, "variables", json_object());
	for (n = agfstnode(g); n != NULL; n = agnxtnode(g, n)) {
		var = read_set_new(vars, agnameof(n), json_object());
		place_token(d, read_path(&d->path, agnameof(n), NULL, -1),
		    agnameof(n));
		node_keys(d, n, var);
		if (node_inputs(n, var) != 0) {
			json_decref(doc);
			return NULL;
		}
	}
	if ((v = attr(g, "label")) != NULL)
		json_object_set_new(doc, "title", json_string(v));
	if ((v = attr(g, "description")) != NULL)
		json_object_set_new(doc, "description", json_string(v));
	if ((v = attr(g, "of")) != NULL) {
		place_token(d, "of", "of");
		json_object_set_new(doc, "of", json_string(v));
	}
	if ((v = attr(g, "wrt")) != NULL)
		graph_wrt(d, doc, v);
	return doc;
}

/* Turns cgraph's syntax error ("syntax error in line 3 near 'x'") into
 * ours, at that line and at the column of the token it names. */
static void
syntax_error(struct dot *d, const char *msg)
{
	const char	*at = strstr(msg, "line "), *near, *s = d->text;
	int		 line = at != NULL ? atoi(at + 5) : 1, l = 1, column = 1;
	size_t		 i = 0, n = 0;
	char		 token[64] = "";

	if ((near = strstr(msg, "near '")) != NULL) {
		n = strcspn(near + 6, "'");
		snprintf(token, sizeof(token), "%.*s", (int)(n < 63 ? n : 63),
		    near + 6);
	}
	while (i < d->len && l < line)
		l += s[i++] == '\n';
	if (token[0] != '\0') {
		for (n = i; n < d->len && s[n] != '\n'; n++) {
			if (n + strlen(token) <= d->len &&
			    memcmp(s + n, token, strlen(token)) == 0) {
				for (; i < n; i++)
					column += ((unsigned char)s[i] &
					    0xc0) != 0x80;
				break;
			}
		}
	}
	if (token[0] != '\0')
		error_set_at(d->err, line < 1 ? 1 : line, column,
		    "syntax error near '%s'", token);
	else
		error_set_at(d->err, line < 1 ? 1 : line, column,
		    "syntax error");
}

/* Reads the graph with cgraph, its messages kept, not printed; sets
 * *nomem when it could not keep them. */
static Agraph_t *
parse(const char *buf, size_t len, struct strbuf *msgs, int *nomem)
{
	agusererrf	 old;
	Agraph_t	*g;
	char		*text;

	if ((text = mem_strndup(buf, len)) == NULL) {
		*nomem = 1;
		return NULL;
	}
	strbuf_truncate(&dot_messages, 0);
	old = agseterrf(keep_message);
	agreseterrors();
	g = agmemread(text);
	agseterrf(old);
	mem_free(text);
	strbuf_add(msgs, strbuf_str(&dot_messages));
	*nomem = strbuf_failed(&dot_messages) || strbuf_failed(msgs);
	strbuf_release(&dot_messages);
	return g;
}

/* Reads a DOT digraph into a model document. */
json_t *
read_dot(const char *buf, size_t len, struct read_places *places,
    struct infdiag_error *err)
{
	struct dot	 d = { buf, len, NULL, places, STRBUF_INIT, err };
	struct strbuf	 msgs = STRBUF_INIT;
	Agraph_t	*g;
	json_t		*doc = NULL;
	int		 nomem = 0;

	g = parse(buf, len, &msgs, &nomem);
	if (nomem)
		error_nomem(err);
	else if (g == NULL) {
		if (strbuf_str(&msgs)[0] != '\0')
			syntax_error(&d, strbuf_str(&msgs));
		else
			error_set_at(err, 1, 1, "no graph: a DOT file starts "
			    "with \"digraph\"");
	} else if (!agisdirected(g))
		error_set_at(err, 1, 1, "an undirected graph: infdiag reads "
		    "a digraph, whose arrows say what influences what");
	else {
		d.first = json_object();
		scan(&d);
		read_place(places, "variables", 1, 1);
		if ((doc = document(&d, g)) == NULL)
			error_nomem(err);
		json_decref(d.first);
	}
	if (g != NULL)
		agclose(g);
	strbuf_release(&msgs);
	strbuf_release(&d.path);
	return doc;
}

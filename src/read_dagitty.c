/*
 * DAGitty's model syntax: dag { a -> b  c <- d  {e f} -> g -> h
 * x [exposure]  y [outcome] }, and the same without "dag { }".  Only the
 * graph is kept: [exposure] (or [e]) becomes wrt, [outcome] (or [o]) of;
 * other attributes and graph options ("bb=...") are ignored; <-> and --
 * are not causal arrows and are refused.  A name that is not an infdiag
 * name ("EDN1.3", "1", "carry matches") is mapped to one (other
 * characters become '_', a name not starting with a letter gets a 'v'
 * in front) and keeps its text as its label.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "infdiag.h"
#include "error.h"
#include "load.h"
#include "read.h"
#include "strbuf.h"

enum tok {
	T_END, T_ID, T_LBRACE, T_RBRACE, T_LBRACKET, T_RBRACKET, T_EQUALS,
	T_COMMA, T_RIGHT, T_LEFT, T_BOTH, T_UNDIRECTED
};

/* A token: its kind, its text (an ID's, quotes removed) and place. */
struct token {
	enum tok	 kind;
	const char	*s;
	size_t		 len;
	int		 quoted;
	int		 line;
	int		 column;
};

/* What the reader carries. */
struct dagitty {
	const char		*p;
	const char		*end;
	int			 line;
	int			 column;
	struct token		 tok;	/* the current token */
	json_t			*vars;
	json_t			*origin;	/* mapped name -> original text */
	json_t			*of;
	json_t			*wrt;
	struct read_places	*places;
	struct strbuf		 path;
	struct strbuf		 name;
	struct infdiag_error	*err;
};

/* Fails at a token with a syntax error. */
static int
fail_at(struct dagitty *d, const struct token *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int
fail_at(struct dagitty *d, const struct token *t, const char *fmt, ...)
{
	char	text[INFDIAG_ERROR_TEXT_LENGTH];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	error_set_at(d->err, t->line, t->column, "%s", text);
	return -1;
}

/* Moves past one byte, keeping the line and column (in characters). */
static void
advance(struct dagitty *d)
{
	if (*d->p == '\n')
		d->line++, d->column = 1;
	else if (((unsigned char)*d->p & 0xc0) != 0x80)
		d->column++;
	d->p++;
}

/* Says whether c ends an unquoted ID. */
static int
id_end(char c)
{
	return strchr(" \t\r\n{}[]=,;\"", c) != NULL;
}

/* Reads a quoted ID; -1 when it is not closed. */
static int
lex_quoted(struct dagitty *d)
{
	advance(d);
	d->tok.s = d->p;
	while (d->p < d->end && *d->p != '"') {
		if (*d->p == '\\' && d->p + 1 < d->end)
			advance(d);
		advance(d);
	}
	if (d->p == d->end)
		return fail_at(d, &d->tok, "unclosed quoted name");
	d->tok.len = (size_t)(d->p - d->tok.s);
	d->tok.quoted = 1;
	d->tok.kind = T_ID;
	advance(d);
	return 0;
}

/* Reads an arrow ("->", "<-", "<->", "--"), or an ID. */
static void
lex_arrow_or_id(struct dagitty *d)
{
	static const struct {
		const char	*s;
		enum tok	 kind;
	} arrows[] = {
		{ "<->", T_BOTH }, { "->", T_RIGHT }, { "<-", T_LEFT },
		{ "--", T_UNDIRECTED }
	};
	size_t	i, n;

	for (i = 0; i < sizeof(arrows) / sizeof(arrows[0]); i++) {
		n = strlen(arrows[i].s);
		if ((size_t)(d->end - d->p) >= n &&
		    memcmp(d->p, arrows[i].s, n) == 0) {
			d->tok.kind = arrows[i].kind;
			while (n-- > 0)
				advance(d);
			return;
		}
	}
	d->tok.kind = T_ID;
	d->tok.s = d->p;
	while (d->p < d->end && !id_end(*d->p) &&
	    !(*d->p == '-' && d->p + 1 < d->end && (d->p[1] == '>' ||
	    d->p[1] == '-')) && !(*d->p == '<' && d->p + 1 < d->end &&
	    d->p[1] == '-'))
		advance(d);
	d->tok.len = (size_t)(d->p - d->tok.s);
}

/* Reads the next token. */
static int
lex(struct dagitty *d)
{
	static const char	 punct[] = "{}[]=,";
	static const enum tok	 kinds[] = { T_LBRACE, T_RBRACE, T_LBRACKET,
				    T_RBRACKET, T_EQUALS, T_COMMA };
	const char		*c;

	while (d->p < d->end && strchr(" \t\r\n;", *d->p) != NULL)
		advance(d);
	memset(&d->tok, 0, sizeof(d->tok));
	d->tok.line = d->line;
	d->tok.column = d->column;
	if (d->p == d->end)
		return 0;
	if ((c = strchr(punct, *d->p)) != NULL) {
		d->tok.kind = kinds[c - punct];
		advance(d);
		return 0;
	}
	if (*d->p == '"')
		return lex_quoted(d);
	lex_arrow_or_id(d);
	return 0;
}

/* Maps an ID to an infdiag name in d->name: other characters become
 * '_', and a 'v' goes in front of one that does not start with a
 * letter.  NULL when out of memory. */
static const char *
map_name(struct dagitty *d, const struct token *t)
{
	size_t		i, n;
	uint32_t	cp;

	strbuf_truncate(&d->name, 0);
	if (t->len == 0 || !((t->s[0] >= 'a' && t->s[0] <= 'z') ||
	    (t->s[0] >= 'A' && t->s[0] <= 'Z')))
		strbuf_addc(&d->name, 'v');
	for (i = 0; i < t->len; i += n) {
		n = utf8_decode(t->s + i, t->len - i, &cp);
		strbuf_addc(&d->name, load_name_valid(t->s + i, 1) ||
		    (t->s[i] >= '0' && t->s[i] <= '9') ? t->s[i] : '_');
	}
	return strbuf_failed(&d->name) ? NULL : strbuf_str(&d->name);
}

/* Enters the variable an ID names at its first use, and adds it to the
 * group as [name, line, column]; -1 on error. */
static int
node(struct dagitty *d, const struct token *t, json_t *group)
{
	const char	*name = map_name(d, t);
	json_t		*var, *text;
	char		 q[QUOTE_SIZE];

	if (name == NULL) {
		error_nomem(d->err);
		return -1;
	}
	text = json_stringn(t->s, t->len);
	if (json_object_get(d->vars, name) != NULL) {
		if (!json_equal(json_object_get(d->origin, name), text)) {
			json_decref(text);
			return fail_at(d, t, "two names become %s: rename one",
			    quote(q, name, strlen(name)));
		}
		json_decref(text);
	} else {
		var = read_set_new(d->vars, name, json_object());
		if (strlen(name) != t->len || memcmp(name, t->s, t->len) != 0)
			json_object_set(var, "label", text);
		json_object_set_new(d->origin, name, text);
		read_place(d->places, read_path(&d->path, name, NULL, -1),
		    t->line, t->column);
	}
	json_array_append_new(group, json_pack("[sii]", name, t->line,
	    t->column));
	return 0;
}

/* Applies a node's attributes: [exposure] and [outcome] matter. */
static int
attributes(struct dagitty *d, const char *name)
{
	struct token	at;

	for (;;) {
		if (lex(d) != 0)
			return -1;
		if (d->tok.kind == T_RBRACKET)
			return lex(d);
		if (d->tok.kind == T_COMMA)
			continue;
		if (d->tok.kind != T_ID)
			return fail_at(d, &d->tok, "expected an attribute or "
			    "']'");
		at = d->tok;
		if ((at.len == 8 && memcmp(at.s, "exposure", 8) == 0) ||
		    (at.len == 1 && at.s[0] == 'e')) {
			read_place(d->places, "wrt", at.line, at.column);
			json_array_append_new(d->wrt, json_string(name));
		} else if ((at.len == 7 && memcmp(at.s, "outcome", 7) == 0) ||
		    (at.len == 1 && at.s[0] == 'o')) {
			if (d->of != NULL)
				return fail_at(d, &at, "a second outcome: "
				    "infdiag differentiates one output (of)");
			read_place(d->places, "of", at.line, at.column);
			d->of = json_string(name);
		}
		if (lex(d) != 0)
			return -1;
		if (d->tok.kind == T_EQUALS && (lex(d) != 0 || lex(d) != 0))
			return -1;
		if (d->tok.kind == T_RBRACKET)
			return lex(d);
		if (d->tok.kind != T_COMMA)
			return fail_at(d, &d->tok, "expected ',' or ']'");
	}
}

/* Reads a group: one node with its attributes, or "{a b c}"; the current
 * token is its first. */
static int
group(struct dagitty *d, json_t *g)
{
	struct token	t;

	if (d->tok.kind == T_ID) {
		t = d->tok;
		if (node(d, &t, g) != 0 || lex(d) != 0)
			return -1;
		if (d->tok.kind == T_LBRACKET)
			return attributes(d, json_string_value(json_array_get(
			    json_array_get(g, json_array_size(g) - 1), 0)));
		return 0;
	}
	if (d->tok.kind != T_LBRACE)
		return fail_at(d, &d->tok, "expected a name or '{'");
	for (;;) {
		if (lex(d) != 0)
			return -1;
		if (d->tok.kind == T_RBRACE)
			return lex(d);
		if (d->tok.kind == T_COMMA)
			continue;
		if (d->tok.kind != T_ID)
			return fail_at(d, &d->tok, "expected a name or '}'");
		t = d->tok;
		if (node(d, &t, g) != 0)
			return -1;
	}
}

/* Adds the arrows from every node of one group to every node of the
 * other, each input placed at its source. */
static void
arrows(struct dagitty *d, json_t *from, json_t *to)
{
	json_t		*src, *dst, *var, *inputs;
	size_t		 i, k;
	const char	*name;

	json_array_foreach(to, k, dst) {
		name = json_string_value(json_array_get(dst, 0));
		var = json_object_get(d->vars, name);
		if ((inputs = json_object_get(var, "inputs")) == NULL)
			inputs = read_set_new(var, "inputs", json_array());
		json_array_foreach(from, i, src) {
			read_place(d->places, read_path(&d->path, name,
			    "inputs", (long)json_array_size(inputs)),
			    (int)json_integer_value(json_array_get(src, 1)),
			    (int)json_integer_value(json_array_get(src, 2)));
			json_array_append(inputs, json_array_get(src, 0));
		}
	}
}

/* Says whether the current ID is a graph option's key ("bb=..."): the
 * next token is '=' (then the current one), else nothing is read. */
static int
option(struct dagitty *d)
{
	struct dagitty	saved = *d;

	if (lex(d) == 0 && d->tok.kind == T_EQUALS)
		return 1;
	d->p = saved.p;
	d->line = saved.line;
	d->column = saved.column;
	d->tok = saved.tok;
	return 0;
}

/* Reads a statement: a graph option "key=value", or a chain of groups
 * joined by arrows. */
static int
statement(struct dagitty *d)
{
	json_t		*left, *right;
	struct token	 op;
	int		 rc;

	if (d->tok.kind == T_ID && option(d))
		return lex(d) != 0 || lex(d) != 0 ? -1 : 0;
	left = json_array();
	rc = group(d, left);
	while (rc == 0 && (d->tok.kind == T_RIGHT || d->tok.kind == T_LEFT ||
	    d->tok.kind == T_BOTH || d->tok.kind == T_UNDIRECTED)) {
		op = d->tok;
		if (op.kind == T_BOTH || op.kind == T_UNDIRECTED) {
			rc = fail_at(d, &op, "'%s' is not a causal arrow: "
			    "infdiag reads only -> and <-", op.kind == T_BOTH ?
			    "<->" : "--");
			break;
		}
		right = json_array();
		if ((rc = lex(d)) == 0 && (rc = group(d, right)) == 0) {
			if (op.kind == T_RIGHT)
				arrows(d, left, right);
			else
				arrows(d, right, left);
		}
		json_decref(left);
		left = right;
	}
	json_decref(left);
	return rc;
}

/* Reads the statements up to the closing brace (or the end, when the
 * file has no "dag {"). */
static int
statements(struct dagitty *d, int braced)
{
	for (;;) {
		if (d->tok.kind == T_END) {
			if (braced)
				return fail_at(d, &d->tok, "expected '}' at "
				    "the end");
			return 0;
		}
		if (braced && d->tok.kind == T_RBRACE) {
			if (lex(d) != 0)
				return -1;
			if (d->tok.kind != T_END)
				return fail_at(d, &d->tok, "unexpected text "
				    "after the graph's '}'");
			return 0;
		}
		if (statement(d) != 0)
			return -1;
	}
}

/* Reads "dag { ... }" (or the statements alone) into a model document. */
json_t *
read_dagitty(const char *buf, size_t len, struct read_places *places,
    struct infdiag_error *err)
{
	struct dagitty	 d;
	json_t		*doc = NULL;
	int		 rc, braced = 0;

	memset(&d, 0, sizeof(d));
	d.p = buf;
	d.end = buf + len;
	d.line = d.column = 1;
	d.places = places;
	d.err = err;
	d.vars = json_object();
	d.origin = json_object();
	d.wrt = json_array();
	read_place(places, "variables", 1, 1);
	rc = lex(&d);
	if (rc == 0 && d.tok.kind == T_ID && d.tok.len == 3 &&
	    memcmp(d.tok.s, "dag", 3) == 0 && !d.tok.quoted) {
		if ((rc = lex(&d)) == 0 && d.tok.kind != T_LBRACE)
			rc = fail_at(&d, &d.tok, "expected '{' after "
			    "\"dag\"");
		braced = 1;
		if (rc == 0)
			rc = lex(&d);
	}
	if (rc == 0)
		rc = statements(&d, braced);
	if (rc == 0) {
		doc = json_object();
		json_object_set(doc, "variables", d.vars);
		if (d.of != NULL)
			json_object_set(doc, "of", d.of);
		if (json_array_size(d.wrt) == 1)
			json_object_set(doc, "wrt", json_array_get(d.wrt, 0));
		else if (json_array_size(d.wrt) > 1)
			json_object_set(doc, "wrt", d.wrt);
	}
	json_decref(d.vars);
	json_decref(d.origin);
	json_decref(d.of);
	json_decref(d.wrt);
	strbuf_release(&d.path);
	strbuf_release(&d.name);
	return doc;
}

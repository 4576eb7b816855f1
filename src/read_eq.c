/*
 * The equations format: one variable a line, as lecture notes write a
 * model.
 *
 *	# the ellipsoid		a comment, to the end of the line
 *	x = 2			a number: an independent variable's value
 *	t			a name alone: an independent variable
 *	f = 4*pi/3*t*x*y	an expression of the variables it names
 *	y = g(x, t)		an unknown function of variables: opaque,
 *				with fn "g" (none for "y = y(x, t)") and
 *				those inputs
 *	of: f			and wrt: x[, y...], title: and description:
 *
 * It becomes the JSON document those lines mean, each part placed at its
 * line and column for the validator's messages.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "infdiag.h"
#include "error.h"
#include "expr.h"
#include "read.h"
#include "strbuf.h"
#include "suggest.h"

/* A piece of a line: its bytes and the column it starts at. */
struct piece {
	const char	*s;
	size_t		 len;
	int		 column;
};

/* What the reader carries from line to line. */
struct eq {
	const char		*bol;	/* the line's first byte */
	int			 line;
	json_t			*doc;
	json_t			*vars;
	json_t			*wrt;
	struct read_places	*places;
	struct strbuf		 path;
	struct infdiag_error	*err;
};

static const char *const eq_keys[] = {
	"of", "wrt", "title", "description", NULL
};

/* The column of byte p of the line, in characters. */
static int
column_of(const struct eq *q, const char *p)
{
	const char	*c;
	int		 n = 1;

	for (c = q->bol; c < p; c++)
		n += ((unsigned char)*c & 0xc0) != 0x80;
	return n;
}

/* Makes a piece of [s, e) without the blanks around it. */
static struct piece
trim(const struct eq *q, const char *s, const char *e)
{
	struct piece	p;

	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	p.s = s;
	p.len = (size_t)(e - s);
	p.column = column_of(q, s);
	return p;
}

/* Fails at a column of the line with a syntax error; arg, when not
 * NULL, is quoted into the one %s of fmt. */
static int
fail_at(struct eq *q, int column, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int
fail_at(struct eq *q, int column, const char *fmt, ...)
{
	char	text[INFDIAG_ERROR_TEXT_LENGTH];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	error_set_at(q->err, q->line, column, "%s", text);
	return -1;
}

/* Says whether c may be in a name. */
static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* Says whether the piece is a signed decimal number, and reads it. */
static int
is_number(struct piece p, double *out)
{
	char	buf[64], *end;
	size_t	i;

	if (p.len == 0)
		return 0;
	i = p.s[0] == '-' || p.s[0] == '+';
	if (p.len >= sizeof(buf) || i == p.len ||
	    !((p.s[i] >= '0' && p.s[i] <= '9') || p.s[i] == '.'))
		return 0;
	for (; i < p.len; i++) {
		if (strchr("0123456789.eE+-", p.s[i]) == NULL)
			return 0;
	}
	memcpy(buf, p.s, p.len);
	buf[p.len] = '\0';
	*out = strtod(buf, &end);
	return *end == '\0' && isfinite(*out);
}

/* Accepts every name, for telling a call of a known function from one
 * of an unknown one. */
static int
any_name(void *ctx, const char *name, size_t len, uint32_t *slot,
    struct expr_error *xerr)
{
	(void)ctx, (void)name, (void)len, (void)xerr;
	*slot = 0;
	return 0;
}

/* Says whether the expression fails to parse only for an unknown
 * function: then "f(x, g)" is an opaque function of its arguments.  Out
 * of memory, the reader has failed (its places say so). */
static int
unknown_function(struct eq *q, struct piece p)
{
	struct expr_error	 xerr;
	struct expr		*e;

	memset(&xerr, 0, sizeof(xerr));
	if ((e = expr_parse(p.s, p.len, any_name, NULL, &xerr)) != NULL) {
		expr_free(e);
		return 0;
	}
	if (xerr.nomem) {
		q->places->nomem = 1;
		return 0;
	}
	/* A name the expression language suggests a correction for ("did
	 * you mean") is a mistake, not a new function. */
	return strstr(xerr.text, "unknown function") != NULL &&
	    strstr(xerr.text, "did you mean") == NULL;
}

/* Adds the opaque function call "f(a, b)" as fn and inputs, when the
 * right-hand side is one; 0 when it is not, -1 on error. */
static int
opaque_call(struct eq *q, const char *name, json_t *var, struct piece p)
{
	const char	*c = p.s, *e = p.s + p.len, *start;
	json_t		*inputs;
	struct piece	 arg;
	size_t		 n = 0;

	while (c < e && name_char(*c))
		c++;
	if (c == p.s || c == e || *c != '(' || e[-1] != ')' ||
	    !unknown_function(q, p))
		return 0;
	read_place(q->places, read_path(&q->path, name, "fn", -1), q->line,
	    p.column);
	read_place(q->places, read_path(&q->path, name, "inputs", -1),
	    q->line, column_of(q, c));
	/* "g = g(x)" is the function named after its variable, as every
	 * output writes a function without "fn". */
	if ((size_t)(c - p.s) != strlen(name) ||
	    memcmp(p.s, name, strlen(name)) != 0)
		json_object_set_new(var, "fn", json_stringn(p.s,
		    (size_t)(c - p.s)));
	inputs = read_set_new(var, "inputs", json_array());
	for (start = ++c; c < e; c++) {
		if (*c != ',' && c + 1 != e)
			continue;
		arg = trim(q, start, c);
		read_place(q->places, read_path(&q->path, name, "inputs",
		    (long)n++), q->line, arg.column);
		json_array_append_new(inputs, json_stringn(arg.s, arg.len));
		start = c + 1;
	}
	return 1;
}

/* Reads "NAME = RIGHT" (right NULL: a bare name) into a variable. */
static int
definition(struct eq *q, struct piece name, const struct piece *right)
{
	char	 n[512], qb[QUOTE_SIZE];
	json_t	*var, *old;
	double	 x;

	if (name.len == 0)
		return fail_at(q, name.column, "expected a name before '='");
	if (name.len >= sizeof(n))
		name.len = sizeof(n) - 1;
	memcpy(n, name.s, name.len);
	n[name.len] = '\0';
	if ((old = json_object_get(q->vars, n)) != NULL)
		return fail_at(q, name.column, "variable %s is defined twice",
		    quote(qb, n, strlen(n)));
	read_place(q->places, read_path(&q->path, n, NULL, -1), q->line,
	    name.column);
	var = read_set_new(q->vars, n, json_object());
	if (right == NULL)
		return 0;
	if (is_number(*right, &x)) {
		read_place(q->places, read_path(&q->path, n, "value", -1),
		    q->line, right->column);
		json_object_set_new(var, "value", json_real(x));
		return 0;
	}
	if (opaque_call(q, n, var, *right))
		return 0;
	read_place(q->places, read_path(&q->path, n, "expr", -1), q->line,
	    right->column);
	json_object_set_new(var, "expr", json_stringn(right->s, right->len));
	return 0;
}

/* Reads "wrt: a, b" into the names' array. */
static void
wrt_line(struct eq *q, struct piece p)
{
	const char	*c, *start = p.s, *e = p.s + p.len;
	struct piece	 name;

	read_place(q->places, "wrt", q->line, p.column);
	for (c = p.s; c <= e; c++) {
		if (c < e && *c != ',')
			continue;
		name = trim(q, start, c);
		strbuf_truncate(&q->path, 0);
		strbuf_addf(&q->path, "wrt[%zu]", json_array_size(q->wrt));
		read_place(q->places, strbuf_str(&q->path), q->line,
		    name.column);
		json_array_append_new(q->wrt, json_stringn(name.s, name.len));
		start = c + 1;
	}
}

/* Fails for a key that is not one: the closest suggested, or all. */
static int
unknown_key(struct eq *q, struct piece key, const char *k)
{
	size_t	i, d, best = 100, at = 0;
	char	qb[QUOTE_SIZE];

	for (i = 0; eq_keys[i] != NULL; i++) {
		if ((d = suggest_distance(k, eq_keys[i])) < best)
			best = d, at = i;
	}
	quote(qb, k, strlen(k));
	if (suggest_is_close(k, eq_keys[at], best))
		return fail_at(q, key.column, "unknown key %s (did you mean "
		    "\"%s\"?)", qb, eq_keys[at]);
	return fail_at(q, key.column, "unknown key %s (the keys are of, wrt, "
	    "title, description)", qb);
}

/* Reads "KEY: TEXT". */
static int
key_line(struct eq *q, struct piece key, struct piece text)
{
	char	k[64];

	snprintf(k, sizeof(k), "%.*s", (int)(key.len < 63 ? key.len : 63),
	    key.s);
	if (strcmp(k, "of") != 0 && strcmp(k, "wrt") != 0 &&
	    strcmp(k, "title") != 0 && strcmp(k, "description") != 0)
		return unknown_key(q, key, k);
	if (json_object_get(q->doc, k) != NULL ||
	    (strcmp(k, "wrt") == 0 && json_array_size(q->wrt) > 0))
		return fail_at(q, key.column, "\"%s\" is given twice", k);
	if (strcmp(k, "wrt") == 0) {
		wrt_line(q, text);
		return 0;
	}
	read_place(q->places, k, q->line, text.column);
	json_object_set_new(q->doc, k, json_stringn(text.s, text.len));
	return 0;
}

/* Reads one line, without its comment. */
static int
eq_line(struct eq *q, const char *s, const char *e)
{
	const char	*sep;
	struct piece	 left, right;

	for (sep = s; sep < e && *sep != '=' && *sep != ':'; sep++)
		;
	left = trim(q, s, sep);
	if (sep == e) {
		if (left.len == 0)
			return 0;
		return definition(q, left, NULL);
	}
	right = trim(q, sep + 1, e);
	if (*sep == ':')
		return key_line(q, left, right);
	return definition(q, left, &right);
}

/* Ends the document: the variables, then "wrt" as a name or an array. */
static void
eq_finish(struct eq *q)
{
	json_object_set_new(q->doc, "variables", q->vars);
	q->vars = NULL;
	if (json_array_size(q->wrt) == 1)
		json_object_set(q->doc, "wrt", json_array_get(q->wrt, 0));
	else if (json_array_size(q->wrt) > 1)
		json_object_set(q->doc, "wrt", q->wrt);
}

/* Reads an equations file into a model document. */
json_t *
read_eq(const char *buf, size_t len, struct read_places *places,
    struct infdiag_error *err)
{
	struct eq	 q;
	const char	*s = buf, *end = buf + len, *eol, *hash;
	int		 rc = 0;

	memset(&q, 0, sizeof(q));
	q.places = places;
	q.err = err;
	q.doc = json_object();
	q.vars = json_object();
	q.wrt = json_array();
	read_place(places, "variables", 1, 1);
	for (q.line = 1; s < end && rc == 0; q.line++, s = eol + 1) {
		if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
			eol = end;
		q.bol = s;
		hash = memchr(s, '#', (size_t)(eol - s));
		rc = eq_line(&q, s, hash != NULL ? hash : eol);
		if (eol == end)
			break;
	}
	if (rc == 0)
		eq_finish(&q);
	json_decref(q.vars);
	json_decref(q.wrt);
	strbuf_release(&q.path);
	if (rc != 0) {
		json_decref(q.doc);
		return NULL;
	}
	return q.doc;
}

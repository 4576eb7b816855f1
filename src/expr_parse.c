/*
 * The parser of the expression language (SPEC §2), and its guidance for
 * the common mistakes (** for ^, ln for log, a misspelt function).
 *
 * It is recursive descent over this grammar, counting nesting so
 * that no input can make it recurse through more than EXPR_MAX_DEPTH
 * levels of nesting:
 *
 *	sum	= product { ("+" | "-") product }
 *	product	= unary { ("*" | "/") unary }
 *	unary	= ("-" | "+") unary | power
 *	power	= primary [ "^" unary ]
 *	primary	= number | name | "pi" | "e" | fn "(" sum ")"
 *		| fn2 "(" sum "," sum ")" | "(" sum ")"
 *
 * where fn2 is min or max, the functions of two arguments.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "error.h"
#include "expr.h"
#include "expr_impl.h"
#include "strbuf.h"
#include "suggest.h"

enum token {
	TOK_END,
	TOK_NUM,
	TOK_NAME,
	TOK_OP			/* one of + - * / ^ ( ) , */
};

struct parser {
	const char		*src;
	size_t			 len;
	size_t			 pos;		/* where the lexer is */
	expr_resolve_fn		 resolve;
	void			*ctx;
	struct expr_error	*err;
	enum token		 tok;		/* the current token */
	size_t			 start;
	size_t			 tlen;
	double			 num;
	int			 have_prev;	/* the token before it */
	size_t			 prev_start;
	size_t			 prev_len;
};

static struct expr	*parse_sum(struct parser *, unsigned);

/* Returns the 1-based column, in code points, of byte offset pos. */
static size_t
column_of(const struct parser *p, size_t pos)
{
	size_t	i, column = 1;

	for (i = 0; i < pos && i < p->len; i++) {
		if (((unsigned char)p->src[i] & 0xc0) != 0x80)
			column++;
	}
	return column;
}

/* Fails the parse with a message about the character at byte offset pos. */
static void __attribute__((format(printf, 3, 4)))
parse_error(struct parser *p, size_t pos, const char *fmt, ...)
{
	va_list	 ap;

	if (p->err->text[0] != '\0' || p->err->nomem)
		return;
	va_start(ap, fmt);
	vsnprintf(p->err->text, sizeof p->err->text, fmt, ap);
	va_end(ap);
	p->err->column = column_of(p, pos);
}

/* Notes that memory ran out. */
static void
parse_nomem(struct parser *p)
{
	if (p->err->text[0] != '\0' || p->err->nomem)
		return;
	p->err->nomem = 1;
	p->err->column = 0;
	snprintf(p->err->text, sizeof p->err->text, "out of memory");
}

/* Describes the character at byte offset pos for a message: '#' or '\u00e9'. */
static void
describe_char(const struct parser *p, size_t pos, char *buf, size_t size)
{
	unsigned char	 c = (unsigned char)p->src[pos];
	uint32_t	 cp;

	if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\')
		snprintf(buf, size, "'%c'", c);
	else if (c == '\'' || c == '\\')
		snprintf(buf, size, "'\\%c'", c);
	else if (utf8_decode(p->src + pos, p->len - pos, &cp) == 1 &&
	    c >= 0x80)
		snprintf(buf, size, "'\\x%02x'", c);
	else if (cp > 0xffff)
		snprintf(buf, size, "'\\U%08lx'", (unsigned long)cp);
	else
		snprintf(buf, size, "'\\u%04lx'", (unsigned long)cp);
}

/* Describes a token for a message into buf (QUOTE_SIZE bytes): '+' for
 * an operator, "name" (cut if long) otherwise. */
static void
describe_token(const struct parser *p, size_t start, size_t len, char *buf)
{
	const char	*s = p->src + start;

	if (len == 1 && strchr("+-*/^(),", *s) != NULL)
		snprintf(buf, QUOTE_SIZE, "'%c'", *s);
	else
		quote(buf, s, len);
}

/* Returns the end of the digits in the source from byte offset i. */
static size_t
skip_digits(const struct parser *p, size_t i)
{
	while (i < p->len && p->src[i] >= '0' && p->src[i] <= '9')
		i++;
	return i;
}

/* Scans a number at the lexer's position; 0 or -1.  The exponent of 1e5
 * is part of it only when digits follow, so 2e is 2 then e. */
static int
lex_number(struct parser *p)
{
	const char	*s = p->src;
	size_t		 i, e;
	char		 small[64], *copy = small, q[QUOTE_SIZE];

	i = skip_digits(p, p->pos);
	if (i < p->len && s[i] == '.')
		i = skip_digits(p, i + 1);
	if (i < p->len && (s[i] == 'e' || s[i] == 'E')) {
		e = i + 1;
		if (e < p->len && (s[e] == '+' || s[e] == '-'))
			e++;
		if (skip_digits(p, e) > e)
			i = skip_digits(p, e);
	}
	p->tok = TOK_NUM;
	p->tlen = i - p->pos;
	if (p->tlen >= sizeof small)
		copy = mem_strndup(s + p->pos, p->tlen);
	else {
		memcpy(small, s + p->pos, p->tlen);
		small[p->tlen] = '\0';
	}
	if (copy == NULL) {
		parse_nomem(p);
		return -1;
	}
	p->num = strtod(copy, NULL);
	if (copy != small)
		mem_free(copy);
	p->pos = i;
	if (isfinite(p->num))
		return 0;
	parse_error(p, p->start, "number out of range %s",
	    quote(q, s + p->start, p->tlen));
	return -1;
}

/* Says whether c may start a number, looking at the character after it. */
static int
starts_number(const struct parser *p, size_t i)
{
	char	c = p->src[i];

	if (c >= '0' && c <= '9')
		return 1;
	return c == '.' && i + 1 < p->len && p->src[i + 1] >= '0' &&
	    p->src[i + 1] <= '9';
}

/* Says whether c is an ASCII letter. */
static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Moves to the next token, remembering the current one; 0 or -1. */
static int
lex(struct parser *p)
{
	const char	*s = p->src;
	char		 what[32];

	p->have_prev = 1;
	p->prev_start = p->start;
	p->prev_len = p->tlen;
	while (p->pos < p->len && strchr(" \t\n\r", s[p->pos]) != NULL &&
	    s[p->pos] != '\0')
		p->pos++;
	p->start = p->pos;
	if (p->pos == p->len) {
		p->tok = TOK_END;
		p->tlen = 0;
		return 0;
	}
	if (starts_number(p, p->pos))
		return lex_number(p);
	if (is_letter(s[p->pos])) {
		while (p->pos < p->len && (is_letter(s[p->pos]) ||
		    (s[p->pos] >= '0' && s[p->pos] <= '9') || s[p->pos] == '_'))
			p->pos++;
		p->tok = TOK_NAME;
		p->tlen = p->pos - p->start;
		return 0;
	}
	if (s[p->pos] != '\0' && strchr("+-*/^(),", s[p->pos]) != NULL) {
		p->tok = TOK_OP;
		p->tlen = 1;
		p->pos++;
		return 0;
	}
	describe_char(p, p->pos, what, sizeof what);
	parse_error(p, p->pos, "unexpected character %s", what);
	return -1;
}

/* Says whether the current token is the operator c. */
static int
at_op(const struct parser *p, char c)
{
	return p->tok == TOK_OP && p->src[p->start] == c;
}

/* Says whether the current token is the name s. */
static int
at_name(const struct parser *p, size_t start, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(p->src + start, s, len) == 0;
}

/* Fails because an operand was expected at the current token. */
static void
want_operand(struct parser *p)
{
	char	what[QUOTE_SIZE];

	if (p->tok == TOK_END && !p->have_prev) {
		parse_error(p, p->start, "empty expression");
		return;
	}
	/* Python's power: suggest the language's. */
	if (p->have_prev && at_op(p, '*') && p->prev_len == 1 &&
	    p->src[p->prev_start] == '*' && p->prev_start + 1 == p->start) {
		parse_error(p, p->prev_start, "unexpected '**' (did you mean "
		    "'^'? a power is written x^2)");
		return;
	}
	if (p->have_prev) {
		describe_token(p, p->prev_start, p->prev_len, what);
		parse_error(p, p->start, "expected an operand after %s", what);
		return;
	}
	describe_token(p, p->start, p->tlen, what);
	parse_error(p, p->start, "unexpected %s", what);
}

/* Fails because an operand ended where an operator or the end was due. */
static void
want_operator(struct parser *p)
{
	char	what[QUOTE_SIZE];

	describe_token(p, p->start, p->tlen, what);
	if (p->tok == TOK_OP && !at_op(p, '('))
		parse_error(p, p->start, "unexpected %s", what);
	else
		parse_error(p, p->start, "expected an operator before %s",
		    what);
}

/* Refuses to go one level deeper than EXPR_MAX_DEPTH; 0 or -1. */
static int
check_depth(struct parser *p, unsigned depth, size_t pos)
{
	if (depth <= EXPR_MAX_DEPTH)
		return 0;
	parse_error(p, pos, "expression nested too deeply (limit %d)",
	    EXPR_MAX_DEPTH);
	return -1;
}

/* Says how many arguments fn takes. */
static int
fn_arity(enum expr_fn fn)
{
	return fn >= EXPR_FN_BINARY ? 2 : 1;
}

/* Makes the group's tree (fn < 0) or the call of fn on its args. */
static struct expr *
group_tree(int fn, struct expr **args)
{
	if (fn < 0)
		return args[0];
	if (fn_arity(fn) == 1)
		return expr_call(fn, args[0]);
	return expr_call2(fn, args[0], args[1]);
}

/* Parses "(" sum ")" alone (fn < 0), or the arguments of the function fn,
 * "(" sum ")" or for min and max "(" sum "," sum ")", at the current "(".
 * A wrong count of arguments fails at the ")" or "," that shows it. */
static struct expr *
parse_group(struct parser *p, unsigned depth, int fn)
{
	struct expr	*args[2] = { NULL, NULL };
	size_t		 open = p->start;
	int		 n = 0, nargs = fn < 0 ? 1 : fn_arity(fn);

	if (lex(p) != 0)
		return NULL;
	while (fn < 0 || !at_op(p, ')')) {
		if ((args[n++] = parse_sum(p, depth)) == NULL)
			goto fail;
		if (fn < 0 || !at_op(p, ',') || n == nargs)
			break;
		if (lex(p) != 0)
			goto fail;
	}
	if (at_op(p, ')') && n == nargs) {
		if (lex(p) == 0)
			return group_tree(fn, args);
	} else if (fn >= 0 && (at_op(p, ')') || at_op(p, ',')))
		parse_error(p, p->start, "function \"%s\" takes %s",
		    expr_fn_name(fn), nargs == 1 ? "one argument" :
		    "two arguments");
	else if (p->tok == TOK_END)
		parse_error(p, p->start,
		    "missing ')' to close '(' at column %zu",
		    column_of(p, open));
	else
		want_operator(p);
fail:
	expr_free(args[0]);
	expr_free(args[1]);
	return NULL;
}

/* Appends the functions of the language to sb, for a message. */
static void
list_functions(struct strbuf *sb)
{
	int	fn;

	for (fn = 0; fn < EXPR_FN_BINARY; fn++)
		strbuf_addf(sb, "%s, ", expr_fn_name(fn));
	strbuf_add(sb, "and of two arguments");
	for (fn = EXPR_FN_BINARY; fn < EXPR_FN_COUNT; fn++)
		strbuf_addf(sb, "%s %s", fn == EXPR_FN_BINARY ? "" :
		    fn + 1 == EXPR_FN_COUNT ? " and" : ",", expr_fn_name(fn));
}

/* Other names of the language's functions, and what the suggestion adds. */
static const struct {
	const char	*name;
	const char	*meant;
	const char	*why;
} fn_aliases[] = {
	{ "ln", "log", "? log is the natural logarithm" },
	{ "logistic", "sigmoid", "? sigmoid is the logistic function" },
};

/* The function the name at start was meant to be: the same but for case
 * ("ReLU"), else the closest within two edits that keeps at least two of
 * the name's characters ("sinn", not "log" for "foo"); NULL when none
 * is. */
static const char *
meant_function(const struct parser *p, size_t start, size_t len)
{
	char		 name[32];
	const char	*best = NULL;
	size_t		 d, best_d = SIZE_MAX;
	int		 fn;

	for (fn = 0; fn < EXPR_FN_COUNT; fn++) {
		if (strlen(expr_fn_name(fn)) == len &&
		    strncasecmp(p->src + start, expr_fn_name(fn), len) == 0)
			return expr_fn_name(fn);
	}
	if (len >= sizeof name)
		return NULL;
	memcpy(name, p->src + start, len);
	name[len] = '\0';
	for (fn = 0; fn < EXPR_FN_COUNT; fn++) {
		if ((d = suggest_distance(name, expr_fn_name(fn))) < best_d) {
			best_d = d;
			best = expr_fn_name(fn);
		}
	}
	return best_d <= 2 && best_d + 1 < len ? best : NULL;
}

/* Fails because the name at start is not a function: suggests the one
 * meant ("ln" is log, "sinn" sin), else lists them all. */
static void
unknown_function(struct parser *p, size_t start, size_t len)
{
	struct strbuf	 sb = STRBUF_INIT;
	char		 q[QUOTE_SIZE];
	const char	*meant;
	size_t		 i;

	quote(q, p->src + start, len);
	for (i = 0; i < sizeof fn_aliases / sizeof fn_aliases[0]; i++) {
		if (at_name(p, start, len, fn_aliases[i].name)) {
			parse_error(p, start, "unknown function %s (did you "
			    "mean \"%s\"%s)", q, fn_aliases[i].meant,
			    fn_aliases[i].why);
			return;
		}
	}
	if ((meant = meant_function(p, start, len)) != NULL) {
		parse_error(p, start, "unknown function %s (did you mean "
		    "\"%s\"?)", q, meant);
		return;
	}
	list_functions(&sb);
	if (strbuf_failed(&sb))
		parse_nomem(p);
	else
		parse_error(p, start, "unknown function %s (the functions "
		    "are %s)", q, strbuf_str(&sb));
	strbuf_release(&sb);
}

/* Parses a function call whose name has been read, at the current "(". */
static struct expr *
parse_call(struct parser *p, unsigned depth, size_t start, size_t len)
{
	int	fn;

	for (fn = 0; fn < EXPR_FN_COUNT; fn++) {
		if (at_name(p, start, len, expr_fn_name(fn)))
			break;
	}
	if (fn == EXPR_FN_COUNT) {
		unknown_function(p, start, len);
		return NULL;
	}
	if (check_depth(p, depth + 1, start) != 0)
		return NULL;
	return parse_group(p, depth + 1, fn);
}

/* Says whether the name at start is a constant's or a function's. */
static int
reserved(const struct parser *p, size_t start, size_t len)
{
	int	fn;

	if (at_name(p, start, len, "pi") || at_name(p, start, len, "e"))
		return 1;
	for (fn = 0; fn < EXPR_FN_COUNT; fn++) {
		if (at_name(p, start, len, expr_fn_name(fn)))
			return 1;
	}
	return 0;
}

/* Parses a name: a function call, a constant or an input. */
static struct expr *
parse_name(struct parser *p, unsigned depth)
{
	size_t		 start = p->start, len = p->tlen;
	uint32_t	 slot = 0;
	char		 q[QUOTE_SIZE];
	int		 fn;

	if (lex(p) != 0)
		return NULL;
	if (at_op(p, '('))
		return parse_call(p, depth, start, len);
	/* A variable of the model may be called pi, e or like a function:
	 * the variable wins, and the name means the constant (or needs its
	 * parenthesis) only when it is not a variable the resolver knows. */
	if (p->resolve != NULL && reserved(p, start, len)) {
		if (p->resolve(p->ctx, p->src + start, len, &slot, p->err) == 0)
			return expr_var(slot);
		if (p->err->nomem)
			return NULL;
		p->err->text[0] = '\0';
	}
	for (fn = 0; fn < EXPR_FN_COUNT; fn++) {
		if (at_name(p, start, len, expr_fn_name(fn))) {
			parse_error(p, p->start, "expected '(' after \"%s\"",
			    expr_fn_name(fn));
			return NULL;
		}
	}
	if (at_name(p, start, len, "pi"))
		return expr_const(EXPR_PI);
	if (at_name(p, start, len, "e"))
		return expr_const(EXPR_E);
	if (p->resolve == NULL) {
		parse_error(p, start, "unknown name %s",
		    quote(q, p->src + start, len));
		return NULL;
	}
	if (p->resolve(p->ctx, p->src + start, len, &slot, p->err) != 0) {
		if (p->err->text[0] == '\0' && !p->err->nomem)
			snprintf(p->err->text, sizeof p->err->text,
			    "unknown name %s", quote(q, p->src + start, len));
		p->err->column = p->err->nomem ? 0 : column_of(p, start);
		return NULL;
	}
	return expr_var(slot);
}

/* Parses a number, a name, a call or a parenthesised sum. */
static struct expr *
parse_primary(struct parser *p, unsigned depth)
{
	struct expr	*e;

	if (p->tok == TOK_NUM) {
		e = expr_num(p->num);
		if (lex(p) != 0) {
			expr_free(e);
			return NULL;
		}
		return e;
	}
	if (p->tok == TOK_NAME)
		return parse_name(p, depth);
	if (at_op(p, '(')) {
		if (check_depth(p, depth + 1, p->start) != 0)
			return NULL;
		return parse_group(p, depth + 1, -1);
	}
	want_operand(p);
	return NULL;
}

/* Parses a unary minus or plus, or a power. */
static struct expr *
parse_unary(struct parser *p, unsigned depth)
{
	struct expr	*base, *exponent;
	int		 minus;

	if (at_op(p, '-') || at_op(p, '+')) {
		minus = at_op(p, '-');
		if (check_depth(p, depth + 1, p->start) != 0 || lex(p) != 0)
			return NULL;
		base = parse_unary(p, depth + 1);
		return minus ? expr_neg(base) : base;
	}
	if ((base = parse_primary(p, depth)) == NULL || !at_op(p, '^'))
		return base;
	if (check_depth(p, depth + 1, p->start) != 0 || lex(p) != 0) {
		expr_free(base);
		return NULL;
	}
	if ((exponent = parse_unary(p, depth + 1)) == NULL) {
		expr_free(base);
		return NULL;
	}
	return expr_pow(base, exponent);
}

/* Parses a chain of operands joined by two operators of one precedence:
 * a sum (ops "+-") or a product (ops "*" "/"). */
static struct expr *
parse_chain(struct parser *p, unsigned depth, enum expr_kind kind)
{
	struct expr_list	 l = { 0 };
	struct expr		*e;
	char			 first = kind == EXPR_SUM ? '+' : '*';
	char			 second = kind == EXPR_SUM ? '-' : '/';
	int			 inv = 0;

	for (;;) {
		e = kind == EXPR_SUM ? parse_chain(p, depth, EXPR_PROD) :
		    parse_unary(p, depth);
		if (e != NULL && inv && kind == EXPR_SUM)
			e = expr_neg(e);
		expr_list_push(&l, e, inv && kind == EXPR_PROD);
		if (l.failed)
			break;
		if (!at_op(p, first) && !at_op(p, second))
			return expr_list_finish(&l, kind);
		inv = at_op(p, second);
		if (lex(p) != 0)
			break;
	}
	expr_list_release(&l);
	return NULL;
}

/* Parses a sum. */
static struct expr *
parse_sum(struct parser *p, unsigned depth)
{
	return parse_chain(p, depth, EXPR_SUM);
}

/* Parses len bytes of src into a new tree, or fills err and returns NULL. */
struct expr *
expr_parse(const char *src, size_t len, expr_resolve_fn resolve, void *ctx,
    struct expr_error *err)
{
	struct parser	 p;
	struct expr	*e;

	memset(&p, 0, sizeof p);
	memset(err, 0, sizeof *err);
	p.src = src;
	p.len = len;
	p.resolve = resolve;
	p.ctx = ctx;
	p.err = err;
	if (lex(&p) != 0)
		return NULL;
	p.have_prev = 0;
	if ((e = parse_sum(&p, 0)) == NULL) {
		if (err->text[0] == '\0')
			parse_nomem(&p);
		return NULL;
	}
	if (p.tok != TOK_END) {
		want_operator(&p);
		expr_free(e);
		return NULL;
	}
	return e;
}

/*
 * LaTeX commands: the one table of the commands infdiag knows, and the
 * check of a model's "latex" key against it (SPEC 5.1).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "notation.h"

/*
 * The LaTeX commands infdiag knows, in one table sorted by name (bytes):
 * the MathML converter reads it to convert the notation's LaTeX, the
 * symbols made from names take their Greek letters from it, the diagrams
 * their letters and accents, and a model's "latex" key may use only the
 * commands marked as symbols: Greek letters and a few letter-like
 * symbols, accents, fonts, spaces and escaped braces.  An accent's last
 * field is its Unicode combining mark (U+0302 for \hat).
 */
static const struct tex_command tex_commands[] = {
	{ " ", TEX_SPACE, "0.25em", 1, NULL },
	{ "!", TEX_IGNORED, NULL, 1, NULL },
	{ "#", TEX_OPERATOR, "#", 0, NULL },
	{ "%", TEX_OPERATOR, "%", 0, NULL },
	{ "&", TEX_OPERATOR, "&", 0, NULL },
	{ ",", TEX_SPACE, "0.1667em", 1, NULL },
	{ ":", TEX_SPACE, "0.2222em", 1, NULL },
	{ ";", TEX_SPACE, "0.2778em", 1, NULL },
	{ "Delta", TEX_GREEK, "Δ", 1, NULL },
	{ "Gamma", TEX_GREEK, "Γ", 1, NULL },
	{ "Lambda", TEX_GREEK, "Λ", 1, NULL },
	{ "Omega", TEX_GREEK, "Ω", 1, NULL },
	{ "Phi", TEX_GREEK, "Φ", 1, NULL },
	{ "Pi", TEX_GREEK, "Π", 1, NULL },
	{ "Psi", TEX_GREEK, "Ψ", 1, NULL },
	{ "Sigma", TEX_GREEK, "Σ", 1, NULL },
	{ "Theta", TEX_GREEK, "Θ", 1, NULL },
	{ "Upsilon", TEX_GREEK, "Υ", 1, NULL },
	{ "Xi", TEX_GREEK, "Ξ", 1, NULL },
	{ "\\", TEX_IGNORED, NULL, 0, NULL },
	{ "_", TEX_IDENT, "_", 1, NULL },
	{ "alpha", TEX_GREEK, "α", 1, NULL },
	{ "approx", TEX_OPERATOR, "≈", 0, NULL },
	{ "bar", TEX_ACCENT, "¯", 1, "\xcc\x84" },
	{ "beta", TEX_GREEK, "β", 1, NULL },
	{ "boldsymbol", TEX_FONT, NULL, 1, NULL },
	{ "cdot", TEX_OPERATOR, "·", 0, NULL },
	{ "cdots", TEX_OPERATOR, "⋯", 0, NULL },
	{ "chi", TEX_GREEK, "χ", 1, NULL },
	{ "cos", TEX_FUNCTION, NULL, 0, NULL },
	{ "cosh", TEX_FUNCTION, NULL, 0, NULL },
	{ "ddot", TEX_ACCENT, "¨", 1, "\xcc\x88" },
	{ "delta", TEX_GREEK, "δ", 1, NULL },
	{ "det", TEX_FUNCTION, NULL, 0, NULL },
	{ "dfrac", TEX_FRAC, NULL, 0, NULL },
	{ "displaystyle", TEX_IGNORED, NULL, 0, NULL },
	{ "dot", TEX_ACCENT, "˙", 1, "\xcc\x87" },
	{ "ell", TEX_IDENT, "ℓ", 1, NULL },
	{ "epsilon", TEX_GREEK, "ϵ", 1, NULL },
	{ "eta", TEX_GREEK, "η", 1, NULL },
	{ "exp", TEX_FUNCTION, NULL, 0, NULL },
	{ "frac", TEX_FRAC, NULL, 0, NULL },
	{ "gamma", TEX_GREEK, "γ", 1, NULL },
	{ "geq", TEX_OPERATOR, "≥", 0, NULL },
	{ "gets", TEX_OPERATOR, "←", 0, NULL },
	{ "hat", TEX_ACCENT, "^", 1, "\xcc\x82" },
	{ "infty", TEX_IDENT, "∞", 1, NULL },
	{ "iota", TEX_GREEK, "ι", 1, NULL },
	{ "kappa", TEX_GREEK, "κ", 1, NULL },
	{ "lambda", TEX_GREEK, "λ", 1, NULL },
	{ "ldots", TEX_OPERATOR, "…", 0, NULL },
	{ "left", TEX_DELIMITER, NULL, 0, NULL },
	{ "leftarrow", TEX_OPERATOR, "←", 0, NULL },
	{ "leq", TEX_OPERATOR, "≤", 0, NULL },
	{ "ln", TEX_FUNCTION, NULL, 0, NULL },
	{ "log", TEX_FUNCTION, NULL, 0, NULL },
	{ "mathbf", TEX_FONT, NULL, 1, NULL },
	{ "mathcal", TEX_FONT, NULL, 1, NULL },
	{ "mathit", TEX_FONT, NULL, 1, NULL },
	{ "mathrm", TEX_UPRIGHT, NULL, 1, NULL },
	{ "mathsf", TEX_FONT, NULL, 1, NULL },
	{ "max", TEX_FUNCTION, NULL, 0, NULL },
	{ "mbox", TEX_TEXT, NULL, 0, NULL },
	{ "min", TEX_FUNCTION, NULL, 0, NULL },
	{ "mp", TEX_OPERATOR, "∓", 0, NULL },
	{ "mu", TEX_GREEK, "μ", 1, NULL },
	{ "nabla", TEX_IDENT, "∇", 1, NULL },
	{ "neq", TEX_OPERATOR, "≠", 0, NULL },
	{ "nu", TEX_GREEK, "ν", 1, NULL },
	{ "omega", TEX_GREEK, "ω", 1, NULL },
	{ "operatorname", TEX_UPRIGHT, NULL, 1, NULL },
	{ "overline", TEX_ACCENT, "¯", 1, "\xcc\x85" },
	{ "partial", TEX_IDENT, "∂", 1, NULL },
	{ "phi", TEX_GREEK, "ϕ", 1, NULL },
	{ "pi", TEX_GREEK, "π", 1, NULL },
	{ "pm", TEX_OPERATOR, "±", 0, NULL },
	{ "prime", TEX_OPERATOR, "′", 1, NULL },
	{ "prod", TEX_OPERATOR, "∏", 0, NULL },
	{ "psi", TEX_GREEK, "ψ", 1, NULL },
	{ "qquad", TEX_SPACE, "2em", 1, NULL },
	{ "quad", TEX_SPACE, "1em", 1, NULL },
	{ "rho", TEX_GREEK, "ρ", 1, NULL },
	{ "right", TEX_DELIMITER, NULL, 0, NULL },
	{ "rightarrow", TEX_OPERATOR, "→", 0, NULL },
	{ "sigma", TEX_GREEK, "σ", 1, NULL },
	{ "sin", TEX_FUNCTION, NULL, 0, NULL },
	{ "sinh", TEX_FUNCTION, NULL, 0, NULL },
	{ "sqrt", TEX_SQRT, NULL, 0, NULL },
	{ "sum", TEX_OPERATOR, "∑", 0, NULL },
	{ "tan", TEX_FUNCTION, NULL, 0, NULL },
	{ "tanh", TEX_FUNCTION, NULL, 0, NULL },
	{ "tau", TEX_GREEK, "τ", 1, NULL },
	{ "text", TEX_TEXT, NULL, 0, NULL },
	{ "theta", TEX_GREEK, "θ", 1, NULL },
	{ "tilde", TEX_ACCENT, "˜", 1, "\xcc\x83" },
	{ "times", TEX_OPERATOR, "×", 0, NULL },
	{ "to", TEX_OPERATOR, "→", 0, NULL },
	{ "tr", TEX_FUNCTION, NULL, 0, NULL },
	{ "upsilon", TEX_GREEK, "υ", 1, NULL },
	{ "varepsilon", TEX_GREEK, "ε", 1, NULL },
	{ "varphi", TEX_GREEK, "φ", 1, NULL },
	{ "varpi", TEX_GREEK, "ϖ", 1, NULL },
	{ "varrho", TEX_GREEK, "ϱ", 1, NULL },
	{ "varsigma", TEX_GREEK, "ς", 1, NULL },
	{ "vartheta", TEX_GREEK, "ϑ", 1, NULL },
	{ "vec", TEX_ACCENT, "→", 1, "\xe2\x83\x97" },
	{ "widehat", TEX_ACCENT, "^", 1, "\xcc\x82" },
	{ "widetilde", TEX_ACCENT, "˜", 1, "\xcc\x83" },
	{ "xi", TEX_GREEK, "ξ", 1, NULL },
	{ "zeta", TEX_GREEK, "ζ", 1, NULL },
	{ "{", TEX_OPERATOR, "{", 1, NULL },
	{ "|", TEX_OPERATOR, "‖", 1, NULL },
	{ "}", TEX_OPERATOR, "}", 1, NULL },
};

#define NCOMMANDS	(sizeof(tex_commands) / sizeof(tex_commands[0]))

/* The key of a search: a name of len bytes, not terminated. */
struct tex_key {
	const char	*name;
	size_t		 len;
};

/* Orders a key before, at or after a command of the table. */
static int
tex_compare(const void *key, const void *entry)
{
	const struct tex_key		*k = key;
	const struct tex_command	*t = entry;
	int				 r;

	if ((r = strncmp(k->name, t->name, k->len)) != 0)
		return r;
	return t->name[k->len] == '\0' ? 0 : -1;
}

/* Finds the command of len bytes (its name without the backslash) by
 * binary search; NULL when infdiag does not know it. */
const struct tex_command *
tex_command_find(const char *name, size_t len)
{
	struct tex_key	key = { name, len };

	if (len == 0 || memchr(name, '\0', len) != NULL)
		return NULL;
	return bsearch(&key, tex_commands, NCOMMANDS, sizeof(tex_commands[0]),
	    tex_compare);
}

/* The Greek letter (or other symbol) of the table written as the n bytes
 * at s, or NULL. */
const struct tex_command *
tex_command_of_char(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < NCOMMANDS; i++) {
		if (tex_commands[i].symbol && tex_commands[i].text != NULL &&
		    (tex_commands[i].kind == TEX_GREEK ||
		    tex_commands[i].kind == TEX_IDENT) &&
		    strlen(tex_commands[i].text) == n &&
		    memcmp(tex_commands[i].text, s, n) == 0)
			return &tex_commands[i];
	}
	return NULL;
}

/*
 * Checking a model's "latex" key.  The key is copied into every formula,
 * so it must not be able to do anything but spell a symbol: no character
 * that leaves mathematics, comments out, aligns or spells another
 * character; only the commands of the table marked as symbols; balanced
 * braces, and every script and accent with its argument, so that the
 * formulas around it still compile.
 */

/* How deep the braces of a "latex" key may nest. */
#define LATEX_MAX_DEPTH	32

struct latex_check {
	const char	*start;
	const char	*s;
	int		 depth;
	char		*why;
	size_t		 size;
};

static int	lc_list(struct latex_check *, const char *open);

/* Records the reason, at the column of at; returns -1. */
static int __attribute__((format(printf, 3, 4)))
lc_fail(struct latex_check *c, const char *at, const char *fmt, ...)
{
	char	text[INFDIAG_ERROR_TEXT_LENGTH];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	snprintf(c->why, c->size, "column %zu: %s", (size_t)(at - c->start) +
	    1, text);
	return -1;
}


/* Rejects a character outside printable ASCII, suggesting the command of
 * a Greek letter written as itself. */
static int
lc_not_ascii(struct latex_check *c, const char *p)
{
	const struct tex_command	*t;
	uint32_t			 cp;
	size_t				 n;
	char				 q[QUOTE_SIZE];

	if (*p == '\n' || *p == '\r')
		return lc_fail(c, p, "a line break is not allowed");
	if ((unsigned char)*p < 0x80)
		return lc_fail(c, p, "control character \\u%04x is not "
		    "allowed", (unsigned)(unsigned char)*p);
	n = utf8_decode(p, strlen(p), &cp);
	if ((t = tex_command_of_char(p, n)) != NULL)
		return lc_fail(c, p, "%s is not allowed: write \\%s",
		    quote(q, p, n), t->name);
	return lc_fail(c, p, "non-ASCII character %s is not allowed: "
	    "pdflatex cannot set it in mathematics", quote(q, p, n));
}

/* Rejects the first character no symbol may have. */
static int
lc_chars(struct latex_check *c)
{
	const char	*p;

	for (p = c->start; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			return lc_not_ascii(c, p);
		switch (*p) {
		case '%':
			return lc_fail(c, p, "'%%' is not allowed: it starts "
			    "a comment");
		case '$':
			return lc_fail(c, p, "'$' is not allowed: it leaves "
			    "mathematics");
		case '#':
			return lc_fail(c, p, "'#' is not allowed: it is a "
			    "macro parameter");
		case '&':
			return lc_fail(c, p, "'&' is not allowed: it is an "
			    "alignment tab");
		case '~':
			return lc_fail(c, p, "'~' is not allowed: it is a "
			    "space in text, not mathematics");
		case '^':
			if (p[1] == '^')
				return lc_fail(c, p, "'^^' is not allowed: it "
				    "writes a character by its code");
			break;
		}
	}
	return 0;
}

static void
lc_skip_space(struct latex_check *c)
{
	while (*c->s == ' ')
		c->s++;
}

/* Reads the command after a backslash at at; NULL (with the reason) when
 * a symbol may not use it. */
static const struct tex_command *
lc_command_name(struct latex_check *c, const char *at)
{
	const struct tex_command	*t;
	const char			*name = c->s;
	size_t				 len;

	while ((*c->s >= 'a' && *c->s <= 'z') || (*c->s >= 'A' && *c->s <= 'Z'))
		c->s++;
	if (c->s == name && *c->s != '\0')
		c->s++;		/* a one-character command: \, \{ */
	len = (size_t)(c->s - name);
	if (len == 0) {
		lc_fail(c, at, "a backslash ends the symbol");
		return NULL;
	}
	if ((t = tex_command_find(name, len)) == NULL || !t->symbol) {
		lc_fail(c, at, "\\%.*s%s is not allowed: a symbol may use only "
		    "Greek letters, accents such as \\hat, fonts such as "
		    "\\mathbf, and spaces", len > QUOTE_MAX ? QUOTE_MAX :
		    (int)len, name, len > QUOTE_MAX ? "..." : "");
		return NULL;
	}
	return t;
}

/* Says whether a command takes an argument. */
static int
tex_takes_argument(const struct tex_command *t)
{
	return t->kind == TEX_ACCENT || t->kind == TEX_UPRIGHT ||
	    t->kind == TEX_FONT;
}

/* Checks a group; the brace at c->s is read here. */
static int
lc_group(struct latex_check *c)
{
	const char	*open = c->s;
	int		 rc;

	if (c->depth >= LATEX_MAX_DEPTH)
		return lc_fail(c, open, "braces nested more than %d deep",
		    LATEX_MAX_DEPTH);
	c->depth++;
	c->s++;
	rc = lc_list(c, open);
	c->depth--;
	return rc;
}

/* Checks the argument of a script or a command at at (what names it): a
 * group, one character, or a command that takes none. */
static int
lc_arg(struct latex_check *c, const char *at, const char *what)
{
	const struct tex_command	*t;
	const char			*cmd;

	lc_skip_space(c);
	switch (*c->s) {
	case '{':
		return lc_group(c);
	case '\\':
		cmd = c->s++;
		if ((t = lc_command_name(c, cmd)) == NULL)
			return -1;
		if (tex_takes_argument(t))
			return lc_fail(c, at, "%s needs braces around \\%s and "
			    "its argument", what, t->name);
		return 0;
	case '\0': case '}': case '_': case '^': case '\'':
		return lc_fail(c, at, "%s has no argument", what);
	}
	c->s++;
	return 0;
}

/* Checks an atom: a group, a command with its argument, a character. */
static int
lc_atom(struct latex_check *c)
{
	const struct tex_command	*t;
	const char			*at = c->s;
	char				 what[QUOTE_MAX + 8];

	switch (*c->s) {
	case '{':
		return lc_group(c);
	case '\\':
		c->s++;
		if ((t = lc_command_name(c, at)) == NULL)
			return -1;
		if (!tex_takes_argument(t))
			return 0;
		snprintf(what, sizeof(what), "\\%s", t->name);
		return lc_arg(c, at, what);
	case '_': case '^': case '\'':
		return lc_fail(c, at, "'%c' has nothing before it to attach "
		    "to", *c->s);
	}
	c->s++;
	return 0;
}

/* Checks the subscript, superscript and primes after an atom: at most one
 * of each, as TeX allows (primes followed by '^' make one superscript). */
static int
lc_scripts(struct latex_check *c)
{
	const char	*at;
	int		 sub = 0, sup = 0, prime = 0;

	for (;;) {
		lc_skip_space(c);
		at = c->s;
		if (*at == '\'') {
			if (sup && !prime)
				return lc_fail(c, at, "double superscript");
			sup = prime = 1;
			c->s++;
		} else if (*at == '_' || *at == '^') {
			if (*at == '_' ? sub : sup && !prime)
				return lc_fail(c, at, "double %s", *at == '_' ?
				    "subscript" : "superscript");
			if (*at == '_')
				sub = 1;
			sup |= *at == '^';
			prime = 0;
			c->s++;
			if (lc_arg(c, at, *at == '_' ? "'_'" : "'^'") != 0)
				return -1;
		} else
			return 0;
	}
}

/* Checks atoms up to the end, or inside the group opened at open up to
 * its closing brace. */
static int
lc_list(struct latex_check *c, const char *open)
{
	for (;;) {
		lc_skip_space(c);
		if (*c->s == '\0') {
			if (open == NULL)
				return 0;
			return lc_fail(c, open, "'{' is never closed");
		}
		if (*c->s == '}') {
			if (open == NULL)
				return lc_fail(c, c->s, "'}' closes nothing");
			c->s++;
			return 0;
		}
		if (lc_atom(c) != 0 || lc_scripts(c) != 0)
			return -1;
	}
}

/* Checks a model's "latex" key. */
int
note_latex_check(const char *s, char *why, size_t size)
{
	struct latex_check	c = { s, s, 0, why, size };

	if (*s == '\0') {
		snprintf(why, size, "an empty symbol: leave the key out for "
		    "the one made from the name");
		return -1;
	}
	if (lc_chars(&c) != 0 || lc_list(&c, NULL) != 0)
		return -1;
	return 0;
}

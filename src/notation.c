/*
 * The notation of the calculus, in three styles.
 */
#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "model.h"
#include "notation.h"
#include "strbuf.h"

/*
 * The LaTeX symbols of a model's variables, spelled once: v's is
 * latex[off[v] .. off[v + 1]).  A symbol appears in every local
 * derivative, rule and accumulation equation it takes part in, so a
 * writer would otherwise spell each one over and over.  (The text symbol
 * is the name itself: there is nothing to spell.)
 */
struct note_symbols {
	size_t	*off;
	char	*latex;
};

/* Stands for "the table could not be made": spell each symbol instead. */
static struct note_symbols no_symbols;

/*
 * The LaTeX commands infdiag knows, in one table: the MathML converter
 * reads it to convert the notation's LaTeX, the symbols made from names
 * take their Greek letters from it, and a model's "latex" key may use
 * only the commands marked as symbols (SPEC 5.1): Greek letters and a few
 * letter-like symbols, accents, fonts, spaces and escaped braces.
 */
static const struct tex_command tex_commands[] = {
	{ "alpha", TEX_GREEK, "α", 1 }, { "beta", TEX_GREEK, "β", 1 },
	{ "gamma", TEX_GREEK, "γ", 1 }, { "delta", TEX_GREEK, "δ", 1 },
	{ "epsilon", TEX_GREEK, "ϵ", 1 }, { "varepsilon", TEX_GREEK, "ε", 1 },
	{ "zeta", TEX_GREEK, "ζ", 1 }, { "eta", TEX_GREEK, "η", 1 },
	{ "theta", TEX_GREEK, "θ", 1 }, { "vartheta", TEX_GREEK, "ϑ", 1 },
	{ "iota", TEX_GREEK, "ι", 1 }, { "kappa", TEX_GREEK, "κ", 1 },
	{ "lambda", TEX_GREEK, "λ", 1 }, { "mu", TEX_GREEK, "μ", 1 },
	{ "nu", TEX_GREEK, "ν", 1 }, { "xi", TEX_GREEK, "ξ", 1 },
	{ "pi", TEX_GREEK, "π", 1 }, { "varpi", TEX_GREEK, "ϖ", 1 },
	{ "rho", TEX_GREEK, "ρ", 1 }, { "varrho", TEX_GREEK, "ϱ", 1 },
	{ "sigma", TEX_GREEK, "σ", 1 }, { "varsigma", TEX_GREEK, "ς", 1 },
	{ "tau", TEX_GREEK, "τ", 1 }, { "upsilon", TEX_GREEK, "υ", 1 },
	{ "phi", TEX_GREEK, "ϕ", 1 }, { "varphi", TEX_GREEK, "φ", 1 },
	{ "chi", TEX_GREEK, "χ", 1 }, { "psi", TEX_GREEK, "ψ", 1 },
	{ "omega", TEX_GREEK, "ω", 1 }, { "Gamma", TEX_GREEK, "Γ", 1 },
	{ "Delta", TEX_GREEK, "Δ", 1 }, { "Theta", TEX_GREEK, "Θ", 1 },
	{ "Lambda", TEX_GREEK, "Λ", 1 }, { "Xi", TEX_GREEK, "Ξ", 1 },
	{ "Pi", TEX_GREEK, "Π", 1 }, { "Sigma", TEX_GREEK, "Σ", 1 },
	{ "Upsilon", TEX_GREEK, "Υ", 1 }, { "Phi", TEX_GREEK, "Φ", 1 },
	{ "Psi", TEX_GREEK, "Ψ", 1 }, { "Omega", TEX_GREEK, "Ω", 1 },
	{ "partial", TEX_IDENT, "∂", 1 }, { "nabla", TEX_IDENT, "∇", 1 },
	{ "infty", TEX_IDENT, "∞", 1 }, { "ell", TEX_IDENT, "ℓ", 1 },
	{ "prime", TEX_OPERATOR, "′", 1 }, { "{", TEX_OPERATOR, "{", 1 },
	{ "}", TEX_OPERATOR, "}", 1 }, { "|", TEX_OPERATOR, "‖", 1 },
	{ "_", TEX_IDENT, "_", 1 },
	{ "hat", TEX_ACCENT, "^", 1 }, { "widehat", TEX_ACCENT, "^", 1 },
	{ "tilde", TEX_ACCENT, "˜", 1 }, { "widetilde", TEX_ACCENT, "˜", 1 },
	{ "bar", TEX_ACCENT, "¯", 1 }, { "overline", TEX_ACCENT, "¯", 1 },
	{ "vec", TEX_ACCENT, "→", 1 }, { "dot", TEX_ACCENT, "˙", 1 },
	{ "ddot", TEX_ACCENT, "¨", 1 },
	{ "mathrm", TEX_UPRIGHT, NULL, 1 },
	{ "operatorname", TEX_UPRIGHT, NULL, 1 },
	{ "mathit", TEX_FONT, NULL, 1 }, { "mathbf", TEX_FONT, NULL, 1 },
	{ "boldsymbol", TEX_FONT, NULL, 1 }, { "mathsf", TEX_FONT, NULL, 1 },
	{ "mathcal", TEX_FONT, NULL, 1 },
	{ ",", TEX_SPACE, "0.1667em", 1 }, { ":", TEX_SPACE, "0.2222em", 1 },
	{ ";", TEX_SPACE, "0.2778em", 1 }, { " ", TEX_SPACE, "0.25em", 1 },
	{ "quad", TEX_SPACE, "1em", 1 }, { "qquad", TEX_SPACE, "2em", 1 },
	{ "!", TEX_IGNORED, NULL, 1 },
	/* The notation's own commands, not for symbols. */
	{ "cdot", TEX_OPERATOR, "·", 0 }, { "times", TEX_OPERATOR, "×", 0 },
	{ "to", TEX_OPERATOR, "→", 0 }, { "rightarrow", TEX_OPERATOR, "→", 0 },
	{ "leftarrow", TEX_OPERATOR, "←", 0 }, { "gets", TEX_OPERATOR, "←", 0 },
	{ "pm", TEX_OPERATOR, "±", 0 }, { "mp", TEX_OPERATOR, "∓", 0 },
	{ "leq", TEX_OPERATOR, "≤", 0 }, { "geq", TEX_OPERATOR, "≥", 0 },
	{ "neq", TEX_OPERATOR, "≠", 0 }, { "approx", TEX_OPERATOR, "≈", 0 },
	{ "sum", TEX_OPERATOR, "∑", 0 }, { "prod", TEX_OPERATOR, "∏", 0 },
	{ "ldots", TEX_OPERATOR, "…", 0 }, { "cdots", TEX_OPERATOR, "⋯", 0 },
	{ "%", TEX_OPERATOR, "%", 0 }, { "#", TEX_OPERATOR, "#", 0 },
	{ "&", TEX_OPERATOR, "&", 0 },
	{ "exp", TEX_FUNCTION, NULL, 0 }, { "log", TEX_FUNCTION, NULL, 0 },
	{ "ln", TEX_FUNCTION, NULL, 0 }, { "sin", TEX_FUNCTION, NULL, 0 },
	{ "cos", TEX_FUNCTION, NULL, 0 }, { "tan", TEX_FUNCTION, NULL, 0 },
	{ "tanh", TEX_FUNCTION, NULL, 0 }, { "sinh", TEX_FUNCTION, NULL, 0 },
	{ "cosh", TEX_FUNCTION, NULL, 0 }, { "max", TEX_FUNCTION, NULL, 0 },
	{ "min", TEX_FUNCTION, NULL, 0 }, { "det", TEX_FUNCTION, NULL, 0 },
	{ "tr", TEX_FUNCTION, NULL, 0 },
	{ "frac", TEX_FRAC, NULL, 0 }, { "dfrac", TEX_FRAC, NULL, 0 },
	{ "sqrt", TEX_SQRT, NULL, 0 }, { "left", TEX_DELIMITER, NULL, 0 },
	{ "right", TEX_DELIMITER, NULL, 0 }, { "text", TEX_TEXT, NULL, 0 },
	{ "mbox", TEX_TEXT, NULL, 0 }, { "\\", TEX_IGNORED, NULL, 0 },
	{ "displaystyle", TEX_IGNORED, NULL, 0 }
};

/* Finds the command of len bytes (its name without the backslash); NULL
 * when infdiag does not know it. */
const struct tex_command *
tex_command_find(const char *name, size_t len)
{
	size_t	i;

	if (len == 0)
		return NULL;
	for (i = 0; i < sizeof(tex_commands) / sizeof(tex_commands[0]); i++) {
		if (tex_commands[i].name[0] == name[0] &&
		    strncmp(tex_commands[i].name, name, len) == 0 &&
		    tex_commands[i].name[len] == '\0')
			return &tex_commands[i];
	}
	return NULL;
}

/* Says whether the len bytes at s name a Greek letter LaTeX knows (a
 * single letter never does). */
static int
is_greek(const char *s, size_t len)
{
	const struct tex_command	*c;

	return len > 1 && (c = tex_command_find(s, len)) != NULL &&
	    c->kind == TEX_GREEK;
}

/* Appends one word of a name in LaTeX: \theta, x, or \mathrm{net}. */
static void
latex_word(struct strbuf *sb, const char *s, size_t len)
{
	if (is_greek(s, len)) {
		strbuf_addc(sb, '\\');
		strbuf_addn(sb, s, len);
	} else if (len > 1 && !(s[0] >= '0' && s[0] <= '9')) {
		strbuf_add(sb, "\\mathrm{");
		strbuf_addn(sb, s, len);
		strbuf_addc(sb, '}');
	} else
		strbuf_addn(sb, s, len);
}

/* Appends the LaTeX symbol made from a name: its leading letters are the
 * base, and what follows (digits, or words after '_') the subscript:
 * theta_1 -> \theta_{1}, x2 -> x_{2}, w1_2 -> w_{1,2}. */
void
note_latex_name(struct strbuf *sb, const char *name)
{
	size_t		 base = 0, len;
	const char	*s, *end;

	while ((name[base] >= 'a' && name[base] <= 'z') ||
	    (name[base] >= 'A' && name[base] <= 'Z'))
		base++;
	latex_word(sb, name, base);
	s = name + base;
	if (*s == '_')
		s++;
	if (*s == '\0')
		return;
	strbuf_add(sb, "_{");
	for (;;) {
		end = strchr(s, '_');
		len = end != NULL ? (size_t)(end - s) : strlen(s);
		if (len > 0)
			latex_word(sb, s, len);
		if (end == NULL)
			break;
		if (len > 0 && end[1] != '\0')
			strbuf_addc(sb, ',');
		s = end + 1;
	}
	strbuf_addc(sb, '}');
}

/* Says whether LaTeX has a superscript outside braces. */
static int
has_superscript(const char *s)
{
	int	level = 0;

	for (; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0')
			s++;	/* \{ and \} are no braces */
		else if (*s == '{')
			level++;
		else if (*s == '}')
			level--;
		else if (*s == '^' && level == 0)
			return 1;
	}
	return 0;
}

/* Appends v's LaTeX symbol, spelling it: its "latex" key, or the symbol
 * made from its name.  A key with a superscript is braced, so that the
 * power x^{2} of a symbol x^{(1)} is no double superscript. */
static void
latex_symbol(struct strbuf *sb, const struct infdiag_model *m, uint32_t v)
{
	const struct var_extra	*x = var_extra(m, v);

	if (x != NULL && x->latex != NULL && has_superscript(x->latex)) {
		strbuf_addc(sb, '{');
		strbuf_add(sb, x->latex);
		strbuf_addc(sb, '}');
	} else if (x != NULL && x->latex != NULL)
		strbuf_add(sb, x->latex);
	else
		note_latex_name(sb, m->vars[v].name);
}

/* Frees a table of symbols. */
void
note_symbols_free(struct note_symbols *s)
{
	if (s == NULL || s == &no_symbols)
		return;
	mem_free(s->off);
	mem_free(s->latex);
	mem_free(s);
}

/* Spells every variable's LaTeX symbol into a new table; NULL when out of
 * memory. */
static struct note_symbols *
symbols_new(const struct infdiag_model *m)
{
	struct note_symbols	*s;
	struct strbuf		 sb = STRBUF_INIT;
	uint32_t		 v;

	if ((s = mem_calloc(1, sizeof(*s))) == NULL ||
	    (s->off = mem_calloc((size_t)m->nvars + 1, sizeof(*s->off))) ==
	    NULL) {
		note_symbols_free(s);
		return NULL;
	}
	for (v = 0; v < m->nvars; v++) {
		s->off[v] = sb.len;
		latex_symbol(&sb, m, v);
	}
	s->off[v] = sb.len;
	if ((s->latex = strbuf_detach(&sb)) == NULL) {
		note_symbols_free(s);
		return NULL;
	}
	return s;
}

/* The model's table of symbols, made on first use; &no_symbols when it
 * could not be made.  The table is a cache, not part of the model's
 * value, so filling it leaves a const model as it was; it is published
 * by compare-and-swap, so that threads sharing a model stay safe (the
 * loser of a race frees its copy). */
static const struct note_symbols *
symbols(const struct infdiag_model *m)
{
	struct infdiag_model	*cache = (struct infdiag_model *)m;
	struct note_symbols	*s, *none = NULL;

	s = atomic_load_explicit(&cache->symbols, memory_order_acquire);
	if (s != NULL)
		return s;
	if ((s = symbols_new(m)) == NULL)
		s = &no_symbols;
	if (!atomic_compare_exchange_strong_explicit(&cache->symbols, &none,
	    s, memory_order_acq_rel, memory_order_acquire)) {
		note_symbols_free(s);
		s = none;
	}
	return s;
}

/* Appends v's symbol in a style. */
void
note_symbol(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    enum style style)
{
	const struct note_symbols	*s;

	if (style != STYLE_LATEX)
		strbuf_add(sb, m->vars[v].name);
	else if ((s = symbols(m)) != &no_symbols)
		strbuf_addn(sb, s->latex + s->off[v], s->off[v + 1] - s->off[v]);
	else
		latex_symbol(sb, m, v);
}

/* Says whether v's local derivatives are partials. */
int
note_is_partial(const struct infdiag_model *m, uint32_t v)
{
	return var_ninputs(m, v) >= 2;
}

/* Appends top/bottom as a derivative, partial or full. */
static void
derivative(struct strbuf *sb, const struct infdiag_model *m, uint32_t top,
    uint32_t bottom, int partial, enum style style)
{
	const char	*d;

	switch (style) {
	case STYLE_LATEX:
		d = partial ? "\\partial " : "d";
		strbuf_add(sb, "\\frac{");
		strbuf_add(sb, d);
		note_operand(sb, m, top, d, style);
		strbuf_add(sb, "}{");
		strbuf_add(sb, d);
		note_operand(sb, m, bottom, d, style);
		strbuf_addc(sb, '}');
		return;
	case STYLE_ASCII:
		d = partial ? "del " : "d";
		break;
	default:
		d = partial ? "∂" : "d";
		break;
	}
	strbuf_add(sb, d);
	note_operand(sb, m, top, d, style);
	strbuf_addc(sb, '/');
	strbuf_add(sb, d);
	note_operand(sb, m, bottom, d, style);
}

/* Appends the local derivative of v with respect to its input p. */
void
note_local(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    uint32_t p, enum style style)
{
	derivative(sb, m, v, p, note_is_partial(m, v), style);
}

/* Appends the total derivative dy/dx. */
void
note_total(struct strbuf *sb, const struct infdiag_model *m, uint32_t y,
    uint32_t x, enum style style)
{
	derivative(sb, m, y, x, 0, style);
}

/* Appends the perturbation δv. */
void
note_delta(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    enum style style)
{
	strbuf_add(sb, style == STYLE_TEXT ? "δ" : style == STYLE_ASCII ?
	    "delta " : "\\delta ");
	note_symbol(sb, m, v, style);
}

/* The product sign. */
const char *
note_times(enum style style)
{
	return style == STYLE_TEXT ? "·" : style == STYLE_ASCII ? "*" :
	    " \\cdot ";
}

/* The sum sign, with its spaces. */
const char *
note_plus(enum style style)
{
	(void)style;
	return " + ";
}

/* The arrow between the variables of a path. */
const char *
note_arrow(enum style style)
{
	return style == STYLE_TEXT ? " → " : style == STYLE_ASCII ? " -> " :
	    " \\to ";
}

/* Appends v's perturbation rule. */
void
note_rule(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    enum style style)
{
	uint32_t	i;

	note_delta(sb, m, v, style);
	strbuf_add(sb, " = ");
	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		if (i > m->in_off[v])
			strbuf_add(sb, note_plus(style));
		note_local(sb, m, v, m->in_idx[i], style);
		strbuf_add(sb, style == STYLE_LATEX ? "\\, " : " ");
		note_delta(sb, m, m->in_idx[i], style);
	}
}

/* The number of scalars in v, saturating at UINT64_MAX. */
uint64_t
note_size(const struct infdiag_model *m, uint32_t v)
{
	const struct var_extra	*x = var_extra(m, v);
	uint64_t		 n = 1;
	uint32_t		 i;

	for (i = 0; x != NULL && x->shape != NULL && i < x->ndim; i++) {
		if (n > UINT64_MAX / x->shape[i])
			return UINT64_MAX;
		n *= x->shape[i];
	}
	return n;
}

/* Says whether any variable declares a non-scalar shape. */
int
note_has_shapes(const struct infdiag_model *m)
{
	uint32_t	v;

	for (v = 0; v < m->nvars; v++) {
		if (note_size(m, v) != 1)
			return 1;
	}
	return 0;
}

/* Appends "rows×cols". */
void
note_dims(struct strbuf *sb, uint64_t rows, uint64_t cols, enum style style)
{
	strbuf_addf(sb, "%llu%s%llu", (unsigned long long)rows,
	    style == STYLE_TEXT ? "×" : style == STYLE_ASCII ? "x" :
	    " \\times ", (unsigned long long)cols);
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

/* The Greek letter (or other symbol) of the table written as the n bytes
 * at s, or NULL. */
const struct tex_command *
tex_command_of_char(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < sizeof(tex_commands) / sizeof(tex_commands[0]); i++) {
		if (tex_commands[i].symbol && tex_commands[i].text != NULL &&
		    (tex_commands[i].kind == TEX_GREEK ||
		    tex_commands[i].kind == TEX_IDENT) &&
		    strlen(tex_commands[i].text) == n &&
		    memcmp(tex_commands[i].text, s, n) == 0)
			return &tex_commands[i];
	}
	return NULL;
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

/* Words and numbers: how the outputs word what they say and spell a number. */

/* Appends a number for people in a style. */
void
note_number(struct strbuf *sb, double x, enum style style)
{
	char	buf[40];

	if (!isfinite(x)) {
		strbuf_add(sb, style == STYLE_LATEX ? "\\text{" : "");
		strbuf_add(sb, isnan(x) ? "undefined" : "overflow");
		strbuf_add(sb, style == STYLE_LATEX ? "}" : "");
		return;
	}
	if (x == 0)
		x = 0;		/* never -0 */
	snprintf(buf, sizeof(buf), "%.12g", x);
	if (buf[0] == '-' && style == STYLE_TEXT) {
		strbuf_add(sb, "−");
		strbuf_add(sb, buf + 1);
	} else
		strbuf_add(sb, buf);
}

/* The noun for a count of n. */
const char *
note_noun(uint64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The noun for a count written in decimal. */
const char *
note_noun_str(const char *count, const char *one, const char *many)
{
	return strcmp(count, "1") == 0 ? one : many;
}

/* Appends a count and its noun. */
void
note_count(struct strbuf *sb, uint64_t n, const char *one, const char *many)
{
	strbuf_addu(sb, n);
	strbuf_addc(sb, ' ');
	strbuf_add(sb, note_noun(n, one, many));
}

/* Appends v's symbol after the differential d, bracketed when the two
 * would run together: "dd" reads as neither d of d nor anything else. */
void
note_operand(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    const char *d, enum style style)
{
	size_t	mark = sb->len, n;

	note_symbol(sb, m, v, style);
	if (strcmp(d, "d") != 0 || sb->failed || sb->len == mark ||
	    sb->s[mark] != 'd')
		return;
	n = sb->len - mark;
	strbuf_add(sb, "()");
	if (sb->failed)
		return;
	memmove(sb->s + mark + 1, sb->s + mark, n);
	sb->s[mark] = '(';
	sb->s[mark + n + 1] = ')';
}

/* Appends "dy/dx (total) = dy/dx (local)" when x is y's only input. */
int
note_total_is_local(struct strbuf *sb, const struct infdiag_model *m,
    uint32_t y, uint32_t x, enum style style)
{
	const char	*total, *local;

	if (var_ninputs(m, y) != 1 || m->in_idx[m->in_off[y]] != x)
		return 0;
	total = style == STYLE_LATEX ? "\\ (\\text{total})" : " (total)";
	local = style == STYLE_LATEX ? "\\ (\\text{local})" : " (local)";
	note_total(sb, m, y, x, style);
	strbuf_add(sb, total);
	strbuf_add(sb, " = ");
	note_local(sb, m, y, x, style);
	strbuf_add(sb, local);
	return 1;
}

/* Appends the operand of a column's derivative: v, or the row's
 * variable for INFDIAG_NONE. */
static void
column_operand(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    enum style style)
{
	if (v != INFDIAG_NONE)
		note_operand(sb, m, v, "d", style);
	else
		strbuf_add(sb, style == STYLE_LATEX ? "(\\text{variable})" :
		    "(variable)");
}

/* Appends a column's derivative dy/dx, the row's variable in words. */
void
note_column_total(struct strbuf *sb, const struct infdiag_model *m,
    uint32_t y, uint32_t x, enum style style)
{
	strbuf_add(sb, style == STYLE_LATEX ? "\\frac{d" : "d");
	column_operand(sb, m, y, style);
	strbuf_add(sb, style == STYLE_LATEX ? "}{d" : "/d");
	column_operand(sb, m, x, style);
	if (style == STYLE_LATEX)
		strbuf_addc(sb, '}');
}

/*
 * The notation of the calculus, in every style: a variable's symbol, a
 * local or total derivative, a perturbation and its rule, f(x, g), and an
 * expression of a variable's inputs.  A symbol is spelled once, in LaTeX
 * (the model's "latex" key, or the one made from the name), and the
 * other pretty styles are made from that: MathML by mathml.c, Graphviz's
 * HTML-like labels by notation_gv.c.  Text and ASCII write the name as
 * it is, the name a user types after --wrt.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "expr.h"
#include "mathml.h"
#include "model.h"
#include "notation.h"
#include "strbuf.h"

/* The accents a name may carry: as the end of its leading word (yhat,
 * thetahat_1) or as a word of its own after it (x_tilde).  Each is also
 * the LaTeX command that draws it. */
static const char *const name_accents[] = {
	"hat", "bar", "tilde", "vec", "dot"
};
#define NACCENTS	(sizeof(name_accents) / sizeof(name_accents[0]))

/* The most accents one name carries; more are words of the subscript. */
#define NAME_MAX_ACCENTS	4

/* The length of the longest name of a Greek letter (varepsilon). */
#define GREEK_MAX_NAME	10

/* Says whether the len bytes at s name a Greek letter LaTeX knows (a
 * single letter never does).  A word that cannot be one (a number, the
 * subscript of most names) is told without a search. */
static int
is_greek(const char *s, size_t len)
{
	const struct tex_command	*c;

	if (len < 2 || len > GREEK_MAX_NAME ||
	    !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	return (c = tex_command_find(s, len)) != NULL && c->kind == TEX_GREEK;
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

/* The accent the len bytes at s name, or NULL. */
static const char *
accent_of(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < NACCENTS; i++) {
		if (strlen(name_accents[i]) == len &&
		    strncmp(name_accents[i], s, len) == 0)
			return name_accents[i];
	}
	return NULL;
}

/* Says whether the len bytes at s may carry an accent: one letter, or a
 * Greek letter's name (so "what" is w-hat: a documented convention). */
static int
accentable(const char *s, size_t len)
{
	return len == 1 || is_greek(s, len);
}

/* Finds the accent that ends the leading word of base bytes (yhat,
 * thetahat), shortening *len to the accented part; NULL when none. */
static const char *
suffix_accent(const char *name, size_t base, size_t *len)
{
	size_t	i, n;

	for (i = 0; i < NACCENTS; i++) {
		n = strlen(name_accents[i]);
		if (base > n && strncmp(name + base - n, name_accents[i],
		    n) == 0 && accentable(name, base - n)) {
			*len = base - n;
			return name_accents[i];
		}
	}
	return NULL;
}

/* Appends the subscript of a name, its words after the base joined by
 * commas: _{1,2}; nothing when there is none. */
static void
latex_subscript(struct strbuf *sb, const char *s)
{
	const char	*end;
	size_t		 len;

	if (*s == '_')
		s++;
	if (*s == '\0')
		return;
	strbuf_addn(sb, "_{", 2);
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

/* Appends the LaTeX symbol made from a name: its leading letters are the
 * base, and what follows (digits, or words after '_') the subscript:
 * theta_1 -> \theta_{1}, x2 -> x_{2}, w1_2 -> w_{1,2}.  An accent ends
 * the base or follows it as a word: yhat -> \hat{y}, thetahat_1_1 ->
 * \hat{\theta}_{1,1}, x_tilde -> \tilde{x}. */
void
note_latex_name(struct strbuf *sb, const char *name)
{
	const char	*acc[NAME_MAX_ACCENTS], *s, *a;
	size_t		 base = 0, len, n = 0, w;

	while ((name[base] >= 'a' && name[base] <= 'z') ||
	    (name[base] >= 'A' && name[base] <= 'Z'))
		base++;
	len = base;
	if (base > 3 && (a = suffix_accent(name, base, &len)) != NULL)
		acc[n++] = a;
	s = name + base;
	while (n < NAME_MAX_ACCENTS && *s == '_' && accentable(name, len)) {
		w = strcspn(s + 1, "_");
		if (w < 3 || (a = accent_of(s + 1, w)) == NULL)
			break;
		acc[n++] = a;
		s += 1 + w;
	}
	for (w = n; w > 0; w--)
		strbuf_addf(sb, "\\%s{", acc[w - 1]);
	latex_word(sb, name, len);
	for (w = 0; w < n; w++)
		strbuf_addc(sb, '}');
	latex_subscript(sb, s);
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

/* Appends the MathML of the LaTeX in t, and releases t. */
static void
add_mathml(struct strbuf *sb, struct strbuf *t)
{
	if (strbuf_failed(t))
		sb->failed = 1;
	mathml_from_latex(sb, strbuf_str(t));
	strbuf_release(t);
}

/* Appends v's LaTeX symbol drawn for a label, cut at NOTE_GV_TEXT_MAX
 * characters like any model text there. */
static void
gv_symbol(struct strbuf *sb, const struct infdiag_model *m, uint32_t v)
{
	struct strbuf	t = STRBUF_INIT, u = STRBUF_INIT;

	latex_symbol(&t, m, v);
	note_gv_from_latex(&u, strbuf_str(&t));
	if (strbuf_failed(&t) || strbuf_failed(&u))
		sb->failed = 1;
	note_gv_markup(sb, strbuf_str(&u), u.len, NOTE_GV_TEXT_MAX);
	strbuf_release(&t);
	strbuf_release(&u);
}

/* Appends v's symbol in a style: the name in text and ASCII, else the
 * LaTeX symbol drawn in the style; in a diagram its "label" first. */
void
note_symbol(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    enum style style)
{
	const struct var_extra	*x = var_extra(m, v);
	struct strbuf		 t = STRBUF_INIT;

	switch (style) {
	case STYLE_LATEX:
		latex_symbol(sb, m, v);
		return;
	case STYLE_MATHML:
		latex_symbol(&t, m, v);
		add_mathml(sb, &t);
		return;
	case STYLE_GV_HTML:
		if (x != NULL && x->label != NULL) {
			note_gv_text(sb, x->label, strlen(x->label),
			    NOTE_GV_TEXT_MAX);
			return;
		}
		gv_symbol(sb, m, v);
		return;
	default:
		strbuf_add(sb, m->vars[v].name);
		return;
	}
}

/* Says whether v's local derivatives are partials. */
int
note_is_partial(const struct infdiag_model *m, uint32_t v)
{
	return var_ninputs(m, v) >= 2;
}

/* Says whether a style writes Unicode mathematics: ∂, δ, ·, →. */
static int
is_unicode(enum style style)
{
	return style == STYLE_TEXT || style == STYLE_GV_HTML;
}

/* Appends top/bottom as a derivative, partial or full. */
static void
derivative(struct strbuf *sb, const struct infdiag_model *m, uint32_t top,
    uint32_t bottom, int partial, enum style style)
{
	struct strbuf	 t = STRBUF_INIT;
	const char	*d;

	switch (style) {
	case STYLE_MATHML:
		derivative(&t, m, top, bottom, partial, STYLE_LATEX);
		add_mathml(sb, &t);
		return;
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
	struct strbuf	t = STRBUF_INIT;

	if (style == STYLE_MATHML) {
		note_delta(&t, m, v, STYLE_LATEX);
		add_mathml(sb, &t);
		return;
	}
	strbuf_add(sb, is_unicode(style) ? "δ" : style == STYLE_ASCII ?
	    "delta " : "\\delta ");
	note_symbol(sb, m, v, style);
}

/* The product sign. */
const char *
note_times(enum style style)
{
	if (style == STYLE_MATHML)
		return "<mo>·</mo>";
	return is_unicode(style) ? "·" : style == STYLE_ASCII ? "*" :
	    " \\cdot ";
}

/* The sum sign, with its spaces. */
const char *
note_plus(enum style style)
{
	return style == STYLE_MATHML ? "<mo>+</mo>" : " + ";
}

/* The arrow between the variables of a path. */
const char *
note_arrow(enum style style)
{
	if (style == STYLE_MATHML)
		return "<mo>→</mo>";
	return is_unicode(style) ? " → " : style == STYLE_ASCII ? " -> " :
	    " \\to ";
}

/* Appends v's perturbation rule. */
void
note_rule(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    enum style style)
{
	struct strbuf	t = STRBUF_INIT;
	uint32_t	i;

	if (style == STYLE_MATHML) {
		note_rule(&t, m, v, STYLE_LATEX);
		add_mathml(sb, &t);
		return;
	}
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

/* Appends v's function of its inputs, f(x, g, h): its "fn" through
 * text_fn (the caller's escaping of model text) or else its own symbol,
 * then its inputs' symbols. */
void
note_function(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    enum style style, note_text_fn text_fn, void *ctx)
{
	const struct var_extra	*x = var_extra(m, v);
	struct strbuf		 t = STRBUF_INIT;
	uint32_t		 i;

	if (style == STYLE_MATHML) {
		note_function(&t, m, v, STYLE_LATEX, text_fn, ctx);
		add_mathml(sb, &t);
		return;
	}
	if (x != NULL && x->fn != NULL)
		text_fn(ctx, sb, x->fn);
	else
		note_symbol(sb, m, v, style);
	strbuf_addc(sb, '(');
	for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
		if (i > m->in_off[v])
			strbuf_add(sb, ", ");
		note_symbol(sb, m, m->in_idx[i], style);
	}
	strbuf_addc(sb, ')');
}

/* Whose inputs an expression names, and in which style. */
struct expr_names {
	const struct infdiag_model	*m;
	uint32_t			 v;
	enum style			 style;
};

/* Appends the symbol of input slot of the variable in ctx. */
static void
expr_name(void *ctx, uint32_t slot, struct strbuf *out)
{
	const struct expr_names	*in = ctx;

	note_symbol(out, in->m, in->m->in_idx[in->m->in_off[in->v] + slot],
	    in->style);
}

/* Appends an expression of v's inputs (its "expr", or one of its local
 * derivatives) in a style, through the expression printer. */
void
note_expr(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    const struct expr *e, enum style style)
{
	struct expr_names	 in = { m, v, style };
	struct strbuf		 t = STRBUF_INIT;

	switch (style) {
	case STYLE_MATHML:
		note_expr(&t, m, v, e, STYLE_LATEX);
		add_mathml(sb, &t);
		return;
	case STYLE_LATEX:
		expr_print_named(e, EXPR_LATEX, expr_name, &in, sb);
		return;
	case STYLE_ASCII:
		expr_print_named(e, EXPR_ASCII, expr_name, &in, sb);
		return;
	default:
		/* The printer's Unicode has no markup character: in a
		 * diagram's label only the symbols need escaping. */
		expr_print_named(e, EXPR_TEXT, expr_name, &in, sb);
		return;
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
	if (style == STYLE_MATHML) {
		strbuf_addf(sb, "<mn>%llu</mn><mo>×</mo><mn>%llu</mn>",
		    (unsigned long long)rows, (unsigned long long)cols);
		return;
	}
	strbuf_addf(sb, "%llu%s%llu", (unsigned long long)rows,
	    is_unicode(style) ? "×" : style == STYLE_ASCII ? "x" :
	    " \\times ", (unsigned long long)cols);
}

/* Words and numbers: how the outputs word what they say and spell a number. */

/* Appends a number for people in a style. */
void
note_number(struct strbuf *sb, double x, enum style style)
{
	note_number_digits(sb, x, 12, style);
}

/* Appends a number for people in a style, to some significant digits. */
void
note_number_digits(struct strbuf *sb, double x, int digits,
    enum style style)
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
	snprintf(buf, sizeof(buf), "%.*g", digits, x);
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

/*
 * The notation of the calculus, in three styles.
 */
#include <stdatomic.h>
#include <string.h>

#include "alloc.h"
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

static const char *const greek[] = {
	"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta",
	"eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu",
	"xi", "pi", "varpi", "rho", "varrho", "sigma", "varsigma", "tau",
	"upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta",
	"Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi",
	"Omega", NULL
};

/* Says whether the len bytes at s name a Greek letter LaTeX knows. */
static int
is_greek(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; greek[i] != NULL; i++) {
		if (greek[i][0] == s[0] && strncmp(greek[i], s, len) == 0 &&
		    greek[i][len] == '\0')
			return 1;
	}
	return 0;
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

/* Appends v's LaTeX symbol, spelling it: its "latex" key, or the symbol
 * made from its name. */
static void
latex_symbol(struct strbuf *sb, const struct infdiag_model *m, uint32_t v)
{
	const struct var_extra	*x = var_extra(m, v);

	if (x != NULL && x->latex != NULL)
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
		note_symbol(sb, m, top, style);
		strbuf_add(sb, "}{");
		strbuf_add(sb, d);
		note_symbol(sb, m, bottom, style);
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
	note_symbol(sb, m, top, style);
	strbuf_addc(sb, '/');
	strbuf_add(sb, d);
	note_symbol(sb, m, bottom, style);
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

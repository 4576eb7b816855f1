/*
 * convert --to sympy and --to maxima: a script that rebuilds the model in
 * that computer algebra system, recomputes every requested total
 * derivative by substitution (the chain rule is the system's, not
 * infdiag's), compares it with infdiag's value written into the script,
 * and exits non-zero when one differs or cannot be computed.
 *
 * Each variable becomes its expression in terms of the variables before
 * it, so that the system differentiates the composition.  A variable
 * without "expr" is an unknown function of its inputs, whose chain rule
 * the script prints; with "partials" it is, for the numbers, the linear
 * function with those slopes at the point.  A derivative with respect to
 * a dependent variable rebuilds the model with that variable free.
 *
 * Model text (the title) lands in a string literal, escaped: nothing a
 * model says can end the literal or the script's comments.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "infdiag.h"
#include "analysis.h"
#include "convert.h"
#include "error.h"
#include "expr.h"
#include "model.h"
#include "numbers.h"
#include "strbuf.h"
#include "write.h"

/* What the two systems spell differently. */
struct cas {
	int		 python;
	const char	*power;		/* "**" or "^" */
	const char	*pi;
	const char	*e;
	const char	*end;		/* of a statement */
};

static const struct cas sympy = { 1, "**", "sp.pi", "sp.E", "\n" };
static const struct cas maxima = { 0, "^", "%pi", "%e", "$\n" };

/* The marker before a variable's name in a printed expression, which no
 * printed expression otherwise holds. */
#define VAR_MARK	'\001'

/* Appends s as a string literal of the system: printable ASCII as it is,
 * a quote or backslash escaped, anything else as \uXXXX text (the
 * backslash itself escaped in Maxima, whose strings have no such escape). */
static void
cas_string(struct strbuf *sb, const char *s, const struct cas *c)
{
	uint32_t	cp;
	size_t		n, len = strlen(s);

	strbuf_addc(sb, '"');
	for (; len > 0; s += n, len -= n) {
		n = utf8_decode(s, len, &cp);
		if (*s == '"' || *s == '\\') {
			strbuf_addc(sb, '\\');
			strbuf_addc(sb, *s);
		} else if (cp >= 0x20 && cp < 0x7f)
			strbuf_addc(sb, *s);
		else
			strbuf_addf(sb, c->python ? "\\u%04lx" : "\\\\u%04lx",
			    (unsigned long)(cp > 0xffff ? 0xfffd : cp));
	}
	strbuf_addc(sb, '"');
}

/* Appends variable v as the script names it. */
static void
cas_var(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    const struct cas *c)
{
	strbuf_addf(sb, c->python ? "V['%s']" : "v_%s", m->vars[v].name);
}

/* The variable whose expression is printed. */
struct cas_ctx {
	const struct infdiag_model	*m;
	uint32_t			 v;
};

/* Appends input slot's variable index between two markers. */
static void
cas_slot(void *ctx, uint32_t slot, struct strbuf *out)
{
	const struct cas_ctx	*cc = ctx;

	strbuf_addf(out, "%c%lu%c", VAR_MARK, (unsigned long)
	    cc->m->in_idx[cc->m->in_off[cc->v] + slot], VAR_MARK);
}

/* Appends an identifier of the printed expression at *s in the system's
 * spelling: a marked variable, a function (F['name'] or name_), or pi
 * or e; advances *s. */
static void
cas_word(struct strbuf *sb, const char **s, const struct infdiag_model *m,
    const struct cas *c)
{
	const char	*p = *s + (**s == VAR_MARK);
	size_t		 len = strspn(p, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

	if (**s == VAR_MARK) {
		cas_var(sb, m, (uint32_t)strtoul(p, NULL, 10), c);
		len++;		/* the closing marker */
	} else if (p[len] == '(')
		strbuf_addf(sb, c->python ? "F['%.*s']" : "%.*s_", (int)len,
		    p);
	else
		strbuf_add(sb, len == 1 ? c->e : c->pi);
	*s = p + len;
}

/* Copies a number of the printed expression at *s ("2.5e-07"), whose
 * exponent's letter is not a word; advances *s. */
static void
cas_number(struct strbuf *sb, const char **s)
{
	const char	*p = *s;

	p += strspn(p, "0123456789.");
	if (*p == 'e' && (p[1] == '+' || p[1] == '-'))
		p += 2 + strspn(p + 2, "0123456789");
	strbuf_addn(sb, *s, (size_t)(p - *s));
	*s = p;
}

/* Appends v's expression in the system's syntax, from its ASCII form. */
static void
cas_expr(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    const struct cas *c)
{
	struct strbuf	 ascii = STRBUF_INIT;
	struct cas_ctx	 cc = { m, v };
	const char	*s;

	expr_print_named(m->vars[v].x->expr, EXPR_ASCII, cas_slot, &cc,
	    &ascii);
	if (strbuf_failed(&ascii))
		sb->failed = 1;
	for (s = strbuf_str(&ascii); *s != '\0';) {
		if (*s == VAR_MARK || ((*s >= 'a' && *s <= 'z') ||
		    (*s >= 'A' && *s <= 'Z')))
			cas_word(sb, &s, m, c);
		else if ((*s >= '0' && *s <= '9') || *s == '.')
			cas_number(sb, &s);
		else if (*s == '^') {
			strbuf_add(sb, c->power);
			s++;
		} else
			strbuf_addc(sb, *s++);
	}
	strbuf_release(&ascii);
}

/* Appends a number in full precision, read back exactly by both systems. */
static void
cas_num(struct strbuf *sb, double x)
{
	char	buf[40];

	snprintf(buf, sizeof(buf), "%.17g", x);
	strbuf_add(sb, buf);
}

/* Says whether v is computed by an unknown function: it has inputs and no
 * expression. */
static int
opaque(const struct infdiag_model *m, uint32_t v)
{
	return var_ninputs(m, v) > 0 && (m->vars[v].x == NULL ||
	    m->vars[v].x->expr == NULL);
}

/* Appends what opaque v stands for: the unknown function of its inputs,
 * or with partials (and linear set) the linear one with those slopes. */
static void
cas_opaque(struct strbuf *sb, const struct infdiag_model *m, uint32_t v,
    int linear, const struct cas *c)
{
	uint32_t	i, n = var_ninputs(m, v);

	if (linear && (m->vars[v].flags & VAR_HAS_PARTIALS)) {
		for (i = 0; i < n; i++) {
			strbuf_add(sb, i > 0 ? " + " : "");
			cas_num(sb, m->vars[v].x->partials[i]);
			strbuf_addc(sb, '*');
			cas_var(sb, m, m->in_idx[m->in_off[v] + i], c);
		}
		return;
	}
	strbuf_addf(sb, c->python ? "sp.Function('%s')(" : "f_%s(",
	    m->vars[v].name);
	for (i = 0; i < n; i++) {
		strbuf_add(sb, i > 0 ? ", " : "");
		cas_var(sb, m, m->in_idx[m->in_off[v] + i], c);
	}
	strbuf_addc(sb, ')');
}

/* Writes the lines that build the model's variables in order, in the
 * Python function build(free, linear), or as Maxima assignments with
 * free the one variable left a symbol (INFDIAG_NONE: none). */
static void
cas_build(struct writer *w, const struct cas *c, uint32_t free)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 k, v;

	for (k = 0; k < m->nvars; k++) {
		v = m->order[k];
		if (var_ninputs(m, v) == 0 || (!c->python && v == free)) {
			if (c->python)
				strbuf_addf(&w->sb, "    V['%s'] = sym('%s')\n",
				    m->vars[v].name, m->vars[v].name);
			continue;
		}
		strbuf_add(&w->sb, c->python ? "    " : "");
		cas_var(&w->sb, m, v, c);
		strbuf_add(&w->sb, c->python ? " = " : ": ");
		if (c->python)
			strbuf_addf(&w->sb, "sym('%s') if '%s' in free else ",
			    m->vars[v].name, m->vars[v].name);
		if (opaque(m, v))
			cas_opaque(&w->sb, m, v, c->python, c);
		else
			cas_expr(&w->sb, m, v, c);
		strbuf_add(&w->sb, c->end);
		writer_spill(w);
	}
}

/* Appends the point: every variable with a value that a derivative's
 * check substitutes, as NAME: 'VALUE' (Python) or v_NAME = VALUE. */
static void
cas_point(struct writer *w, const struct cas *c, uint32_t free)
{
	const struct infdiag_model	*m = w->m;
	const struct numbers		*n = w->a->num;
	uint32_t			 v;
	int				 first = 1;

	for (v = 0; v < m->nvars; v++) {
		if ((var_ninputs(m, v) > 0 && v != free) || !n->known[v])
			continue;
		strbuf_add(&w->sb, first ? "" : ", ");
		first = 0;
		if (c->python)
			strbuf_addf(&w->sb, "'%s': '", m->vars[v].name);
		else
			strbuf_addf(&w->sb, "v_%s = ", m->vars[v].name);
		cas_num(&w->sb, n->value[v]);
		strbuf_add(&w->sb, c->python ? "'" : "");
	}
}

/* Says whether infdiag has a finite value for d, *want. */
static int
cas_want(const struct deriv *d, double *want)
{
	*want = d->num.forward;
	return d->num.has_value && d->num.fail == 0 && isfinite(*want);
}

static const char sympy_head[] =
    "#!/usr/bin/env python3\n"
    "# Written by infdiag convert --to sympy.  It rebuilds the model in "
    "SymPy,\n# recomputes each requested total derivative by "
    "substitution, compares it\n# with infdiag's value, and exits 1 when "
    "one differs.  At a point where a\n# function is not differentiable "
    "SymPy's Heaviside(0) is 1/2 and sign(0)\n# is 0: the means of the "
    "one-sided derivatives, as infdiag uses.\nimport sys\n\n"
    "import sympy as sp\n\n"
    "F = {\n"
    "    'exp': sp.exp, 'log': sp.log, 'sqrt': sp.sqrt, 'sin': sp.sin,\n"
    "    'cos': sp.cos, 'tan': sp.tan, 'tanh': sp.tanh,\n"
    "    'sigmoid': lambda u: 1 / (1 + sp.exp(-u)),\n"
    "    'abs': sp.Abs, 'relu': lambda u: sp.Max(u, 0),\n"
    "    'softplus': lambda u: sp.log(1 + sp.exp(u)),\n"
    "    'atan': sp.atan, 'asin': sp.asin, 'acos': sp.acos,\n"
    "    'sinh': sp.sinh, 'cosh': sp.cosh, 'sign': sp.sign,\n"
    "    'heaviside': lambda u: sp.Heaviside(u, sp.S.Half),\n"
    "    'min': sp.Min, 'max': sp.Max,\n"
    "}\n\n\n"
    "def sym(name):\n"
    "    return sp.Symbol(name, real=True)\n\n\n"
    "def build(free, linear):\n"
    "    \"\"\"The variables as expressions of the independent ones and "
    "those in\n    free; a variable without expr is an unknown function "
    "of its inputs,\n    or with linear and partials the linear function "
    "with those slopes.\"\"\"\n"
    "    V = {}\n";

static const char sympy_tail[] =
    "\n\nfailed = 0\n"
    "for of, wrt, want in CHECKS:\n"
    "    at = {sym(k): sp.Float(v, 30) for k, v in POINT.items()}\n"
    "    if wrt in WRT_POINT:\n"
    "        at[sym(wrt)] = sp.Float(WRT_POINT[wrt], 30)\n"
    "    d = sp.diff(build({wrt}, True)[of], sym(wrt))\n"
    "    if OPAQUE and want is not None:\n"
    "        print('d%s/d%s = %s' % (of, wrt,\n"
    "              sp.diff(build({wrt}, False)[of], sym(wrt))))\n"
    "    if want is None:\n"
    "        print('d%s/d%s = %s (infdiag has no number)' % (of, wrt, d))\n"
    "        continue\n"
    "    got = float(sp.N(d.subs(at), 25))\n"
    "    if abs(got - want) <= 1e-9 * max(1.0, abs(want)):\n"
    "        print('d%s/d%s = %.17g, as infdiag says' % (of, wrt, got))\n"
    "    else:\n"
    "        print('MISMATCH: d%s/d%s = %.17g, infdiag says %.17g'\n"
    "              % (of, wrt, got, want))\n"
    "        failed = 1\n"
    "sys.exit(failed)\n";

/* Writes the SymPy script. */
int
convert_write_sympy(struct writer *w, const struct infdiag_analysis *a,
    struct infdiag_error *err)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 k, v;
	double				 want;
	int				 any_opaque = 0;

	(void)err;
	strbuf_add(&w->sb, sympy_head);
	cas_build(w, &sympy, INFDIAG_NONE);
	strbuf_add(&w->sb, "    return V\n\n\nTITLE = ");
	cas_string(&w->sb, m->title != NULL ? m->title : "", &sympy);
	strbuf_add(&w->sb, "\nPOINT = {");
	cas_point(w, &sympy, INFDIAG_NONE);
	strbuf_add(&w->sb, "}\n# The values of the dependent variables that "
	    "a derivative is taken by.\nWRT_POINT = {");
	for (k = 0; k < a->nwrt; k++) {
		v = a->d[k].wrt;
		if (var_ninputs(m, v) == 0 || !a->num->known[v])
			continue;
		strbuf_addf(&w->sb, "'%s': '", m->vars[v].name);
		cas_num(&w->sb, a->num->value[v]);
		strbuf_add(&w->sb, "', ");
	}
	for (v = 0; v < m->nvars; v++)
		any_opaque |= opaque(m, v);
	strbuf_addf(&w->sb, "}\nOPAQUE = %s\n# (of, wrt, infdiag's value)\n"
	    "CHECKS = [\n", any_opaque ? "True" : "False");
	for (k = 0; k < a->nwrt; k++) {
		strbuf_addf(&w->sb, "    ('%s', '%s', ", m->vars[a->of].name,
		    m->vars[a->d[k].wrt].name);
		if (cas_want(&a->d[k], &want))
			cas_num(&w->sb, want);
		else
			strbuf_add(&w->sb, "None");
		strbuf_add(&w->sb, "),\n");
		writer_spill(w);
	}
	strbuf_add(&w->sb, "]");
	strbuf_add(&w->sb, sympy_tail);
	return 0;
}

static const char maxima_head[] =
    "/* Written by infdiag convert --to maxima; run it with maxima --batch.\n"
    " * It rebuilds the model in Maxima, recomputes each requested total\n"
    " * derivative by substitution, compares it with infdiag's value, and\n"
    " * exits 1 when one differs.  The functions that are not "
    "differentiable\n * everywhere are differentiated by their gradef: "
    "at such a point the\n * mean of the one-sided derivatives, as "
    "infdiag uses. */\n"
    "display2d: false$\nfailed: 0$\npassed: 0$\n"
    "gradef(abs_(u), sign_(u))$\ngradef(relu_(u), heaviside_(u))$\n"
    "gradef(max_(a, b), heaviside_(a - b), heaviside_(b - a))$\n"
    "gradef(min_(a, b), heaviside_(b - a), heaviside_(a - b))$\n"
    "gradef(sign_(u), 0)$\ngradef(heaviside_(u), 0)$\n"
    "exp_(u) := exp(u)$\nlog_(u) := log(u)$\nsqrt_(u) := sqrt(u)$\n"
    "sin_(u) := sin(u)$\ncos_(u) := cos(u)$\ntan_(u) := tan(u)$\n"
    "tanh_(u) := tanh(u)$\nsigmoid_(u) := 1/(1 + exp(-u))$\n"
    "softplus_(u) := log(1 + exp(u))$\natan_(u) := atan(u)$\n"
    "asin_(u) := asin(u)$\nacos_(u) := acos(u)$\nsinh_(u) := sinh(u)$\n"
    "cosh_(u) := cosh(u)$\n"
    "/* The values of the functions differentiated by their gradef, "
    "defined\n * only while a derivative is evaluated. */\n"
    "define_values() := (abs_(u) := abs(u), relu_(u) := max(u, 0),\n"
    "    max_(a, b) := max(a, b), min_(a, b) := min(a, b),\n"
    "    sign_(u) := signum(u),\n"
    "    heaviside_(u) := if u > 0 then 1 elseif u < 0 then 0 else 1/2)$\n"
    "forget_values() := remfunction(abs_, relu_, max_, min_, sign_,\n"
    "    heaviside_)$\n";

/* Appends ", p_NAME_i(a1, ..., an)": the partial of f_NAME in its
 * argument i. */
static void
maxima_partial_call(struct strbuf *sb, const char *name, uint32_t i,
    uint32_t n)
{
	uint32_t	k;

	strbuf_addf(sb, ", p_%s_%u(", name, i);
	for (k = 0; k < n; k++)
		strbuf_addf(sb, "%sa%u", k > 0 ? ", " : "", k + 1);
	strbuf_addc(sb, ')');
}

/* Writes the gradef of each opaque variable's unknown function f_NAME:
 * its partials p_NAME_1 ... in each of its arguments. */
static void
maxima_opaque(struct writer *w)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 v, i, n;

	for (v = 0; v < m->nvars; v++) {
		if (!opaque(m, v))
			continue;
		n = var_ninputs(m, v);
		strbuf_addf(&w->sb, "gradef(f_%s(", m->vars[v].name);
		for (i = 0; i < n; i++)
			strbuf_addf(&w->sb, "%sa%u", i > 0 ? ", " : "", i + 1);
		strbuf_add(&w->sb, ")");
		for (i = 0; i < n; i++)
			maxima_partial_call(&w->sb, m->vars[v].name, i + 1, n);
		strbuf_add(&w->sb, ")$\n");
		writer_spill(w);
	}
}

/* Appends the definitions (define) or removals of the opaque variables'
 * given partials, as the numbers at the point. */
static void
maxima_partials(struct writer *w, int define)
{
	const struct infdiag_model	*m = w->m;
	uint32_t			 v, i;

	for (v = 0; v < m->nvars; v++) {
		if (!opaque(m, v) || !(m->vars[v].flags & VAR_HAS_PARTIALS))
			continue;
		for (i = 0; i < var_ninputs(m, v); i++) {
			strbuf_addf(&w->sb, define ? "p_%s_%u([a]) := " :
			    "remfunction(p_%s_%u)$\n", m->vars[v].name, i + 1);
			if (define) {
				cas_num(&w->sb, m->vars[v].x->partials[i]);
				strbuf_add(&w->sb, "$\n");
			}
		}
	}
}

/* Writes one derivative's check. */
static void
maxima_check(struct writer *w, const struct deriv *d)
{
	const struct infdiag_model	*m = w->m;
	const char			*of = m->vars[w->a->of].name;
	const char			*wrt = m->vars[d->wrt].name;
	uint32_t			 v;
	double				 want;

	strbuf_addf(&w->sb, "/* d%s/d%s */\n", of, wrt);
	for (v = 0; v < m->nvars; v++) {
		if (var_ninputs(m, v) > 0)
			strbuf_addf(&w->sb, "kill(v_%s)$\n", m->vars[v].name);
	}
	cas_build(w, &maxima, d->wrt);
	strbuf_addf(&w->sb, "d: diff(v_%s, v_%s)$\nprint(\"d%s/d%s =\", d)$\n",
	    of, wrt, of, wrt);
	if (!cas_want(d, &want)) {
		strbuf_add(&w->sb, "print(\"(infdiag has no number)\")$\n"
		    "passed: passed + 1$\n");
		writer_flush(w);
		return;
	}
	strbuf_add(&w->sb, "define_values()$\n");
	maxima_partials(w, 1);
	strbuf_add(&w->sb, "got: float(ev(d, [");
	cas_point(w, &maxima, d->wrt);
	strbuf_add(&w->sb, "]))$\nforget_values()$\n");
	maxima_partials(w, 0);
	strbuf_add(&w->sb, "want: ");
	cas_num(&w->sb, want);
	strbuf_addf(&w->sb, "$\nif numberp(got) and abs(got - want) <= 1e-9 * "
	    "max(1, abs(want))\n    then (passed: passed + 1, print(\"d%s/d%s "
	    "=\", got, \"as infdiag says\"))\n    else (failed: failed + 1, "
	    "print(\"MISMATCH: d%s/d%s =\", got, \"infdiag says\", want))$\n",
	    of, wrt, of, wrt);
	writer_flush(w);
}

/* Writes the Maxima script. */
int
convert_write_maxima(struct writer *w, const struct infdiag_analysis *a,
    struct infdiag_error *err)
{
	uint32_t	k;

	(void)err;
	strbuf_add(&w->sb, maxima_head);
	strbuf_add(&w->sb, "title: ");
	cas_string(&w->sb, w->m->title != NULL ? w->m->title : "", &maxima);
	strbuf_add(&w->sb, "$\n");
	maxima_opaque(w);
	for (k = 0; k < a->nwrt; k++)
		maxima_check(w, &a->d[k]);
	strbuf_addf(&w->sb, "/* Every check ran, and agreed. */\n"
	    "if passed # %lu then failed: failed + 1$\n"
	    ":lisp (unless (eql $failed 0) #+gcl (system::bye 1) "
	    "#+sbcl (sb-ext:exit :code 1) #+clisp (ext:exit 1) "
	    "#+ecl (ext:quit 1) #+ccl (ccl:quit 1))\n",
	    (unsigned long)a->nwrt);
	writer_flush(w);
	return 0;
}

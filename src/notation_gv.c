/*
 * The notation in Graphviz's HTML-like labels: model text escaped and
 * cut, and a LaTeX symbol (a "latex" key, or the one made from a name)
 * drawn in Unicode.  Greek letters come from the one table of LaTeX
 * commands, accents become combining marks, and scripts become Unicode
 * subscript and superscript characters where each of their characters
 * has one (θ̂₁,₁, x²), which sit inside the line: Graphviz sizes a line by
 * its font, so a <sub> hangs into the line below.  Only a script with
 * another character (x_q) is drawn with <sub> or <sup>, and the diagrams
 * give such a line the room it needs.
 */
#include <stdint.h>
#include <string.h>

#include "error.h"
#include "notation.h"
#include "strbuf.h"

/* How deep a symbol's groups are drawn; deeper text is dropped (a
 * checked "latex" key nests at most 32 deep). */
#define GV_MAX_DEPTH	40

/* Characters and their Unicode subscript forms. */
static const char *const subscripts[][2] = {
	{ "0", "₀" }, { "1", "₁" }, { "2", "₂" }, { "3", "₃" }, { "4", "₄" },
	{ "5", "₅" }, { "6", "₆" }, { "7", "₇" }, { "8", "₈" }, { "9", "₉" },
	{ "+", "₊" }, { "-", "₋" }, { "=", "₌" }, { "(", "₍" }, { ")", "₎" },
	{ "a", "ₐ" }, { "e", "ₑ" }, { "h", "ₕ" }, { "i", "ᵢ" }, { "j", "ⱼ" },
	{ "k", "ₖ" }, { "l", "ₗ" }, { "m", "ₘ" }, { "n", "ₙ" }, { "o", "ₒ" },
	{ "p", "ₚ" }, { "r", "ᵣ" }, { "s", "ₛ" }, { "t", "ₜ" }, { "u", "ᵤ" },
	{ "v", "ᵥ" }, { "x", "ₓ" }, { "β", "ᵦ" }, { "γ", "ᵧ" }, { "ρ", "ᵨ" },
	{ "φ", "ᵩ" }, { "χ", "ᵪ" }, { ",", "," }, { " ", " " }
};

/* Characters and their Unicode superscript forms. */
static const char *const superscripts[][2] = {
	{ "0", "⁰" }, { "1", "¹" }, { "2", "²" }, { "3", "³" }, { "4", "⁴" },
	{ "5", "⁵" }, { "6", "⁶" }, { "7", "⁷" }, { "8", "⁸" }, { "9", "⁹" },
	{ "+", "⁺" }, { "-", "⁻" }, { "=", "⁼" }, { "(", "⁽" }, { ")", "⁾" },
	{ "i", "ⁱ" }, { "n", "ⁿ" }, { "T", "ᵀ" }, { "*", "*" }, { "′", "′" },
	{ ",", "," }, { " ", " " }
};

/* A symbol being drawn. */
struct gv {
	const char	*s;
	struct strbuf	*out;
	int		 depth;
};

static void	gv_list(struct gv *, int group);
static void	gv_atom(struct gv *);

/* Appends len bytes of model text escaped. */
void
note_gv_textn(struct strbuf *sb, const char *s, size_t len)
{
	uint32_t	cp;
	size_t		n;

	for (; len > 0; s += n, len -= n) {
		n = utf8_decode(s, len, &cp);
		switch (cp) {
		case '&':	strbuf_add(sb, "&amp;"); break;
		case '<':	strbuf_add(sb, "&lt;"); break;
		case '>':	strbuf_add(sb, "&gt;"); break;
		case '"':	strbuf_add(sb, "&quot;"); break;
		case '\'':	strbuf_add(sb, "&#39;"); break;
		case '\t':
		case '\n':
		case '\r':	strbuf_addc(sb, ' '); break;
		default:
			if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
			    cp == 0xfffd ||
			    cp == 0xfffe || cp == 0xffff)
				strbuf_add(sb, "\xef\xbf\xbd");
			else
				strbuf_addn(sb, s, n);
			break;
		}
	}
}

/* The length in bytes of the first max characters of s. */
size_t
note_gv_cut_length(const char *s, size_t len, size_t max)
{
	uint32_t	cp;
	size_t		at = 0;

	while (at < len && max-- > 0)
		at += utf8_decode(s + at, len - at, &cp);
	return at;
}

/* Appends model text escaped, cut after max characters with "…". */
void
note_gv_text(struct strbuf *sb, const char *s, size_t len, size_t max)
{
	size_t	keep = note_gv_cut_length(s, len, max);

	note_gv_textn(sb, s, keep);
	if (keep < len)
		strbuf_add(sb, "…");
}

/* Appends label markup cut after max characters of text, closing the
 * tags left open: a tag or an entity is copied whole, and a character
 * with its combining marks counts once. */
void
note_gv_markup(struct strbuf *sb, const char *s, size_t len, size_t max)
{
	const char	*end = s + len, *q;
	char		 open[GV_MAX_DEPTH][4];
	size_t		 nopen = 0, n;
	uint32_t	 cp;

	while (s < end) {
		if (*s == '<') {
			q = memchr(s, '>', (size_t)(end - s));
			n = q != NULL ? (size_t)(q - s) + 1 : (size_t)(end - s);
			if (s[1] == '/' && nopen > 0)
				nopen--;
			else if (s[1] != '/' && nopen < GV_MAX_DEPTH &&
			    n >= 3 && n <= 5 && s[n - 2] != '/') {
				memcpy(open[nopen], s + 1, n - 2);
				open[nopen++][n - 2] = '\0';
			}
			strbuf_addn(sb, s, n);
			s += n;
			continue;
		}
		n = *s == '&' && (q = memchr(s, ';', (size_t)(end - s))) !=
		    NULL ? (size_t)(q - s) + 1 : utf8_decode(s,
		    (size_t)(end - s), &cp);
		if (*s != '&' && ((cp >= 0x300 && cp < 0x370) ||
		    (cp >= 0x20d0 && cp < 0x2100))) {
			strbuf_addn(sb, s, n);	/* a combining mark */
			s += n;
			continue;
		}
		if (max == 0) {
			strbuf_add(sb, "…");
			break;
		}
		max--;
		strbuf_addn(sb, s, n);
		s += n;
	}
	while (nopen > 0)
		strbuf_addf(sb, "</%s>", open[--nopen]);
}

/* Appends one ASCII character of a symbol, escaped. */
static void
gv_char(struct strbuf *out, char c)
{
	note_gv_textn(out, &c, 1);
}

static void
gv_skip_space(struct gv *g)
{
	while (*g->s == ' ')
		g->s++;
}

/* Appends an argument: a group or one atom. */
static void
gv_arg(struct gv *g)
{
	gv_skip_space(g);
	if (*g->s != '\0' && *g->s != '}' && *g->s != '_' && *g->s != '^')
		gv_atom(g);
}

/* Appends an argument in bold (\mathbf), when it draws anything. */
static void
gv_bold(struct gv *g)
{
	struct strbuf	 t = STRBUF_INIT, *out = g->out;

	g->out = &t;
	gv_arg(g);
	g->out = out;
	if (t.len > 0) {
		strbuf_add(out, "<b>");
		strbuf_addn(out, strbuf_str(&t), t.len);
		strbuf_add(out, "</b>");
	}
	out->failed |= t.failed;
	strbuf_release(&t);
}

/* Appends what a command of the table draws; its name is read. */
static void
gv_known(struct gv *g, const struct tex_command *t)
{
	switch (t->kind) {
	case TEX_GREEK:
	case TEX_IDENT:
	case TEX_OPERATOR:
		note_gv_textn(g->out, t->text, strlen(t->text));
		break;
	case TEX_ACCENT:
		gv_arg(g);
		strbuf_add(g->out, t->mark);
		break;
	case TEX_FONT:
		if (strcmp(t->name, "mathbf") == 0 ||
		    strcmp(t->name, "boldsymbol") == 0)
			gv_bold(g);
		else
			gv_arg(g);
		break;
	case TEX_FRAC:
		gv_arg(g);
		strbuf_addc(g->out, '/');
		gv_arg(g);
		break;
	case TEX_SQRT:
		strbuf_add(g->out, "√");
		/* FALLTHROUGH */
	case TEX_UPRIGHT:
	case TEX_TEXT:
	case TEX_DELIMITER:
		gv_arg(g);
		break;
	case TEX_SPACE:
		strbuf_addc(g->out, ' ');
		break;
	case TEX_FUNCTION:
		strbuf_add(g->out, t->name);
		break;
	case TEX_IGNORED:
		break;
	}
}

/* Appends a command; the backslash is read.  An unknown one is drawn as
 * its name. */
static void
gv_command(struct gv *g)
{
	const struct tex_command	*t;
	const char			*name = g->s;

	while ((*g->s >= 'a' && *g->s <= 'z') || (*g->s >= 'A' && *g->s <= 'Z'))
		g->s++;
	if (g->s == name && *g->s != '\0')
		g->s++;		/* a one-character command: \, \{ */
	if ((t = tex_command_find(name, (size_t)(g->s - name))) != NULL)
		gv_known(g, t);
	else
		note_gv_textn(g->out, name, (size_t)(g->s - name));
}

/* Appends one atom: a group, a command with its argument, a character. */
static void
gv_atom(struct gv *g)
{
	if (g->depth >= GV_MAX_DEPTH) {
		g->s += strlen(g->s);
		return;
	}
	g->depth++;
	if (*g->s == '{') {
		g->s++;
		gv_list(g, 1);
		if (*g->s == '}')
			g->s++;
	} else if (*g->s == '\\') {
		g->s++;
		gv_command(g);
	} else
		gv_char(g->out, *g->s++);
	g->depth--;
}

/* The script form of the n bytes at s in a table, or NULL. */
static const char *
script_char(const char *const (*table)[2], size_t size, const char *s,
    size_t n)
{
	size_t	i;

	for (i = 0; i < size; i++) {
		if (strlen(table[i][0]) == n && memcmp(table[i][0], s, n) == 0)
			return table[i][1];
	}
	return NULL;
}

/* Appends the drawn script t in Unicode script characters when each of
 * its characters has one; returns 0 when one has none. */
static int
script_unicode(struct strbuf *out, const struct strbuf *t, int sub)
{
	const char	*s = strbuf_str(t), *c;
	size_t		 i, n, pass;
	uint32_t	 cp;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < t->len; i += n) {
			n = utf8_decode(s + i, t->len - i, &cp);
			c = sub ? script_char(subscripts, sizeof(subscripts) /
			    sizeof(subscripts[0]), s + i, n) :
			    script_char(superscripts, sizeof(superscripts) /
			    sizeof(superscripts[0]), s + i, n);
			if (c == NULL)
				return 0;
			if (pass == 1)
				strbuf_add(out, c);
		}
	}
	return 1;
}

/* Appends the script after '_' or '^' (read): Unicode script characters,
 * else the drawn argument in <sub> or <sup>. */
static void
gv_script(struct gv *g, int sub)
{
	struct strbuf	 t = STRBUF_INIT, *out = g->out;

	g->out = &t;
	gv_arg(g);
	g->out = out;
	if (t.len > 0 && !script_unicode(out, &t, sub)) {
		strbuf_add(out, sub ? "<sub>" : "<sup>");
		strbuf_addn(out, strbuf_str(&t), t.len);
		strbuf_add(out, sub ? "</sub>" : "</sup>");
	}
	out->failed |= t.failed;
	strbuf_release(&t);
}

/* Appends an atom with its scripts and primes. */
static void
gv_scripted(struct gv *g)
{
	gv_atom(g);
	for (;;) {
		gv_skip_space(g);
		if (*g->s == '\'') {
			strbuf_add(g->out, "′");
			g->s++;
		} else if (*g->s == '_' || *g->s == '^') {
			g->s++;
			gv_script(g, g->s[-1] == '_');
		} else
			return;
	}
}

/* Appends atoms up to the end, or in a group up to its closing brace. */
static void
gv_list(struct gv *g, int group)
{
	for (;;) {
		gv_skip_space(g);
		if (*g->s == '\0' || (group && *g->s == '}'))
			return;
		if (*g->s == '}') {
			g->s++;		/* closes nothing */
			continue;
		}
		gv_scripted(g);
	}
}

/* Appends a LaTeX symbol drawn in Unicode for a label. */
void
note_gv_from_latex(struct strbuf *sb, const char *tex)
{
	struct gv	g = { tex, sb, 0 };

	gv_list(&g, 0);
}

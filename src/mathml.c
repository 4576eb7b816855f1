/*
 * MathML and HTML text for the report.
 *
 * MathML from the LaTeX the notation writes: \frac, \partial, \delta and
 * the Greek letters, \cdot, \to, \left( \right), \sqrt, \exp and its
 * kind, \mathrm, \hat and its kind, subscripts and superscripts: the
 * commands of notation_tex.c's one table, the same that a model's
 * "latex" key is checked against.  Other commands are shown as their text.  Every
 * character of the source ends up escaped inside a token element, and
 * nesting deeper than
 * MATHML_MAX_DEPTH is shown as text: a model's "latex" keys are user text.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "mathml.h"
#include "notation.h"
#include "strbuf.h"

/* How deep the LaTeX of a formula may nest before the rest is text. */
#define MATHML_MAX_DEPTH	48

/* Appends len bytes of text, escaped for HTML text and attributes; a
 * control character other than newline and tab (C0, DEL, C1) becomes
 * U+FFFD, as in the diagrams' labels (SPEC 5.1). */
void
html_escape_n(struct strbuf *sb, const char *s, size_t len)
{
	size_t		 i, start = 0, n;
	unsigned char	 c;
	const char	*rep;

	for (i = 0; i < len; i += n) {
		c = (unsigned char)s[i];
		n = 1;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if (c == 0xc2 && i + 1 < len &&
			    (unsigned char)s[i + 1] >= 0x80 &&
			    (unsigned char)s[i + 1] < 0xa0)
				n = 2;
			else if (!((c < 0x20 && c != '\n' && c != '\t') ||
			    c == 0x7f))
				continue;
			rep = "\xef\xbf\xbd";
			break;
		}
		strbuf_addn(sb, s + start, i - start);
		strbuf_add(sb, rep);
		start = i + n;
	}
	strbuf_addn(sb, s + start, len - start);
}

void
html_escape(struct strbuf *sb, const char *s)
{
	html_escape_n(sb, s, strlen(s));
}

/*
 * MathML from the LaTeX the notation writes: \frac, \partial, \delta and
 * the Greek letters, \cdot, \to, \left( \right), \sqrt, \exp and its
 * kind, \mathrm, \hat and its kind, subscripts and superscripts.  Other
 * commands are shown as their text.  Every character of the source ends
 * up escaped inside a token element.
 */
struct mm {
	const char	*s;
	struct strbuf	*out;
	int		 depth;
};

/* mm_list()'s group after \left: up to its \right. */
#define MM_UNTIL_RIGHT	2
static void	mm_list(struct mm *, int group);
static void	mm_arg(struct mm *);

/* Appends <tag attrs>text</tag> with the text escaped: the attributes go
 * in the start tag only. */
static void
mm_token_with(struct mm *p, const char *tag, const char *attrs,
    const char *text, size_t len)
{
	strbuf_addf(p->out, "<%s%s>", tag, attrs);
	html_escape_n(p->out, text, len);
	strbuf_addf(p->out, "</%s>", tag);
}

/* Appends <tag>text</tag> with the text escaped. */
static void
mm_token(struct mm *p, const char *tag, const char *text, size_t len)
{
	mm_token_with(p, tag, "", text, len);
}

static void
mm_skip_space(struct mm *p)
{
	while (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' ||
	    *p->s == '\r')
		p->s++;
}

/* Reads a command's name after the backslash into *name and *len. */
static void
mm_command_name(struct mm *p, const char **name, size_t *len)
{
	const char	*s = p->s;

	while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
		s++;
	if (s == p->s && *s != '\0')
		s++;		/* a one-character command: \, \{ */
	*name = p->s;
	*len = (size_t)(s - p->s);
	p->s = s;
}

/* Appends the text of a group {...} (or of one character) as a token,
 * for \mathrm and \text. */
static void
mm_text_arg(struct mm *p, const char *tag, const char *attrs)
{
	const char	*start;
	int		 level = 1;

	mm_skip_space(p);
	if (*p->s != '{') {
		if (*p->s != '\0') {
			mm_token_with(p, tag, attrs, p->s, 1);
			p->s++;
		}
		return;
	}
	start = ++p->s;
	while (*p->s != '\0') {
		if (*p->s == '{')
			level++;
		else if (*p->s == '}' && --level == 0)
			break;
		p->s++;
	}
	mm_token_with(p, tag, attrs, start, (size_t)(p->s - start));
	if (*p->s == '}')
		p->s++;
}

/* Appends the delimiter after \left or \right. */
static void
mm_delimiter(struct mm *p)
{
	mm_skip_space(p);
	if (*p->s == '.')
		p->s++;
	else if (*p->s == '\\' && (p->s[1] == '{' || p->s[1] == '}' ||
	    p->s[1] == '|')) {
		mm_token(p, "mo", p->s[1] == '|' ? "‖" : p->s + 1,
		    p->s[1] == '|' ? strlen("‖") : 1);
		p->s += 2;
	} else if (*p->s != '\0' && *p->s != '\\') {
		mm_token(p, "mo", p->s, 1);
		p->s++;
	}
}

/* Appends what a command of the table makes. */
static void
mm_known(struct mm *p, const struct tex_command *t)
{
	switch (t->kind) {
	case TEX_FRAC:
		strbuf_add(p->out, "<mfrac>");
		mm_arg(p);
		mm_arg(p);
		strbuf_add(p->out, "</mfrac>");
		break;
	case TEX_SQRT:
		strbuf_add(p->out, "<msqrt>");
		mm_arg(p);
		strbuf_add(p->out, "</msqrt>");
		break;
	case TEX_DELIMITER:
		mm_delimiter(p);
		break;
	case TEX_UPRIGHT:
		strbuf_add(p->out, "<mrow>");
		mm_text_arg(p, "mi", " mathvariant=\"normal\"");
		strbuf_add(p->out, "</mrow>");
		break;
	case TEX_TEXT:
		mm_text_arg(p, "mtext", "");
		break;
	case TEX_FONT:
		mm_arg(p);
		break;
	case TEX_ACCENT:
		strbuf_add(p->out, "<mover accent=\"true\">");
		mm_arg(p);
		mm_token(p, "mo", t->text, strlen(t->text));
		strbuf_add(p->out, "</mover>");
		break;
	case TEX_SPACE:
		strbuf_addf(p->out, "<mspace width=\"%s\"/>", t->text);
		break;
	case TEX_GREEK:
	case TEX_IDENT:
	case TEX_OPERATOR:
		mm_token(p, t->kind == TEX_OPERATOR ? "mo" : "mi", t->text,
		    strlen(t->text));
		break;
	case TEX_FUNCTION:
		mm_token(p, "mi", t->name, strlen(t->name));
		strbuf_add(p->out, "<mo>&#x2061;</mo>");
		break;
	case TEX_IGNORED:
		break;
	}
}

/* Appends a command; the backslash is read. */
static void
mm_command(struct mm *p)
{
	const struct tex_command	*t;
	const char			*name;
	size_t				 len;

	mm_command_name(p, &name, &len);
	if ((t = tex_command_find(name, len)) != NULL) {
		mm_known(p, t);
		return;
	}
	/* Unknown: shown as written, so that nothing is lost. */
	strbuf_add(p->out, "<mtext>\\");
	html_escape_n(p->out, name, len);
	strbuf_add(p->out, "</mtext>");
}

/* Appends one character that is not a command or a group. */
static void
mm_char(struct mm *p)
{
	const char	*s = p->s;
	uint32_t	 cp;
	size_t		 n;

	if (*s >= '0' && *s <= '9') {
		while ((*s >= '0' && *s <= '9') || (*s == '.' &&
		    s[1] >= '0' && s[1] <= '9'))
			s++;
		mm_token(p, "mn", p->s, (size_t)(s - p->s));
		p->s = s;
		return;
	}
	if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) {
		mm_token(p, "mi", s, 1);
		p->s++;
		return;
	}
	if (*s == '-') {
		mm_token(p, "mo", "−", strlen("−"));
		p->s++;
		return;
	}
	if (*s == '\'') {
		mm_token(p, "mo", "′", strlen("′"));
		p->s++;
		return;
	}
	if (*s == '~') {
		strbuf_add(p->out, "<mspace width=\"0.25em\"/>");
		p->s++;
		return;
	}
	if (*s == '&' || *s == '$') {
		p->s++;		/* alignment and math shifts */
		return;
	}
	/* A code point is at most 4 bytes: strlen() of the rest, for each
	 * character, made a long rule quadratic. */
	n = utf8_decode(s, strnlen(s, 4), &cp);
	mm_token(p, (unsigned char)*s >= 0x80 ? "mi" : "mo", s, n);
	p->s += n;
}

/* Says whether the text at s is the command \name, whole. */
static int
mm_at_command(const char *s, const char *name)
{
	size_t	len = strlen(name);

	return s[0] == '\\' && strncmp(s + 1, name, len) == 0 &&
	    !((s[len + 1] >= 'a' && s[len + 1] <= 'z') ||
	    (s[len + 1] >= 'A' && s[len + 1] <= 'Z'));
}

/* Appends \left D ... \right D as one row, so that both delimiters
 * stretch to the same content and a script after \right applies to the
 * whole: "(3t)²", not a large "(" and a small ")²". */
static void
mm_left_right(struct mm *p)
{
	p->s += strlen("\\left");
	strbuf_add(p->out, "<mrow>");
	mm_delimiter(p);
	mm_list(p, MM_UNTIL_RIGHT);
	if (mm_at_command(p->s, "right")) {
		p->s += strlen("\\right");
		mm_delimiter(p);
	}
	strbuf_add(p->out, "</mrow>");
}

/* Appends one atom: a group, a command with its arguments, a token. */
static void
mm_atom(struct mm *p)
{
	mm_skip_space(p);
	if (*p->s == '\0')
		return;
	if (p->depth >= MATHML_MAX_DEPTH) {
		mm_token(p, "mtext", p->s, 1);
		p->s++;
		return;
	}
	p->depth++;
	if (*p->s == '{') {
		p->s++;
		strbuf_add(p->out, "<mrow>");
		mm_list(p, 1);
		strbuf_add(p->out, "</mrow>");
		if (*p->s == '}')
			p->s++;
	} else if (mm_at_command(p->s, "left"))
		mm_left_right(p);
	else if (*p->s == '\\') {
		p->s++;
		mm_command(p);
	} else if (*p->s == '_' || *p->s == '^')
		strbuf_add(p->out, "<mrow></mrow>");	/* a script alone */
	else
		mm_char(p);
	p->depth--;
}

/* Appends an argument: a group or one atom, as one element. */
static void
mm_arg(struct mm *p)
{
	mm_skip_space(p);
	if (*p->s == '{' && p->depth < MATHML_MAX_DEPTH) {
		mm_atom(p);		/* a group makes its own mrow */
		return;
	}
	strbuf_add(p->out, "<mrow>");
	if (*p->s != '\0' && *p->s != '}' && *p->s != '_' && *p->s != '^')
		mm_atom(p);
	strbuf_add(p->out, "</mrow>");
}

/* Appends an atom with its subscript and superscript. */
static void
mm_scripted(struct mm *p)
{
	struct strbuf	 base = STRBUF_INIT, sub = STRBUF_INIT,
			 sup = STRBUF_INIT, *out = p->out;
	size_t		 mark = out->len;

	mm_atom(p);
	mm_skip_space(p);
	if (*p->s != '_' && *p->s != '^')
		return;
	strbuf_addn(&base, out->s + mark, out->len - mark);
	strbuf_truncate(out, mark);
	while (*p->s == '_' || *p->s == '^') {
		p->out = *p->s == '_' ? &sub : &sup;
		p->s++;
		if (p->out->len > 0)
			strbuf_add(p->out, "<mo>′</mo>");	/* x_a_b */
		mm_arg(p);
		mm_skip_space(p);
	}
	p->out = out;
	if (sub.len > 0 && sup.len > 0)
		strbuf_add(out, "<msubsup><mrow>");
	else
		strbuf_add(out, sub.len > 0 ? "<msub><mrow>" : "<msup><mrow>");
	strbuf_add(out, strbuf_str(&base));
	strbuf_add(out, "</mrow>");
	strbuf_add(out, strbuf_str(&sub));
	strbuf_add(out, strbuf_str(&sup));
	strbuf_add(out, sub.len > 0 && sup.len > 0 ? "</msubsup>" :
	    sub.len > 0 ? "</msub>" : "</msup>");
	out->failed |= base.failed | sub.failed | sup.failed;
	strbuf_release(&base);
	strbuf_release(&sub);
	strbuf_release(&sup);
}

/* Appends atoms up to the end, or in a group up to its closing brace
 * (group 1), or after \left up to its \right (MM_UNTIL_RIGHT). */
static void
mm_list(struct mm *p, int group)
{
	for (;;) {
		mm_skip_space(p);
		if (*p->s == '\0' || (group == 1 && *p->s == '}') ||
		    (group == MM_UNTIL_RIGHT && mm_at_command(p->s, "right")))
			return;
		if (*p->s == '}') {
			mm_token(p, "mo", "}", 1);
			p->s++;
			continue;
		}
		mm_scripted(p);
	}
}

/* Appends the MathML of LaTeX, without the math element. */
void
mathml_from_latex(struct strbuf *out, const char *tex)
{
	struct mm	p = { tex, out, 0 };

	strbuf_add(out, "<mrow>");
	mm_list(&p, 0);
	strbuf_add(out, "</mrow>");
}


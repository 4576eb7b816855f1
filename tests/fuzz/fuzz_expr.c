/*
 * libFuzzer harness: any bytes as an expression over the inputs x, y, z
 * and a variable called sin (a name the language also uses).  What parses
 * is differentiated in every slot, simplified, printed in the three
 * styles and evaluated at a fixed point; nothing may crash, overflow the
 * stack or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "strbuf.h"

#define NSLOTS		4
/* Longer expressions only repeat what shorter ones test, more slowly. */
#define MAX_INPUT	4096

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const names[NSLOTS] = { "x", "y", "z", "sin" };
static const char *const latex_names[NSLOTS] = { "x", "y", "z",
	"\\mathrm{sin}" };
static const double point[NSLOTS] = { 0.75, -1.5, 2.0, 3.25 };

/* Knows the four names; refuses the rest with a reason. */
static int
resolve(void *ctx, const char *name, size_t len, uint32_t *slot,
    struct expr_error *err)
{
	uint32_t	i;

	(void)ctx;
	for (i = 0; i < NSLOTS; i++) {
		if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) {
			*slot = i;
			return 0;
		}
	}
	strcpy(err->text, "not an input");
	return -1;
}

/* Prints e in every style; the text must be a NUL-terminated string of
 * the length the buffer records. */
static void
print_all(const struct expr *e)
{
	static const enum expr_style styles[] = { EXPR_TEXT, EXPR_ASCII,
		EXPR_LATEX };
	struct strbuf	sb;
	size_t		i;

	for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++) {
		memset(&sb, 0, sizeof(sb));
		expr_print(e, styles[i], styles[i] == EXPR_LATEX ? latex_names :
		    names, &sb);
		if (!strbuf_failed(&sb) && strlen(strbuf_str(&sb)) != sb.len)
			abort();
		strbuf_release(&sb);
	}
}

/* Evaluates e at the point; an error must say why. */
static void
eval(const struct expr *e)
{
	struct expr_error	err;
	double			out;

	memset(&err, 0, sizeof(err));
	if (expr_eval(e, point, &out, &err) != 0 && err.text[0] == '\0')
		abort();
}

/* Everything done to one parsed tree. */
static void
exercise(const struct expr *e)
{
	struct expr	*d, *s, *sub;
	struct expr	*subs[NSLOTS];
	double		 value;
	uint32_t	 slot;

	print_all(e);
	eval(e);
	(void)expr_count_nodes(e, 1000);
	(void)expr_is_constant(e, &value);
	if ((s = expr_simplify(e)) != NULL) {
		print_all(s);
		eval(s);
		expr_free(s);
	}
	for (slot = 0; slot < NSLOTS; slot++) {
		if ((d = expr_derive(e, slot)) == NULL)
			continue;
		if (!expr_uses(e, slot) && !expr_is_zero(d))
			abort();
		print_all(d);
		eval(d);
		expr_free(d);
	}
	/* x := y, y := z, z := x, sin := sin: a renaming within the frame. */
	for (slot = 0; slot < NSLOTS; slot++)
		subs[slot] = expr_var(slot == NSLOTS - 1 ? slot :
		    (slot + 1) % (NSLOTS - 1));
	if ((sub = expr_substitute(e, subs)) != NULL) {
		eval(sub);
		expr_free(sub);
	}
	for (slot = 0; slot < NSLOTS; slot++)
		expr_free(subs[slot]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct expr		*e;
	struct expr_error	 err;

	if (size > MAX_INPUT)
		return 0;
	memset(&err, 0, sizeof(err));
	if ((e = expr_parse((const char *)data, size, resolve, NULL,
	    &err)) == NULL) {
		if (err.text[0] == '\0' || err.nomem)
			abort();
		return 0;
	}
	exercise(e);
	expr_free(e);
	return 0;
}

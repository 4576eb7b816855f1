/*
 * Unit tests of the notation: the symbols made from names and from the
 * "latex" key, in every style (text, ASCII, LaTeX, MathML, Graphviz
 * labels); derivatives, rules, f(x, g) and expressions in each; the one
 * table of LaTeX commands; the Unicode scripts of the diagrams and the
 * cutting of their markup.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dag.h"
#include "util.h"

#include "infdiag.h"
#include "model.h"
#include "notation.h"
#include "strbuf.h"

/* Every style, in the order of the expectations below. */
static const enum style styles[] = {
	STYLE_TEXT, STYLE_ASCII, STYLE_LATEX, STYLE_MATHML, STYLE_GV_HTML
};
#define NSTYLES	(sizeof(styles) / sizeof(styles[0]))

/* A model whose names use every convention, a "latex" key and a label. */
static const char conventions[] = "{\"variables\": {"
    "\"theta_1\": {}, \"thetahat_1_1\": {}, \"xbar\": {}, "
    "\"x_tilde\": {}, \"w\": {\"latex\": \"\\\\hat\\\\theta_{11}\"}, "
    "\"q\": {\"label\": \"a<b\"}, "
    "\"yhat\": {\"inputs\": [\"thetahat_1_1\", \"xbar\"], \"fn\": \"f\"}, "
    "\"z\": {\"inputs\": [\"x_tilde\"]}, "
    "\"E\": {\"expr\": \"yhat*w^2/2 + z + q + theta_1\"}}}";

/* The variable named name. */
static uint32_t
var(const struct infdiag_model *m, const char *name)
{
	uint32_t	v = infdiag_model_lookup(m, name);

	assert_int_not_equal(v, INFDIAG_NONE);
	return v;
}

/* Fails unless sb holds want, then empties it. */
#define assert_sb(sb, want)	assert_sb_at((sb), (want), __FILE__, __LINE__)

static void
assert_sb_at(struct strbuf *sb, const char *want, const char *file, int line)
{
	assert_false(strbuf_failed(sb));
	if (strcmp(strbuf_str(sb), want) != 0) {
		print_error("got  \"%s\"\nwant \"%s\"\n", strbuf_str(sb), want);
		_fail(file, line);
	}
	strbuf_truncate(sb, 0);
}

static void
notation__latex_names__subscripts_and_latex_key(void **state)
{
	static const char *const cases[][2] = {
		{ "theta_1", "\\theta_{1}" },
		{ "x2", "x_{2}" },
		{ "w1_2", "w_{1,2}" },
		{ "net", "\\mathrm{net}" },
		{ "Sigma", "\\Sigma" },
		{ "x", "x" },
		{ "thetahat_1_1", "\\hat{\\theta}_{1,1}" },
		{ "yhat", "\\hat{y}" },
		{ "xbar", "\\bar{x}" },
		{ "x_tilde", "\\tilde{x}" },
		{ "thetatilde_2", "\\tilde{\\theta}_{2}" },
		{ "x_hat_bar_3", "\\bar{\\hat{x}}_{3}" },
		{ "hat", "\\mathrm{hat}" },
		{ "net_hat", "\\mathrm{net}_{\\mathrm{hat}}" },
	};
	static const char	json[] = "{\"variables\": {\"theta_1\": {}, "
	    "\"yhat\": {\"inputs\": [\"theta_1\"], "
	    "\"latex\": \"\\\\hat{y}\"}}}";
	struct infdiag_model	*m = load(json);
	struct strbuf		 sb = STRBUF_INIT;
	size_t			 k;

	(void)state;
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		note_latex_name(&sb, cases[k][0]);
		assert_sb(&sb, cases[k][1]);
	}
	note_local(&sb, m, var(m, "yhat"), var(m, "theta_1"), STYLE_LATEX);
	assert_sb(&sb, "\\frac{d\\hat{y}}{d\\theta_{1}}");
	note_local(&sb, m, var(m, "yhat"), var(m, "theta_1"), STYLE_TEXT);
	assert_sb(&sb, "dyhat/dtheta_1");
	strbuf_release(&sb);
	infdiag_model_free(m);
}

static void
notation__symbols__every_style(void **state)
{
	static const struct {
		const char	*name;
		const char	*want[NSTYLES];
	} cases[] = {
		{ "thetahat_1_1", { "thetahat_1_1", "thetahat_1_1",
		    "\\hat{\\theta}_{1,1}",
		    "<mrow><msub><mrow><mover accent=\"true\"><mrow><mi>θ</mi>"
		    "</mrow><mo>^</mo></mover></mrow><mrow><mn>1</mn><mo>,</mo>"
		    "<mn>1</mn></mrow></msub></mrow>",
		    "θ\xcc\x82₁,₁" } },
		{ "yhat", { "yhat", "yhat", "\\hat{y}",
		    "<mrow><mover accent=\"true\"><mrow><mi>y</mi></mrow>"
		    "<mo>^</mo></mover></mrow>", "y\xcc\x82" } },
		{ "xbar", { "xbar", "xbar", "\\bar{x}",
		    "<mrow><mover accent=\"true\"><mrow><mi>x</mi></mrow>"
		    "<mo>¯</mo></mover></mrow>", "x\xcc\x84" } },
		{ "x_tilde", { "x_tilde", "x_tilde", "\\tilde{x}",
		    "<mrow><mover accent=\"true\"><mrow><mi>x</mi></mrow>"
		    "<mo>˜</mo></mover></mrow>", "x\xcc\x83" } },
		{ "w", { "w", "w", "\\hat\\theta_{11}",
		    "<mrow><msub><mrow><mover accent=\"true\"><mrow><mi>θ</mi>"
		    "</mrow><mo>^</mo></mover></mrow><mrow><mn>11</mn></mrow>"
		    "</msub></mrow>", "θ\xcc\x82₁₁" } },
		{ "q", { "q", "q", "q", "<mrow><mi>q</mi></mrow>",
		    "a&lt;b" } },
	};
	struct infdiag_model	*m = load(conventions);
	struct strbuf		 sb = STRBUF_INIT;
	size_t			 k, s;

	(void)state;
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		for (s = 0; s < NSTYLES; s++) {
			note_symbol(&sb, m, var(m, cases[k].name), styles[s]);
			assert_sb(&sb, cases[k].want[s]);
		}
	}
	strbuf_release(&sb);
	infdiag_model_free(m);
}

static void
notation__derivatives_and_rules__every_style(void **state)
{
	static const char *const local[NSTYLES] = {
		"∂yhat/∂thetahat_1_1", "del yhat/del thetahat_1_1",
		"\\frac{\\partial \\hat{y}}{\\partial \\hat{\\theta}_{1,1}}",
		"<mrow><mfrac><mrow><mi>∂</mi><mover accent=\"true\"><mrow>"
		"<mi>y</mi></mrow><mo>^</mo></mover></mrow><mrow><mi>∂</mi>"
		"<msub><mrow><mover accent=\"true\"><mrow><mi>θ</mi></mrow>"
		"<mo>^</mo></mover></mrow><mrow><mn>1</mn><mo>,</mo><mn>1</mn>"
		"</mrow></msub></mrow></mfrac></mrow>",
		"∂y\xcc\x82/∂θ\xcc\x82₁,₁"
	};
	static const char *const rule[NSTYLES] = {
		"δz = dz/dx_tilde δx_tilde",
		"delta z = dz/dx_tilde delta x_tilde",
		"\\delta z = \\frac{dz}{d\\tilde{x}}\\, \\delta \\tilde{x}",
		NULL,
		"δz = dz/dx\xcc\x83 δx\xcc\x83"
	};
	struct infdiag_model	*m = load(conventions);
	struct strbuf		 sb = STRBUF_INIT;
	size_t			 s;

	(void)state;
	for (s = 0; s < NSTYLES; s++) {
		note_local(&sb, m, var(m, "yhat"), var(m, "thetahat_1_1"),
		    styles[s]);
		assert_sb(&sb, local[s]);
		note_rule(&sb, m, var(m, "z"), styles[s]);
		if (rule[s] != NULL)
			assert_sb(&sb, rule[s]);
		else {
			/* MathML: δ and the fraction, no LaTeX left. */
			assert_non_null(strstr(strbuf_str(&sb), "<mi>δ</mi>"));
			assert_non_null(strstr(strbuf_str(&sb), "<mfrac>"));
			assert_null(strchr(strbuf_str(&sb), '\\'));
			strbuf_truncate(&sb, 0);
		}
	}
	strbuf_release(&sb);
	infdiag_model_free(m);
}

/* Escapes model text as a test's output would: brackets around it. */
static void
bracket_text(void *ctx, struct strbuf *sb, const char *s)
{
	(void)ctx;
	strbuf_addf(sb, "[%s]", s);
}

static void
notation__function_of__every_style(void **state)
{
	static const char *const fn[NSTYLES] = {
		"[f](thetahat_1_1, xbar)", "[f](thetahat_1_1, xbar)",
		"[f](\\hat{\\theta}_{1,1}, \\bar{x})", NULL,
		"[f](θ\xcc\x82₁,₁, x\xcc\x84)"
	};
	static const char *const own[NSTYLES] = {
		"z(x_tilde)", "z(x_tilde)", "z(\\tilde{x})",
		"<mrow><mi>z</mi><mo>(</mo><mover accent=\"true\"><mrow><mi>x"
		"</mi></mrow><mo>˜</mo></mover><mo>)</mo></mrow>",
		"z(x\xcc\x83)"
	};
	struct infdiag_model	*m = load(conventions);
	struct strbuf		 sb = STRBUF_INIT;
	size_t			 s;

	(void)state;
	for (s = 0; s < NSTYLES; s++) {
		note_function(&sb, m, var(m, "yhat"), styles[s], bracket_text,
		    NULL);
		if (fn[s] != NULL)
			assert_sb(&sb, fn[s]);
		else
			strbuf_truncate(&sb, 0);
		note_function(&sb, m, var(m, "z"), styles[s], bracket_text,
		    NULL);
		assert_sb(&sb, own[s]);
	}
	strbuf_release(&sb);
	infdiag_model_free(m);
}

static void
notation__expressions__pretty_in_every_style(void **state)
{
	static const char *const want[NSTYLES] = {
		"yhat·w²/2 + z + q + theta_1",
		"yhat*w^2/2 + z + q + theta_1",
		NULL, NULL,
		"y\xcc\x82·θ\xcc\x82₁₁²/2 + z + a&lt;b + θ₁"
	};
	struct infdiag_model	*m = load(conventions);
	const struct var_extra	*x = var_extra(m, var(m, "E"));
	struct strbuf		 sb = STRBUF_INIT;
	size_t			 s;

	(void)state;
	assert_non_null(x);
	for (s = 0; s < NSTYLES; s++) {
		note_expr(&sb, m, var(m, "E"), x->expr, styles[s]);
		if (want[s] != NULL)
			assert_sb(&sb, want[s]);
		else
			strbuf_truncate(&sb, 0);
	}
	note_expr(&sb, m, var(m, "E"), x->expr, STYLE_LATEX);
	assert_non_null(strstr(strbuf_str(&sb), "\\hat{y}"));
	assert_non_null(strstr(strbuf_str(&sb), "\\hat\\theta_{11}^{2}"));
	strbuf_release(&sb);
	infdiag_model_free(m);
}

static void
notation__gv_scripts__unicode_where_it_exists(void **state)
{
	static const char *const cases[][2] = {
		{ "x_{1,2}", "x₁,₂" },
		{ "x^{2}", "x²" },
		{ "x_{n}^{(i)}", "xₙ⁽ⁱ⁾" },
		{ "w_{q}", "w<sub>q</sub>" },
		{ "y^{(q)}_{d}", "y<sup>(q)</sup><sub>d</sub>" },
		{ "x'", "x′" },
		{ "\\mathbf{x}_{i}", "<b>x</b>ᵢ" },
		{ "\\vec{v}", "v\xe2\x83\x97" },
		{ "\\alpha\\,\\beta", "α β" },
		{ "a<b", "a&lt;b" },
		{ "\\unknown{}", "unknown" },
		{ "}{x", "x" },
	};
	struct strbuf	sb = STRBUF_INIT;
	size_t		k;

	(void)state;
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		note_gv_from_latex(&sb, cases[k][0]);
		assert_sb(&sb, cases[k][1]);
	}
	strbuf_release(&sb);
}

static void
notation__gv_markup__cut_keeps_tags_balanced(void **state)
{
	static const char	markup[] =
	    "a<sub>q</sub>θ\xcc\x82&lt;<b>xyz</b>";
	struct strbuf		sb = STRBUF_INIT;

	(void)state;
	note_gv_markup(&sb, markup, strlen(markup), 100);
	assert_sb(&sb, markup);
	note_gv_markup(&sb, markup, strlen(markup), 3);
	assert_sb(&sb, "a<sub>q</sub>θ\xcc\x82…");
	note_gv_markup(&sb, markup, strlen(markup), 5);
	assert_sb(&sb, "a<sub>q</sub>θ\xcc\x82&lt;<b>x…</b>");
	note_gv_markup(&sb, markup, strlen(markup), 1);
	assert_sb(&sb, "a<sub>…</sub>");
	note_gv_text(&sb, "a\tb&c", 5, 80);
	assert_sb(&sb, "a b&amp;c");
	note_gv_text(&sb, "abcdef", 6, 3);
	assert_sb(&sb, "abc…");
	strbuf_release(&sb);
}

static void
notation__tex_table__finds_each_command_by_name(void **state)
{
	static const char *const known[] = {
		"theta", "Theta", "alpha", "zeta", "omega", "\\", ",", " ",
		"{", "}", "_", "hat", "widetilde", "mathbf", "operatorname",
		"frac", "displaystyle", "cdot", "to"
	};
	const struct tex_command	*t;
	size_t				 k;

	(void)state;
	for (k = 0; k < sizeof(known) / sizeof(known[0]); k++) {
		t = tex_command_find(known[k], strlen(known[k]));
		assert_non_null(t);
		assert_string_equal(t->name, known[k]);
	}
	/* The length counts, not the terminator. */
	t = tex_command_find("thetax", 5);
	assert_non_null(t);
	assert_string_equal(t->text, "θ");
	assert_null(tex_command_find("the", 3));
	assert_null(tex_command_find("thetax", 6));
	assert_null(tex_command_find("foo", 3));
	assert_null(tex_command_find("", 0));
	assert_string_equal(tex_command_find("hat", 3)->mark, "\xcc\x82");
	assert_string_equal(tex_command_of_char("θ", strlen("θ"))->name,
	    "theta");
}

static void
notation__signs__every_style(void **state)
{
	static const char *const times[NSTYLES] = {
		"·", "*", " \\cdot ", "<mo>·</mo>", "·"
	};
	static const char *const arrow[NSTYLES] = {
		" → ", " -> ", " \\to ", "<mo>→</mo>", " → "
	};
	static const char *const dims[NSTYLES] = {
		"2×3", "2x3", "2 \\times 3", "<mn>2</mn><mo>×</mo><mn>3</mn>",
		"2×3"
	};
	struct strbuf	sb = STRBUF_INIT;
	size_t		s;

	(void)state;
	for (s = 0; s < NSTYLES; s++) {
		assert_string_equal(note_times(styles[s]), times[s]);
		assert_string_equal(note_arrow(styles[s]), arrow[s]);
		note_dims(&sb, 2, 3, styles[s]);
		assert_sb(&sb, dims[s]);
	}
	strbuf_release(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    notation__latex_names__subscripts_and_latex_key),
		cmocka_unit_test(notation__symbols__every_style),
		cmocka_unit_test(notation__derivatives_and_rules__every_style),
		cmocka_unit_test(notation__function_of__every_style),
		cmocka_unit_test(notation__expressions__pretty_in_every_style),
		cmocka_unit_test(notation__gv_scripts__unicode_where_it_exists),
		cmocka_unit_test(notation__gv_markup__cut_keeps_tags_balanced),
		cmocka_unit_test(
		    notation__tex_table__finds_each_command_by_name),
		cmocka_unit_test(notation__signs__every_style),
	};

	return cmocka_run_group_tests_name("notation", tests, NULL, NULL);
}

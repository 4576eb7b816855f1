/*
 * Unit tests of the diagrams' colours, as a colour-blind reader or a
 * projector sees them.  The path colours come from diagram_path_colour(),
 * the one source the diagrams, the report and the slides use; the greys
 * are read from a paths view as it is written.  Colour-vision deficiency
 * is simulated with the matrices of Machado, Oliveira and Fernandes (2009)
 * at severity 1 (protanopia, deuteranopia, tritanopia) applied to linear
 * RGB; colours are compared by CIEDE2000 in CIELAB (D65), and contrast is
 * WCAG 2's ratio of relative luminances.
 *
 * The thresholds: every pair of the DIAGRAM_MAX_COLOURS (6) path colours
 * at least 12 CIEDE2000 apart in normal vision and under each of the
 * three deficiencies (about 2 is a just noticeable difference; 10 reads
 * as a different colour at a glance); each path colour, and the off-path
 * grey of lines, at least 3:1 on white (WCAG 1.4.11, graphical objects);
 * the off-path grey of text at least 4.5:1 (WCAG 1.4.3).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#include "infdiag.h"
#include "diagram.h"
#include "gv_compat.h"

#define MIN_DE2000		12.0
#define PI			3.14159265358979323846
#define MIN_CONTRAST_LINE	3.0
#define MIN_CONTRAST_TEXT	4.5

/* Normal vision, and Machado et al.'s matrices at severity 1. */
static const double vision[4][3][3] = {
	{ { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
	{ { 0.152286, 1.052583, -0.204868 },	/* protanopia */
	  { 0.114503, 0.786281, 0.099216 },
	  { -0.003882, -0.048116, 1.051998 } },
	{ { 0.367322, 0.860646, -0.227968 },	/* deuteranopia */
	  { 0.280085, 0.672501, 0.047413 },
	  { -0.011820, 0.042940, 0.968881 } },
	{ { 1.255528, -0.076749, -0.178779 },	/* tritanopia */
	  { -0.078411, 0.930809, 0.147602 },
	  { 0.004733, 0.691367, 0.303900 } }
};
static const char *const vision_name[4] = {
	"normal", "protanopia", "deuteranopia", "tritanopia"
};

/* Reads "#rrggbb" as linear RGB. */
static void
linear_rgb(const char *hex, double rgb[3])
{
	unsigned	c[3];
	double		x;
	int		i;

	assert_int_equal(strlen(hex), 7);
	assert_int_equal(sscanf(hex, "#%2x%2x%2x", &c[0], &c[1], &c[2]), 3);
	for (i = 0; i < 3; i++) {
		x = c[i] / 255.0;
		rgb[i] = x <= 0.04045 ? x / 12.92 :
		    pow((x + 0.055) / 1.055, 2.4);
	}
}

/* WCAG's relative luminance of a linear RGB colour. */
static double
luminance(const double rgb[3])
{
	return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

/* WCAG's contrast ratio of a colour on white. */
static double
contrast_on_white(const char *hex)
{
	double	rgb[3];

	linear_rgb(hex, rgb);
	return 1.05 / (luminance(rgb) + 0.05);
}

/* CIELAB's f. */
static double
lab_f(double t)
{
	return t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116;
}

/* A colour as seen with vision k, in CIELAB (D65 white). */
static void
seen_lab(const char *hex, int k, double lab[3])
{
	double	rgb[3], s[3], x, y, z;
	int	i;

	linear_rgb(hex, rgb);
	for (i = 0; i < 3; i++) {
		s[i] = vision[k][i][0] * rgb[0] + vision[k][i][1] * rgb[1] +
		    vision[k][i][2] * rgb[2];
		s[i] = s[i] < 0 ? 0 : s[i] > 1 ? 1 : s[i];
	}
	x = (0.4124564 * s[0] + 0.3575761 * s[1] + 0.1804375 * s[2]) / 0.95047;
	y = 0.2126729 * s[0] + 0.7151522 * s[1] + 0.0721750 * s[2];
	z = (0.0193339 * s[0] + 0.1191920 * s[1] + 0.9503041 * s[2]) / 1.08883;
	lab[0] = 116 * lab_f(y) - 16;
	lab[1] = 500 * (lab_f(x) - lab_f(y));
	lab[2] = 200 * (lab_f(y) - lab_f(z));
}

/* Degrees to radians. */
static double
rad(double d)
{
	return d * PI / 180;
}

/* A hue angle in degrees, 0-360 (0 for a grey). */
static double
hue(double b, double a)
{
	double	h;

	if (a == 0 && b == 0)
		return 0;
	h = atan2(b, a) * 180 / PI;
	return h < 0 ? h + 360 : h;
}

/* CIEDE2000's mean hue and hue difference of two colours. */
static void
hues(double c1, double h1, double c2, double h2, double *mean, double *diff)
{
	double	d = h2 - h1;

	if (c1 * c2 == 0) {
		*mean = h1 + h2;
		*diff = 0;
		return;
	}
	d = d > 180 ? d - 360 : d < -180 ? d + 360 : d;
	*diff = d;
	if (fabs(h1 - h2) <= 180)
		*mean = (h1 + h2) / 2;
	else
		*mean = (h1 + h2 + (h1 + h2 < 360 ? 360 : -360)) / 2;
}

/* The CIEDE2000 colour difference (Sharma, Wu and Dalal's formulas). */
static double
ciede2000(const double x[3], const double y[3])
{
	double	c = (hypot(x[1], x[2]) + hypot(y[1], y[2])) / 2;
	double	g = 0.5 * (1 - sqrt(pow(c, 7) / (pow(c, 7) + pow(25, 7))));
	double	a1 = (1 + g) * x[1], a2 = (1 + g) * y[1];
	double	c1 = hypot(a1, x[2]), c2 = hypot(a2, y[2]);
	double	h1 = hue(x[2], a1), h2 = hue(y[2], a2);
	double	hm, dh, dl, dc, dhh, lm, cm, t, sl, sc, sh, rt;

	hues(c1, h1, c2, h2, &hm, &dh);
	dl = y[0] - x[0];
	dc = c2 - c1;
	dhh = 2 * sqrt(c1 * c2) * sin(rad(dh / 2));
	lm = (x[0] + y[0]) / 2;
	cm = (c1 + c2) / 2;
	t = 1 - 0.17 * cos(rad(hm - 30)) + 0.24 * cos(rad(2 * hm)) +
	    0.32 * cos(rad(3 * hm + 6)) - 0.20 * cos(rad(4 * hm - 63));
	sl = 1 + 0.015 * (lm - 50) * (lm - 50) /
	    sqrt(20 + (lm - 50) * (lm - 50));
	sc = 1 + 0.045 * cm;
	sh = 1 + 0.015 * cm * t;
	rt = -sin(rad(60 * exp(-pow((hm - 275) / 25, 2)))) * 2 *
	    sqrt(pow(cm, 7) / (pow(cm, 7) + pow(25, 7)));
	return sqrt(pow(dl / sl, 2) + pow(dc / sc, 2) + pow(dhh / sh, 2) +
	    rt * (dc / sc) * (dhh / sh));
}

/* The difference of two colours as seen with vision k. */
static double
seen_difference(const char *p, const char *q, int k)
{
	double	x[3], y[3];

	seen_lab(p, k, x);
	seen_lab(q, k, y);
	return ciede2000(x, y);
}

/* The formula itself, against pairs of Sharma, Wu and Dalal's table of
 * test data (2005): a broken formula must not pass the palette. */
static void
ciede2000__sharma_test_pairs__agree(void **state)
{
	static const double pairs[][7] = {
		{ 50, 2.6772, -79.7751, 50, 0, -82.7485, 2.0425 },
		{ 50, -1.3802, -84.2814, 50, 0, -82.7485, 1.0000 },
		{ 50, 0, 0, 50, -1, 2, 2.3669 },
		{ 50, 2.49, -0.001, 50, -2.49, 0.0011, 7.2195 },
		{ 50, 2.5, 0, 73, 25, -18, 27.1492 },
		{ 60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387,
		  1.2644 },
		{ 22.7233, 20.0904, -46.694, 23.0331, 14.973, -42.5619,
		  2.0373 }
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		assert_close(ciede2000(pairs[i], pairs[i] + 3), pairs[i][6],
		    1e-4);
}

/* The simulation itself: the old palette's red and green, far apart to
 * most readers, look alike to a deuteranope; its green and cyan to a
 * tritanope. */
static void
simulation__confusion_pairs__collapse(void **state)
{
	(void)state;
	assert_true(seen_difference("#e6194b", "#3cb44b", 0) > 40);
	assert_true(seen_difference("#e6194b", "#3cb44b", 2) < 8);
	assert_true(seen_difference("#3cb44b", "#42d4f4", 0) > 40);
	assert_true(seen_difference("#3cb44b", "#42d4f4", 3) < 15);
}

/* Every pair of path colours stays apart in every vision. */
static void
palette__every_pair__apart_under_each_deficiency(void **state)
{
	const char	*p, *q;
	double		 d;
	uint32_t	 i, j;
	int		 k;

	(void)state;
	assert_null(diagram_path_colour(DIAGRAM_MAX_COLOURS));
	for (i = 0; i < DIAGRAM_MAX_COLOURS; i++) {
		p = diagram_path_colour(i);
		assert_non_null(p);
		for (j = i + 1; j < DIAGRAM_MAX_COLOURS; j++) {
			q = diagram_path_colour(j);
			for (k = 0; k < 4; k++) {
				d = seen_difference(p, q, k);
				if (d < MIN_DE2000)
					print_error("paths %u and %u (%s, %s): "
					    "%.1f apart in %s\n", i + 1, j + 1,
					    p, q, d, vision_name[k]);
				assert_true(d >= MIN_DE2000);
			}
		}
	}
}

/* Every path colour holds 3:1 on white, and no path shares its line. */
static void
palette__colours_and_lines__contrast_and_distinct(void **state)
{
	uint32_t	i, j;

	(void)state;
	for (i = 0; i < DIAGRAM_MAX_COLOURS; i++) {
		assert_true(contrast_on_white(diagram_path_colour(i)) >=
		    MIN_CONTRAST_LINE);
		assert_non_null(diagram_path_style(i));
		for (j = 0; j < i; j++)
			assert_false(strcmp(diagram_path_style(i),
			    diagram_path_style(j)) == 0 &&
			    strcmp(diagram_path_penwidth(i),
			    diagram_path_penwidth(j)) == 0);
	}
	assert_null(diagram_path_style(DIAGRAM_MAX_COLOURS));
	assert_null(diagram_path_penwidth(DIAGRAM_MAX_COLOURS));
}

/* The greys a paths view draws off the paths: read from the DOT as
 * written, they hold 3:1 (lines) and 4.5:1 (text) on white. */
static void
palette__off_path_grey__contrast(void **state)
{
	static const char json[] = "{\"variables\": {\"x\": {}, \"z\": {}, "
	    "\"y\": [\"x\", \"z\"]}, \"of\": \"y\", \"wrt\": [\"x\"]}";
	struct infdiag_query		 q = { .max_paths = 10 };
	struct infdiag_render_options	 o = { .view = INFDIAG_VIEW_PATHS };
	struct infdiag_error		 err;
	struct infdiag_model		*m;
	struct infdiag_analysis		*a;
	char				*text = NULL;
	size_t				 len = 0;
	FILE				*fp;
	Agraph_t			*g;
	Agedge_t			*e;

	(void)state;
	m = infdiag_model_load_buffer(json, strlen(json), "test", &err);
	assert_non_null(m);
	assert_non_null(a = infdiag_analyze(m, &q, &err));
	assert_non_null(fp = open_memstream(&text, &len));
	assert_int_equal(infdiag_write_dot_view(a, &o, fp, &err), 0);
	assert_int_equal(fclose(fp), 0);
	assert_non_null(g = agmemread(text));
	e = agedge(g, agnode(g, (char *)"z", 0), agnode(g, (char *)"y", 0), NULL, 0);
	assert_non_null(e);
	assert_true(contrast_on_white(gv_get(e, "color")) >=
	    MIN_CONTRAST_LINE);
	assert_true(contrast_on_white(gv_get(agnode(g, (char *)"z", 0),
	    "fontcolor")) >= MIN_CONTRAST_TEXT);
	/* The path's own arrow is the first path colour. */
	e = agedge(g, agnode(g, (char *)"x", 0), agnode(g, (char *)"y", 0), NULL, 0);
	assert_string_equal(gv_get(e, "color"), diagram_path_colour(0));
	agclose(g);
	free(text);
	infdiag_analysis_free(a);
	infdiag_model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ciede2000__sharma_test_pairs__agree),
		cmocka_unit_test(simulation__confusion_pairs__collapse),
		cmocka_unit_test(
		    palette__every_pair__apart_under_each_deficiency),
		cmocka_unit_test(
		    palette__colours_and_lines__contrast_and_distinct),
		cmocka_unit_test(palette__off_path_grey__contrast),
	};

	return cmocka_run_group_tests_name("palette", tests, NULL, NULL);
}

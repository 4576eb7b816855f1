/*
 * tikz_write(): the paths view of Example 3 with Beamer overlays, path k
 * highlighted alone on overlay overlay + k, checked in the text and, when
 * pdflatex is installed, compiled in a Beamer frame to its number of
 * pages; and the errors of infdiag_render().
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#include "infdiag.h"
#include "diagram.h"
#include "strbuf.h"
#include "tikz.h"

/* Example 3 and its analysis, with numbers. */
struct fixture {
	struct infdiag_model	*m;
	struct infdiag_analysis	*a;
};

/* Loads an example by its file name. */
static void
fixture_open(struct fixture *f, const char *name)
{
	struct infdiag_error	 err;
	struct infdiag_query	 q = { .max_paths = 1000, .numbers = 1 };
	const char		*dir = getenv("EXAMPLES");
	char			 path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir != NULL ? dir : "examples",
	    name);
	f->m = infdiag_model_load_file(path, &err);
	if (f->m == NULL)
		print_error("%s: %s\n", path, err.text);
	assert_non_null(f->m);
	f->a = infdiag_analyze(f->m, &q, &err);
	assert_non_null(f->a);
}

/* Frees the fixture. */
static void
fixture_close(struct fixture *f)
{
	infdiag_analysis_free(f->a);
	infdiag_model_free(f->m);
}

/* Counts the occurrences of needle in s. */
static size_t
occurrences(const char *s, const char *needle)
{
	size_t	n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* The paths view of a fixture's first derivative, focused or not, with
 * overlays from 2 for its first noverlays paths (0: none). */
static char *
paths_picture(struct fixture *f, int focus, uint32_t noverlays)
{
	struct infdiag_render_options	o = { .view = INFDIAG_VIEW_PATHS,
					    .focus = focus };
	struct tikz_options		t = { 0, noverlays > 0 ? 2 : 0,
					    noverlays };
	struct infdiag_error		err;
	struct strbuf			sb = STRBUF_INIT;

	if (tikz_write(&sb, f->a, &o, &t, &err) != 0)
		print_error("%s\n", err.text);
	return strbuf_detach(&sb);
}

/* The paths view of Example 3 (four paths: x->y, x->h->y, x->g->h->y,
 * x->g->y) with overlays from 2 for all four. */
static char *
overlay_picture(struct fixture *f)
{
	return paths_picture(f, 0, 4);
}

static void
overlays__paths_view__each_path_alone_on_its_overlay(void **state)
{
	struct fixture	 f;
	char		*pic, want[128];
	const char	*s, *only;
	size_t		 n, total = 0;
	unsigned	 k;

	(void)state;
	fixture_open(&f, "example3.json");
	pic = overlay_picture(&f);
	assert_non_null(pic);
	/* Six arrows, each with overlays 2 to 5 and its plain self. */
	assert_int_equal(occurrences(pic, "\\alt<2-5>{"), 6);
	/* Path k (from 0) in its colour, thick, on each of its arrows:
	 * 1 + 2 + 3 + 2 of them in all. */
	for (k = 0; k < 4; k++) {
		snprintf(want, sizeof(want), "draw=infdiag%s,line width=3bp]",
		    diagram_path_colour(k) + 1);
		n = occurrences(pic, want);
		assert_true(n >= 1 && n <= 3);
		total += n;
	}
	assert_int_equal(total, 8);
	/* Each thick arrow is drawn on overlay 2 + k alone, k its path. */
	for (s = pic; (s = strstr(s, ",line width=3bp]")) != NULL; s++) {
		for (only = s; only > pic && strncmp(only, "\\only<", 6) != 0;
		    only--)
			continue;
		assert_int_equal(sscanf(only, "\\only<%u>{", &k), 1);
		assert_true(k >= 2 && k <= 5);
		snprintf(want, sizeof(want), "draw=infdiag%s,line width=3bp]",
		    diagram_path_colour(k - 2) + 1);
		assert_true(strncmp(s - strlen(want) + strlen(",line width="
		    "3bp]"), want, strlen(want)) == 0);
	}
	assert_null(strstr(pic, "\\only<6"));
	assert_null(strstr(pic, "\\only<1"));
	/* The arrows off the path highlighted are dimmed: x -> y, on path 1
	 * alone, on the overlays of paths 2 to 4 (3, 4, 5), and never on an
	 * empty list. */
	assert_non_null(strstr(pic, ",opacity=0.2]"));
	assert_int_equal(occurrences(pic, "\\only<3,4,5>{"), 1);
	assert_null(strstr(pic, "\\only<>"));
	free(pic);
	fixture_close(&f);
}

/* Runs pdflatex on a Beamer frame holding the picture in a temporary
 * directory; returns the number of pages, or -1 when it fails. */
static int
beamer_pages(const char *pic)
{
	char	 dir[] = "/tmp/infdiag-tikz.XXXXXX", cmd[512], line[512];
	FILE	*fp;
	int	 pages = -1;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "%s/deck.tex", dir);
	assert_non_null(fp = fopen(cmd, "w"));
	fprintf(fp, "\\documentclass{beamer}\n\\usepackage{tikz}\n"
	    "\\usetikzlibrary{arrows.meta,shapes.geometric}\n"
	    "\\begin{document}\n\\begin{frame}\n"
	    "\\resizebox{\\linewidth}{!}{%s}\n\\end{frame}\n"
	    "\\end{document}\n", pic);
	fclose(fp);
	snprintf(cmd, sizeof(cmd), "cd %s && pdflatex -no-shell-escape "
	    "-interaction=nonstopmode -halt-on-error deck.tex "
	    ">/dev/null 2>&1 </dev/null && grep -o 'Output written on "
	    "deck.pdf ([0-9]* pages' deck.log", dir);
	if ((fp = popen(cmd, "r")) != NULL) {
		if (fgets(line, sizeof(line), fp) != NULL)
			sscanf(line, "Output written on deck.pdf (%d", &pages);
		pclose(fp);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		print_error("could not remove %s\n", dir);
	return pages;
}

static void
overlays__in_a_beamer_frame__one_page_each(void **state)
{
	struct fixture	 f;
	char		*pic;

	(void)state;
	if (system("command -v pdflatex >/dev/null 2>&1") != 0)
		skip();
	fixture_open(&f, "example3.json");
	pic = overlay_picture(&f);
	assert_non_null(pic);
	/* Overlay 1 plain, 2 to 5 one path each: five pages. */
	assert_int_equal(beamer_pages(pic), 5);
	free(pic);
	fixture_close(&f);
}

static void
render__type_tikz__the_picture_or_an_error(void **state)
{
	struct infdiag_render_options	 o = { .view = INFDIAG_VIEW_FULL,
					     .type = "tikz", .standalone = 1 };
	struct infdiag_error		 err;
	struct fixture			 f;
	char				*buf = NULL;
	size_t				 len = 0;
	FILE				*fp;

	(void)state;
	fixture_open(&f, "example3.json");
	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(infdiag_render(f.a, &o, fp, &err), 0);
	fclose(fp);
	assert_true(strncmp(buf, "\\documentclass{article}\n", 24) == 0);
	assert_non_null(strstr(buf, "\\end{document}\n"));
	free(buf);
	/* An unknown engine: an error, nothing written. */
	o.layout = "nosuch";
	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(infdiag_render(f.a, &o, fp, &err), -1);
	fclose(fp);
	assert_int_equal(err.status, INFDIAG_EUSAGE);
	assert_int_equal(len, 0);
	free(buf);
	fixture_close(&f);
}

static void
focus__left_out_input__noted_on_the_first_arrow_into_it(void **state)
{
	struct fixture	 f;
	char		*pic;
	const char	*note = "\\\\ {\\scriptsize\\color{infdiag707070}+ 1 "
			    "other input: ${y}$}";
	const char	*at, *line;

	(void)state;
	fixture_open(&f, "ellipsoid.json");
	/* Focus on x -> f leaves y out: named once, in grey, on the
	 * label of f's first arrow drawn (from t), as the SVG has it. */
	pic = paths_picture(&f, 1, 0);
	assert_non_null(pic);
	assert_int_equal(occurrences(pic, note), 1);
	assert_int_equal(occurrences(pic, "\\definecolor{infdiag707070}"),
	    1);
	at = strstr(pic, note);
	for (line = at; line > pic && line[-1] != '\n'; line--)
		continue;
	assert_true(strncmp(line, "\\node[infdiag label", 19) == 0);
	assert_non_null(strstr(line, "\\frac{\\partial f}{\\partial t}"));
	assert_true(strstr(line, "\\frac{\\partial f}{\\partial t}") < at);
	/* y is not drawn: no node of its own. */
	assert_null(strstr(pic, "] (y) at ("));
	free(pic);
	/* Unfocused, y is drawn and nothing is noted. */
	pic = paths_picture(&f, 0, 0);
	assert_non_null(pic);
	assert_non_null(strstr(pic, "] (y) at ("));
	assert_null(strstr(pic, "other input"));
	free(pic);
	fixture_close(&f);
}

static void
size__laid_out__the_box_the_picture_uses(void **state)
{
	struct infdiag_render_options	o = { .view = INFDIAG_VIEW_PATHS };
	struct tikz_options		t = { 0, 0, 0 };
	struct infdiag_error		err;
	struct strbuf			sb = STRBUF_INIT;
	struct fixture			f;
	double				w = 0, h = 0, bw, bh;
	const char			*box;

	(void)state;
	fixture_open(&f, "perceptron.json");
	/* The size tikz_size() gives is the box tikz_write() draws in, and
	 * focus makes the perceptron's paths view less tall. */
	assert_int_equal(tikz_size(f.a, &o, &w, &h, &err), 0);
	assert_int_equal(tikz_write(&sb, f.a, &o, &t, &err), 0);
	box = strstr(strbuf_str(&sb), "\\useasboundingbox (0.00,0.00) "
	    "rectangle (");
	assert_non_null(box);
	assert_int_equal(sscanf(box, "\\useasboundingbox (0.00,0.00) "
	    "rectangle (%lf,%lf)", &bw, &bh), 2);
	assert_close(w, bw, 1e-3);
	assert_close(h, bh, 1e-3);
	assert_true(w > 1000 && h > 500);
	o.focus = 1;
	assert_int_equal(tikz_size(f.a, &o, &bw, &bh, &err), 0);
	assert_true(bh < h / 2);
	strbuf_release(&sb);
	fixture_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    overlays__paths_view__each_path_alone_on_its_overlay),
		cmocka_unit_test(overlays__in_a_beamer_frame__one_page_each),
		cmocka_unit_test(render__type_tikz__the_picture_or_an_error),
		cmocka_unit_test(
		    focus__left_out_input__noted_on_the_first_arrow_into_it),
		cmocka_unit_test(size__laid_out__the_box_the_picture_uses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

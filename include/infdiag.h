/*
 * libinfdiag: the calculus of influence diagrams.
 *
 * A model (loaded from JSON, see SPEC) says which variable is computed
 * directly from which.  The library checks it, orders it and analyses it;
 * it never prints to the terminal and never exits.  Every function that can
 * fail returns NULL or -1 (or an enum infdiag_status) and fills the
 * struct infdiag_error it is given, which may be NULL.  The first error
 * wins.  Every _free(NULL) is a no-op.
 *
 * Symbols: the library defines no global symbol but this header's
 * infdiag_* names, in libinfdiag.so and in libinfdiag.a alike.
 *
 * Memory: every allocation goes through the allocator of
 * infdiag_set_alloc_funcs(), and a failed one is INFDIAG_ENOMEM, except
 * GMP's: the exact path counts (infdiag_analyze(), the counts written) use
 * GMP, which aborts the process when it cannot allocate.  A count needs
 * about one bit per doubling of the paths, so this matters only when memory
 * is already exhausted.  Loading a model gives jansson libinfdiag's
 * allocator once (a program may give jansson its own afterwards).
 *
 * Threads: different models and analyses may be used from different
 * threads at once.  The writers and diagrams fill caches of the analysis
 * they are given on first use (a derivative's arrows, the symbols): call
 * them on one analysis from one thread at a time.  Rendering
 * (infdiag_render(), infdiag_write_report()) uses one Graphviz context for
 * the process: call it from one thread at a time.
 * infdiag_set_alloc_funcs() and infdiag_set_progress() are for the whole
 * process: call them before other threads use the library.
 */
#ifndef INFDIAG_H
#define INFDIAG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What went wrong; the values of 1 to 4 are the program's exit statuses. */
enum infdiag_status {
	INFDIAG_OK = 0,
	INFDIAG_EMODEL = 1,	/* the model is invalid */
	INFDIAG_EUSAGE = 2,	/* a bad request: option, command, format */
	INFDIAG_EIO = 3,	/* cannot read or write a file */
	INFDIAG_ENUMERIC = 4,	/* numeric evaluation failed */
	INFDIAG_ENOMEM = 5	/* out of memory */
};

/* The variable index that stands for "none". */
#define INFDIAG_NONE	UINT32_MAX

#define INFDIAG_ERROR_SOURCE_LENGTH	256
#define INFDIAG_ERROR_PATH_LENGTH	256
#define INFDIAG_ERROR_TEXT_LENGTH	512

/*
 * Where and why.  line and column (1-based) are set for JSON syntax errors
 * and for every error of a model read in another format than JSON, and
 * for every later error or warning about a part of such a model (the
 * analysis's, the numbers', a writer's: at the part the reader noted, or
 * the nearest above it); path is the JSON path of the offending value
 * ("variables.h.inputs[1]", kept when line is set), or "" when the error
 * has no place.
 */
struct infdiag_error {
	enum infdiag_status	status;
	int			line;
	int			column;
	char			source[INFDIAG_ERROR_SOURCE_LENGTH];
	char			path[INFDIAG_ERROR_PATH_LENGTH];
	char			text[INFDIAG_ERROR_TEXT_LENGTH];
};

/* Formats an error as one line without a newline ("model.json: variables.h:
 * ..." or "model.json:3:14: ...") into buf; returns the length it needed,
 * as snprintf does. */
size_t	infdiag_error_format(const struct infdiag_error *, char *, size_t);

/* Room for text shown by infdiag_quote() cut at max characters. */
#define INFDIAG_QUOTE_SIZE(max)	((max) * 6 + 8)

/* Writes s (UTF-8) into buf (size bytes) as a message may show it on a
 * terminal: control characters (C0, DEL, C1) and invisible or
 * direction-changing ones escaped (\n, \t, \r, \u001b, and \xff for a
 * byte that is not UTF-8), cut after max characters with "...", and when
 * quoted is set in double quotes with quotes and backslashes escaped.  The
 * same rule as the library's own messages.  Returns buf. */
const char *infdiag_quote(char *buf, size_t size, const char *s, size_t max,
	    int quoted);

typedef void	*(*infdiag_malloc_fn)(size_t);
typedef void	*(*infdiag_realloc_fn)(void *, size_t);
typedef void	 (*infdiag_free_fn)(void *);

/* Replaces the allocator libinfdiag uses (and gives jansson); NULL restores
 * the C library's.  Call it before any other function. */
void	infdiag_set_alloc_funcs(infdiag_malloc_fn, infdiag_realloc_fn,
	    infdiag_free_fn);

/*
 * Progress of long work.  Once a hook is set, the library calls it now and
 * then while it loads, analyses and writes, from the thread doing the
 * work, at coarse granularity: a few thousand units of work apart at
 * least, about 256 times in a run of known total, every 64 KiB of bytes
 * of unknown total, and never for a run too small to be worth it.  So the
 * hook may look at a clock each time.  The library only reports; the hook
 * decides whether, when and how to show anything.
 *
 *   stage	what is being done: one of INFDIAG_STAGE_*, a static string
 *		(compare it with strcmp(); stages may be added)
 *   done	units of the stage done so far
 *   total	units in the stage, or 0 when unknown
 *   ctx	the pointer given with the hook
 *
 * In one run of a stage, done never decreases and total stays the same
 * until the last report, the only one where done == total: the total, or
 * what was done when the total was unknown or the run stopped short (a
 * caller listed fewer paths than it might have).  A run that fails has no
 * last report.  Stages nest (paths are listed while writing), and a stage
 * may run many times (once per derivative).  The hook must return quickly,
 * must not call libinfdiag, and cannot stop the work.
 */
typedef void	infdiag_progress_fn(const char *stage, uint64_t done,
		    uint64_t total, void *ctx);

/* Sets the progress hook for the whole process (like the allocator, not
 * per thread: set it while no other thread is in the library); NULL, the
 * default, reports nothing at no measurable cost. */
void	infdiag_set_progress(infdiag_progress_fn *, void *ctx);

/* The stages, and what their units count. */
#define INFDIAG_STAGE_READING	"reading"	/* bytes of the model file
						   read (total: the file's
						   size, or 0 for a pipe) */
#define INFDIAG_STAGE_LOADING	"loading"	/* variables built and
						   checked */
#define INFDIAG_STAGE_ORDERING	"ordering"	/* variables put in
						   topological order (when
						   the declaration order is
						   not one) */
#define INFDIAG_STAGE_COUNTING	"counting paths" /* ancestors of "of" whose
						   paths are counted */
#define INFDIAG_STAGE_MEASURING	"measuring"	/* derivatives (wrt) whose
						   variables and formula
						   sizes are found */
#define INFDIAG_STAGE_EVALUATING "evaluating"	/* variables whose value and
						   local derivatives are
						   computed (with numbers) */
#define INFDIAG_STAGE_ACCUMULATING "accumulating" /* derivatives (wrt) whose
						   forward sweep and
						   finite-difference check
						   are done */
#define INFDIAG_STAGE_LISTING	"listing paths"	/* paths of one derivative
						   listed, of at most the
						   query's max_paths */
#define INFDIAG_STAGE_WRITING	"writing"	/* bytes written by
						   infdiag_write() (total
						   0) */

/* The library's version, "X.Y.Z". */
const char *infdiag_version(void);

/*
 * The model: variables numbered 0..n-1 in declaration order, their inputs,
 * and a topological order.  Immutable once loaded.
 */
struct infdiag_model;

/* Loads and validates the model in the file at path ("-" is standard
 * input).  Returns a new model the caller frees with infdiag_model_free();
 * NULL on error (INFDIAG_EIO when the file cannot be read, INFDIAG_EMODEL
 * when it is not a valid model). */
struct infdiag_model *infdiag_model_load_file(const char *path,
	    struct infdiag_error *);

/* The same from len bytes in memory; source names them in messages. */
struct infdiag_model *infdiag_model_load_buffer(const char *buf, size_t len,
	    const char *source, struct infdiag_error *);

/* The formats a model is read from (SPEC §5.5). */
enum infdiag_input {
	INFDIAG_INPUT_AUTO,	/* by the file's suffix, else its content */
	INFDIAG_INPUT_JSON,	/* the model document of SPEC §2 */
	INFDIAG_INPUT_DAGITTY,	/* DAGitty's dag { ... } */
	INFDIAG_INPUT_DOT,	/* a Graphviz digraph, read by cgraph */
	INFDIAG_INPUT_EQ	/* equations, NAME = EXPRESSION a line */
};

/* Parses an input format's name ("json", "dagitty", "dot", "eq"); -1
 * when unknown. */
int	infdiag_input_parse(const char *, enum infdiag_input *);

/* infdiag_model_load_file() and infdiag_model_load_buffer() for a model
 * in any input format; they read JSON.  Every format is checked by the
 * same rules and gives the same messages; an error in a format other
 * than JSON is placed at the file's line:column.  Reading DOT uses
 * cgraph's global error handler: it is not thread-safe. */
struct infdiag_model *infdiag_model_load_file_as(const char *path,
	    enum infdiag_input, struct infdiag_error *);
struct infdiag_model *infdiag_model_load_buffer_as(const char *buf,
	    size_t len, const char *source, enum infdiag_input,
	    struct infdiag_error *);

void	infdiag_model_free(struct infdiag_model *);

/* The name the model was loaded under ("<stdin>" for standard input). */
const char *infdiag_model_source(const struct infdiag_model *);
/* The title and description, or NULL. */
const char *infdiag_model_title(const struct infdiag_model *);
const char *infdiag_model_description(const struct infdiag_model *);
/* The number of variables and of influences (arrows). */
uint32_t infdiag_model_count(const struct infdiag_model *);
size_t	infdiag_model_influences(const struct infdiag_model *);
/* The variable called name, or INFDIAG_NONE. */
uint32_t infdiag_model_lookup(const struct infdiag_model *, const char *name);
/* The topological order: inputs before what they feed, ties in declaration
 * order.  The array has infdiag_model_count() entries and belongs to the
 * model. */
const uint32_t *infdiag_model_order(const struct infdiag_model *);
/* The model's "of" (INFDIAG_NONE when absent) and "wrt" (a borrowed array). */
uint32_t infdiag_model_of(const struct infdiag_model *);
uint32_t infdiag_model_wrt(const struct infdiag_model *, const uint32_t **);
/* Warnings found while loading (things that are allowed but probably not
 * meant), each a one-line message in the form of infdiag_error_format(). */
size_t	infdiag_model_warning_count(const struct infdiag_model *);
const char *infdiag_model_warning(const struct infdiag_model *, size_t);

/* A variable's name. */
const char *infdiag_var_name(const struct infdiag_model *, uint32_t);
/* A variable's inputs (in the model's order) or consumers (in declaration
 * order): the count, and a borrowed array in *ids. */
uint32_t infdiag_var_inputs(const struct infdiag_model *, uint32_t,
	    const uint32_t **ids);
uint32_t infdiag_var_consumers(const struct infdiag_model *, uint32_t,
	    const uint32_t **ids);


/*
 * The analysis of one question: how `of` changes with each `wrt`.
 */
struct infdiag_analysis;

/* The question; NULL or 0 fields take the model's "of" and "wrt", then the
 * defaults of SPEC §2 (the only output; every independent variable `of`
 * depends on). */
struct infdiag_query {
	const char		*of;
	const char *const	*wrt;
	size_t			 nwrt;
	size_t			 max_paths;	/* paths to list per derivative */
	int			 numbers;	/* compute the numbers too */
};

/* Analyses the model: sink subgraphs, exact path counts, formulas.
 * Returns a new analysis, which borrows the model (free it first) and
 * which the caller frees with infdiag_analysis_free(); NULL on error
 * (INFDIAG_EMODEL when of or wrt names no variable or of is ambiguous,
 * INFDIAG_EUSAGE for a wrt given twice).  A number that cannot be
 * computed at the point (log(0), an overflow) does not fail the analysis:
 * it is kept as undefined or overflow, and judged below. */
struct infdiag_analysis *infdiag_analyze(const struct infdiag_model *,
	    const struct infdiag_query *, struct infdiag_error *);
void	infdiag_analysis_free(struct infdiag_analysis *);

/* The numbers' verdict: 0 when every requested derivative d of/d wrt
 * that has a value is a finite number; else -1 with err set
 * (INFDIAG_ENUMERIC) naming, for the first that is not, the variable
 * where it started to fail, the formula and its inputs' values. */
int	infdiag_analysis_numeric_error(const struct infdiag_analysis *,
	    struct infdiag_error *);
/* Whether the numbers can be computed at all: 0 when the model has no
 * expression on the way to of, or when every independent variable of
 * depends on has a value; else -1 with err set (INFDIAG_ENUMERIC, its
 * path that of the first such variable, in topological order, and the
 * others counted).  eval asks before it computes. */
int	infdiag_analysis_values_missing(const struct infdiag_analysis *,
	    struct infdiag_error *);
/* Warnings about the numbers: each other number that is not finite at
 * the point (a local derivative or value that no failed derivative
 * explains), one line each in the form of infdiag_error_format(), owned
 * by the analysis. */
size_t	infdiag_analysis_warning_count(const struct infdiag_analysis *);
const char *infdiag_analysis_warning(const struct infdiag_analysis *,
	    size_t);

enum infdiag_format {
	INFDIAG_FORMAT_TEXT,
	INFDIAG_FORMAT_JSON,
	INFDIAG_FORMAT_LATEX,
	INFDIAG_FORMAT_MARKDOWN
};

/* What to write. */
enum infdiag_part {
	INFDIAG_PART_ANALYSIS,	/* the whole report */
	INFDIAG_PART_PATHS,	/* the paths and their counts */
	INFDIAG_PART_FORMULA,	/* the total derivatives */
	INFDIAG_PART_EVAL	/* the numbers (needs the query's numbers) */
};

/* Flags for infdiag_write(). */
#define INFDIAG_WRITE_ASCII	0x1	/* plain ASCII text, not Unicode */
#define INFDIAG_WRITE_EXPLAIN	0x2	/* analysis in text, Markdown or
					   LaTeX: the derivation narrated
					   step by step */
#define INFDIAG_WRITE_STANDALONE 0x4	/* LaTeX: a complete document that
					   pdflatex compiles, not a
					   fragment */

/* Parses a format name ("text", "json", "latex", "markdown"); -1 when
 * unknown. */
int	infdiag_format_parse(const char *, enum infdiag_format *);
/* The number of derivatives an analysis computed (its wrt list). */
uint32_t infdiag_analysis_derivatives(const struct infdiag_analysis *);
/* Writes, after an analysis's Markdown, the section that shows its
 * diagrams written as SVG files beside the Markdown file: the full view
 * as STEM-full.svg, and the paths view of derivative K (from 1) as
 * STEM-paths.svg for the first, STEM-paths-K.svg for the others.  stem is
 * the file name's stem as the link is to read (no directory); it is
 * percent-encoded in the links.  The caller writes the files.  Returns
 * 0, or -1 with err set. */
int	infdiag_write_markdown_figures(const struct infdiag_analysis *,
	    const char *stem, FILE *fp, struct infdiag_error *);

/* Writes a part of the analysis to fp.  Returns 0, or -1 with err set
 * (INFDIAG_ENOMEM; a write error is left in fp's error indicator). */
int	infdiag_write(const struct infdiag_analysis *, enum infdiag_part,
	    enum infdiag_format, unsigned flags, FILE *fp,
	    struct infdiag_error *);

/*
 * Conversion: the model in another form ("json", "dagitty", "dot", "eq",
 * and scripts for computer algebra systems).
 */

/* The name of the i-th conversion target, or NULL past the last. */
const char *infdiag_convert_target(size_t i);
/* Says whether a target needs an analysis computed with the numbers: 1
 * or 0; -1 for an unknown target. */
int	infdiag_convert_needs_numbers(const char *to);
/* Writes the model in the format to: the analysis's model when a is not
 * NULL (a target that needs the numbers needs a), else m.  Returns 0, or
 * -1 with err set (INFDIAG_EUSAGE for an unknown target, INFDIAG_EMODEL
 * for a model the format cannot hold); a write error is left in fp's
 * error indicator. */
int	infdiag_convert(const struct infdiag_model *m,
	    const struct infdiag_analysis *a, const char *to, FILE *fp,
	    struct infdiag_error *);

/*
 * Diagrams (Graphviz): the model drawn in one of four views.
 */
enum infdiag_view {
	INFDIAG_VIEW_FULL,		/* every variable and arrow, labelled */
	INFDIAG_VIEW_PATHS,		/* each wrt -> of path in its colour */
	INFDIAG_VIEW_PARTIAL,		/* the direct arrow; the rest snipped */
	INFDIAG_VIEW_DECOMPOSITION	/* a cluster per sink subgraph */
};

/* Parses a view name ("full", "paths", "partial", "decomposition"); -1
 * when unknown. */
int	infdiag_view_parse(const char *, enum infdiag_view *);

/* What infdiag_render() and infdiag_write_dot_view() draw.  Fields may be
 * added: initialize it by field name ({ .view = ..., .type = "svg" }); a
 * field left out is 0: the first derivative, in the dot layout. */
struct infdiag_render_options {
	enum infdiag_view	 view;
	const char		*type;		/* "svg", "png", "pdf" or "tikz" */
	const char		*layout;	/* engine; NULL for "dot" */
	int			 force;		/* lay out beyond the size limit */
	uint32_t		 deriv;		/* the derivative the paths and
						   partial views draw: an index
						   into the analysis's wrt list,
						   from 0 */
	int			 no_title;	/* leave out the title block */
	int			 no_legend;	/* leave out the legend */
	int			 digits;	/* significant digits of the
						   numbers drawn, 1-17; 0 for
						   the default, 4 */
	const char		*rankdir;	/* "TB", "LR", "BT" or "RL";
						   NULL for "LR" */
	int			 dpi;		/* PNG resolution; 0 for the
						   default */
	int			 focus;		/* only the variables on a path
						   of the derivative drawn */
	int			 standalone;	/* tikz: a complete document */
};

/* Writes the diagram of a view of the first derivative as DOT.  Returns 0,
 * or -1 with err set. */
int	infdiag_write_dot(const struct infdiag_analysis *, enum infdiag_view,
	    FILE *fp, struct infdiag_error *);
/* Writes the diagram of o->view of derivative o->deriv as DOT (o's type,
 * layout and force are for rendering and unused here).  Returns 0, or -1
 * with err set (INFDIAG_EUSAGE for a derivative the analysis does not
 * have). */
int	infdiag_write_dot_view(const struct infdiag_analysis *,
	    const struct infdiag_render_options *, FILE *fp,
	    struct infdiag_error *);

/* Lays the diagram out and renders it in-process, then writes it to fp
 * whole: nothing is written when rendering fails.  Returns 0, or -1 with
 * err set (INFDIAG_EUSAGE for an unknown type or engine, a derivative
 * the analysis does not have, or a model over the size limit without
 * force); a write error is left in fp's error
 * indicator, as with infdiag_write(), and its reason in errno. */
int	infdiag_render(const struct infdiag_analysis *,
	    const struct infdiag_render_options *, FILE *fp,
	    struct infdiag_error *);

/* Writes the teaching report: one self-contained HTML page (inline SVG
 * diagrams, MathML, no external resource) for an analysis computed with
 * numbers.  Returns 0, or -1 with err set. */
int	infdiag_write_report(const struct infdiag_analysis *, FILE *fp,
	    struct infdiag_error *);
/* The same, its diagrams drawn with o's options where they apply to a
 * page: no_title, no_legend, digits, rankdir, focus, layout and force (the
 * view, type, deriv, dpi and standalone are the page's own). */
int	infdiag_write_report_opts(const struct infdiag_analysis *,
	    const struct infdiag_render_options *o, FILE *fp,
	    struct infdiag_error *);

/* Writes a Beamer deck (SPEC 5.3) that pdflatex compiles as it is: the
 * model and its diagram, the sink subgraphs and their rules, and for each
 * derivative its paths one overlay each (highlighted in the picture and
 * in the formula in one colour, at most the query's max_paths), its
 * expanded, factored and closed forms, its forward equations one per
 * overlay and, for an analysis computed with numbers, its partial against
 * its total; then the reverse equations one per overlay.  Returns 0, or -1
 * with err set (INFDIAG_EUSAGE for a diagram over the size limit).  On
 * failure part of the deck may have been written to fp.  The paths'
 * pictures of a model too large to read on a slide are focused. */
int	infdiag_write_slides(const struct infdiag_analysis *, FILE *fp,
	    struct infdiag_error *);
/* The same, its pictures drawn with o's options where they apply to a
 * deck: digits, rankdir, layout, force, and focus (every picture
 * focused); the view, type, deriv, no_title, no_legend, dpi and
 * standalone are the deck's own. */
int	infdiag_write_slides_opts(const struct infdiag_analysis *,
	    const struct infdiag_render_options *o, FILE *fp,
	    struct infdiag_error *);

#ifdef __cplusplus
}
#endif

#endif /* INFDIAG_H */

/*
 * Diagrams: the analysis drawn as a cgraph graph in one of four views,
 * shared by the DOT writer (diagram.c) and the renderer (render.c).
 *
 * Node IDs are the variable names, which the loader restricted to
 * [A-Za-z][A-Za-z0-9_]*; in the decomposition view a variable drawn in
 * the subgraph of sink s has the ID "v@s" and lives in the cluster
 * "cluster_s".  Text from the model (title, description, label, fn,
 * expr) reaches the graph only inside HTML-like labels, escaped, so that
 * it can add no node, attribute or markup.  Every HTML-like label holds
 * a tag, so that it can never share cgraph's interned string with a
 * plain value such as an ID.
 */
#ifndef INFDIAG_DIAGRAM_H
#define INFDIAG_DIAGRAM_H

#include <stddef.h>
#include <stdint.h>

#include "gv_compat.h"
#include "infdiag.h"

/* The default significant digits of the numbers drawn (--digits). */
#define DIAGRAM_DIGITS	4

/* The most path colours a diagram uses; paths beyond are drawn black.
 * Each has its own colour and its own line (tests/unit/test_palette.c
 * checks that the colours stay apart under the colour-vision
 * deficiencies). */
#define DIAGRAM_MAX_COLOURS	6

/* The largest diagram infdiag_render() lays out without force: even the
 * simplified layout of a large one (layout.c) takes about 20 s for 5000
 * labelled variables and 10000 arrows (bench/RESULTS.md). */
#define DIAGRAM_RENDER_MAX_NODES	5000
#define DIAGRAM_RENDER_MAX_EDGES	10000

/* Builds the graph of view o->view of derivative o->deriv (an index into
 * the analysis's derivatives, from 0; the paths and partial views draw
 * it), with o's presentation options (title, legend, digits, rankdir,
 * focus); o's type, layout, force and dpi are the renderer's.  Returns a
 * new graph that the caller closes with agclose(); NULL with err set
 * (INFDIAG_ENOMEM, or INFDIAG_EUSAGE for a deriv the analysis does not
 * have). */
Agraph_t *diagram_build(const struct infdiag_analysis *,
	    const struct infdiag_render_options *, struct infdiag_error *);

/* The colour of path k (from 0) of the paths view, "#rrggbb"; NULL from
 * DIAGRAM_MAX_COLOURS on (those paths are drawn black). */
const char *diagram_path_colour(uint32_t k);
/* The line of path k, Graphviz's edge style ("solid", "dashed",
 * "dotted") and pen width, so that a path reads in grey print too; NULL
 * from DIAGRAM_MAX_COLOURS on. */
const char *diagram_path_style(uint32_t k);
const char *diagram_path_penwidth(uint32_t k);

/* The most inputs a focus note names before "…". */
#define DIAGRAM_NOTE_NAMES	3

/* Says whether variable v is drawn in the picture ctx describes. */
typedef int diagram_drawn_fn(const void *ctx, uint32_t v);

/* The inputs of v that a picture leaves out (--focus), for its note "+ 3
 * other inputs: x₁, θ₂₁, x₂, …": returns how many there are, puts the
 * first DIAGRAM_NOTE_NAMES of them in names, and sets *other when some
 * input of v is drawn (the note then says "other").  Every rendering
 * writes its notes from it. */
uint32_t diagram_left_out(const struct infdiag_model *, uint32_t v,
	    diagram_drawn_fn *, const void *ctx,
	    uint32_t names[DIAGRAM_NOTE_NAMES], int *other);

/* The number of nodes and edges view o->view draws, without building
 * it. */
void	diagram_size(const struct infdiag_analysis *,
	    const struct infdiag_render_options *, size_t *nodes,
	    size_t *edges);

#endif /* INFDIAG_DIAGRAM_H */

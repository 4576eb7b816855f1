/*
 * Rendering: a diagram laid out and drawn in-process by gvc, with the
 * Graphviz plugins loaded by their file names at the first rendering and
 * handed to gvc as built-ins, so that it needs neither the dot program
 * nor the plugin configuration file that libgvc's package generates when
 * installed.  Graphviz's messages are caught and returned
 * in the error instead of reaching standard error.
 *
 * One Graphviz context serves the whole process, made at the first
 * rendering and kept: Graphviz 2.43 caches font names across contexts, so
 * a second context after gvFreeContext() reads freed memory (found by
 * AddressSanitizer in the unit tests).  Graphviz's error count is reset
 * before and checked after each rendering instead of gvFreeContext()'s.
 * Graphviz keeps global state (the error handler, the error count, the
 * context), so infdiag_render() must not run in two threads at once.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <gvc.h>
#include <gvplugin.h>

#include "analysis.h"
#include "diagram.h"
#include "error.h"
#include "model.h"
#include "render.h"
#include "strbuf.h"

/* The plugins, loaded from the files configure found at the first
 * rendering and handed to gvc as built-ins: the layouts, SVG (core), and
 * PNG and PDF through cairo (pango).  Loading them only then spares every
 * other command the start-up cost of the cairo and pango libraries. */
static const struct {
	const char	*symbol;
	const char	*file;
} plugins[] = {
	{ "gvplugin_dot_layout_LTX_library", GVPLUGIN_DOT_LAYOUT },
#ifdef GVPLUGIN_NEATO_LAYOUT
	{ "gvplugin_neato_layout_LTX_library", GVPLUGIN_NEATO_LAYOUT },
#endif
	{ "gvplugin_core_LTX_library", GVPLUGIN_CORE },
#ifdef GVPLUGIN_PANGO
	{ "gvplugin_pango_LTX_library", GVPLUGIN_PANGO },
#endif
};
#define NPLUGINS	(sizeof(plugins) / sizeof(plugins[0]))

/* Named like libltdl's table, but our own; ends with { NULL, NULL }. */
static lt_symlist_t	builtins[NPLUGINS + 1];

/* Loads every plugin once per process (they stay loaded, like the
 * context); -1 with err set, naming the plugin and the loader's reason. */
static int
load_plugins(struct infdiag_error *err)
{
	const char	*why;
	void		*h, *lib;
	size_t		 i;

	if (builtins[0].name != NULL)
		return 0;
	for (i = 0; i < NPLUGINS; i++) {
		if ((h = dlopen(plugins[i].file, RTLD_NOW | RTLD_LOCAL)) ==
		    NULL || (lib = dlsym(h, plugins[i].symbol)) == NULL) {
			why = dlerror();
			error_set(err, INFDIAG_EIO, NULL, "cannot load "
			    "Graphviz's plugin %s: %s", plugins[i].file,
			    why != NULL ? why : "no reason given");
			memset(builtins, 0, sizeof(builtins));
			return -1;
		}
		builtins[i].address = lib;
		builtins[i].name = plugins[i].symbol;
	}
	return 0;
}

/* The process's Graphviz context, made on first use. */
static GVC_t	*gv_context;

/* The most of a Graphviz message shown, in characters: enough for its
 * list of layout engines after a 64-character name. */
#define GV_MESSAGE_MAX	240

/* Graphviz's messages during one rendering: agseterrf() hands them over
 * in pieces ("Error", ": ", the text), so they are gathered here. */
static struct strbuf	gv_messages = STRBUF_INIT;

/* Keeps a piece of a Graphviz message. */
static int
catch_message(char *piece)
{
	strbuf_add(&gv_messages, piece);
	return 0;
}

/* The first error among the messages, on one line and cut (Graphviz
 * quotes what it was given, a layout name or a label, whole); the first
 * message when none says "Error"; NULL when there is none. */
const char *
render_first_error(char *buf, size_t size)
{
	const char	*s = strbuf_str(&gv_messages), *e;
	struct strbuf	 shown = STRBUF_INIT;
	size_t		 len;

	if (s == NULL || *s == '\0')
		return NULL;
	if ((e = strstr(s, "Error: ")) != NULL)
		s = e + strlen("Error: ");
	else if (strncmp(s, "Warning: ", 9) == 0)
		s += 9;
	len = strcspn(s, "\n");
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.'))
		len--;
	cut_text(&shown, s, len, GV_MESSAGE_MAX);
	snprintf(buf, size, "%s", strbuf_str(&shown));
	strbuf_release(&shown);
	return buf;
}

/* Refuses a diagram over the size limit unless forced. */
static int
check_size(const struct infdiag_analysis *a,
    const struct infdiag_render_options *o, struct infdiag_error *err)
{
	size_t	nodes, edges;

	diagram_size(a, o, &nodes, &edges);
	if (o->force || (nodes <= DIAGRAM_RENDER_MAX_NODES &&
	    edges <= DIAGRAM_RENDER_MAX_EDGES))
		return 0;
	error_set(err, INFDIAG_EUSAGE, NULL, "the diagram has %zu nodes and "
	    "%zu arrows, over the limit of %d and %d for rendering: even its "
	    "simplified layout would take more than half a minute (use "
	    "--force to render anyway, or write DOT with \"infdiag dot\")",
	    nodes, edges,
	    DIAGRAM_RENDER_MAX_NODES, DIAGRAM_RENDER_MAX_EDGES);
	return -1;
}

/* Lays g out with an engine; -1 with err set.  Graphviz 2.42 crashes on
 * a message of 1024 bytes or more when its messages are caught
 * (userout() reuses its va_list), and its message for an unknown engine
 * quotes the name whole: no engine has a long name, so a long one never
 * reaches it. */
static int
lay_out(GVC_t *gvc, Agraph_t *g, const char *layout,
    struct infdiag_error *err)
{
	char	buf[INFDIAG_ERROR_TEXT_LENGTH], q[QUOTE_SIZE];

	if (strlen(layout) > QUOTE_MAX) {
		error_set(err, INFDIAG_EUSAGE, NULL, "layout %s: unknown "
		    "engine", quote(q, layout, strlen(layout)));
		return -1;
	}
	if (gvLayout(gvc, g, layout) != 0) {
		error_set(err, INFDIAG_EUSAGE, NULL, "layout %s: %s",
		    quote(q, layout, strlen(layout)),
		    render_first_error(buf, sizeof(buf)) != NULL ? buf :
		    "unknown engine");
		return -1;
	}
	return 0;
}

/* The engine that lays g out: the caller's, else the one its size chose
 * (layout.c), else dot. */
static const char *
engine(Agraph_t *g, const struct infdiag_render_options *o)
{
	const char	*chosen = gv_get(g, "layout");

	if (o->layout != NULL)
		return o->layout;
#ifdef GVPLUGIN_NEATO_LAYOUT
	if (chosen != NULL && *chosen != '\0')
		return chosen;
#else
	(void)chosen;
#endif
	return "dot";
}

/* Builds, lays out and draws the view with Graphviz's messages caught,
 * in the process's one context. */
int
render_laid_out(const struct infdiag_analysis *a,
    const struct infdiag_render_options *o, render_draw_fn draw, void *ctx,
    struct infdiag_error *err)
{
	char		 buf[INFDIAG_ERROR_TEXT_LENGTH];
	agusererrf	 old;
	Agraph_t	*g;
	int		 rc = -1;

	if (check_size(a, o, err) != 0)
		return -1;
	strbuf_truncate(&gv_messages, 0);
	old = agseterrf(catch_message);
	agreseterrors();
	if (gv_context == NULL && load_plugins(err) == 0 &&
	    (gv_context = gvContextPlugins(builtins, 0)) == NULL)
		error_nomem(err);
	if (gv_context != NULL &&
	    (g = diagram_build(a, o, err)) != NULL) {
		if (lay_out(gv_context, g, engine(g, o), err) == 0) {
			rc = draw(gv_context, g, ctx, err);
			gvFreeLayout(gv_context, g);
		}
		agclose(g);
	}
	if (rc == 0 && agerrors() > 0) {
		error_set(err, INFDIAG_EIO, NULL, "Graphviz reported an "
		    "error: %s", render_first_error(buf, sizeof(buf)) != NULL ?
		    buf : "no reason");
		rc = -1;
	}
	agseterrf(old);
	agreseterrors();
	strbuf_release(&gv_messages);
	return rc;
}

/*
 * infdiag_render(): a view laid out by render.c's one road and written
 * whole to a stream, as SVG, PNG or PDF by Graphviz's plugins or as a TikZ
 * picture by tikz.c.  Apart from render.c so that tikz.c, which lays out
 * through render.c too, is called from here and not from there.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <gvc.h>

#include "analysis.h"
#include "error.h"
#include "model.h"
#include "render.h"
#include "render_pdf.h"
#include "strbuf.h"
#include "tikz.h"

/* The output types and the Graphviz format that makes each. */
static const struct {
	const char	*type;
	const char	*format;
} types[] = {
	{ "svg", "svg" },
#ifdef GVPLUGIN_PANGO
	{ "png", "png:cairo" },
	{ "pdf", "pdf:cairo" },
#endif
};

/* Finds the Graphviz format of a type; NULL when unknown. */
static const char *
find_format(const char *type)
{
	size_t	i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if (strcmp(type, types[i].type) == 0)
			return types[i].format;
	}
	return NULL;
}

/* Where a Graphviz rendering goes: the format, the stream, and the
 * reason of a short write. */
struct render_to {
	const char	*format;
	FILE		*fp;
	int		 werr;
};

/* Renders a laid-out g into memory, then writes it to the stream; -1
 * with err set, having written nothing.  Graphviz 2.42 calls exit() when
 * a write to its own output fails (gvwrite_no_z() on a full disk), and a
 * failed rendering would leave half a diagram: in memory neither can
 * happen. */
static int
render_data(GVC_t *gvc, Agraph_t *g, void *ctx, struct infdiag_error *err)
{
	struct render_to	*to = ctx;
	char			 buf[INFDIAG_ERROR_TEXT_LENGTH];
	char			*data = NULL;
	unsigned int		 len = 0;
	int			 rc;

	rc = gvRenderData(gvc, g, to->format, &data, &len);
	if (rc != 0 || agerrors() > 0) {
		error_set(err, INFDIAG_EIO, NULL, "rendering %s failed: %s",
		    to->format, render_first_error(buf, sizeof(buf)) != NULL ?
		    buf : "Graphviz gave no reason");
		gvFreeRenderData(data);
		return -1;
	}
	if (render_pdf_reproducible(to->format, data, len, err) != 0) {
		gvFreeRenderData(data);
		return -1;
	}
	/* A short write is left in fp's error indicator for the caller,
	 * and its reason in errno. */
	if (data != NULL && len > 0 && fwrite(data, 1, len, to->fp) != len)
		to->werr = errno;
	gvFreeRenderData(data);
	return 0;
}

/* Writes the diagram as a TikZ picture to fp, whole or not at all. */
static int
render_tikz(const struct infdiag_analysis *a,
    const struct infdiag_render_options *o, FILE *fp,
    struct infdiag_error *err)
{
	struct tikz_options	t = { .standalone = o->standalone };
	struct strbuf		sb = STRBUF_INIT;
	int			rc, werr = 0;

	if ((rc = tikz_write(&sb, a, o, &t, err)) == 0 && sb.len > 0 &&
	    fwrite(sb.s, 1, sb.len, fp) != sb.len)
		werr = errno;
	strbuf_release(&sb);
	if (werr != 0)
		errno = werr;
	return rc;
}

/* Lays the diagram out and renders it in-process into fp. */
int
infdiag_render(const struct infdiag_analysis *a,
    const struct infdiag_render_options *o, FILE *fp,
    struct infdiag_error *err)
{
	struct render_to	to = { NULL, fp, 0 };
	char			q[QUOTE_SIZE];
	int			rc;

	error_init(err, infdiag_model_source(a->m));
	if (o->type != NULL && strcmp(o->type, "tikz") == 0)
		return render_tikz(a, o, fp, err);
	if (o->type == NULL || (to.format = find_format(o->type)) == NULL) {
		error_set(err, INFDIAG_EUSAGE, NULL, "unknown output type "
		    "%s (svg, tikz%s)", quote(q, o->type != NULL ? o->type :
		    "", o->type != NULL ? strlen(o->type) : 0),
		    sizeof(types) / sizeof(types[0]) > 1 ? ", png or pdf" :
		    "");
		return -1;
	}
	rc = render_laid_out(a, o, render_data, &to, err);
	if (to.werr != 0)
		errno = to.werr;
	return rc;
}

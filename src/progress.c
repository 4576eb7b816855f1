/*
 * The progress hook, and the meters that call it at coarse granularity.
 */
#include <errno.h>
#include <stdint.h>

#include "infdiag.h"
#include "progress.h"

static infdiag_progress_fn	*progress_fn;
static void			*progress_ctx;

/* Calls the hook, keeping errno: a hook that prints or reads a clock must
 * not change what a failing call of the library's said. */
static void
call(const struct progress *p, uint64_t done, uint64_t total)
{
	int	saved = errno;

	p->fn(p->stage, done, total, p->ctx);
	errno = saved;
}

/* Sets the progress hook; NULL removes it. */
void
infdiag_set_progress(infdiag_progress_fn *fn, void *ctx)
{
	progress_fn = fn;
	progress_ctx = fn != NULL ? ctx : NULL;
}

/* Sets the next mark after done: a step on, or the total. */
static void
set_next(struct progress *p, uint64_t done)
{
	p->next = done > UINT64_MAX - p->step ? UINT64_MAX : done + p->step;
	if (p->total != 0 && p->next > p->total)
		p->next = p->total;
}

/* Starts a stage, reporting it unless there is no hook or the stage is
 * too small to be worth it. */
void
progress_begin(struct progress *p, const char *stage, uint64_t total,
    uint64_t grain)
{
	p->stage = stage;
	p->total = total;
	p->fn = progress_fn;
	p->ctx = progress_ctx;
	p->next = UINT64_MAX;
	if (p->fn == NULL || (total != 0 && total < grain)) {
		p->fn = NULL;
		return;
	}
	if (grain == 0)
		grain = 1;
	p->step = total / PROGRESS_REPORTS > grain ?
	    total / PROGRESS_REPORTS : grain;
	set_next(p, 0);
	/* An unknown total cannot tell a small stage: it is reported once
	 * it has done a grain of work. */
	p->started = total != 0;
	if (p->started)
		call(p, 0, total);
}

/* Reports done units and sets the next mark; reaching a known total ends
 * the stage. */
void
progress_report(struct progress *p, uint64_t done)
{
	if (p->fn == NULL)
		return;
	if (p->total != 0 && done >= p->total) {
		progress_end(p, p->total);
		return;
	}
	set_next(p, done);
	p->started = 1;
	call(p, done, p->total);
}

/* Ends the stage, unless it ended already, with done == total: the
 * total, or what was done when that was less or the total unknown. */
void
progress_end(struct progress *p, uint64_t done)
{
	if (p->fn == NULL)
		return;
	if (p->total != 0 && done > p->total)
		done = p->total;
	if (p->started)
		call(p, done, done);
	p->fn = NULL;
	p->next = UINT64_MAX;
}

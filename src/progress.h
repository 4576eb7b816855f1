/*
 * Reporting progress to the hook of infdiag_set_progress(), cheaply.
 *
 * A stage is measured by a meter on the caller's stack (or in its state),
 * one line per call site:
 *
 *	struct progress	p;
 *
 *	progress_begin(&p, INFDIAG_STAGE_LOADING, n, PROGRESS_GRAIN);
 *	for (i = 0; i < n; i++) {
 *		...
 *		progress_at(&p, i + 1);
 *	}
 *	progress_end(&p, n);
 *
 * progress_at() is an inline comparison: the hook is called only when
 * done reaches the meter's next mark, which is never when no hook is set.
 * Marks are at least grain units apart (choose it so that a grain of work
 * takes some microseconds at least), there are about PROGRESS_REPORTS of
 * them in a stage of known total, and the total is always one: reaching
 * it ends the stage, and progress_end() then does nothing.  A stage whose
 * known total is below its grain is not reported at all, nor one of
 * unknown total that ends before a grain of work.  Call progress_end()
 * when the stage completes or stops short, not on an error path.
 */
#ifndef INFDIAG_PROGRESS_H
#define INFDIAG_PROGRESS_H

#include <stdint.h>

#include "infdiag.h"

/* The usual grain: cheap units (variables, arrows, paths). */
#define PROGRESS_GRAIN		4096
/* The grain for bytes read or written. */
#define PROGRESS_BYTES		65536
/* About the most reports a stage makes. */
#define PROGRESS_REPORTS	256

struct progress {
	uint64_t		 next;	/* report when done reaches it */
	uint64_t		 step;
	uint64_t		 total;
	const char		*stage;
	infdiag_progress_fn	*fn;	/* NULL: the stage is not reported */
	void			*ctx;
	int			 started; /* the hook has heard of it */
};

/* Starts a stage of total units (0: unknown) reported every grain units
 * or more; reports 0 done, or (for an unknown total) nothing before a
 * grain of work is done. */
void	progress_begin(struct progress *, const char *stage, uint64_t total,
	    uint64_t grain);
/* Reports done when it reached the next mark (the out-of-line half of
 * progress_at()). */
void	progress_report(struct progress *, uint64_t done);
/* Ends the stage with done units: reports done of done, which is the
 * total unless the stage stopped short or its total was unknown. */
void	progress_end(struct progress *, uint64_t done);

/* Notes that done units of the stage are done. */
static inline void
progress_at(struct progress *p, uint64_t done)
{
	if (done >= p->next)
		progress_report(p, done);
}

#endif /* INFDIAG_PROGRESS_H */

/*
 * Topological order, cycles and reachability over the model's compressed
 * adjacency.
 */
#include <stdint.h>
#include <string.h>

#include "infdiag.h"
#include "alloc.h"
#include "error.h"
#include "graph.h"
#include "model.h"
#include "progress.h"
#include "strbuf.h"

/* The longest cycle shown whole; a longer one is shown by its ends. */
#define CYCLE_SHOWN	12

/* Says whether every input is declared before the variable it feeds. */
static int
declaration_is_topological(const struct infdiag_model *m)
{
	uint32_t	v;
	uint32_t	i;

	for (v = 0; v < m->nvars; v++) {
		for (i = m->in_off[v]; i < m->in_off[v + 1]; i++) {
			if (m->in_idx[i] > v)
				return 0;
		}
	}
	return 1;
}

/* Pushes v on a min-heap of n entries. */
static void
heap_push(uint32_t *heap, uint32_t *n, uint32_t v)
{
	uint32_t	i = (*n)++, parent;

	while (i > 0 && heap[parent = (i - 1) / 2] > v) {
		heap[i] = heap[parent];
		i = parent;
	}
	heap[i] = v;
}

/* Pops the smallest entry of a non-empty min-heap. */
static uint32_t
heap_pop(uint32_t *heap, uint32_t *n)
{
	uint32_t	top = heap[0], last = heap[--(*n)], i = 0, child;

	while ((child = 2 * i + 1) < *n) {
		if (child + 1 < *n && heap[child + 1] < heap[child])
			child++;
		if (heap[child] >= last)
			break;
		heap[i] = heap[child];
		i = child;
	}
	heap[i] = last;
	return top;
}

/* Kahn's algorithm taking the smallest ready variable each time; returns
 * how many variables were ordered (fewer than nvars on a cycle). pending
 * is left holding each unordered variable's count of unordered inputs. */
static uint32_t
order_by_heap(struct infdiag_model *m, uint32_t *pending, uint32_t *heap)
{
	struct progress	meter;
	uint32_t	v, c, i, n = 0, done = 0;

	for (v = 0; v < m->nvars; v++) {
		pending[v] = var_ninputs(m, v);
		if (pending[v] == 0)
			heap_push(heap, &n, v);
	}
	progress_begin(&meter, INFDIAG_STAGE_ORDERING, m->nvars,
	    PROGRESS_GRAIN);
	while (n > 0) {
		v = heap_pop(heap, &n);
		m->order[done++] = v;
		for (i = m->out_off[v]; i < m->out_off[v + 1]; i++) {
			c = m->out_idx[i];
			if (--pending[c] == 0)
				heap_push(heap, &n, c);
		}
		progress_at(&meter, done);
	}
	if (done == m->nvars)
		progress_end(&meter, done);
	return done;
}

/* Appends a variable's name, cut after QUOTE_MAX characters. */
static void
name_text(const struct infdiag_model *m, uint32_t v, struct strbuf *sb)
{
	const char	*name = m->vars[v].name;

	cut_text(sb, name, strlen(name), QUOTE_MAX);
}

/* Appends the cycle (walk[0..len) in influence order) to the message. */
static void
cycle_text(const struct infdiag_model *m, const uint32_t *walk, uint32_t len,
    struct strbuf *sb)
{
	uint32_t	i;

	if (len > CYCLE_SHOWN)
		strbuf_addf(sb, "cycle of %u variables: ", len);
	else
		strbuf_add(sb, "cycle: ");
	for (i = 0; i < len; i++) {
		if (len > CYCLE_SHOWN && i == CYCLE_SHOWN - 3) {
			strbuf_add(sb, "... -> ");
			i = len - 2;
		}
		name_text(m, walk[i], sb);
		strbuf_add(sb, " -> ");
	}
	name_text(m, walk[0], sb);
}

/*
 * Reports one cycle among the unordered variables, each of which still
 * has an unordered input.  Walking back along such inputs from the first
 * unordered variable must repeat a variable; the repeated stretch is a
 * cycle, shown from its earliest-declared variable in influence order.
 */
static void
report_cycle(const struct infdiag_model *m, const uint32_t *pending,
    uint32_t *seen, uint32_t *walk, struct infdiag_error *err)
{
	struct strbuf	sb = STRBUF_INIT;
	uint32_t	v, i, len = 0, start, first, low;

	for (v = 0; pending[v] == 0; v++)
		;
	for (i = 0; i < m->nvars; i++)
		seen[i] = INFDIAG_NONE;
	while (seen[v] == INFDIAG_NONE) {
		seen[v] = len;
		walk[len++] = v;
		for (i = m->in_off[v]; pending[m->in_idx[i]] == 0; i++)
			;
		v = m->in_idx[i];
	}
	/* walk[seen[v] .. len) goes against the arrows; reverse it. */
	start = seen[v];
	for (i = 0; i < (len - start) / 2; i++) {
		first = walk[start + i];
		walk[start + i] = walk[len - 1 - i];
		walk[len - 1 - i] = first;
	}
	low = start;
	for (i = start; i < len; i++) {
		if (walk[i] < walk[low])
			low = i;
	}
	for (i = 0; i < len - start; i++)
		seen[i] = walk[start + (low - start + i) % (len - start)];
	cycle_text(m, seen, len - start, &sb);
	if (strbuf_failed(&sb))
		error_nomem(err);
	else
		error_set(err, INFDIAG_EMODEL, "variables", "%s",
		    strbuf_str(&sb));
	strbuf_release(&sb);
}

/* Computes the topological order and ranks, or reports a cycle. */
int
graph_order(struct infdiag_model *m, struct infdiag_error *err)
{
	uint32_t	*pending = NULL, *heap = NULL, v;
	int		 rc = -1;

	m->order = mem_calloc(m->nvars, sizeof(*m->order));
	m->rank = mem_calloc(m->nvars, sizeof(*m->rank));
	if (m->order == NULL || m->rank == NULL)
		goto nomem;
	if (declaration_is_topological(m)) {
		for (v = 0; v < m->nvars; v++)
			m->order[v] = v;
	} else {
		pending = mem_calloc(m->nvars, sizeof(*pending));
		heap = mem_calloc(m->nvars, sizeof(*heap));
		if (pending == NULL || heap == NULL)
			goto nomem;
		if (order_by_heap(m, pending, heap) < m->nvars) {
			/* order and rank serve as scratch for the report. */
			report_cycle(m, pending, m->rank, m->order, err);
			goto out;
		}
	}
	for (v = 0; v < m->nvars; v++)
		m->rank[m->order[v]] = v;
	rc = 0;
	goto out;
nomem:
	error_nomem(err);
out:
	mem_free(pending);
	mem_free(heap);
	return rc;
}

/* Marks everything reachable from the sources, breadth first. */
uint32_t
graph_reach(const struct infdiag_model *m, const uint32_t *sources,
    uint32_t nsources, int up, uint32_t *mark, uint32_t stamp,
    uint32_t *queue)
{
	const uint32_t	*off = up ? m->in_off : m->out_off;
	const uint32_t	*idx = up ? m->in_idx : m->out_idx;
	uint32_t	 head = 0, tail = 0, v, w, i;

	for (i = 0; i < nsources; i++) {
		if (mark[sources[i]] != stamp) {
			mark[sources[i]] = stamp;
			queue[tail++] = sources[i];
		}
	}
	while (head < tail) {
		v = queue[head++];
		for (i = off[v]; i < off[v + 1]; i++) {
			w = idx[i];
			if (mark[w] != stamp) {
				mark[w] = stamp;
				queue[tail++] = w;
			}
		}
	}
	return tail;
}

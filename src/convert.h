/*
 * convert: the model in another form.  The targets are a table; each
 * writes through a struct writer.  A target that needs_numbers is given
 * an analysis computed with the numbers; the others are given NULL and
 * read the model (w->m) alone.
 */
#ifndef INFDIAG_CONVERT_H
#define INFDIAG_CONVERT_H

#include "infdiag.h"
#include "write.h"

struct convert_target {
	const char	*name;
	int		 needs_numbers;
	int		(*write)(struct writer *,
			    const struct infdiag_analysis *,
			    struct infdiag_error *);
};

/* The targets, in the order messages list them, ended by a NULL name. */
extern const struct convert_target convert_targets[];

/* The target called name, or NULL. */
const struct convert_target *convert_find(const char *name);

/* The writers of the model in each readable format. */
int	convert_write_json(struct writer *, const struct infdiag_analysis *,
	    struct infdiag_error *);
int	convert_write_dagitty(struct writer *,
	    const struct infdiag_analysis *, struct infdiag_error *);
int	convert_write_dot(struct writer *, const struct infdiag_analysis *,
	    struct infdiag_error *);
int	convert_write_eq(struct writer *, const struct infdiag_analysis *,
	    struct infdiag_error *);

/* Scripts that rebuild the model in SymPy, in Maxima, and check
 * infdiag's derivatives there (write_cas.c). */
int	convert_write_sympy(struct writer *, const struct infdiag_analysis *,
	    struct infdiag_error *);
int	convert_write_maxima(struct writer *,
	    const struct infdiag_analysis *, struct infdiag_error *);

#endif /* INFDIAG_CONVERT_H */

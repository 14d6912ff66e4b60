/* Private to lib/db: the rows of the remedy statements as lib structs, read
 * by column name, for reconsiderations.c, litigations.c and remedy_reads.c. */
#ifndef OGI_DB_REMEDY_ROWS_H
#define OGI_DB_REMEDY_ROWS_H

#include <stddef.h>

#include "lib/db/pq.h"
#include "lib/remedies.h"

/* A reconsideration row; every row of a result into out (replacing what it held). */
void remedy_rc_read(const PGresult *res, int row, struct ogi_reconsideration *r);
int remedy_rc_list(const PGresult *res, struct ogi_reconsideration_list *out);
/* The litigations of lits with their instances from insts (both ordered by
 * litigation id, the instances by seq) into out. */
int remedy_lit_list(const PGresult *lits, const PGresult *insts, struct ogi_litigation_list *out);
/* ids as a PostgreSQL array ("{1,5}"), malloc'd; NULL when out of memory. */
char *remedy_id_array(const long long *ids, size_t n);

#endif

/* Private to lib/db: the applicants' personal columns sealed on the way in and opened on the
 * way out (lib/pii_seal.h), for the area files that store them (requests.c, online_apps.c,
 * idempotency.c, pii_store.c). */
#ifndef OGI_DB_PII_COL_H
#define OGI_DB_PII_COL_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/db/pq.h"

#define PII_COLS_MAX 6

/* The sealed texts of one row's parameters: they must live until its statement ran. */
struct pii_sealed {
	char *v[PII_COLS_MAX];
	int n;
	uint32_t key_id; /* the one key every value is under; 0 when they differ */
	bool any, failed;
};

/* plain sealed as a parameter of p (SQL NULL for NULL). */
void pii_seal_param(struct pq_params *p, struct pii_sealed *s, const char *plain);
/* The key id of the row's values as a parameter: the key the row is under (0 when mixed). */
void pii_key_param(struct pq_params *p, const struct pii_sealed *s);
void pii_sealed_free(struct pii_sealed *s);

/* Column col of row opened (malloc'd; NULL for SQL NULL).  A value that does not open (a key
 * the ring lacks, changed bytes) is logged by row and column and sets *bad. */
char *pii_open_col(const PGresult *res, int row, const char *col, bool *bad);
/* The same into a buffer (truncated as pq_copy does; empty for NULL). */
void pii_open_copy(const PGresult *res, int row, const char *col, char *out, size_t outlen,
                   bool *bad);

#endif

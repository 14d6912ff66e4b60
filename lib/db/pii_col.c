/* The applicants' personal columns sealed and opened (see pii_col.h). */
#include "lib/db/pii_col.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/pii_seal.h"

void pii_seal_param(struct pq_params *p, struct pii_sealed *s, const char *plain)
{
	char *v = NULL;
	if (plain != NULL && s->n < PII_COLS_MAX) {
		v = ogi_pii_seal(plain, &s->failed);
		if (v != NULL) {
			s->v[s->n++] = v;
			uint32_t id = ogi_pii_sealed_key_id(v);
			if (!s->any)
				s->key_id = id;
			else if (s->key_id != id)
				s->key_id = 0;
			s->any = true;
		}
	} else if (plain != NULL) {
		s->failed = true;
	}
	pq_str(p, v);
}

void pii_key_param(struct pq_params *p, const struct pii_sealed *s)
{
	pq_int(p, s->any ? s->key_id : ogi_pii_seal_key_id());
}

void pii_sealed_free(struct pii_sealed *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->v[i]);
	memset(s, 0, sizeof *s);
}

char *pii_open_col(const PGresult *res, int row, const char *col, bool *bad)
{
	const char *stored = pq_get(res, row, col);
	char *out = NULL;
	uint32_t id = 0;
	enum ogi_pii_open_status st = ogi_pii_open(stored, &out, &id);
	if (st == OGI_PII_OPENED || st == OGI_PII_PLAIN)
		return out;
	free(out);
	*bad = true;
	ogi_db_log("ogi: error: %s of row %d %s (key %u): %s", col, row,
	           st == OGI_PII_NO_KEY ? "is sealed under a key the key file lacks"
	           : st == OGI_PII_OOM  ? "cannot be opened: out of memory"
	                                : "does not open (changed, or another key under its id)",
	           (unsigned)id, "not shown");
	return NULL;
}

void pii_open_copy(const PGresult *res, int row, const char *col, char *out, size_t outlen,
                   bool *bad)
{
	char *v = pii_open_col(res, row, col, bad);
	snprintf(out, outlen, "%s", v != NULL ? v : "");
	free(v);
}

/* Statements and typed functions of applicants.h. */
#include "lib/db/applicants.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/pii_col.h"
#include "lib/db/pq.h"
#include "lib/pii.h"

const struct ogi_statement ogi_db_statements_applicants[] = {
    {"pii_key_record",
     "INSERT INTO pii_key (id, fingerprint) VALUES (1, $1) ON CONFLICT (id) DO NOTHING"},
    {"pii_key_get", "SELECT fingerprint FROM pii_key WHERE id = 1"},
    /* the next rows after $1 with a number but no hash of it */
    {"pii_unhashed",
     "SELECT id, applicant_id_number, applicant_phone FROM requests WHERE id > $1::bigint "
     "AND ((applicant_id_number IS NOT NULL AND applicant_id_hash IS NULL) "
     "  OR (applicant_phone IS NOT NULL AND applicant_phone_hash IS NULL)) "
     "ORDER BY id LIMIT 500"},
    {"pii_set_hashes",
     "UPDATE requests SET applicant_id_hash = coalesce($2, applicant_id_hash), "
     "applicant_phone_hash = coalesce($3, applicant_phone_hash) WHERE id = $1::bigint"},
    {"applicant_lookup",
     "SELECT r.id, r.body_id, r.tracking_no, b.name AS body_name, r.applicant_name, r.status, "
     "       r.received_on "
     "FROM requests r JOIN bodies b ON b.id = r.body_id "
     "WHERE r.applicant_id_hash = $1 AND b.path && $2::bigint[] "
     "ORDER BY r.received_on DESC, r.id DESC LIMIT $3::int"},
    {NULL, NULL},
};

int ogi_db_pii_key_recorded(struct ogi_db *db, bool *recorded)
{
	PGresult *res;
	int n = pq_run(db, "pii_key_get", NULL, &res);
	if (n < 0)
		return n;
	*recorded = n > 0;
	PQclear(res);
	return 0;
}

int ogi_db_pii_key_check(struct ogi_db *db)
{
	char mine[OGI_PII_HASH_HEX];
	if (!ogi_pii_key_fingerprint(mine))
		return OGI_DB_HARD;
	struct pq_params p = {0};
	pq_str(&p, mine);
	PGresult *res = NULL;
	int n = pq_run(db, "pii_key_record", &p, &res);
	PQclear(res);
	if (n < 0)
		return n;
	struct pq_params none = {0};
	n = pq_run(db, "pii_key_get", &none, &res);
	if (n < 0)
		return n;
	bool same = n == 1 && strcmp(pq_get(res, 0, "fingerprint"), mine) == 0;
	PQclear(res);
	return same ? 0 : OGI_E_CONFLICT;
}

struct backfill {
	long long after, done;
	int rows; /* in the last batch */
};

/* One batch: the next rows after b->after hashed. */
static int backfill_batch(struct ogi_db *db, void *cls)
{
	struct backfill *b = cls, start = *b;
	struct pq_params p = {0};
	pq_int(&p, b->after);
	PGresult *res;
	int n = pq_run(db, "pii_unhashed", &p, &res);
	if (n < 0)
		return n;
	int rc = 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		char idh[OGI_PII_HASH_HEX], telh[OGI_PII_HASH_HEX];
		struct pq_params u = {0};
		b->after = pq_getint(res, i, "id");
		pq_int(&u, b->after);
		bool bad = false;
		char *idn = pii_open_col(res, i, "applicant_id_number", &bad);
		char *tel = pii_open_col(res, i, "applicant_phone", &bad);
		bool has_id = ogi_pii_hash(OGI_PII_ID_NUMBER, idn, idh);
		bool has_tel = ogi_pii_hash(OGI_PII_PHONE, tel, telh);
		free(idn);
		free(tel);
		pq_str(&u, has_id ? idh : NULL);
		pq_str(&u, has_tel ? telh : NULL);
		PGresult *ur = NULL;
		int un = pq_run(db, "pii_set_hashes", &u, &ur);
		PQclear(ur);
		rc = un < 0 ? un : 0;
	}
	PQclear(res);
	if (rc != 0) {
		*b = start; /* rerun whole, from where it began */
		return rc;
	}
	b->rows = n;
	b->done += n;
	return 0;
}

int ogi_db_pii_backfill(struct ogi_db *db, long long *done)
{
	struct backfill b = {0};
	do {
		int rc = ogi_db_tx(db, "pii backfill", backfill_batch, &b);
		if (rc != 0)
			return rc;
	} while (b.rows > 0);
	*done = b.done;
	return 0;
}

void ogi_applicant_matches_free(struct ogi_applicant_matches *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].tracking_no);
		free(m->v[i].body_name);
		free(m->v[i].applicant_name);
		free(m->v[i].status);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

int ogi_db_applicant_lookup(struct ogi_db *db, const char *id_number, const long long *roots,
                            int nroots, int limit, struct ogi_applicant_matches *out)
{
	*out = (struct ogi_applicant_matches){0};
	char hash[OGI_PII_HASH_HEX];
	if (!ogi_pii_hash(OGI_PII_ID_NUMBER, id_number, hash) || nroots <= 0)
		return 0;
	size_t len = 24 * (size_t)nroots + 3;
	char *ids = malloc(len);
	if (ids == NULL)
		return OGI_DB_HARD;
	struct pq_params p = {0};
	pq_str(&p, hash);
	pq_ids(&p, roots, nroots, ids, len);
	pq_int(&p, limit);
	PGresult *res;
	int n = pq_run(db, "applicant_lookup", &p, &res);
	free(ids);
	if (n <= 0) {
		PQclear(res);
		return n;
	}
	if ((out->v = calloc((size_t)n, sizeof *out->v)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++) {
		struct ogi_applicant_match *m = &out->v[out->n++];
		m->id = pq_getint(res, i, "id");
		m->body_id = pq_getint(res, i, "body_id");
		m->tracking_no = dup_or_null(pq_get(res, i, "tracking_no"));
		m->body_name = dup_or_null(pq_get(res, i, "body_name"));
		m->applicant_name = dup_or_null(pq_get(res, i, "applicant_name"));
		m->status = dup_or_null(pq_get(res, i, "status"));
		m->received_on = pq_getdate(res, i, "received_on");
	}
	PQclear(res);
	return 0;
}

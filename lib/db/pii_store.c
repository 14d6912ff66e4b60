/* Statements and typed functions of pii_store.h. */
#include "lib/db/pii_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/pii_col.h"
#include "lib/db/pq.h"
#include "lib/pii_seal.h"

/* the rows not under $1 (pii_key NULL: plaintext of before 0021; $2: only those) */
#define NOT_UNDER "(pii_key IS NULL OR (NOT $2::bool AND pii_key <> $1::int)) "

const struct ogi_statement ogi_db_statements_pii[] = {
    {"pii_seal_key_record", "INSERT INTO pii_seal_keys (key_id, check_value) "
                            "VALUES ($1::int, $2) ON CONFLICT (key_id) DO NOTHING"},
    {"pii_seal_key_get", "SELECT check_value FROM pii_seal_keys WHERE key_id = $1::int"},
    /* a key id some row is sealed under that the ring ($1) lacks */
    {"pii_foreign_key",
     "SELECT k FROM (SELECT pii_key AS k FROM requests WHERE pii_key > 0 "
     "  AND pii_key <> ALL($1::int[]) LIMIT 1) a UNION ALL "
     "SELECT k FROM (SELECT pii_key AS k FROM online_applications WHERE pii_key > 0 "
     "  AND pii_key <> ALL($1::int[]) LIMIT 1) b UNION ALL "
     "SELECT k FROM (SELECT pii_key AS k FROM idempotency_keys WHERE pii_key > 0 "
     "  AND pii_key <> ALL($1::int[]) LIMIT 1) c LIMIT 1"},
    {"pii_requests_next",
     "SELECT id, applicant_id_number AS c0, applicant_phone AS c1, applicant_email AS c2, "
     "  applicant_address AS c3, applicant_contact AS c4 FROM requests WHERE " NOT_UNDER
     "ORDER BY id LIMIT $3::int FOR UPDATE SKIP LOCKED"},
    {"pii_requests_set", "UPDATE requests SET applicant_id_number = $2, applicant_phone = $3, "
                         "  applicant_email = $4, applicant_address = $5, applicant_contact = $6, "
                         "  pii_key = $7::int WHERE id = $1::bigint"},
    {"pii_online_next",
     "SELECT id, applicant_id_number AS c0, applicant_phone AS c1, applicant_email AS c2, "
     "  applicant_address AS c3, applicant_contact AS c4 FROM online_applications "
     "WHERE " NOT_UNDER "ORDER BY id LIMIT $3::int FOR UPDATE SKIP LOCKED"},
    {"pii_online_set",
     "UPDATE online_applications SET applicant_id_number = $2, applicant_phone = $3, "
     "  applicant_email = $4, applicant_address = $5, applicant_contact = $6, "
     "  pii_key = $7::int WHERE id = $1::bigint"},
    {"pii_idem_next",
     "SELECT user_id, key, response AS c0 FROM idempotency_keys WHERE " NOT_UNDER
     "  AND response IS NOT NULL ORDER BY user_id, key LIMIT $3::int FOR UPDATE SKIP LOCKED"},
    {"pii_idem_set", "UPDATE idempotency_keys SET response = $3, pii_key = $4::int "
                     "WHERE user_id = $1::bigint AND key = $2"},
    {"pii_left", "SELECT (SELECT count(*) FROM requests WHERE " NOT_UNDER ") + "
                 "  (SELECT count(*) FROM online_applications WHERE " NOT_UNDER ") + "
                 "  (SELECT count(*) FROM idempotency_keys WHERE " NOT_UNDER
                 "   AND response IS NOT NULL) AS n"},
    {"pii_key_counts",
     "SELECT coalesce(k::text, 'plain') AS k, sum(n) AS n FROM ("
     "  SELECT pii_key AS k, count(*) AS n FROM requests GROUP BY pii_key UNION ALL "
     "  SELECT pii_key, count(*) FROM online_applications GROUP BY pii_key UNION ALL "
     "  SELECT pii_key, count(*) FROM idempotency_keys WHERE response IS NOT NULL "
     "    GROUP BY pii_key) x GROUP BY k ORDER BY k"},
    {NULL, NULL},
};

int ogi_db_pii_seal_keys_check(struct ogi_db *db, char *why, size_t whylen)
{
	uint32_t ids[OGI_PII_RING_MAX];
	int n = ogi_pii_ring_ids(ids, OGI_PII_RING_MAX);
	char list[OGI_PII_RING_MAX * 8 + 3];
	size_t len = (size_t)snprintf(list, sizeof list, "{");
	for (int i = 0; i < n; i++) {
		char mine[OGI_PII_CHECK_HEX];
		if (!ogi_pii_key_check(ids[i], mine))
			return OGI_DB_HARD;
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%u", i ? "," : "",
		                        (unsigned)ids[i]);
		struct pq_params p = {0};
		pq_int(&p, ids[i]);
		pq_str(&p, mine);
		int rc = pq_run(db, "pii_seal_key_record", &p, NULL);
		if (rc < 0)
			return rc;
		PGresult *res;
		struct pq_params g = {0};
		pq_int(&g, ids[i]);
		if ((rc = pq_run(db, "pii_seal_key_get", &g, &res)) < 0)
			return rc;
		bool same = rc == 1 && strcmp(pq_get(res, 0, "check_value"), mine) == 0;
		PQclear(res);
		if (!same) {
			snprintf(why, whylen,
			         "its sealing key %u is not the key %u this database's personal "
			         "data was "
			         "sealed with",
			         (unsigned)ids[i], (unsigned)ids[i]);
			return OGI_E_CONFLICT;
		}
	}
	snprintf(list + len, sizeof list - len, "}");
	struct pq_params p = {0};
	pq_str(&p, list);
	PGresult *res;
	int rc = pq_run(db, "pii_foreign_key", &p, &res);
	if (rc < 0)
		return rc;
	if (rc > 0)
		snprintf(
		    why, whylen,
		    "it lacks the sealing key %s some of this database's personal data is sealed "
		    "with",
		    pq_get(res, 0, "k"));
	PQclear(res);
	return rc > 0 ? OGI_E_CONFLICT : 0;
}

struct reseal {
	bool only_plain;
	bool count_left; /* count the rows left afterwards (a pass over every table) */
	int limit;
	long long moved, left;
};

/* The rows of one table's next statement sealed again through its set statement; keys: the
 * columns naming a row (1 or 2), cols: the sealed ones. */
static int reseal_table(struct ogi_db *db, struct reseal *r, const char *next, const char *set,
                        int keys, int cols)
{
	struct pq_params p = {0};
	pq_int(&p, ogi_pii_seal_key_id());
	pq_bool(&p, r->only_plain);
	pq_int(&p, r->limit);
	PGresult *res;
	int n = pq_run(db, next, &p, &res);
	if (n < 0)
		return n;
	static const char *const key_names[] = {"id", "user_id", "key"};
	int rc = 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		struct pq_params u = {0};
		if (keys == 1) {
			pq_str(&u, pq_get(res, i, key_names[0]));
		} else {
			pq_str(&u, pq_get(res, i, key_names[1]));
			pq_str(&u, pq_get(res, i, key_names[2]));
		}
		struct pii_sealed sealed = {0};
		bool bad = false;
		for (int c = 0; c < cols; c++) {
			char col[4];
			snprintf(col, sizeof col, "c%d", c);
			char *plain = pii_open_col(res, i, col, &bad);
			pii_seal_param(&u, &sealed, plain);
			free(plain);
		}
		pii_key_param(&u, &sealed);
		rc = bad || sealed.failed ? OGI_DB_HARD : pq_run(db, set, &u, NULL);
		pii_sealed_free(&sealed);
		rc = rc < 0 ? rc : 0;
	}
	PQclear(res);
	if (rc == 0)
		r->moved += n;
	return rc;
}

static int reseal_batch(struct ogi_db *db, void *cls)
{
	struct reseal *r = cls;
	r->moved = 0;
	int rc = reseal_table(db, r, "pii_requests_next", "pii_requests_set", 1, 5);
	if (rc == 0)
		rc = reseal_table(db, r, "pii_online_next", "pii_online_set", 1, 5);
	if (rc == 0)
		rc = reseal_table(db, r, "pii_idem_next", "pii_idem_set", 2, 1);
	if (rc != 0 || !r->count_left)
		return rc;
	struct pq_params p = {0};
	pq_int(&p, ogi_pii_seal_key_id());
	pq_bool(&p, r->only_plain);
	PGresult *res;
	int n = pq_run(db, "pii_left", &p, &res);
	if (n < 0)
		return n;
	r->left = pq_getint(res, 0, "n");
	PQclear(res);
	return 0;
}

int ogi_db_pii_reseal_batch(struct ogi_db *db, bool only_plain, int limit, long long *moved,
                            long long *left)
{
	struct reseal r = {.only_plain = only_plain, .count_left = left != NULL, .limit = limit};
	int rc = ogi_db_tx(db, "pii reseal", reseal_batch, &r);
	*moved = r.moved;
	if (left != NULL)
		*left = r.left;
	return rc;
}

int ogi_db_pii_reseal_all(struct ogi_db *db, bool only_plain, long long *done)
{
	*done = 0;
	long long moved;
	do {
		/* no count of the rows left after each batch: a pass over every table per 500
		 * rows made the start's sealing of millions of rows quadratic */
		int rc = ogi_db_pii_reseal_batch(db, only_plain, 500, &moved, NULL);
		if (rc != 0)
			return rc;
		*done += moved;
	} while (moved > 0);
	return 0;
}

int ogi_db_pii_key_counts(struct ogi_db *db, char *out, size_t outlen)
{
	PGresult *res;
	int n = pq_run(db, "pii_key_counts", NULL, &res);
	if (n < 0)
		return n;
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < n && len < outlen; i++)
		len += (size_t)snprintf(out + len, outlen - len, "%s%s:%s", i ? " " : "",
		                        pq_get(res, i, "k"), pq_get(res, i, "n"));
	PQclear(res);
	return 0;
}

int ogi_db_pii_plain_count(struct ogi_db *db, long long *n)
{
	struct pq_params p = {0};
	pq_int(&p, 0);
	pq_bool(&p, true);
	PGresult *res;
	int rc = pq_run(db, "pii_left", &p, &res);
	if (rc < 0)
		return rc;
	*n = pq_getint(res, 0, "n");
	PQclear(res);
	return 0;
}

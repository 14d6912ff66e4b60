/* Statements of Idempotency-Key and the typed functions of idempotency.h. */
#include "lib/db/idempotency.h"

#include <stdlib.h>

#include "api/errors.h"
#include "lib/db/pii_col.h"
#include "lib/db/pq.h"

const struct ogi_statement ogi_db_statements_idempotency[] = {
    {"idem_claim",
     "INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1::bigint, $2, $3::bytea) "
     "ON CONFLICT DO NOTHING RETURNING 1"},
    {"idem_get",
     "SELECT request_hash = $3::bytea AS same, status, response, request_id FROM idempotency_keys "
     "WHERE user_id = $1::bigint AND key = $2"},
    {"idem_store",
     "UPDATE idempotency_keys SET status = $3::int, response = $4, request_id = $5::bigint, "
     "  pii_key = $6::int "
     "WHERE user_id = $1::bigint AND key = $2"},
    {NULL, NULL},
};

int ogi_db_idem_claim(struct ogi_db *db, long long user_id, const char *key, const char *hash,
                      bool *seen, struct ogi_idem_answer *first)
{
	*seen = false;
	*first = (struct ogi_idem_answer){0};
	struct pq_params p = {0};
	pq_int(&p, user_id);
	pq_str(&p, key);
	pq_str(&p, hash);
	int n = pq_run(db, "idem_claim", &p, NULL);
	if (n != 0)
		return n < 0 ? n : 0; /* a new key: claimed */
	PGresult *res;
	if ((n = pq_run(db, "idem_get", &p, &res)) < 0)
		return n;
	bool same = n == 1 && pq_getbool(res, 0, "same");
	if (same) {
		bool bad = false;
		char *response = pii_open_col(res, 0, "response", &bad);
		first->status = (unsigned)pq_getint(res, 0, "status");
		first->response = response ? json_loads(response, 0, NULL) : NULL;
		free(response);
		first->request_id = pq_getint(res, 0, "request_id");
		if (first->response == NULL) {
			/* claimed and answered in one transaction: a stored key has its answer */
			ogi_db_log(
			    "ogi: error: %s:%d: Idempotency-Key of user %lld has no answer stored",
			    __FILE__, __LINE__, user_id);
			PQclear(res);
			return OGI_DB_HARD;
		}
		*seen = true;
	}
	PQclear(res);
	return same ? 0 : OGI_E_IDEMPOTENCY_KEY_REUSED;
}

int ogi_db_idem_store(struct ogi_db *db, long long user_id, const char *key, unsigned status,
                      const json_t *response, long long request_id)
{
	char *text = json_dumps(response, JSON_COMPACT);
	if (text == NULL)
		return OGI_DB_HARD;
	struct pq_params p = {0};
	pq_int(&p, user_id);
	pq_str(&p, key);
	pq_int(&p, status);
	/* the answer is the request: the applicant's numbers, e-mail and address sealed with it */
	struct pii_sealed sealed = {0};
	pii_seal_param(&p, &sealed, text);
	pq_int(&p, request_id);
	pii_key_param(&p, &sealed);
	int n = sealed.failed ? OGI_DB_HARD : pq_run(db, "idem_store", &p, NULL);
	pii_sealed_free(&sealed);
	free(text);
	return n < 0 ? n : 0;
}

/* Reads over both kinds of remedy record (see remedy_reads.h). */
#include "lib/db/remedy_reads.h"

#include <stdlib.h>
#include <string.h>

#include "lib/db/litigations.h"
#include "lib/db/pq.h"
#include "lib/db/reconsiderations.h"
#include "lib/db/remedy_rows.h"

const struct ogi_statement ogi_db_statements_remedy_reads[] = {
    /* a record's history: its audit_log rows (a litigation's include its instances') */
    {"remedy_history",
     "SELECT a.at, a.actor, a.entity, a.entity_id, a.action, a.old_value::text AS old_value, "
     "  a.new_value::text AS new_value "
     "FROM audit_log a WHERE (a.entity = $1 AND a.entity_id = $2) "
     "   OR ($1 = 'litigation' AND a.entity = 'litigation_instance' AND a.entity_id IN "
     "       (SELECT id::text FROM litigation_instances WHERE litigation_id = $2::bigint)) "
     "ORDER BY a.id"},
    {NULL, NULL},
};

int ogi_db_remedy_records_of_request(struct ogi_db *db, long long request_id,
                                     struct ogi_remedy_records *out)
{
	int rc = ogi_db_reconsiderations_of(db, request_id, &out->rc);
	if (rc == 0)
		rc = ogi_db_litigations_of(db, request_id, &out->lit);
	if (rc != 0)
		ogi_remedy_records_free(out);
	return rc;
}

int ogi_db_remedy_records_of_requests(struct ogi_db *db, const long long *ids, size_t n,
                                      struct ogi_remedy_records *out)
{
	int rc = ogi_db_reconsiderations_of_requests(db, ids, n, &out->rc);
	if (rc == 0)
		rc = ogi_db_litigations_of_requests(db, ids, n, &out->lit);
	if (rc != 0)
		ogi_remedy_records_free(out);
	return rc;
}

static json_t *json_column(const PGresult *res, int row, const char *col)
{
	const char *v = pq_get(res, row, col);
	return v != NULL ? json_loads(v, 0, NULL) : NULL;
}

int ogi_db_remedy_history(struct ogi_db *db, const char *entity, long long id,
                          struct ogi_remedy_history *out)
{
	ogi_remedy_history_free(out);
	struct pq_params p = {0};
	pq_str(&p, entity);
	pq_int(&p, id);
	PGresult *res;
	int n = pq_run(db, "remedy_history", &p, &res);
	if (n < 0)
		return n;
	if (n > 0 && (out->v = calloc((size_t)n, sizeof *out->v)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++) {
		struct ogi_remedy_change *ch = &out->v[i];
		pq_copy_time(res, i, "at", ch->at, sizeof ch->at);
		pq_copy(res, i, "actor", ch->actor, sizeof ch->actor);
		pq_copy(res, i, "entity", ch->entity, sizeof ch->entity);
		pq_copy(res, i, "entity_id", ch->entity_id, sizeof ch->entity_id);
		pq_copy(res, i, "action", ch->action, sizeof ch->action);
		ch->old_value = json_column(res, i, "old_value");
		ch->new_value = json_column(res, i, "new_value");
	}
	out->n = (size_t)n;
	PQclear(res);
	return 0;
}

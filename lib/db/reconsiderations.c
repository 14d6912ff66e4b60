/* Statements of reconsiderations (migrations 0004, 0008) and the typed
 * functions of reconsiderations.h. */
#include "lib/db/reconsiderations.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/pq.h"
#include "lib/db/remedy_rows.h"

#define RC_COLUMNS                                                                                 \
	"id, request_id, body_id, filed_on, authority, case_no, accepted_on, procedure, "          \
	"extension_days, late_filing, decided_on, decision, result, served_on, notes, version, "   \
	"created_at, created_by, redo_due, redone_on "

const struct ogi_statement ogi_db_statements_reconsiderations[] = {
    {"rc_insert",
     "INSERT INTO reconsiderations (request_id, body_id, filed_on, authority, case_no, "
     "  accepted_on, procedure, extension_days, late_filing, decided_on, decision, result, "
     "  served_on, notes, redo_due, redone_on, created_by) "
     "VALUES ($1::bigint, $2::bigint, $3::date, $4, $5, $6::date, $7, $8::int, $9::bool, "
     "  $10::date, $11, $12, $13::date, $14, $15::date, $16::date, $17::bigint) "
     "RETURNING " RC_COLUMNS},
    {"rc_get", "SELECT " RC_COLUMNS
               "FROM reconsiderations WHERE id = $1::bigint AND request_id = $2::bigint"},
    {"rc_lock",
     "SELECT " RC_COLUMNS "FROM reconsiderations WHERE id = $1::bigint AND request_id = $2::bigint "
     "FOR UPDATE"},
    {"rc_update",
     "UPDATE reconsiderations SET filed_on = $3::date, authority = $4, case_no = $5, "
     "  accepted_on = $6::date, procedure = $7, extension_days = $8::int, late_filing = $9::bool, "
     "  decided_on = $10::date, decision = $11, result = $12, served_on = $13::date, notes = $14, "
     "  redo_due = $15::date, redone_on = $16::date, version = version + 1 "
     "WHERE id = $1::bigint AND request_id = $2::bigint RETURNING " RC_COLUMNS},
    {"rc_of",
     "SELECT " RC_COLUMNS "FROM reconsiderations WHERE request_id = $1::bigint ORDER BY id"},
    /* the records of several requests at once (the queue) */
    {"rc_of_requests",
     "SELECT " RC_COLUMNS "FROM reconsiderations WHERE request_id = ANY($1::bigint[]) ORDER BY id"},
    {NULL, NULL},
};

void remedy_rc_read(const PGresult *res, int row, struct ogi_reconsideration *r)
{
	memset(r, 0, sizeof *r);
	r->id = pq_getint(res, row, "id");
	r->request_id = pq_getint(res, row, "request_id");
	r->body_id = pq_getint(res, row, "body_id");
	r->version = pq_getint(res, row, "version");
	r->filed_on = pq_getdate(res, row, "filed_on");
	r->accepted_on = pq_getdate(res, row, "accepted_on");
	r->decided_on = pq_getdate(res, row, "decided_on");
	r->served_on = pq_getdate(res, row, "served_on");
	r->redo_due = pq_getdate(res, row, "redo_due");
	r->redone_on = pq_getdate(res, row, "redone_on");
	pq_copy(res, row, "authority", r->authority, sizeof r->authority);
	r->has_case_no = !pq_isnull(res, row, "case_no");
	pq_copy(res, row, "case_no", r->case_no, sizeof r->case_no);
	r->has_notes = !pq_isnull(res, row, "notes");
	pq_copy(res, row, "notes", r->notes, sizeof r->notes);
	r->procedure = ogi_enum_parse(ogi_procedure_names, pq_get(res, row, "procedure"));
	r->extension_days = (int)pq_getint(res, row, "extension_days");
	r->decision = ogi_enum_parse(ogi_rc_decision_names, pq_get(res, row, "decision"));
	r->late_filing = pq_getbool(res, row, "late_filing");
	pq_copy_time(res, row, "created_at", r->created_at, sizeof r->created_at);
	r->created_by = pq_getint(res, row, "created_by");
}

int remedy_rc_list(const PGresult *res, struct ogi_reconsideration_list *out)
{
	ogi_reconsideration_list_free(out);
	int n = PQntuples(res);
	if (n == 0)
		return 0;
	out->v = calloc((size_t)n, sizeof *out->v);
	if (out->v == NULL)
		return OGI_DB_HARD;
	for (int i = 0; i < n; i++)
		remedy_rc_read(res, i, &out->v[i]);
	out->n = (size_t)n;
	return 0;
}

/* The one row of a statement into r; OGI_E_NOT_FOUND for none. */
static int rc_one(struct ogi_db *db, const char *stmt, const struct pq_params *p,
                  struct ogi_reconsideration *r)
{
	PGresult *res;
	int n = pq_run(db, stmt, p, &res);
	if (n < 0)
		return n;
	if (n > 0)
		remedy_rc_read(res, 0, r);
	PQclear(res);
	return n > 0 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_reconsideration_get(struct ogi_db *db, long long request_id, long long id, bool lock,
                               struct ogi_reconsideration *out)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_int(&p, request_id);
	return rc_one(db, lock ? "rc_lock" : "rc_get", &p, out);
}

static int rc_list(struct ogi_db *db, const char *stmt, const struct pq_params *p,
                   struct ogi_reconsideration_list *out)
{
	PGresult *res;
	int n = pq_run(db, stmt, p, &res);
	if (n < 0)
		return n;
	int rc = remedy_rc_list(res, out);
	PQclear(res);
	return rc;
}

int ogi_db_reconsiderations_of(struct ogi_db *db, long long request_id,
                               struct ogi_reconsideration_list *out)
{
	struct pq_params p = {0};
	pq_int(&p, request_id);
	return rc_list(db, "rc_of", &p, out);
}

int ogi_db_reconsiderations_of_requests(struct ogi_db *db, const long long *ids, size_t n,
                                        struct ogi_reconsideration_list *out)
{
	char *array = remedy_id_array(ids, n);
	if (array == NULL)
		return OGI_DB_HARD;
	struct pq_params p = {0};
	pq_str(&p, array);
	int rc = rc_list(db, "rc_of_requests", &p, out);
	free(array);
	return rc;
}

/* The stored fields in the order rc_insert and rc_update take them after their keys. */
static void rc_fields(struct pq_params *p, const struct ogi_reconsideration *r)
{
	pq_date(p, r->filed_on);
	pq_str(p, r->authority);
	pq_str(p, r->has_case_no ? r->case_no : NULL);
	pq_date(p, r->accepted_on);
	pq_str(p, ogi_procedure_names[r->procedure]);
	pq_int(p, r->extension_days);
	pq_bool(p, r->late_filing);
	pq_date(p, r->decided_on);
	pq_str(p, r->decision >= 0 ? ogi_rc_decision_names[r->decision] : NULL);
	pq_str(p, r->decision >= 0 ? ogi_remedy_result_names[ogi_reconsideration_result(r)] : NULL);
	pq_date(p, r->served_on);
	pq_str(p, r->has_notes ? r->notes : NULL);
	pq_date(p, r->redo_due);
	pq_date(p, r->redone_on);
}

int ogi_db_reconsideration_insert(struct ogi_db *db, struct ogi_reconsideration *r,
                                  long long user_id)
{
	struct pq_params p = {0};
	pq_int(&p, r->request_id);
	pq_int(&p, r->body_id);
	rc_fields(&p, r);
	pq_int_opt(&p, user_id > 0, user_id); /* 0: ogictl */
	int rc = rc_one(db, "rc_insert", &p, r);
	return rc == OGI_E_NOT_FOUND ? OGI_DB_HARD : rc; /* an INSERT … RETURNING gives its row */
}

int ogi_db_reconsideration_update(struct ogi_db *db, struct ogi_reconsideration *r)
{
	struct pq_params p = {0};
	pq_int(&p, r->id);
	pq_int(&p, r->request_id);
	rc_fields(&p, r);
	return rc_one(db, "rc_update", &p, r);
}

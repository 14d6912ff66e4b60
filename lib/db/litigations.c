/* Statements of litigations and their instances (migrations 0004, 0008) and
 * the typed functions of litigations.h. */
#include "lib/db/litigations.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/pq.h"
#include "lib/db/remedy_rows.h"

#define LIT_COLUMNS                                                                                \
	"id, request_id, body_id, filed_on, court, case_no, route, reconsideration_id, "           \
	"late_filing, reconsideration_required, notes, version, created_at, created_by "
#define INST_COLUMNS                                                                               \
	"id, litigation_id, seq, instance, court, case_no, filed_on, procedure, served_on, "       \
	"hearing_on, decided_on, judgment, result, judgment_served_on, redo_due, redone_on "
#define INST_COLUMNS_I                                                                             \
	"i.id, i.litigation_id, i.seq, i.instance, i.court, i.case_no, i.filed_on, i.procedure, "  \
	"i.served_on, i.hearing_on, i.decided_on, i.judgment, i.result, i.judgment_served_on, "    \
	"i.redo_due, i.redone_on "

const struct ogi_statement ogi_db_statements_litigations[] = {
    {"lit_insert",
     "INSERT INTO litigations (request_id, body_id, filed_on, court, case_no, route, "
     "  reconsideration_id, late_filing, reconsideration_required, notes, created_by) "
     "VALUES ($1::bigint, $2::bigint, $3::date, $4, $5, $6, $7::bigint, $8::bool, $9::bool, $10, "
     "  $11::bigint) RETURNING " LIT_COLUMNS},
    {"lit_get",
     "SELECT " LIT_COLUMNS "FROM litigations WHERE id = $1::bigint AND request_id = $2::bigint"},
    {"lit_lock",
     "SELECT " LIT_COLUMNS "FROM litigations WHERE id = $1::bigint AND request_id = $2::bigint "
     "FOR UPDATE"},
    {"lit_update",
     "UPDATE litigations SET filed_on = $3::date, court = $4, case_no = $5, route = $6, "
     "  reconsideration_id = $7::bigint, late_filing = $8::bool, "
     "  reconsideration_required = $9::bool, notes = $10, version = version + 1 "
     "WHERE id = $1::bigint AND request_id = $2::bigint RETURNING " LIT_COLUMNS},
    {"lit_touch",
     "UPDATE litigations SET version = version + 1 WHERE id = $1::bigint RETURNING " LIT_COLUMNS},
    {"lit_of", "SELECT " LIT_COLUMNS "FROM litigations WHERE request_id = $1::bigint ORDER BY id"},
    {"inst_insert",
     "INSERT INTO litigation_instances (litigation_id, body_id, seq, instance, court, case_no, "
     "  filed_on, procedure, served_on, hearing_on, decided_on, judgment, result, "
     "  judgment_served_on, redo_due, redone_on) "
     "VALUES ($1::bigint, $2::bigint, $3::int, $4, $5, $6, $7::date, $8, $9::date, $10::date, "
     "  $11::date, $12, $13, $14::date, $15::date, $16::date) RETURNING " INST_COLUMNS},
    {"inst_update",
     "UPDATE litigation_instances SET instance = $3, court = $4, case_no = $5, "
     "  filed_on = $6::date, procedure = $7, served_on = $8::date, hearing_on = $9::date, "
     "  decided_on = $10::date, judgment = $11, result = $12, judgment_served_on = $13::date, "
     "  redo_due = $14::date, redone_on = $15::date "
     "WHERE litigation_id = $1::bigint AND seq = $2::int RETURNING " INST_COLUMNS},
    {"inst_of", "SELECT " INST_COLUMNS
                "FROM litigation_instances WHERE litigation_id = $1::bigint ORDER BY seq"},
    {"inst_of_request", "SELECT " INST_COLUMNS_I
                        "FROM litigation_instances i JOIN litigations l ON l.id = i.litigation_id "
                        "WHERE l.request_id = $1::bigint ORDER BY i.litigation_id, i.seq"},
    /* the records of several requests at once (the queue) */
    {"lit_of_requests",
     "SELECT " LIT_COLUMNS "FROM litigations WHERE request_id = ANY($1::bigint[]) ORDER BY id"},
    {"inst_of_requests", "SELECT " INST_COLUMNS_I
                         "FROM litigation_instances i JOIN litigations l ON l.id = i.litigation_id "
                         "WHERE l.request_id = ANY($1::bigint[]) ORDER BY i.litigation_id, i.seq"},
    {NULL, NULL},
};

/* The litigation's own columns into l (its instances untouched). */
static void lit_read(const PGresult *res, int row, struct ogi_litigation *l)
{
	l->id = pq_getint(res, row, "id");
	l->request_id = pq_getint(res, row, "request_id");
	l->body_id = pq_getint(res, row, "body_id");
	l->version = pq_getint(res, row, "version");
	l->reconsideration_id = pq_getint(res, row, "reconsideration_id");
	l->filed_on = pq_getdate(res, row, "filed_on");
	pq_copy(res, row, "court", l->court, sizeof l->court);
	l->has_case_no = !pq_isnull(res, row, "case_no");
	pq_copy(res, row, "case_no", l->case_no, sizeof l->case_no);
	l->has_notes = !pq_isnull(res, row, "notes");
	pq_copy(res, row, "notes", l->notes, sizeof l->notes);
	l->route = ogi_enum_parse(ogi_litigation_route_names, pq_get(res, row, "route"));
	l->late_filing = pq_getbool(res, row, "late_filing");
	l->needs_reconsideration = pq_getbool(res, row, "reconsideration_required");
	pq_copy_time(res, row, "created_at", l->created_at, sizeof l->created_at);
	l->created_by = pq_getint(res, row, "created_by");
}

static void inst_read(const PGresult *res, int row, struct ogi_litigation_instance *x)
{
	memset(x, 0, sizeof *x);
	x->id = pq_getint(res, row, "id");
	x->seq = (int)pq_getint(res, row, "seq");
	x->kind = ogi_enum_parse(ogi_instance_kind_names, pq_get(res, row, "instance"));
	x->procedure = ogi_enum_parse(ogi_procedure_names, pq_get(res, row, "procedure"));
	x->judgment = ogi_enum_parse(ogi_judgment_names, pq_get(res, row, "judgment"));
	x->has_court = !pq_isnull(res, row, "court");
	pq_copy(res, row, "court", x->court, sizeof x->court);
	x->has_case_no = !pq_isnull(res, row, "case_no");
	pq_copy(res, row, "case_no", x->case_no, sizeof x->case_no);
	x->filed_on = pq_getdate(res, row, "filed_on");
	x->served_on = pq_getdate(res, row, "served_on");
	x->hearing_on = pq_getdate(res, row, "hearing_on");
	x->decided_on = pq_getdate(res, row, "decided_on");
	x->judgment_served_on = pq_getdate(res, row, "judgment_served_on");
	x->redo_due = pq_getdate(res, row, "redo_due");
	x->redone_on = pq_getdate(res, row, "redone_on");
	int r = ogi_enum_parse(ogi_remedy_result_names, pq_get(res, row, "result"));
	x->result = r >= 0 ? (enum ogi_remedy_result)r : OGI_RESULT_PENDING;
}

int remedy_lit_list(const PGresult *lits, const PGresult *insts, struct ogi_litigation_list *out)
{
	ogi_litigation_list_free(out);
	int n = PQntuples(lits), ni = insts ? PQntuples(insts) : 0;
	if (n == 0)
		return 0;
	out->v = calloc((size_t)n, sizeof *out->v);
	if (out->v == NULL)
		return OGI_DB_HARD;
	/* both ordered by litigation id: each litigation's instances follow on */
	int j = 0;
	for (int i = 0; i < n; i++) {
		struct ogi_litigation *l = &out->v[i];
		lit_read(lits, i, l);
		while (j < ni && pq_getint(insts, j, "litigation_id") < l->id)
			j++;
		for (; j < ni && pq_getint(insts, j, "litigation_id") == l->id; j++)
			if (l->ninst < OGI_INSTANCES_MAX)
				inst_read(insts, j, &l->inst[l->ninst++]);
	}
	out->n = (size_t)n;
	return 0;
}

char *remedy_id_array(const long long *ids, size_t n)
{
	size_t cap = 3 + n * 21, len = 0;
	char *s = malloc(cap);
	if (s == NULL)
		return NULL;
	s[len++] = '{';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap - len, i ? ",%lld" : "%lld", ids[i]);
	s[len++] = '}';
	s[len] = '\0';
	return s;
}

int ogi_db_litigation_get(struct ogi_db *db, long long request_id, long long id, bool lock,
                          struct ogi_litigation *out)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_int(&p, request_id);
	PGresult *res;
	int n = pq_run(db, lock ? "lit_lock" : "lit_get", &p, &res);
	if (n < 0)
		return n;
	memset(out, 0, offsetof(struct ogi_litigation, inst));
	if (n > 0)
		lit_read(res, 0, out);
	PQclear(res);
	if (n == 0)
		return OGI_E_NOT_FOUND;
	struct pq_params pi = {0};
	pq_int(&pi, out->id);
	n = pq_run(db, "inst_of", &pi, &res);
	if (n < 0)
		return n;
	for (int i = 0; i < n && out->ninst < OGI_INSTANCES_MAX; i++)
		inst_read(res, i, &out->inst[out->ninst++]);
	PQclear(res);
	return 0;
}

static int lit_list(struct ogi_db *db, const char *lits_stmt, const char *insts_stmt,
                    const struct pq_params *p, struct ogi_litigation_list *out)
{
	PGresult *lits, *insts;
	int n = pq_run(db, lits_stmt, p, &lits);
	if (n < 0)
		return n;
	n = pq_run(db, insts_stmt, p, &insts);
	if (n < 0) {
		PQclear(lits);
		return n;
	}
	int rc = remedy_lit_list(lits, insts, out);
	PQclear(lits);
	PQclear(insts);
	return rc;
}

int ogi_db_litigations_of(struct ogi_db *db, long long request_id, struct ogi_litigation_list *out)
{
	struct pq_params p = {0};
	pq_int(&p, request_id);
	return lit_list(db, "lit_of", "inst_of_request", &p, out);
}

int ogi_db_litigations_of_requests(struct ogi_db *db, const long long *ids, size_t n,
                                   struct ogi_litigation_list *out)
{
	char *array = remedy_id_array(ids, n);
	if (array == NULL)
		return OGI_DB_HARD;
	struct pq_params p = {0};
	pq_str(&p, array);
	int rc = lit_list(db, "lit_of_requests", "inst_of_requests", &p, out);
	free(array);
	return rc;
}

/* Runs a statement that returns the litigation's row and reads it back into l. */
static int lit_write(struct ogi_db *db, const char *stmt, const struct pq_params *p,
                     struct ogi_litigation *l)
{
	PGresult *res;
	int n = pq_run(db, stmt, p, &res);
	if (n < 0)
		return n;
	if (n > 0)
		lit_read(res, 0, l);
	PQclear(res);
	return n > 0 ? 0 : OGI_E_NOT_FOUND;
}

/* The stored fields in the order lit_insert and lit_update take them after their keys. */
static void lit_fields(struct pq_params *p, const struct ogi_litigation *l)
{
	pq_date(p, l->filed_on);
	pq_str(p, l->court);
	pq_str(p, l->has_case_no ? l->case_no : NULL);
	pq_str(p, ogi_litigation_route_names[l->route]);
	pq_int_opt(p, l->reconsideration_id != 0, l->reconsideration_id);
	pq_bool(p, l->late_filing);
	pq_bool(p, l->needs_reconsideration);
	pq_str(p, l->has_notes ? l->notes : NULL);
}

int ogi_db_litigation_insert(struct ogi_db *db, struct ogi_litigation *l, long long user_id)
{
	struct pq_params p = {0};
	pq_int(&p, l->request_id);
	pq_int(&p, l->body_id);
	lit_fields(&p, l);
	pq_int_opt(&p, user_id > 0, user_id); /* 0: ogictl */
	int rc = lit_write(db, "lit_insert", &p, l);
	return rc == OGI_E_NOT_FOUND ? OGI_DB_HARD : rc; /* an INSERT … RETURNING gives its row */
}

int ogi_db_litigation_update(struct ogi_db *db, struct ogi_litigation *l)
{
	struct pq_params p = {0};
	pq_int(&p, l->id);
	pq_int(&p, l->request_id);
	lit_fields(&p, l);
	return lit_write(db, "lit_update", &p, l);
}

int ogi_db_litigation_touch(struct ogi_db *db, struct ogi_litigation *l)
{
	struct pq_params p = {0};
	pq_int(&p, l->id);
	return lit_write(db, "lit_touch", &p, l);
}

/* The stored fields in the order inst_insert and inst_update take them after their keys. */
static void inst_fields(struct pq_params *p, const struct ogi_litigation_instance *x)
{
	pq_str(p, ogi_instance_kind_names[x->kind]);
	pq_str(p, x->has_court ? x->court : NULL);
	pq_str(p, x->has_case_no ? x->case_no : NULL);
	pq_date(p, x->filed_on);
	pq_str(p, ogi_procedure_names[x->procedure]);
	pq_date(p, x->served_on);
	pq_date(p, x->hearing_on);
	pq_date(p, x->decided_on);
	pq_str(p, x->judgment >= 0 ? ogi_judgment_names[x->judgment] : NULL);
	pq_str(p, x->decided_on != OGI_DATE_NONE && x->result != OGI_RESULT_PENDING
	              ? ogi_remedy_result_names[x->result]
	              : NULL);
	pq_date(p, x->judgment_served_on);
	pq_date(p, x->redo_due);
	pq_date(p, x->redone_on);
}

static int inst_write(struct ogi_db *db, const char *stmt, const struct pq_params *p,
                      struct ogi_litigation_instance *x)
{
	PGresult *res;
	int n = pq_run(db, stmt, p, &res);
	if (n < 0)
		return n;
	if (n > 0)
		x->id = pq_getint(res, 0, "id");
	PQclear(res);
	return n > 0 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_instance_insert(struct ogi_db *db, const struct ogi_litigation *l,
                           struct ogi_litigation_instance *x)
{
	struct pq_params p = {0};
	pq_int(&p, l->id);
	pq_int(&p, l->body_id);
	pq_int(&p, x->seq);
	inst_fields(&p, x);
	int rc = inst_write(db, "inst_insert", &p, x);
	return rc == OGI_E_NOT_FOUND ? OGI_DB_HARD : rc;
}

int ogi_db_instance_update(struct ogi_db *db, const struct ogi_litigation *l,
                           struct ogi_litigation_instance *x)
{
	struct pq_params p = {0};
	pq_int(&p, l->id);
	pq_int(&p, x->seq);
	inst_fields(&p, x);
	return inst_write(db, "inst_update", &p, x);
}

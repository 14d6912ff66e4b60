/* Statements of assignment, units and transfers (see assignment.h). */
#include "lib/db/assignment.h"

#include <stdlib.h>
#include <string.h>

#include "api/errors.h"
#include "lib/db/pq.h"

const struct ogi_statement ogi_db_statements_assignment[] = {
    {"user_grants", "SELECT u.active, coalesce(nullif(u.display_name, ''), u.username) AS name, "
                    "g.body_id, g.role FROM users u "
                    "LEFT JOIN user_roles g ON g.user_id = u.id WHERE u.id = $1::bigint "
                    "ORDER BY g.body_id, g.role"},
    {"units_of", "SELECT name FROM body_units WHERE body_id = $1::bigint ORDER BY position, id"},
    {"unit_exists", "SELECT 1 FROM body_units WHERE body_id = $1::bigint AND name = $2"},
    {"units_clear", "DELETE FROM body_units WHERE body_id = $1::bigint"},
    {"unit_insert",
     "INSERT INTO body_units (body_id, name, position) VALUES ($1::bigint, $2, $3::int)"},
    {"request_assign",
     "UPDATE requests SET assignee_id = $2::bigint, unit = $3 WHERE id = $1::bigint"},
    {"request_move", "UPDATE requests SET body_id = $2::bigint, assignee_id = NULL, unit = NULL "
                     "WHERE id = $1::bigint AND body_id = $3::bigint"},
    {"transfer_insert",
     "INSERT INTO request_transfers (request_id, event_id, from_body_id, to_body_id, on_date) "
     "VALUES ($1::bigint, $2::bigint, $3::bigint, $4::bigint, $5::date)"},
    /* who may be assigned a request of body $1: active, a role other than auditor on it or above */
    {"assignees_of",
     "SELECT DISTINCT u.id, coalesce(nullif(u.display_name, ''), u.username) AS name "
     "FROM users u JOIN user_roles g ON g.user_id = u.id "
     "WHERE u.active AND g.role <> 'auditor' "
     "  AND g.body_id = ANY ((SELECT path FROM bodies WHERE id = $1::bigint)::bigint[]) "
     "ORDER BY 2, 1"},
    {"supervision_insert",
     "INSERT INTO supervisions (request_id, body_id, by_body_id, note, report_by, created_by) "
     "SELECT $1::bigint, $2::bigint, $3::bigint, $4, $5::date, $6::bigint "
     "WHERE NOT EXISTS (SELECT 1 FROM supervisions WHERE request_id = $1::bigint "
     "                  AND answered_on IS NULL) RETURNING id"},
    {"supervision_answer",
     "UPDATE supervisions SET answered_on = $3::date, answer = $4, answered_by = $5::bigint "
     "WHERE id = $1::bigint AND request_id = $2::bigint AND answered_on IS NULL RETURNING id"},
    {"supervision_exists",
     "SELECT 1 FROM supervisions WHERE id = $1::bigint AND request_id = $2::bigint"},
    {"body_name_path", "SELECT name, path::text AS path FROM bodies WHERE id = $1::bigint"},
    {NULL, NULL},
};

int ogi_db_user_grants(struct ogi_db *db, long long user_id, bool *active, char *name,
                       size_t name_len, struct ogi_grant *grants, size_t max, size_t *n)
{
	if (name_len > 0)
		name[0] = '\0';
	*n = 0;
	*active = false;
	struct pq_params p = {0};
	pq_int(&p, user_id);
	PGresult *res;
	int rows = pq_run(db, "user_grants", &p, &res);
	if (rows < 0)
		return rows;
	for (int i = 0; i < rows; i++) {
		*active = pq_getbool(res, i, "active");
		pq_copy(res, i, "name", name, name_len);
		const char *role = pq_get(res, i, "role");
		int r = role ? ogi_enum_parse(ogi_role_names, role) : -1;
		if (r >= 0 && *n < max)
			grants[(*n)++] = (struct ogi_grant){.body_id = pq_getint(res, i, "body_id"),
			                                    .role = (enum ogi_role)r};
	}
	PQclear(res);
	return rows > 0 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_units_get(struct ogi_db *db, long long body_id, json_t **out)
{
	*out = NULL;
	struct pq_params p = {0};
	pq_int(&p, body_id);
	PGresult *res;
	int rows = pq_run(db, "units_of", &p, &res);
	if (rows < 0)
		return rows;
	json_t *a = json_array();
	for (int i = 0; a != NULL && i < rows; i++)
		json_array_append_new(a, json_string(pq_get(res, i, "name")));
	PQclear(res);
	if (a == NULL)
		return OGI_DB_HARD;
	*out = a;
	return 0;
}

int ogi_db_unit_exists(struct ogi_db *db, long long body_id, const char *name, bool *exists)
{
	struct pq_params p = {0};
	pq_int(&p, body_id);
	pq_str(&p, name);
	int rows = pq_run(db, "unit_exists", &p, NULL);
	if (rows < 0)
		return rows;
	*exists = rows > 0;
	return 0;
}

int ogi_db_units_put(struct ogi_db *db, long long body_id, const char *const *names, size_t n)
{
	struct pq_params p = {0};
	pq_int(&p, body_id);
	int rc = pq_run(db, "units_clear", &p, NULL);
	for (size_t i = 0; rc >= 0 && i < n; i++) {
		struct pq_params q = {0};
		pq_int(&q, body_id);
		pq_str(&q, names[i]);
		pq_int(&q, (long long)i);
		rc = pq_run(db, "unit_insert", &q, NULL);
	}
	return rc < 0 ? rc : 0;
}

int ogi_db_request_assign(struct ogi_db *db, long long request_id, long long assignee_id,
                          const char *unit)
{
	struct pq_params p = {0};
	pq_int(&p, request_id);
	pq_int_opt(&p, assignee_id > 0, assignee_id);
	pq_str(&p, unit);
	int rows = pq_run(db, "request_assign", &p, NULL);
	return rows < 0 ? rows : rows == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_request_transfer(struct ogi_db *db, long long request_id, long long event_id,
                            long long from, long long to, ogi_date on)
{
	struct pq_params p = {0};
	pq_int(&p, request_id);
	pq_int(&p, to);
	pq_int(&p, from);
	int rows = pq_run(db, "request_move", &p, NULL);
	if (rows < 0)
		return rows;
	if (rows != 1)
		return OGI_E_NOT_FOUND;
	struct pq_params t = {0};
	pq_int(&t, request_id);
	pq_int(&t, event_id);
	pq_int(&t, from);
	pq_int(&t, to);
	pq_date(&t, on);
	rows = pq_run(db, "transfer_insert", &t, NULL);
	return rows < 0 ? rows : 0;
}

int ogi_db_body_name_path(struct ogi_db *db, long long id, char *name, size_t len, long long *path,
                          int *npath)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	PGresult *res;
	int rows = pq_run(db, "body_name_path", &p, &res);
	if (rows < 0)
		return rows;
	if (rows == 1) {
		pq_copy(res, 0, "name", name, len);
		*npath = pq_getids(res, 0, "path", path, OGI_BODY_DEPTH_MAX);
	}
	PQclear(res);
	return rows == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_assignees(struct ogi_db *db, long long body_id, json_t **out)
{
	*out = NULL;
	struct pq_params p = {0};
	pq_int(&p, body_id);
	PGresult *res;
	int rows = pq_run(db, "assignees_of", &p, &res);
	if (rows < 0)
		return rows;
	json_t *a = json_array();
	for (int i = 0; a != NULL && i < rows; i++)
		json_array_append_new(a, json_pack("{s:I, s:s}", "id",
		                                   (json_int_t)pq_getint(res, i, "id"), "name",
		                                   pq_get(res, i, "name")));
	PQclear(res);
	if (a == NULL)
		return OGI_DB_HARD;
	*out = a;
	return 0;
}

int ogi_db_supervision_insert(struct ogi_db *db, long long request_id, long long body_id,
                              long long by_body_id, const char *note, ogi_date report_by,
                              long long user_id, long long *id)
{
	struct pq_params p = {0};
	pq_int(&p, request_id);
	pq_int(&p, body_id);
	pq_int(&p, by_body_id);
	pq_str(&p, note);
	pq_date(&p, report_by);
	pq_int_opt(&p, user_id > 0, user_id);
	PGresult *res;
	int rows = pq_run(db, "supervision_insert", &p, &res);
	if (rows < 0)
		return rows;
	*id = rows == 1 ? pq_getint(res, 0, "id") : 0;
	PQclear(res);
	return rows == 1 ? 0 : OGI_E_SUPERVISION_OPEN;
}

int ogi_db_supervision_answer(struct ogi_db *db, long long id, long long request_id, ogi_date on,
                              const char *answer, long long user_id)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_int(&p, request_id);
	pq_date(&p, on);
	pq_str(&p, answer);
	pq_int_opt(&p, user_id > 0, user_id);
	int rows = pq_run(db, "supervision_answer", &p, NULL);
	if (rows != 0)
		return rows < 0 ? rows : 0;
	struct pq_params q = {0};
	pq_int(&q, id);
	pq_int(&q, request_id);
	rows = pq_run(db, "supervision_exists", &q, NULL);
	return rows < 0 ? rows : rows == 1 ? OGI_E_SUPERVISION_ANSWERED : OGI_E_NOT_FOUND;
}

/* Statements of bodies; the typed functions of bodies.h. */
#include "lib/db/bodies.h"

#include <stdlib.h>
#include <string.h>

#include "lib/db/pq.h"

const struct ogi_statement ogi_db_statements_bodies[] = {
    {"bodies_all",
     "SELECT id, parent_id, name, code, path::text AS body_path FROM bodies ORDER BY path"},
    {"body_path", "SELECT path::text AS body_path, name FROM bodies WHERE id = $1::bigint"},
    {"body_insert", "INSERT INTO bodies (parent_id, name, code) VALUES ($1::bigint, $2, $3) "
                    "RETURNING id, parent_id, name, code, path::text AS body_path"},
    {NULL, NULL},
};

static void body_read(const PGresult *res, int row, struct ogi_body *out)
{
	memset(out, 0, sizeof *out);
	out->id = pq_getint(res, row, "id");
	out->parent_id = pq_getint(res, row, "parent_id");
	pq_copy(res, row, "name", out->name, sizeof out->name);
	out->has_code = !pq_isnull(res, row, "code");
	pq_copy(res, row, "code", out->code, sizeof out->code);
	out->npath = pq_getids(res, row, "body_path", out->path, OGI_BODY_DEPTH_MAX);
}

int ogi_db_bodies_all(struct ogi_db *db, struct ogi_body_list *out)
{
	memset(out, 0, sizeof *out);
	PGresult *res;
	int n = pq_run(db, "bodies_all", NULL, &res);
	if (n < 0)
		return n;
	if (n > 0 && (out->b = calloc((size_t)n, sizeof *out->b)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++)
		body_read(res, i, &out->b[out->n++]);
	PQclear(res);
	return 0;
}

int ogi_db_body_path(struct ogi_db *db, long long id, long long *path, int *npath)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	PGresult *res;
	int n = pq_run(db, "body_path", &p, &res);
	if (n < 0)
		return n;
	*npath = n == 1 ? pq_getids(res, 0, "body_path", path, OGI_BODY_DEPTH_MAX) : 0;
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_body_insert(struct ogi_db *db, long long parent_id, const char *name, const char *code,
                       struct ogi_body *out)
{
	struct pq_params p = {0};
	pq_int_opt(&p, parent_id > 0, parent_id);
	pq_str(&p, name);
	pq_str(&p, code);
	PGresult *res;
	int n = pq_run(db, "body_insert", &p, &res);
	if (n < 0)
		/* 23505 unique_violation: bodies.code */
		return strcmp(db->sqlstate, "23505") == 0 ? OGI_E_CONFLICT : n;
	body_read(res, 0, out);
	PQclear(res);
	return 0;
}

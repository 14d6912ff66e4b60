/* Bodies: the tree of 机关 (district → street offices, departments). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/ep/ep.h"

static json_t *body_json(PGresult *res, int i)
{
	json_t *b = json_pack("{s:I, s:s}", "id", (json_int_t)ogi_db_int(res, i, 0), "name",
			      ogi_db_str(res, i, 2));
	json_object_set_new(b, "parent_id",
			    ogi_db_str(res, i, 1) ? json_integer(ogi_db_int(res, i, 1)) : json_null());
	json_object_set_new(b, "code",
			    ogi_db_str(res, i, 3) ? json_string(ogi_db_str(res, i, 3)) : json_null());
	long long path[64];
	int n = parse_id_array(ogi_db_str(res, i, 4), path, 64);
	json_t *p = json_array();
	for (int k = 0; k < n; k++)
		json_array_append_new(p, json_integer(path[k]));
	json_object_set_new(b, "path", p);
	return b;
}

enum MHD_Result h_bodies_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	PGresult *res;
	int n = ogi_db_exec(db, "bodies_all", 0, NULL, &res);
	if (n < 0)
		return reply_db_error(c, db);
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		long long path[64];
		int np = parse_id_array(ogi_db_str(res, i, 4), path, 64);
		if (auth_allows(&c->auth, path, np, OGI_ROLE_AUDITOR))
			json_array_append_new(list, body_json(res, i));
	}
	PQclear(res);
	return reply_json(c, 200, json_pack("{s:o}", "bodies", list));
}

struct body_add {
	struct ctx *c;
	long long parent_id;
	const char *name, *code;
	json_t *out;
};

static int body_add_tx(struct ogi_db *db, void *cls)
{
	struct body_add *in = cls;
	char parent[24];
	snprintf(parent, sizeof parent, "%lld", in->parent_id);
	const char *p[] = {parent, in->name, in->code};
	PGresult *res;
	int n = ogi_db_exec(db, "body_insert", 3, p, &res);
	if (n < 0)
		return strcmp(db->sqlstate, "23505") == 0 ? OGI_E_CONFLICT : n;
	in->out = body_json(res, 0);
	PQclear(res);
	return audit_record(db, &in->c->auth, "body", json_integer_value(json_object_get(in->out, "id")),
			    "create", NULL, in->out);
}

static bool body_add_parse(json_t *body, struct body_add *in, struct spec_errors *errs)
{
	bool has_code = false;
	struct spec spec[] = {
		SPEC_INT("parent_id", &in->parent_id, 1, INT64_MAX),
		SPEC_STRING("name", &in->name, 200),
		/* bodies.code: NULL or 1 to 64 characters */
		SPEC_OPT(&has_code, SPEC_F_STRING("code", &in->code, 64), SPEC_F_NONEMPTY),
		SPEC_END,
	};
	bool ok = spec_parse(body, spec, errs);
	if (!has_code)
		in->code = NULL;
	return ok;
}

bool in_bodies_post(json_t *body, struct spec_errors *errs)
{
	struct body_add in = {0};
	return body_add_parse(body, &in, errs);
}

enum MHD_Result h_bodies_post(struct ctx *c)
{
	struct body_add in = {.c = c};
	struct spec_errors errs = {0};
	if (!body_add_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, in.parent_id, OGI_ROLE_ADMIN, &result))
		return result;
	int rc = ogi_db_tx(db, "add body", body_add_tx, &in);
	if (rc == OGI_E_CONFLICT)
		return reply_problem(c, OGI_E_CONFLICT, "a body with code %s exists", in.code);
	if (rc != 0)
		return reply_db_error(c, db);
	char location[64];
	snprintf(location, sizeof location, "/api/v1/bodies/%lld",
		 (long long)json_integer_value(json_object_get(in.out, "id")));
	return reply_json_etag(c, 201, in.out, 0, location);
}

/* Bodies (the tree of 机关) and users with their roles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "secret.h"

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
		SPEC_OPT(&has_code, SPEC_F_STRING("code", &in->code, 64)),
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

enum MHD_Result h_users_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	char roots[1024], uid[24];
	auth_roots(&c->auth, OGI_ROLE_ADMIN, roots, sizeof roots);
	snprintf(uid, sizeof uid, "%lld", c->auth.user_id);
	const char *p[] = {roots, uid};
	PGresult *res;
	int n = ogi_db_exec(db, "users_visible", 2, p, &res);
	if (n < 0)
		return reply_db_error(c, db);
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		json_t *roles = json_loads(ogi_db_str(res, i, 4), 0, NULL);
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:b, s:o}", "id",
						      (json_int_t)ogi_db_int(res, i, 0), "username",
						      ogi_db_str(res, i, 1), "display_name",
						      ogi_db_str(res, i, 2), "active",
						      ogi_db_bool(res, i, 3), "roles",
						      roles ? roles : json_array()));
	}
	PQclear(res);
	return reply_json(c, 200, json_pack("{s:o}", "users", list));
}

#define MAX_NEW_ROLES 16

struct user_add {
	struct ctx *c;
	long long user_id;
	const char *username, *display_name, *password;
	int nroles;
	long long body[MAX_NEW_ROLES];
	int role[MAX_NEW_ROLES];
};

static int add_roles(struct ogi_db *db, struct user_add *in)
{
	char uid[24];
	snprintf(uid, sizeof uid, "%lld", in->user_id);
	for (int i = 0; i < in->nroles; i++) {
		char body[24];
		snprintf(body, sizeof body, "%lld", in->body[i]);
		const char *p[] = {uid, body, ogi_role_names[in->role[i]]};
		int rc = ogi_db_exec(db, "role_insert", 3, p, NULL);
		if (rc < 0)
			return rc;
		json_t *v = json_pack("{s:I, s:s}", "body_id", (json_int_t)in->body[i], "role",
				      ogi_role_names[in->role[i]]);
		rc = audit_record(db, &in->c->auth, "role", in->user_id, "grant", NULL, v);
		json_decref(v);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int add_roles_tx(struct ogi_db *db, void *cls)
{
	return add_roles(db, cls);
}

static int user_add_tx(struct ogi_db *db, void *cls)
{
	struct user_add *in = cls;
	char hash[256];
	if (!ogi_password_hash(in->password, hash, sizeof hash))
		return OGI_DB_HARD;
	const char *p[] = {in->username, in->display_name ? in->display_name : "", hash};
	PGresult *res;
	int n = ogi_db_exec(db, "user_insert", 3, p, &res);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(res);
		return OGI_E_USERNAME_TAKEN;
	}
	in->user_id = ogi_db_int(res, 0, 0);
	PQclear(res);
	json_t *v = json_pack("{s:s}", "username", in->username);
	int rc = audit_record(db, &in->c->auth, "user", in->user_id, "create", NULL, v);
	json_decref(v);
	return rc < 0 ? rc : add_roles(db, in);
}

/* Reads [{body_id, role}, …] into in; false after adding field errors. */
static bool parse_roles(json_t *roles, struct user_add *in, struct spec_errors *errs)
{
	if (!json_is_array(roles) || json_array_size(roles) == 0 ||
	    json_array_size(roles) > MAX_NEW_ROLES) {
		spec_error_add(errs, "roles", "type", "应为 1 至 16 个 {body_id, role} 的数组",
			       "must be an array of 1 to 16 {body_id, role}");
		return false;
	}
	size_t i;
	json_t *r;
	json_array_foreach(roles, i, r)
	{
		struct spec one[] = {
			SPEC_INT("body_id", &in->body[i], 1, INT64_MAX),
			SPEC_ENUM("role", ogi_role_names, &in->role[i]),
			SPEC_END,
		};
		struct spec_errors sub = {0};
		if (!spec_parse(r, one, &sub)) {
			for (int k = 0; k < sub.n; k++) {
				char field[96];
				snprintf(field, sizeof field, "roles[%zu].%s", i, sub.e[k].field);
				spec_error_add(errs, field, sub.e[k].code, sub.e[k].message_zh,
					       sub.e[k].message_en);
			}
			return false;
		}
	}
	in->nroles = (int)json_array_size(roles);
	return true;
}

static bool user_add_parse(json_t *body, struct user_add *in, struct spec_errors *errs)
{
	json_t *roles = NULL;
	bool has_display = false;
	struct spec spec[] = {
		SPEC_STRING("username", &in->username, 64),
		SPEC_OPT(&has_display, SPEC_F_STRING("display_name", &in->display_name, 100)),
		SPEC_STRING("password", &in->password, 1024),
		SPEC_JSON("roles", &roles),
		SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (utf8_chars(in->password, strlen(in->password)) < 10)
		spec_error_add(errs, "password", "too_short", "密码至少 10 个字符",
			       "the password needs at least 10 characters");
	parse_roles(roles, in, errs);
	return errs->n == 0;
}

bool in_users_post(json_t *body, struct spec_errors *errs)
{
	struct user_add in = {0};
	return user_add_parse(body, &in, errs);
}

enum MHD_Result h_users_post(struct ctx *c)
{
	struct user_add in = {.c = c};
	struct spec_errors errs = {0};
	if (!user_add_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	for (int i = 0; i < in.nroles; i++)
		if (!require_body(c, db, in.body[i], OGI_ROLE_ADMIN, &result))
			return result;
	int rc = ogi_db_tx(db, "add user", user_add_tx, &in);
	if (rc == OGI_E_USERNAME_TAKEN)
		return reply_problem(c, OGI_E_USERNAME_TAKEN, "%s", in.username);
	if (rc != 0)
		return reply_db_error(c, db);
	return reply_json(c, 201, json_pack("{s:I, s:s}", "id", (json_int_t)in.user_id, "username",
					    in.username));
}

struct role_grant {
	long long body_id;
	int role;
};

static bool role_grant_parse(json_t *body, struct role_grant *in, struct spec_errors *errs)
{
	struct spec spec[] = {
		SPEC_INT("body_id", &in->body_id, 1, INT64_MAX),
		SPEC_ENUM("role", ogi_role_names, &in->role),
		SPEC_END,
	};
	return spec_parse(body, spec, errs);
}

bool in_user_roles_post(json_t *body, struct spec_errors *errs)
{
	struct role_grant in = {0};
	return role_grant_parse(body, &in, errs);
}

enum MHD_Result h_user_roles_post(struct ctx *c)
{
	struct user_add in = {.c = c, .user_id = c->id};
	struct role_grant grant = {0};
	struct spec_errors errs = {0};
	if (!role_grant_parse(c->json, &grant, &errs))
		return reply_invalid(c, &errs);
	long long body_id = grant.body_id;
	int role = grant.role;
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, body_id, OGI_ROLE_ADMIN, &result))
		return result;
	in.nroles = 1;
	in.body[0] = body_id;
	in.role[0] = role;
	int rc = ogi_db_tx(db, "grant role", add_roles_tx, &in);
	if (rc != 0) {
		if (strcmp(db->sqlstate, "23503") == 0)
			return reply_problem(c, OGI_E_NOT_FOUND, "no user %lld", c->id);
		return reply_db_error(c, db);
	}
	return reply_empty(c, 204);
}

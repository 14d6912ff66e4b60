/* Users and their roles: an admin lists the users of the bodies they
 * administer, adds a user with roles, grants and revokes a role, changes a
 * display name, deactivates or reactivates an account, resets a password;
 * any user changes their own password.  Every change is audited; the last
 * active administrator of a top-level body cannot be removed.  An admin
 * changes only the users it may manage (user_lock_manageable); any other
 * answers 404 as a user that does not exist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/ep/ep.h"
#include "lib/secret.h"

/* A password a person chooses (lib/secret.h's rule); false after adding the field's error. */
static bool password_ok(const char *field, const char *password, struct spec_errors *errs)
{
	if (ogi_password_long_enough(password))
		return true;
	char zh[64], en[80];
	snprintf(zh, sizeof zh, "密码至少 %d 个字符", OGI_PASSWORD_MIN_CHARS);
	snprintf(en, sizeof en, "the password needs at least %d characters", OGI_PASSWORD_MIN_CHARS);
	spec_error_add(errs, field, "too_short", zh, en);
	return false;
}

static json_t *user_json(PGresult *res, int row)
{
	return json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)ogi_db_int(res, row, 0),
			 "username", ogi_db_str(res, row, 1), "display_name", ogi_db_str(res, row, 2),
			 "active", ogi_db_bool(res, row, 3));
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
		json_t *user = user_json(res, i), *roles = json_loads(ogi_db_str(res, i, 4), 0, NULL);
		json_object_set_new(user, "roles", roles ? roles : json_array());
		/* listed for holding a role in the caller's bodies, but changed only when every
		   role lies there: a client offers its forms only for these */
		json_object_set_new(user, "manageable", json_boolean(ogi_db_bool(res, i, 5)));
		json_array_append_new(list, user);
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

/* Inserts in's roles, then audits them (after the user's creation, when
 * created: its audit row belongs to the body of the user's roles, which must
 * be in place first — see audit_body_of in migrations/0009-audit-body.sql). */
static int add_roles(struct ogi_db *db, struct user_add *in, bool created)
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
	}
	if (created) {
		json_t *v = json_pack("{s:s}", "username", in->username);
		int rc = audit_record(db, &in->c->auth, "user", in->user_id, "create", NULL, v);
		json_decref(v);
		if (rc < 0)
			return rc;
	}
	for (int i = 0; i < in->nroles; i++) {
		json_t *v = json_pack("{s:I, s:s}", "body_id", (json_int_t)in->body[i], "role",
				      ogi_role_names[in->role[i]]);
		int rc = audit_record(db, &in->c->auth, "role", in->user_id, "grant", NULL, v);
		json_decref(v);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* A grant to an existing user: only to a user the caller may manage, checked with the user
 * row locked before the role goes in (the role itself lies in the caller's bodies, so the
 * user stays the caller's to manage). */
static int add_roles_tx(struct ogi_db *db, void *cls)
{
	struct user_add *in = cls;
	int rc = user_lock_manageable(db, in->c, in->user_id, NULL);
	if (rc != 0)
		return rc;
	return add_roles(db, in, false);
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
	return add_roles(db, in, true);
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
	password_ok("password", in->password, errs);
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
	if (rc == OGI_E_NOT_FOUND)
		return reply_problem(c, OGI_E_NOT_FOUND, "no user %lld", c->id);
	if (rc != 0)
		return reply_db_error(c, db);
	return reply_empty(c, 204);
}

int user_lock_manageable(struct ogi_db *db, struct ctx *c, long long user_id, PGresult **out)
{
	char id[24], roots[1024], me[24];
	snprintf(id, sizeof id, "%lld", user_id);
	snprintf(me, sizeof me, "%lld", c->auth.user_id);
	auth_roots(&c->auth, OGI_ROLE_ADMIN, roots, sizeof roots);
	const char *lp[] = {id};
	PGresult *row, *res;
	int n = ogi_db_exec(db, "user_lock", 1, lp, &row);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(row);
		return OGI_E_NOT_FOUND;
	}
	/* after the lock, in a statement of its own: sees the roles a grant just committed */
	const char *mp[] = {id, roots, me};
	if ((n = ogi_db_exec(db, "user_manageable", 3, mp, &res)) < 0) {
		PQclear(row);
		return n;
	}
	bool manageable = ogi_db_bool(res, 0, 0);
	PQclear(res);
	if (!manageable || out == NULL) {
		PQclear(row);
		return manageable ? 0 : OGI_E_NOT_FOUND;
	}
	*out = row;
	return 0;
}

/* Whether an active administrator of a top-level body remains when user_id
 * loses all its roles (body_id NULL) or the one role (body_id, role). */
static int admin_remains(struct ogi_db *db, long long user_id, const char *body_id, const char *role)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", user_id);
	/* serialises concurrent removals: two admins must not remove each other */
	if (ogi_db_exec(db, "admins_lock", 0, NULL, NULL) < 0)
		return OGI_DB_HARD;
	const char *p[] = {id, body_id, role};
	PGresult *res;
	int n = ogi_db_exec(db, "admins_remaining", 3, p, &res);
	if (n < 0)
		return n;
	long long left = ogi_db_int(res, 0, 0);
	PQclear(res);
	return left > 0 ? 0 : OGI_E_LAST_ADMIN;
}

struct user_patch {
	struct ctx *c;
	const char *display_name, *password;
	bool active;
	bool has_display, has_active, has_password;
	json_t *out;
};

static int user_patch_tx(struct ogi_db *db, void *cls)
{
	struct user_patch *in = cls;
	long long uid = in->c->id;
	PGresult *old;
	int rc = user_lock_manageable(db, in->c, uid, &old);
	if (rc != 0)
		return rc;
	json_t *before = user_json(old, 0);
	bool was_active = ogi_db_bool(old, 0, 3);
	PQclear(old);
	if (in->has_active && !in->active && was_active &&
	    (rc = admin_remains(db, uid, NULL, NULL)) != 0) {
		json_decref(before);
		return rc;
	}
	char hash[256], id[24];
	if (in->has_password && !ogi_password_hash(in->password, hash, sizeof hash)) {
		json_decref(before);
		return OGI_DB_HARD;
	}
	snprintf(id, sizeof id, "%lld", uid);
	const char *p[] = {id, in->has_display ? in->display_name : NULL,
			   in->has_active ? (in->active ? "true" : "false") : NULL,
			   in->has_password ? hash : NULL};
	PGresult *res;
	int n = ogi_db_exec(db, "user_update", 4, p, &res);
	if (n < 0) {
		json_decref(before);
		return n;
	}
	in->out = user_json(res, 0);
	PQclear(res);
	/* a reset password or a deactivated account ends the user's sessions */
	if (in->has_password || (in->has_active && !in->active)) {
		const char *s[] = {id, NULL};
		if ((n = ogi_db_exec(db, "sessions_end_user", 2, s, NULL)) < 0) {
			json_decref(before);
			return n;
		}
	}
	json_t *after = json_deep_copy(in->out);
	if (in->has_password)
		json_object_set_new(after, "password", json_string("reset"));
	rc = audit_record(db, &in->c->auth, "user", uid, "update", before, after);
	json_decref(before);
	json_decref(after);
	return rc;
}

static bool user_patch_parse(json_t *body, struct user_patch *in, struct spec_errors *errs)
{
	struct spec spec[] = {
		SPEC_OPT(&in->has_display, SPEC_F_STRING("display_name", &in->display_name, 100)),
		SPEC_OPT(&in->has_active, SPEC_F_BOOL("active", &in->active)),
		SPEC_OPT(&in->has_password, SPEC_F_STRING("password", &in->password, 1024)),
		SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (in->has_password)
		password_ok("password", in->password, errs);
	if (!in->has_display && !in->has_active && !in->has_password)
		spec_error_add(errs, "", "empty", "请至少给出 display_name、active 或 password 之一",
			       "give at least one of display_name, active, password");
	return errs->n == 0;
}

bool in_user_patch(json_t *body, struct spec_errors *errs)
{
	struct user_patch in = {0};
	return user_patch_parse(body, &in, errs);
}

enum MHD_Result h_user_patch(struct ctx *c)
{
	struct user_patch in = {.c = c};
	struct spec_errors errs = {0};
	if (!user_patch_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	int rc = ogi_db_tx(db, "update user", user_patch_tx, &in);
	if (rc == OGI_E_NOT_FOUND)
		return reply_problem(c, OGI_E_NOT_FOUND, "no user %lld", c->id);
	if (rc == OGI_E_LAST_ADMIN)
		return reply_problem(c, OGI_E_LAST_ADMIN,
				     "user %lld is the last active administrator of a top-level body",
				     c->id);
	if (rc != 0)
		return reply_db_error(c, db);
	return reply_json(c, 200, in.out);
}

struct role_revoke {
	struct ctx *c;
	char body_id[24];
	const char *role;
};

static int role_revoke_tx(struct ogi_db *db, void *cls)
{
	struct role_revoke *in = cls;
	long long uid = in->c->id;
	int rc = user_lock_manageable(db, in->c, uid, NULL);
	if (rc != 0)
		return rc;
	if (strcmp(in->role, "admin") == 0 && (rc = admin_remains(db, uid, in->body_id, in->role)) != 0)
		return rc;
	char id[24];
	snprintf(id, sizeof id, "%lld", uid);
	const char *p[] = {id, in->body_id, in->role};
	int n = ogi_db_exec(db, "role_delete", 3, p, NULL);
	if (n < 0)
		return n;
	if (n == 0)
		return OGI_E_NOT_FOUND;
	json_t *v = json_pack("{s:I, s:s}", "body_id", (json_int_t)atoll(in->body_id), "role", in->role);
	rc = audit_record(db, &in->c->auth, "role", uid, "revoke", v, NULL);
	json_decref(v);
	return rc;
}

/* DELETE /api/v1/users/{id}/roles?body_id=B&role=R */
enum MHD_Result h_user_roles_delete(struct ctx *c)
{
	struct role_revoke in = {.c = c};
	struct spec_errors errs = {0};
	const char *body = query(c, "body_id"), *role = query(c, "role");
	char *end = NULL;
	long long body_id = body ? strtoll(body, &end, 10) : 0;
	if (body == NULL || *body == '\0' || *end != '\0' || body_id < 1)
		spec_error_add(&errs, "body_id", "invalid", "应为机关编号（正整数）",
			       "must be a body id (a positive integer)");
	if (role == NULL || ogi_enum_parse(ogi_role_names, role) < 0)
		spec_error_add(&errs, "role", "enum",
			       "应为 auditor、clerk、handler、approver 或 admin",
			       "must be one of auditor, clerk, handler, approver, admin");
	if (errs.n > 0)
		return reply_invalid(c, &errs);
	snprintf(in.body_id, sizeof in.body_id, "%lld", body_id);
	in.role = role;
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, body_id, OGI_ROLE_ADMIN, &result))
		return result;
	int rc = ogi_db_tx(db, "revoke role", role_revoke_tx, &in);
	if (rc == OGI_E_NOT_FOUND)
		return reply_problem(c, OGI_E_NOT_FOUND, "user %lld holds no %s role on body %lld",
				     c->id, role, body_id);
	if (rc == OGI_E_LAST_ADMIN)
		return reply_problem(c, OGI_E_LAST_ADMIN,
				     "user %lld is the last active administrator of a top-level body",
				     c->id);
	if (rc != 0)
		return reply_db_error(c, db);
	return reply_empty(c, 204);
}

struct own_password {
	struct ctx *c;
	const char *current, *next;
};

static int own_password_tx(struct ogi_db *db, void *cls)
{
	struct own_password *in = cls;
	char id[24], session[24];
	snprintf(id, sizeof id, "%lld", in->c->auth.user_id);
	const char *p[] = {id};
	PGresult *res;
	int n = ogi_db_exec(db, "user_password_hash", 1, p, &res);
	if (n < 0)
		return n;
	bool ok = n == 1 && ogi_db_str(res, 0, 0) != NULL &&
		  ogi_password_verify(ogi_db_str(res, 0, 0), in->current);
	PQclear(res);
	if (!ok)
		return OGI_E_BAD_CREDENTIALS;
	char hash[256];
	if (!ogi_password_hash(in->next, hash, sizeof hash))
		return OGI_DB_HARD;
	const char *u[] = {id, NULL, NULL, hash};
	if ((n = ogi_db_exec(db, "user_update", 4, u, NULL)) < 0)
		return n;
	/* other sessions of the user end; the one in use goes on */
	snprintf(session, sizeof session, "%lld", in->c->auth.session_id);
	const char *s[] = {id, in->c->auth.via_cookie ? session : NULL};
	if ((n = ogi_db_exec(db, "sessions_end_user", 2, s, NULL)) < 0)
		return n;
	json_t *v = json_pack("{s:s}", "password", "changed");
	int rc = audit_record(db, &in->c->auth, "user", in->c->auth.user_id, "change password", NULL, v);
	json_decref(v);
	return rc;
}

static bool own_password_parse(json_t *body, struct own_password *in, struct spec_errors *errs)
{
	struct spec spec[] = {
		SPEC_STRING("current_password", &in->current, 1024),
		SPEC_STRING("new_password", &in->next, 1024),
		SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (password_ok("new_password", in->next, errs) && strcmp(in->current, in->next) == 0)
		spec_error_add(errs, "new_password", "unchanged", "新密码不能与当前密码相同",
			       "the new password must differ from the current one");
	return errs->n == 0;
}

bool in_session_password_put(json_t *body, struct spec_errors *errs)
{
	struct own_password in = {0};
	return own_password_parse(body, &in, errs);
}

/* PUT /api/v1/session/password {current_password, new_password} */
enum MHD_Result h_session_password_put(struct ctx *c)
{
	struct own_password in = {.c = c};
	struct spec_errors errs = {0};
	if (!own_password_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	int rc = ogi_db_tx(db, "change password", own_password_tx, &in);
	if (rc == OGI_E_BAD_CREDENTIALS) {
		errs.n = 0;
		spec_error_add(&errs, "current_password", "wrong", "当前密码不正确",
			       "the current password is wrong");
		return reply_invalid(c, &errs);
	}
	if (rc != 0)
		return reply_db_error(c, db);
	return reply_empty(c, 204);
}

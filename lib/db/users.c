/* Statements of users and roles; the typed functions of users.h. */
#include "lib/db/users.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/audit.h"
#include "lib/db/pq.h"

/* Whether an admin of the bodies ROOTS (a bigint[] parameter) may manage the user USER: when
 * every role the user holds lies in those bodies or their subtrees — one role elsewhere and
 * the user is not the admin's, or a street admin could grant itself a role on the district
 * admin's account and then reset its password.  A user with no role at all only an admin of
 * a top-level body may manage (no smaller office can claim it). */
#define MANAGEABLE(USER, ROOTS)                                                                    \
	"(NOT EXISTS (SELECT 1 FROM user_roles m JOIN bodies mb ON mb.id = m.body_id "             \
	"             WHERE m.user_id = " USER " AND NOT (mb.path && " ROOTS "::bigint[])) "       \
	" AND (EXISTS (SELECT 1 FROM user_roles m WHERE m.user_id = " USER ") "                    \
	"      OR EXISTS (SELECT 1 FROM bodies t WHERE t.id = ANY(" ROOTS "::bigint[]) "           \
	"                 AND t.parent_id IS NULL)))"

/* Room for the text of a bigint[] of a caller's bodies (one id per grant at most). */
#define ROOTS_TEXT (OGI_SESSION_GRANTS_MAX * 24 + 2)

const struct ogi_statement ogi_db_statements_users[] = {
    {"user_count", "SELECT count(*) AS n FROM users"},
    {"user_insert", "INSERT INTO users (username, display_name, password_hash) VALUES ($1, $2, $3) "
                    "ON CONFLICT (username) DO NOTHING RETURNING id"},
    {"user_by_name", "SELECT id, password_hash, active FROM users WHERE username = $1"},
    {"user_get",
     "SELECT id, username, display_name, active, coalesce(email, '') AS email, reminders "
     "FROM users WHERE id = $1::bigint"},
    {"role_insert",
     "INSERT INTO user_roles (user_id, body_id, role) VALUES ($1::bigint, $2::bigint, $3) "
     "ON CONFLICT DO NOTHING"},
    /* the users holding a role in the bodies $1 (where the caller is admin) or their subtrees,
       with the users holding none when one of $1 is top-level, and the caller $2; each with
       whether the caller may manage it (user_manageable) */
    {"users_visible",
     "SELECT u.id, u.username, u.display_name, u.active, coalesce(u.email, '') AS email, "
     "       u.reminders, coalesce(json_agg(json_build_object('body_id', r.body_id, 'role', "
     "r.role) "
     "                ORDER BY r.body_id, r.role) FILTER (WHERE r.user_id IS NOT NULL), '[]') "
     "         AS roles, "
     "       u.id = $2::bigint OR " MANAGEABLE(
         "u.id", "$1") " AS manageable "
                       "FROM users u LEFT JOIN user_roles r ON r.user_id = u.id "
                       "WHERE u.id = $2::bigint OR EXISTS (SELECT 1 FROM user_roles r2 JOIN bodies "
                       "b ON b.id = r2.body_id "
                       "              WHERE r2.user_id = u.id AND b.path && $1::bigint[]) "
                       "   OR (NOT EXISTS (SELECT 1 FROM user_roles r3 WHERE r3.user_id = u.id) "
                       "       AND EXISTS (SELECT 1 FROM bodies t WHERE t.id = ANY($1::bigint[]) "
                       "AND t.parent_id IS NULL)) "
                       "GROUP BY u.id ORDER BY u.id"},
    /* account upkeep: the user row is locked first, then user_manageable runs as a statement
       of its own, so its snapshot sees every role committed by whoever held the lock before
       (a concurrent grant cannot slip between check and change) */
    {"user_lock",
     "SELECT id, username, display_name, active, coalesce(email, '') AS email, reminders "
     "FROM users WHERE id = $1::bigint FOR UPDATE"},
    /* whether the caller $3, admin of the bodies $2, may manage user $1: itself, or a user
       every role of whom lies in $2's subtrees */
    {"user_manageable",
     "SELECT $1::bigint = $3::bigint OR " MANAGEABLE("$1::bigint", "$2") " AS manageable"},
    {"user_update",
     "UPDATE users SET display_name = coalesce($2, display_name), "
     "  active = coalesce($3::bool, active), password_hash = coalesce($4, password_hash), "
     "  email = CASE WHEN $5::bool THEN nullif($6, '') ELSE email END, "
     "  reminders = coalesce($7::bool, reminders) "
     "WHERE id = $1::bigint "
     "RETURNING id, username, display_name, active, coalesce(email, '') AS email, reminders"},
    {"user_password_hash", "SELECT password_hash FROM users WHERE id = $1::bigint AND active"},
    {"admins_lock", "SELECT pg_advisory_xact_lock(7243001)"},
    /* active admins of top-level bodies left once user $1 loses every role ($2 NULL) or
       the one role ($2, $3) */
    {"admins_remaining",
     "SELECT count(DISTINCT u.id) AS n FROM users u JOIN user_roles r ON r.user_id = u.id "
     "JOIN bodies b ON b.id = r.body_id "
     "WHERE r.role = 'admin' AND b.parent_id IS NULL AND u.active "
     "  AND NOT (u.id = $1::bigint AND ($2::bigint IS NULL OR (r.body_id = $2::bigint "
     "           AND r.role = $3)))"},
    {"role_delete",
     "DELETE FROM user_roles WHERE user_id = $1::bigint AND body_id = $2::bigint AND role = $3"},
    {NULL, NULL},
};

/* Row row of a result with id, username, display_name, active, email, reminders into out. */
static void user_read(const PGresult *res, int row, struct ogi_user *out)
{
	memset(out, 0, sizeof *out);
	out->id = pq_getint(res, row, "id");
	pq_copy(res, row, "username", out->username, sizeof out->username);
	pq_copy(res, row, "display_name", out->display_name, sizeof out->display_name);
	out->active = pq_getbool(res, row, "active");
	pq_copy(res, row, "email", out->email, sizeof out->email);
	out->reminders = pq_getbool(res, row, "reminders");
}

/* The roles of a json_agg of {body_id, role} into u; false when out of memory. */
static bool grants_read(const char *text, struct ogi_user *u)
{
	json_t *roles = text ? json_loads(text, 0, NULL) : NULL;
	size_t n = json_array_size(roles);
	if (n > 0 && (u->grants = calloc(n, sizeof *u->grants)) == NULL) {
		json_decref(roles);
		return false;
	}
	size_t i;
	json_t *r;
	json_array_foreach(roles, i, r)
	{
		const char *name = json_string_value(json_object_get(r, "role"));
		int role = name ? ogi_enum_parse(ogi_role_names, name) : -1;
		if (role < 0) {
			/* the schema's check allows none: a role this build does not know */
			ogi_db_log("ogi: error: %s:%d: user %lld holds role %s, unknown here",
			           __FILE__, __LINE__, u->id, name ? name : "(none)");
			continue;
		}
		u->grants[u->ngrants].body_id = json_integer_value(json_object_get(r, "body_id"));
		u->grants[u->ngrants].role = (enum ogi_role)role;
		u->ngrants++;
	}
	json_decref(roles);
	return true;
}

int ogi_db_users_visible(struct ogi_db *db, const long long *admin_roots, int nroots,
                         long long caller, struct ogi_user_list *out)
{
	memset(out, 0, sizeof *out);
	char roots[ROOTS_TEXT];
	struct pq_params p = {0};
	pq_ids(&p, admin_roots, nroots, roots, sizeof roots);
	pq_int(&p, caller);
	PGresult *res;
	int n = pq_run(db, "users_visible", &p, &res);
	if (n < 0)
		return n;
	if (n > 0 && (out->u = calloc((size_t)n, sizeof *out->u)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++) {
		struct ogi_user *u = &out->u[out->n++];
		user_read(res, i, u);
		u->manageable = pq_getbool(res, i, "manageable");
		if (!grants_read(pq_get(res, i, "roles"), u)) {
			PQclear(res);
			ogi_user_list_free(out);
			return OGI_DB_HARD;
		}
	}
	PQclear(res);
	return 0;
}

int ogi_db_user_get(struct ogi_db *db, long long id, struct ogi_user *out)
{
	memset(out, 0, sizeof *out);
	struct pq_params p = {0};
	pq_int(&p, id);
	PGresult *res;
	int n = pq_run(db, "user_get", &p, &res);
	if (n < 0)
		return n;
	if (n == 1)
		user_read(res, 0, out);
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_user_by_name(struct ogi_db *db, const char *username, struct ogi_login_user *out)
{
	memset(out, 0, sizeof *out);
	struct pq_params p = {0};
	pq_str(&p, username);
	PGresult *res;
	int n = pq_run(db, "user_by_name", &p, &res);
	if (n < 0)
		return n;
	if (n == 1) {
		out->id = pq_getint(res, 0, "id");
		out->active = pq_getbool(res, 0, "active");
		pq_copy(res, 0, "password_hash", out->password_hash, sizeof out->password_hash);
	}
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_user_count(struct ogi_db *db, long long *out)
{
	PGresult *res;
	int n = pq_run(db, "user_count", NULL, &res);
	if (n < 0)
		return n;
	*out = pq_getint(res, 0, "n");
	PQclear(res);
	return 0;
}

int ogi_db_user_insert(struct ogi_db *db, const char *username, const char *display_name,
                       const char *password_hash, long long *id)
{
	struct pq_params p = {0};
	pq_str(&p, username);
	pq_str(&p, display_name ? display_name : "");
	pq_str(&p, password_hash);
	PGresult *res;
	int n = pq_run(db, "user_insert", &p, &res);
	if (n < 0)
		return n;
	if (n == 1)
		*id = pq_getint(res, 0, "id");
	PQclear(res);
	return n == 1 ? 0 : OGI_E_USERNAME_TAKEN;
}

static void grant_params(struct pq_params *p, long long user_id, const struct ogi_grant *g)
{
	pq_int(p, user_id);
	pq_int(p, g->body_id);
	pq_str(p, ogi_role_names[g->role]);
}

int ogi_db_role_insert(struct ogi_db *db, long long user_id, const struct ogi_grant *g)
{
	struct pq_params p = {0};
	grant_params(&p, user_id, g);
	int n = pq_run(db, "role_insert", &p, NULL);
	return n < 0 ? n : 0;
}

int ogi_db_role_delete(struct ogi_db *db, long long user_id, const struct ogi_grant *g)
{
	struct pq_params p = {0};
	grant_params(&p, user_id, g);
	int n = pq_run(db, "role_delete", &p, NULL);
	if (n < 0)
		return n;
	return n == 0 ? OGI_E_NOT_FOUND : 0;
}

static int roles_insert(struct ogi_db *db, long long user_id, const struct ogi_grant *grants, int n)
{
	for (int i = 0; i < n; i++) {
		int rc = ogi_db_role_insert(db, user_id, &grants[i]);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int grants_audit(struct ogi_db *db, const struct ogi_actor *actor, long long user_id,
                        const struct ogi_grant *grants, int n)
{
	for (int i = 0; i < n; i++) {
		json_t *v = json_pack("{s:I, s:s}", "body_id", (json_int_t)grants[i].body_id,
		                      "role", ogi_role_names[grants[i].role]);
		int rc = ogi_db_audit_insert(db, actor, "role", user_id, "grant", NULL, v);
		json_decref(v);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int ogi_db_user_create(struct ogi_db *db, const struct ogi_actor *actor, const char *username,
                       const char *display_name, const char *password_hash,
                       const struct ogi_grant *grants, int n, long long *id)
{
	int rc = ogi_db_user_insert(db, username, display_name, password_hash, id);
	if (rc == 0)
		rc = roles_insert(db, *id, grants, n);
	if (rc != 0)
		return rc;
	json_t *v = json_pack("{s:s}", "username", username);
	rc = ogi_db_audit_insert(db, actor, "user", *id, "create", NULL, v);
	json_decref(v);
	return rc != 0 ? rc : grants_audit(db, actor, *id, grants, n);
}

int ogi_db_user_grant(struct ogi_db *db, const struct ogi_actor *actor, long long user_id,
                      const struct ogi_grant *grants, int n)
{
	int rc = roles_insert(db, user_id, grants, n);
	return rc != 0 ? rc : grants_audit(db, actor, user_id, grants, n);
}

int ogi_db_user_lock_manageable(struct ogi_db *db, long long user_id, const long long *admin_roots,
                                int nroots, long long caller, struct ogi_user *out)
{
	struct pq_params lp = {0};
	pq_int(&lp, user_id);
	PGresult *row, *res;
	int n = pq_run(db, "user_lock", &lp, &row);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(row);
		return OGI_E_NOT_FOUND;
	}
	/* after the lock, in a statement of its own: sees the roles a grant just committed */
	char roots[ROOTS_TEXT];
	struct pq_params mp = {0};
	pq_int(&mp, user_id);
	pq_ids(&mp, admin_roots, nroots, roots, sizeof roots);
	pq_int(&mp, caller);
	if ((n = pq_run(db, "user_manageable", &mp, &res)) < 0) {
		PQclear(row);
		return n;
	}
	bool manageable = pq_getbool(res, 0, "manageable");
	PQclear(res);
	if (manageable && out != NULL)
		user_read(row, 0, out);
	PQclear(row);
	return manageable ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_admin_remains(struct ogi_db *db, long long user_id, const struct ogi_grant *g)
{
	/* serialises concurrent removals: two admins must not remove each other */
	int n = pq_run(db, "admins_lock", NULL, NULL);
	if (n < 0)
		return n;
	struct pq_params p = {0};
	pq_int(&p, user_id);
	pq_int_opt(&p, g != NULL, g ? g->body_id : 0);
	pq_str(&p, g ? ogi_role_names[g->role] : NULL);
	PGresult *res;
	if ((n = pq_run(db, "admins_remaining", &p, &res)) < 0)
		return n;
	long long left = pq_getint(res, 0, "n");
	PQclear(res);
	return left > 0 ? 0 : OGI_E_LAST_ADMIN;
}

int ogi_db_user_update(struct ogi_db *db, long long user_id, const struct ogi_user_change *ch,
                       struct ogi_user *out)
{
	struct pq_params p = {0};
	pq_int(&p, user_id);
	pq_str(&p, ch->display_name);
	if (ch->active < 0)
		pq_null(&p);
	else
		pq_bool(&p, ch->active != 0);
	pq_str(&p, ch->password_hash);
	pq_bool(&p, ch->email != NULL);
	pq_str(&p, ch->email != NULL ? ch->email : "");
	if (ch->reminders < 0)
		pq_null(&p);
	else
		pq_bool(&p, ch->reminders != 0);
	PGresult *res;
	int n = pq_run(db, "user_update", &p, &res);
	if (n < 0)
		return n;
	if (n == 1 && out != NULL)
		user_read(res, 0, out);
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_user_password_hash(struct ogi_db *db, long long user_id, char *out, size_t len)
{
	struct pq_params p = {0};
	pq_int(&p, user_id);
	PGresult *res;
	int n = pq_run(db, "user_password_hash", &p, &res);
	if (n < 0)
		return n;
	bool found = n == 1 && !pq_isnull(res, 0, "password_hash");
	if (found)
		pq_copy(res, 0, "password_hash", out, len);
	PQclear(res);
	return found ? 0 : OGI_E_NOT_FOUND;
}

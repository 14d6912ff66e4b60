/* First-start bootstrap and user creation shared by ogid and ogictl. */
#include "lib/db/setup.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/audit.h"
#include "lib/secret.h"

static bool exec_ok(struct ogi_db *db, const char *stmt, int n, const char *const *p,
		    PGresult **res, char *err, size_t errlen)
{
	if (ogi_db_exec(db, stmt, n, p, res) >= 0)
		return true;
	snprintf(err, errlen, "%s: %s", stmt, db->message);
	return false;
}

static bool audit(struct ogi_db *db, const char *actor, const char *entity, long long id,
		  const char *action, json_t *new_value, char *err, size_t errlen)
{
	struct ogi_actor who = {0, actor};
	if (ogi_db_audit_insert(db, &who, entity, id, action, NULL, new_value) == 0)
		return true;
	snprintf(err, errlen, "audit_insert: %s", db->message);
	return false;
}

struct token_add {
	const char *hash, *label, *actor;
	long long user_id, actor_id, id;
	char *created_at;
	size_t len;
};

static int token_add_tx(struct ogi_db *db, void *cls)
{
	struct token_add *t = cls;
	char uid[24];
	snprintf(uid, sizeof uid, "%lld", t->user_id);
	const char *p[] = {t->hash, uid, t->label};
	PGresult *res;
	int n = ogi_db_exec(db, "token_insert", 3, p, &res);
	if (n < 0)
		return n;
	t->id = ogi_db_int(res, 0, 0);
	snprintf(t->created_at, t->len, "%s", ogi_db_str(res, 0, 1));
	PQclear(res);
	json_t *v = json_pack("{s:I, s:s}", "user_id", (json_int_t)t->user_id, "label", t->label);
	struct ogi_actor who = {t->actor_id, t->actor};
	n = ogi_db_audit_insert(db, &who, "token", t->id, "create", NULL, v);
	json_decref(v);
	return n;
}

long long ogi_token_add(struct ogi_db *db, const char *hash, long long user_id, const char *label,
			long long actor_id, const char *actor, char *created_at, size_t len)
{
	struct token_add t = {hash, label, actor, user_id, actor_id, 0, created_at, len};
	return ogi_db_tx(db, "create token", token_add_tx, &t) == 0 ? t.id : -1;
}

long long ogi_user_add(struct ogi_db *db, const char *username, const char *password,
		       const char *role, long long body_id, const char *actor, char *err,
		       size_t errlen)
{
	char hash[256], body[24], uid[24];
	if (!ogi_password_hash(password, hash, sizeof hash)) {
		snprintf(err, errlen, "cannot hash the password (out of memory)");
		return -1;
	}
	const char *p[] = {username, "", hash};
	PGresult *res;
	if (!exec_ok(db, "user_insert", 3, p, &res, err, errlen))
		return -1;
	if (PQntuples(res) == 0) {
		PQclear(res);
		snprintf(err, errlen, "user %s already exists", username);
		return -1;
	}
	long long id = ogi_db_int(res, 0, 0);
	PQclear(res);
	snprintf(uid, sizeof uid, "%lld", id);
	snprintf(body, sizeof body, "%lld", body_id);
	const char *r[] = {uid, body, role};
	if (!exec_ok(db, "role_insert", 3, r, NULL, err, errlen))
		return -1;
	json_t *v = json_pack("{s:s, s:I, s:s}", "username", username, "body_id",
			      (json_int_t)body_id, "role", role);
	bool ok = audit(db, actor, "user", id, "create", v, err, errlen);
	json_decref(v);
	return ok ? id : -1;
}

bool ogi_first_start(struct ogi_db *db, const char *body_name, char *password, size_t n,
		     bool *created, char *err, size_t errlen)
{
	*created = false;
	if (ogi_db_sql(db, "BEGIN") < 0 || ogi_db_sql(db, "LOCK TABLE users IN EXCLUSIVE MODE") < 0) {
		snprintf(err, errlen, "%s", db->message);
		ogi_db_sql(db, "ROLLBACK");
		return false;
	}
	PGresult *res;
	if (!exec_ok(db, "user_count", 0, NULL, &res, err, errlen))
		goto fail;
	long long users = ogi_db_int(res, 0, 0);
	PQclear(res);
	if (users > 0)
		return ogi_db_sql(db, "COMMIT") >= 0;

	const char *b[] = {NULL, body_name, NULL};
	if (!exec_ok(db, "body_insert", 3, b, &res, err, errlen))
		goto fail;
	long long body_id = ogi_db_int(res, 0, 0);
	PQclear(res);
	json_t *v = json_pack("{s:s}", "name", body_name);
	bool ok = audit(db, "ogid", "body", body_id, "create", v, err, errlen);
	json_decref(v);
	if (!ok)
		goto fail;
	ogi_password_new(password, n - 1 < 20 ? n - 1 : 20);
	if (ogi_user_add(db, "admin", password, "admin", body_id, "ogid", err, errlen) < 0)
		goto fail;
	if (ogi_db_sql(db, "COMMIT") < 0) {
		snprintf(err, errlen, "%s", db->message);
		return false;
	}
	*created = true;
	return true;
fail:
	ogi_db_sql(db, "ROLLBACK");
	return false;
}

bool ogi_login_privileges(struct ogi_db *db, char *login, size_t n, bool *superuser, bool *owner)
{
	PGresult *res = PQexec(db->conn,
			       "SELECT session_user, r.rolsuper, EXISTS (SELECT 1 FROM pg_class c "
			       "  WHERE c.relname = 'requests' AND c.relnamespace = 'public'::regnamespace "
			       "  AND pg_has_role(session_user, c.relowner, 'USAGE')) "
			       "FROM pg_roles r WHERE r.rolname = session_user");
	bool ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
	if (ok) {
		snprintf(login, n, "%s", PQgetvalue(res, 0, 0));
		*superuser = PQgetvalue(res, 0, 1)[0] == 't';
		*owner = PQgetvalue(res, 0, 2)[0] == 't';
	}
	PQclear(res);
	return ok;
}

bool ogi_embedded_login_ensure(struct ogi_db *db, char *err, size_t errlen)
{
	static const char sql[] =
		"DO $$ BEGIN "
		"  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ogid') THEN "
		"    CREATE ROLE ogid LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT; "
		"  END IF; "
		"END $$; "
		"GRANT ogi_app TO ogid";
	if (ogi_db_sql(db, sql) >= 0)
		return true;
	snprintf(err, errlen, "cannot create the database login ogid: %s", db->message);
	return false;
}

/* First-start bootstrap and user creation shared by ogid and ogictl. */
#include "lib/db/setup.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/audit.h"
#include "lib/db/bodies.h"
#include "lib/db/pq.h"
#include "lib/db/users.h"
#include "lib/secret.h"

/* Writes err from the failure rc of what on db; rc. */
static int failed(struct ogi_db *db, int rc, const char *what, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s", what, ogi_db_message(db));
	return rc;
}

int ogi_user_add(struct ogi_db *db, const char *username, const char *display_name,
                 const char *password, enum ogi_role role, long long body_id, const char *actor,
                 long long *id, char *err, size_t errlen)
{
	if (display_name == NULL)
		display_name = "";
	char hash[256];
	if (!ogi_password_hash(password, hash, sizeof hash)) {
		snprintf(err, errlen, "cannot hash the password (out of memory)");
		return OGI_DB_HARD;
	}
	int rc = ogi_db_user_insert(db, username, display_name, hash, id);
	if (rc == OGI_E_USERNAME_TAKEN) {
		snprintf(err, errlen, "user %s already exists", username);
		return rc;
	}
	if (rc != 0)
		return failed(db, rc, "user_insert", err, errlen);
	struct ogi_grant g = {.body_id = body_id, .role = role};
	if ((rc = ogi_db_role_insert(db, *id, &g)) != 0)
		return failed(db, rc, "role_insert", err, errlen);
	json_t *v = json_pack("{s:s, s:I, s:s}", "username", username, "body_id",
	                      (json_int_t)body_id, "role", ogi_role_names[role]);
	if (display_name[0])
		json_object_set_new(v, "display_name", json_string(display_name));
	struct ogi_actor who = {0, actor};
	rc = ogi_db_audit_insert(db, &who, "user", *id, "create", NULL, v);
	json_decref(v);
	return rc != 0 ? failed(db, rc, "audit_insert", err, errlen) : 0;
}

bool ogi_first_start(struct ogi_db *db, const char *body_name, char *password, size_t n,
                     bool *created, char *err, size_t errlen)
{
	*created = false;
	if (ogi_db_sql(db, "BEGIN") < 0 ||
	    ogi_db_sql(db, "LOCK TABLE users IN EXCLUSIVE MODE") < 0) {
		snprintf(err, errlen, "%s", ogi_db_message(db));
		ogi_db_sql(db, "ROLLBACK");
		return false;
	}
	long long users, admin;
	if (ogi_db_user_count(db, &users) != 0) {
		failed(db, 0, "user_count", err, errlen);
		goto fail;
	}
	if (users > 0)
		return ogi_db_sql(db, "COMMIT") >= 0;

	struct ogi_body body;
	if (ogi_db_body_insert(db, 0, body_name, NULL, &body) != 0) {
		failed(db, 0, "body_insert", err, errlen);
		goto fail;
	}
	json_t *v = json_pack("{s:s}", "name", body_name);
	struct ogi_actor ogid = {0, "ogid"};
	int rc = ogi_db_audit_insert(db, &ogid, "body", body.id, "create", NULL, v);
	json_decref(v);
	if (rc != 0) {
		failed(db, 0, "audit_insert", err, errlen);
		goto fail;
	}
	ogi_password_new(password, n - 1 < 20 ? n - 1 : 20);
	if (ogi_user_add(db, "admin", NULL, password, OGI_ROLE_ADMIN, body.id, "ogid", &admin, err,
	                 errlen) != 0)
		goto fail;
	if (ogi_db_sql(db, "COMMIT") < 0) {
		snprintf(err, errlen, "%s", ogi_db_message(db));
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
	PGresult *res = PQexec(
	    db->conn, "SELECT session_user, r.rolsuper, EXISTS (SELECT 1 FROM pg_class c "
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
	snprintf(err, errlen, "cannot create the database login ogid: %s", ogi_db_message(db));
	return false;
}

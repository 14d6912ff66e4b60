/* Statements of sessions, API tokens and login throttling; the typed
 * functions of sessions.h. */
#include "lib/db/sessions.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/audit.h"
#include "lib/db/pq.h"

const struct ogi_statement ogi_db_statements_sessions[] = {
    {"session_lookup",
     "SELECT s.id, u.id AS user_id, u.username, "
     "       s.last_seen < now() - make_interval(secs => least(60, $2::int / 2)) AS stale, "
     "       r.body_id, r.role, b.parent_id IS NULL AS top_level "
     "FROM sessions s JOIN users u ON u.id = s.user_id AND u.active "
     "LEFT JOIN user_roles r ON r.user_id = u.id LEFT JOIN bodies b ON b.id = r.body_id "
     "WHERE s.token_hash = $1::bytea AND s.ended_at IS NULL "
     "  AND s.last_seen > now() - make_interval(secs => $2::int)"},
    {"session_touch", "UPDATE sessions SET last_seen = now() WHERE id = $1::bigint"},
    {"session_insert",
     "INSERT INTO sessions (token_hash, user_id) VALUES ($1::bytea, $2::bigint) RETURNING id"},
    {"session_end",
     "UPDATE sessions SET ended_at = now() WHERE id = $1::bigint AND ended_at IS NULL"},
    {"session_end_by_hash",
     "UPDATE sessions SET ended_at = now() WHERE token_hash = $1::bytea AND ended_at IS NULL"},
    {"sessions_end_user",
     "UPDATE sessions SET ended_at = now() WHERE user_id = $1::bigint AND ended_at IS NULL "
     "AND id IS DISTINCT FROM $2::bigint"},
    {"token_lookup",
     "SELECT t.id, u.id AS user_id, u.username, "
     "       coalesce(t.last_used < now() - interval '60 seconds', true) AS stale, "
     "       r.body_id, r.role, b.parent_id IS NULL AS top_level "
     "FROM api_tokens t JOIN users u ON u.id = t.user_id AND u.active "
     "LEFT JOIN user_roles r ON r.user_id = u.id LEFT JOIN bodies b ON b.id = r.body_id "
     "WHERE t.token_hash = $1::bytea AND t.revoked_at IS NULL"},
    {"token_touch", "UPDATE api_tokens SET last_used = now() WHERE id = $1::bigint"},
    {"token_insert",
     "INSERT INTO api_tokens (token_hash, user_id, label) VALUES ($1::bytea, $2::bigint, $3) "
     "RETURNING id, created_at"},
    {"token_list", "SELECT id, user_id, label, created_at, last_used, revoked_at FROM api_tokens "
                   "WHERE user_id = $1::bigint ORDER BY id"},
    /* token $1 of user $2, once the caller has been found allowed to revoke it */
    {"token_revoke", "UPDATE api_tokens SET revoked_at = now() "
                     "WHERE id = $1::bigint AND user_id = $2::bigint AND revoked_at IS NULL "
                     "RETURNING id, user_id, label, created_at, last_used, revoked_at"},
    {"token_owner", "SELECT user_id FROM api_tokens WHERE id = $1::bigint"},
    /* the failures within the last $3 seconds for username $1 that count against a login
       from address $2 (all, or only $2's own when the user logged in from $2 within 90
       days), and from $2 */
    {"login_failures_recent",
     "SELECT (SELECT count(*) FROM login_failures f WHERE f.username = $1 "
     "          AND f.at > now() - make_interval(secs => $3::int) "
     "          AND (f.address = $2 OR NOT EXISTS (SELECT 1 FROM login_known k "
     "               WHERE k.username = $1 AND k.address = $2 "
     "                 AND k.last_ok > now() - interval '90 days'))) AS of_username, "
     "       (SELECT count(*) FROM login_failures WHERE address = $2 "
     "          AND at > now() - make_interval(secs => $3::int)) AS of_address"},
    {"login_known_touch", "INSERT INTO login_known (username, address) VALUES ($1, $2) "
                          "ON CONFLICT (username, address) DO UPDATE SET last_ok = now()"},
    {"login_failure_insert", "INSERT INTO login_failures (username, address) VALUES ($1, $2)"},
    {"login_failures_clear", "DELETE FROM login_failures WHERE username = $1"},
    {NULL, NULL},
};

/* The rows of session_lookup or token_lookup (one per role) into out. */
static int lookup(struct ogi_db *db, const char *stmt, const struct pq_params *p,
                  struct ogi_session *out)
{
	memset(out, 0, sizeof *out);
	PGresult *res;
	int n = pq_run(db, stmt, p, &res);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(res);
		return OGI_E_NOT_FOUND;
	}
	out->id = pq_getint(res, 0, "id");
	out->user_id = pq_getint(res, 0, "user_id");
	pq_copy(res, 0, "username", out->username, sizeof out->username);
	out->stale = pq_getbool(res, 0, "stale");
	for (int i = 0; i < n && out->ngrants < OGI_SESSION_GRANTS_MAX; i++) {
		if (pq_isnull(res, i, "body_id"))
			continue; /* a user holding no role */
		int role = ogi_enum_parse(ogi_role_names, pq_get(res, i, "role"));
		if (role < 0)
			continue; /* the schema's check allows none */
		out->grants[out->ngrants].body_id = pq_getint(res, i, "body_id");
		out->grants[out->ngrants].role = (enum ogi_role)role;
		out->grants[out->ngrants].top_level = pq_getbool(res, i, "top_level");
		out->ngrants++;
	}
	PQclear(res);
	return 0;
}

int ogi_db_session_lookup(struct ogi_db *db, const char *hash, int idle_seconds,
                          struct ogi_session *out)
{
	struct pq_params p = {0};
	pq_str(&p, hash);
	pq_int(&p, idle_seconds);
	return lookup(db, "session_lookup", &p, out);
}

int ogi_db_token_lookup(struct ogi_db *db, const char *hash, struct ogi_session *out)
{
	struct pq_params p = {0};
	pq_str(&p, hash);
	return lookup(db, "token_lookup", &p, out);
}

/* Runs stmt with the one id; 0 or a status < 0. */
static int by_id(struct ogi_db *db, const char *stmt, long long id)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	int n = pq_run(db, stmt, &p, NULL);
	return n < 0 ? n : 0;
}

int ogi_db_session_touch(struct ogi_db *db, long long id)
{
	return by_id(db, "session_touch", id);
}

int ogi_db_token_touch(struct ogi_db *db, long long id)
{
	return by_id(db, "token_touch", id);
}

int ogi_db_session_insert(struct ogi_db *db, const char *hash, long long user_id, long long *id)
{
	struct pq_params p = {0};
	pq_str(&p, hash);
	pq_int(&p, user_id);
	PGresult *res;
	int n = pq_run(db, "session_insert", &p, &res);
	if (n < 0)
		return n;
	if (id != NULL)
		*id = pq_getint(res, 0, "id");
	PQclear(res);
	return 0;
}

int ogi_db_session_end(struct ogi_db *db, long long id)
{
	return by_id(db, "session_end", id);
}

int ogi_db_session_end_by_hash(struct ogi_db *db, const char *hash)
{
	struct pq_params p = {0};
	pq_str(&p, hash);
	int n = pq_run(db, "session_end_by_hash", &p, NULL);
	return n < 0 ? n : 0;
}

int ogi_db_sessions_end_user(struct ogi_db *db, long long user_id, long long keep)
{
	struct pq_params p = {0};
	pq_int(&p, user_id);
	pq_int_opt(&p, keep > 0, keep);
	int n = pq_run(db, "sessions_end_user", &p, NULL);
	return n < 0 ? n : 0;
}

static void token_read(const PGresult *res, int row, struct ogi_token *out)
{
	memset(out, 0, sizeof *out);
	out->id = pq_getint(res, row, "id");
	out->user_id = pq_getint(res, row, "user_id");
	pq_copy(res, row, "label", out->label, sizeof out->label);
	pq_copy(res, row, "created_at", out->created_at, sizeof out->created_at);
	pq_copy(res, row, "last_used", out->last_used, sizeof out->last_used);
	pq_copy(res, row, "revoked_at", out->revoked_at, sizeof out->revoked_at);
}

int ogi_db_token_create(struct ogi_db *db, const struct ogi_actor *actor, const char *hash,
                        long long user_id, const char *label, struct ogi_token *out)
{
	memset(out, 0, sizeof *out);
	struct pq_params p = {0};
	pq_str(&p, hash);
	pq_int(&p, user_id);
	pq_str(&p, label);
	PGresult *res;
	int n = pq_run(db, "token_insert", &p, &res);
	if (n < 0)
		return n;
	out->id = pq_getint(res, 0, "id");
	out->user_id = user_id;
	snprintf(out->label, sizeof out->label, "%s", label);
	pq_copy(res, 0, "created_at", out->created_at, sizeof out->created_at);
	PQclear(res);
	json_t *v = json_pack("{s:I, s:s}", "user_id", (json_int_t)user_id, "label", label);
	int rc = ogi_db_audit_insert(db, actor, "token", out->id, "create", NULL, v);
	json_decref(v);
	return rc;
}

int ogi_db_token_list(struct ogi_db *db, long long user_id, struct ogi_token_list *out)
{
	memset(out, 0, sizeof *out);
	struct pq_params p = {0};
	pq_int(&p, user_id);
	PGresult *res;
	int n = pq_run(db, "token_list", &p, &res);
	if (n < 0)
		return n;
	if (n > 0 && (out->t = calloc((size_t)n, sizeof *out->t)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++)
		token_read(res, i, &out->t[out->n++]);
	PQclear(res);
	return 0;
}

int ogi_db_token_owner(struct ogi_db *db, long long id, long long *user_id)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	PGresult *res;
	int n = pq_run(db, "token_owner", &p, &res);
	if (n < 0)
		return n;
	if (n == 1)
		*user_id = pq_getint(res, 0, "user_id");
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_token_revoke(struct ogi_db *db, long long id, long long user_id, struct ogi_token *out)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_int(&p, user_id);
	PGresult *res;
	int n = pq_run(db, "token_revoke", &p, &res);
	if (n < 0)
		return n;
	if (n == 1)
		token_read(res, 0, out);
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_login_failures(struct ogi_db *db, const char *username, const char *address,
                          long long *of_username, long long *of_address)
{
	struct pq_params p = {0};
	pq_str(&p, username);
	pq_str(&p, address);
	pq_int(&p, OGI_LOGIN_WINDOW_SECONDS);
	PGresult *res;
	int n = pq_run(db, "login_failures_recent", &p, &res);
	if (n < 0)
		return n;
	*of_username = pq_getint(res, 0, "of_username");
	*of_address = pq_getint(res, 0, "of_address");
	PQclear(res);
	return 0;
}

int ogi_db_login_failure_insert(struct ogi_db *db, const char *username, const char *address)
{
	struct pq_params p = {0};
	pq_str(&p, username);
	pq_str(&p, address);
	int n = pq_run(db, "login_failure_insert", &p, NULL);
	return n < 0 ? n : 0;
}

int ogi_db_login_succeeded(struct ogi_db *db, const char *username, const char *address)
{
	struct pq_params c = {0}, k = {0};
	pq_str(&c, username);
	pq_str(&k, username);
	pq_str(&k, address);
	/* both, whatever the first did: each is a courtesy, not a condition of the login */
	int cleared = pq_run(db, "login_failures_clear", &c, NULL);
	int known = pq_run(db, "login_known_touch", &k, NULL);
	return cleared < 0 ? cleared : known < 0 ? known : 0;
}

/* Statements of sessions and API tokens; the typed
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
     "  AND s.last_seen > now() - make_interval(secs => $2::int) "
     "  AND s.created_at > now() - make_interval(secs => $3::int)",
     true},
    {"session_touch", "UPDATE sessions SET last_seen = now() WHERE id = $1::bigint", true},
    {"session_insert", "INSERT INTO sessions (token_hash, user_id, address, user_agent) "
                       "VALUES ($1::bytea, $2::bigint, $3, $4) RETURNING id"},
    /* the open sessions of user $1 (idle limit $2, lifetime $3), newest first */
    {"sessions_of_user",
     "SELECT id, created_at::text AS created_at, last_seen::text AS last_seen, "
     "       least(last_seen + make_interval(secs => $2::int), "
     "             created_at + make_interval(secs => $3::int))::text AS expires_at, "
     "       coalesce(address, '') AS address, coalesce(user_agent, '') AS user_agent "
     "FROM sessions WHERE user_id = $1::bigint AND ended_at IS NULL "
     "  AND last_seen > now() - make_interval(secs => $2::int) "
     "  AND created_at > now() - make_interval(secs => $3::int) "
     "ORDER BY id DESC LIMIT 200"},
    {"session_end_of_user",
     "UPDATE sessions SET ended_at = now() "
     "WHERE id = $1::bigint AND user_id = $2::bigint AND ended_at IS NULL RETURNING id"},
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
     "WHERE t.token_hash = $1::bytea AND t.revoked_at IS NULL",
     true},
    {"token_touch", "UPDATE api_tokens SET last_used = now() WHERE id = $1::bigint", true},
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
    /* every valid token of user $1 but $2, when its password changes or it is deactivated */
    {"tokens_revoke_user",
     "UPDATE api_tokens SET revoked_at = now() "
     "WHERE user_id = $1::bigint AND revoked_at IS NULL AND id IS DISTINCT FROM $2::bigint "
     "RETURNING id, user_id, label, created_at, last_used, revoked_at"},

    /* calendar feeds: the token in the URL is the credential, as an API token's */
    {"feed_lookup",
     "SELECT f.id, u.id AS user_id, u.username, f.scope, false AS stale, "
     "       r.body_id, r.role, b.parent_id IS NULL AS top_level "
     "FROM calendar_feeds f JOIN users u ON u.id = f.user_id AND u.active "
     "LEFT JOIN user_roles r ON r.user_id = u.id LEFT JOIN bodies b ON b.id = r.body_id "
     "WHERE f.token_hash = $1::bytea AND f.revoked_at IS NULL"},
    {"feed_touch", "UPDATE calendar_feeds SET last_fetched_at = now(), fetches = fetches + 1 "
                   "WHERE id = $1::bigint"},
    {"feed_insert",
     "INSERT INTO calendar_feeds (token_hash, user_id, scope, label) "
     "VALUES ($1::bytea, $2::bigint, $3, $4) "
     "RETURNING id, user_id, scope, label, created_at, last_fetched_at, fetches, revoked_at"},
    {"feed_list",
     "SELECT id, user_id, scope, label, created_at, last_fetched_at, fetches, revoked_at "
     "FROM calendar_feeds WHERE user_id = $1::bigint ORDER BY id"},
    {"feed_revoke",
     "UPDATE calendar_feeds SET revoked_at = now() "
     "WHERE id = $1::bigint AND user_id = $2::bigint AND revoked_at IS NULL "
     "RETURNING id, user_id, scope, label, created_at, last_fetched_at, fetches, revoked_at"},
    {NULL, NULL},
};

/* The rows of session_lookup, token_lookup or feed_lookup (one per role) into out, and
 * the feed's scope into *scope when it is not NULL. */
static int lookup(struct ogi_db *db, const char *stmt, const struct pq_params *p,
                  struct ogi_session *out, enum ogi_feed_scope *scope)
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
	if (scope != NULL) {
		int k = ogi_enum_parse(ogi_feed_scope_names, pq_get(res, 0, "scope"));
		*scope = k < 0 ? OGI_FEED_ASSIGNED : (enum ogi_feed_scope)k;
	}
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
                          int lifetime_seconds, struct ogi_session *out)
{
	struct pq_params p = {0};
	pq_str(&p, hash);
	pq_int(&p, idle_seconds);
	pq_int(&p, lifetime_seconds);
	return lookup(db, "session_lookup", &p, out, NULL);
}

int ogi_db_token_lookup(struct ogi_db *db, const char *hash, struct ogi_session *out)
{
	struct pq_params p = {0};
	pq_str(&p, hash);
	return lookup(db, "token_lookup", &p, out, NULL);
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

int ogi_db_session_insert(struct ogi_db *db, const char *hash, long long user_id,
                          const char *address, const char *user_agent, long long *id)
{
	struct pq_params p = {0};
	pq_str(&p, hash);
	pq_int(&p, user_id);
	pq_str(&p, address);
	pq_str(&p, user_agent);
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
	pq_copy_time(res, row, "created_at", out->created_at, sizeof out->created_at);
	pq_copy_time(res, row, "last_used", out->last_used, sizeof out->last_used);
	pq_copy_time(res, row, "revoked_at", out->revoked_at, sizeof out->revoked_at);
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
	pq_copy_time(res, 0, "created_at", out->created_at, sizeof out->created_at);
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

int ogi_db_sessions_of_user(struct ogi_db *db, long long user_id, int idle_seconds,
                            int lifetime_seconds, struct ogi_session_info_list *out)
{
	memset(out, 0, sizeof *out);
	struct pq_params p = {0};
	pq_int(&p, user_id);
	pq_int(&p, idle_seconds);
	pq_int(&p, lifetime_seconds);
	PGresult *res;
	int n = pq_run(db, "sessions_of_user", &p, &res);
	if (n < 0)
		return n;
	if (n > 0 && (out->s = calloc((size_t)n, sizeof *out->s)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++) {
		struct ogi_session_info *si = &out->s[out->n++];
		si->id = pq_getint(res, i, "id");
		pq_copy_time(res, i, "created_at", si->created_at, sizeof si->created_at);
		pq_copy_time(res, i, "last_seen", si->last_seen, sizeof si->last_seen);
		pq_copy_time(res, i, "expires_at", si->expires_at, sizeof si->expires_at);
		pq_copy(res, i, "address", si->address, sizeof si->address);
		pq_copy(res, i, "user_agent", si->user_agent, sizeof si->user_agent);
	}
	PQclear(res);
	return 0;
}

int ogi_db_session_end_of_user(struct ogi_db *db, long long id, long long user_id)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_int(&p, user_id);
	int n = pq_run(db, "session_end_of_user", &p, NULL);
	return n < 0 ? n : n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_tokens_revoke_user(struct ogi_db *db, const struct ogi_actor *actor, long long user_id,
                              long long keep, const char *reason, int *revoked)
{
	*revoked = 0;
	struct pq_params p = {0};
	pq_int(&p, user_id);
	pq_int_opt(&p, keep > 0, keep);
	PGresult *res;
	int n = pq_run(db, "tokens_revoke_user", &p, &res);
	if (n < 0)
		return n;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		struct ogi_token t;
		token_read(res, i, &t);
		json_t *v =
		    json_pack("{s:I, s:s, s:s, s:s}", "user_id", (json_int_t)t.user_id, "label",
		              t.label, "revoked_at", t.revoked_at, "reason", reason);
		rc = ogi_db_audit_insert(db, actor, "token", t.id, "revoke", NULL, v);
		json_decref(v);
	}
	PQclear(res);
	if (rc == 0)
		*revoked = n;
	return rc;
}

int ogi_db_feed_lookup(struct ogi_db *db, const char *hash, struct ogi_session *out,
                       enum ogi_feed_scope *scope)
{
	struct pq_params p = {0};
	pq_str(&p, hash);
	return lookup(db, "feed_lookup", &p, out, scope);
}

int ogi_db_feed_touch(struct ogi_db *db, long long id)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	PGresult *res;
	int n = pq_run(db, "feed_touch", &p, &res);
	if (n < 0)
		return n;
	PQclear(res);
	return 0;
}

static void feed_read(const PGresult *res, int row, struct ogi_feed *out)
{
	memset(out, 0, sizeof *out);
	out->id = pq_getint(res, row, "id");
	out->user_id = pq_getint(res, row, "user_id");
	int k = ogi_enum_parse(ogi_feed_scope_names, pq_get(res, row, "scope"));
	out->scope = k < 0 ? OGI_FEED_ASSIGNED : (enum ogi_feed_scope)k;
	pq_copy(res, row, "label", out->label, sizeof out->label);
	pq_copy_time(res, row, "created_at", out->created_at, sizeof out->created_at);
	pq_copy_time(res, row, "last_fetched_at", out->last_fetched_at,
	             sizeof out->last_fetched_at);
	out->fetches = pq_getint(res, row, "fetches");
	pq_copy_time(res, row, "revoked_at", out->revoked_at, sizeof out->revoked_at);
}

/* Audits what happened to feed f (by actor): its owner, scope and label, never the token. */
static int feed_audit(struct ogi_db *db, const struct ogi_actor *actor, const struct ogi_feed *f,
                      const char *action)
{
	json_t *v = json_pack("{s:I, s:s, s:s}", "user_id", (json_int_t)f->user_id, "scope",
	                      ogi_feed_scope_names[f->scope], "label", f->label);
	int rc = ogi_db_audit_insert(db, actor, "calendar_feed", f->id, action, NULL, v);
	json_decref(v);
	return rc;
}

int ogi_db_feed_create(struct ogi_db *db, const struct ogi_actor *actor, const char *hash,
                       long long user_id, enum ogi_feed_scope scope, const char *label,
                       struct ogi_feed *out)
{
	struct pq_params p = {0};
	pq_str(&p, hash);
	pq_int(&p, user_id);
	pq_str(&p, ogi_feed_scope_names[scope]);
	pq_str(&p, label);
	PGresult *res;
	int n = pq_run(db, "feed_insert", &p, &res);
	if (n < 0)
		return n;
	feed_read(res, 0, out);
	PQclear(res);
	return feed_audit(db, actor, out, "create");
}

int ogi_db_feed_list(struct ogi_db *db, long long user_id, struct ogi_feed_list *out)
{
	memset(out, 0, sizeof *out);
	struct pq_params p = {0};
	pq_int(&p, user_id);
	PGresult *res;
	int n = pq_run(db, "feed_list", &p, &res);
	if (n < 0)
		return n;
	if (n > 0 && (out->f = calloc((size_t)n, sizeof *out->f)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++)
		feed_read(res, i, &out->f[out->n++]);
	PQclear(res);
	return 0;
}

int ogi_db_feed_revoke(struct ogi_db *db, const struct ogi_actor *actor, long long id,
                       long long user_id, struct ogi_feed *out)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_int(&p, user_id);
	PGresult *res;
	int n = pq_run(db, "feed_revoke", &p, &res);
	if (n < 0)
		return n;
	if (n == 1)
		feed_read(res, 0, out);
	PQclear(res);
	return n == 1 ? feed_audit(db, actor, out, "revoke") : OGI_E_NOT_FOUND;
}

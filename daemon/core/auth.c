/* Who is calling: a session cookie or a bearer token, the roles the user
 * holds on bodies, and the checks every handler makes against them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/core/ogid.h"
#include "lib/secret.h"

static bool cookie_token(struct ctx *c, const char **token, size_t *len)
{
	const char *v = MHD_lookup_connection_value(c->conn, MHD_COOKIE_KIND, "ogi_session");
	if (v == NULL || *v == '\0')
		return false;
	*token = v;
	*len = strlen(v);
	return true;
}

static bool bearer_token(struct ctx *c, const char **token, size_t *len)
{
	const char *h = header(c, MHD_HTTP_HEADER_AUTHORIZATION);
	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return false;
	*token = h + 7;
	*len = strlen(*token);
	return *len > 0;
}

/* A state-changing request must not come from another site's page: when it
 * carries an Origin (browsers always send one on a cross-site POST, PUT or
 * DELETE) that Origin must name the host the request was sent to (Host, or
 * X-Forwarded-Host from a reverse proxy: no page can set either cross-site).
 * A cookie-authenticated one must carry an Origin; scripts with a bearer
 * token usually send none. */
bool origin_ok(struct ctx *c, bool required)
{
	if (strcmp(c->method, "GET") == 0 || strcmp(c->method, "HEAD") == 0)
		return true;
	const char *origin = header(c, "Origin");
	if (origin == NULL)
		return !required;
	const char *rest = strstr(origin, "://");
	if (rest == NULL)
		return false; /* "null": a sandboxed frame, a file */
	const char *host = header(c, MHD_HTTP_HEADER_HOST);
	const char *forwarded = header(c, "X-Forwarded-Host");
	return (host != NULL && strcmp(rest + 3, host) == 0) ||
	       (forwarded != NULL && strcmp(rest + 3, forwarded) == 0);
}

bool auth_load(struct ctx *c, struct ogi_db *db, enum MHD_Result *result)
{
	const char *token;
	size_t len;
	bool cookie = false;
	if (!bearer_token(c, &token, &len)) {
		if (!cookie_token(c, &token, &len)) {
			*result = reply_problem(c, OGI_E_UNAUTHENTICATED, NULL);
			return false;
		}
		cookie = true;
	}
	char hash[OGI_TOKEN_HASH_HEX], idle[16];
	ogi_token_hash(token, len, hash);
	snprintf(idle, sizeof idle, "%d", ogid.session_idle_seconds);
	const char *params[] = {hash, idle};
	PGresult *res;
	int n = ogi_db_exec(db, cookie ? "session_lookup" : "token_lookup", cookie ? 2 : 1, params,
			    &res);
	if (n < 0) {
		*result = reply_db_error(c, db);
		return false;
	}
	if (n == 0) {
		PQclear(res);
		*result = reply_problem(c, OGI_E_UNAUTHENTICATED,
					cookie ? "the session has ended or expired"
					       : "the token is unknown or revoked");
		return false;
	}
	struct auth *a = &c->auth;
	a->session_id = ogi_db_int(res, 0, 0);
	a->user_id = ogi_db_int(res, 0, 1);
	snprintf(a->username, sizeof a->username, "%s", ogi_db_str(res, 0, 2));
	a->via_cookie = cookie;
	bool stale = ogi_db_bool(res, 0, 3);
	auth_grants_read(a, res);
	PQclear(res);
	if (stale) {
		char id[24];
		snprintf(id, sizeof id, "%lld", a->session_id);
		const char *p[] = {id};
		ogi_db_exec(db, cookie ? "session_touch" : "token_touch", 1, p, NULL);
	}
	if (cookie && !origin_ok(c, true)) {
		*result = reply_problem(c, OGI_E_ORIGIN_MISMATCH,
					"a cookie-authenticated %s needs an Origin header naming this host",
					c->method);
		return false;
	}
	return true;
}

void auth_grants_read(struct auth *a, PGresult *res)
{
	for (int i = 0; i < PQntuples(res) && a->ngrants < OGI_MAX_GRANTS; i++) {
		if (ogi_db_str(res, i, 4) == NULL)
			continue; /* a user without roles: one row, no grant */
		a->grants[a->ngrants].body_id = ogi_db_int(res, i, 4);
		a->grants[a->ngrants].role =
			(enum ogi_role)ogi_enum_parse(ogi_role_names, ogi_db_str(res, i, 5));
		a->grants[a->ngrants].top_level = ogi_db_bool(res, i, 6);
		a->ngrants++;
	}
}

bool auth_calendar_admin(const struct auth *a)
{
	for (int i = 0; i < a->ngrants; i++)
		if (a->grants[i].role == OGI_ROLE_ADMIN && a->grants[i].top_level)
			return true;
	return false;
}

bool auth_has_role(const struct auth *a, enum ogi_role role)
{
	for (int i = 0; i < a->ngrants; i++)
		if (a->grants[i].role >= role)
			return true;
	return false;
}

bool auth_allows(const struct auth *a, const long long *path, int npath, enum ogi_role role)
{
	for (int i = 0; i < a->ngrants; i++) {
		if (a->grants[i].role < role)
			continue;
		for (int j = 0; j < npath; j++)
			if (path[j] == a->grants[i].body_id)
				return true;
	}
	return false;
}

/* Parses a PostgreSQL array text "{1,2,3}". */
int parse_id_array(const char *text, long long *out, int max)
{
	int n = 0;
	for (const char *p = text; p && *p && n < max;) {
		if (*p >= '0' && *p <= '9') {
			char *end;
			out[n++] = strtoll(p, &end, 10);
			p = end;
		} else {
			p++;
		}
	}
	return n;
}

bool require_body(struct ctx *c, struct ogi_db *db, long long body_id, enum ogi_role role,
		  enum MHD_Result *result)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", body_id);
	const char *params[] = {id};
	PGresult *res;
	int n = ogi_db_exec(db, "body_path", 1, params, &res);
	if (n < 0) {
		*result = reply_db_error(c, db);
		return false;
	}
	long long path[64];
	int npath = n == 1 ? parse_id_array(ogi_db_str(res, 0, 0), path, 64) : 0;
	PQclear(res);
	if (n == 1 && auth_allows(&c->auth, path, npath, role))
		return true;
	if (n == 1 && auth_allows(&c->auth, path, npath, OGI_ROLE_AUDITOR))
		*result = reply_problem(c, OGI_E_FORBIDDEN, "needs the %s role on body %lld",
					ogi_role_names[role], body_id);
	else
		*result = reply_problem(c, OGI_E_NOT_FOUND, "no body %lld", body_id);
	return false;
}

void auth_roots(const struct auth *a, enum ogi_role role, char *out, size_t len)
{
	unsigned roles = 0;
	for (int r = role; r < OGI_ROLE_COUNT; r++)
		roles |= 1u << r;
	auth_roots_holding(a, roles, out, len);
}

void auth_roots_holding(const struct auth *a, unsigned roles, char *out, size_t len)
{
	size_t used = (size_t)snprintf(out, len, "{");
	int k = 0;
	for (int i = 0; i < a->ngrants && used + 24 < len; i++)
		if (roles & (1u << a->grants[i].role))
			used += (size_t)snprintf(out + used, len - used, "%s%lld", k++ ? "," : "",
						 a->grants[i].body_id);
	snprintf(out + used, len - used, "}");
}

int auth_root_ids(const struct auth *a, unsigned roles, long long *out, int max)
{
	int n = 0;
	for (int i = 0; i < a->ngrants && n < max; i++)
		if (roles & (1u << a->grants[i].role))
			out[n++] = a->grants[i].body_id;
	return n;
}

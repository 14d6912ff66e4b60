/* Who is calling: a session cookie or a bearer token, the roles the user
 * holds on bodies, and the checks every handler makes against them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/core/auth.h"
#include "daemon/core/config.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "lib/calendar_policy.h"
#include "lib/db/bodies.h"
#include "lib/db/sessions.h"
#include "lib/db/users.h"
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

/* The Authorization header's scheme and token: 0 none (or another scheme), 1 a bearer
 * token, -1 a bearer header that holds no token of ours (anything but 43 characters of
 * base64url: nothing else ever matches a stored hash, so it is refused unlooked-up). */
static int bearer_token(struct ctx *c, const char **token, size_t *len)
{
	const char *h = header(c, MHD_HTTP_HEADER_AUTHORIZATION);
	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return 0;
	*token = h + 7;
	*len = strlen(*token);
	bool ours = *len == OGI_TOKEN_LEN &&
	            strspn(*token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                           "0123456789-_") == OGI_TOKEN_LEN;
	return ours ? 1 : -1;
}

/* A state-changing request must not come from another site's page: when it
 * carries an Origin (browsers always send one on a cross-site POST, PUT or
 * DELETE) that Origin must name the host the request was sent to (Host, or
 * the forwarded host of a trusted reverse proxy: no page can set either
 * cross-site).
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
	/* the Host, or what a trusted reverse proxy says it was asked for (peer.h): an
	   X-Forwarded-Host from anyone else names what the sender wants, proving nothing */
	return c->peer.host[0] != '\0' && strcmp(rest + 3, c->peer.host) == 0;
}

bool auth_load(struct ctx *c, struct ogi_db *db, enum MHD_Result *result)
{
	const char *token;
	size_t len;
	bool cookie = false;
	int bearer = bearer_token(c, &token, &len);
	if (bearer < 0) {
		*result = reply_problem(c, OGI_E_UNAUTHENTICATED,
		                        "the bearer token is not one ogid gives out");
		return false;
	}
	if (bearer == 0) {
		if (!cookie_token(c, &token, &len)) {
			*result = reply_problem(c, OGI_E_UNAUTHENTICATED, NULL);
			return false;
		}
		cookie = true;
	}
	char hash[OGI_TOKEN_HASH_HEX];
	ogi_token_hash(token, len, hash);
	struct ogi_session s;
	int rc = cookie ? ogi_db_session_lookup(db, hash, ogid.session_idle_seconds,
	                                        ogid.session_lifetime_seconds, &s)
	                : ogi_db_token_lookup(db, hash, &s);
	if (rc == OGI_E_NOT_FOUND) {
		*result = reply_problem(c, OGI_E_UNAUTHENTICATED,
		                        cookie ? "the session has ended or expired"
		                               : "the token is unknown or revoked");
		return false;
	}
	if (rc != 0) {
		*result = reply_db_error(c, db);
		return false;
	}
	struct auth *a = &c->auth;
	a->session_id = s.id;
	a->user_id = s.user_id;
	snprintf(a->username, sizeof a->username, "%s", s.username);
	a->via_cookie = cookie;
	for (int i = 0; i < s.ngrants && a->ngrants < OGI_MAX_GRANTS; i++)
		a->grants[a->ngrants++] = s.grants[i];
	/* a failed write-down only makes the next request try again */
	if (s.stale)
		(void)(cookie ? ogi_db_session_touch(db, s.id) : ogi_db_token_touch(db, s.id));
	if (cookie && !origin_ok(c, true)) {
		*result = reply_problem(
		    c, OGI_E_ORIGIN_MISMATCH,
		    "a cookie-authenticated %s needs an Origin header naming this host", c->method);
		return false;
	}
	return true;
}

bool auth_calendar_admin(const struct auth *a)
{
	for (int i = 0; i < a->ngrants; i++)
		if (ogi_calendar_may_change(a->grants[i].role, a->grants[i].top_level))
			return true;
	return false;
}

bool auth_top_level_admin(const struct auth *a)
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
bool require_body(struct ctx *c, struct ogi_db *db, long long body_id, enum ogi_role role,
                  enum MHD_Result *result)
{
	long long path[OGI_BODY_DEPTH_MAX];
	int npath = 0;
	int rc = ogi_db_body_path(db, body_id, path, &npath);
	if (rc < 0) {
		*result = reply_db_error(c, db);
		return false;
	}
	bool found = rc == 0;
	if (found && auth_allows(&c->auth, path, npath, role))
		return true;
	if (found && auth_allows(&c->auth, path, npath, OGI_ROLE_AUDITOR))
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

int user_lock_manageable(struct ogi_db *db, const struct ctx *c, long long user_id,
                         struct ogi_user *out)
{
	long long roots[OGI_MAX_GRANTS];
	int n = auth_root_ids(&c->auth, 1u << OGI_ROLE_ADMIN, roots, OGI_MAX_GRANTS);
	return ogi_db_user_lock_manageable(db, user_id, roots, n, c->auth.user_id, out);
}

/* POST /api/v1/session {username, password}: logging in.  Throttled per
 * (username, address) and per address (lib/account.h: 429 with
 * Retry-After), the attempt counted before the password is checked; a wrong
 * password and an unknown or inactive user answer alike, in the same time.
 * A good login rotates the session cookie: the one the browser held ends,
 * a new one is set (HttpOnly, SameSite=Strict, Secure behind https as a
 * trusted proxy says), and the session notes the address and browser it
 * came from.  The reply is the session as GET /api/v1/session shows it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/auth.h"
#include "daemon/core/config.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/session_json.h"
#include "lib/account.h"
#include "lib/db/sessions.h"
#include "lib/db/throttles.h"
#include "lib/db/users.h"
#include "lib/secret.h"

/* The new session's roles are read by a lookup of it (any idle limit finds one just opened). */
#define NEW_SESSION_IDLE_SECONDS 86400

/* A hash to verify against when the user does not exist, so the answer
 * takes as long either way. */
static const char *dummy_hash(void)
{
	static char hash[256];
	static int ready;
	if (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE)) {
		char tmp[256];
		ogi_password_hash("not a password", tmp, sizeof tmp);
		memcpy(hash, tmp, sizeof hash);
		__atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
	}
	return hash;
}

struct login {
	const char *username, *password;
};

static bool login_parse(json_t *body, struct login *in, struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_STRING("username", &in->username, 64),
	    SPEC_STRING("password", &in->password, 1024),
	    SPEC_END,
	};
	return spec_parse(body, spec, errs);
}

bool in_session_post(json_t *body, struct spec_errors *errs)
{
	struct login in = {0};
	return login_parse(body, &in, errs);
}

/* 201 with the session and its cookie. */
static enum MHD_Result reply_session(struct ctx *c, const char *token)
{
	json_t *out = json_pack(
	    "{s:I, s:s, s:o, s:b, s:i, s:i}", "user_id", (json_int_t)c->auth.user_id, "username",
	    c->auth.username, "roles", wire_grants(c->auth.grants, c->auth.ngrants),
	    "calendar_admin", auth_calendar_admin(&c->auth), "idle_timeout_seconds",
	    ogid.session_idle_seconds, "lifetime_seconds", ogid.session_lifetime_seconds);
	char *text = json_dumps(out, JSON_COMPACT);
	json_decref(out);
	struct MHD_Response *r =
	    response_from_buffer(text, strlen(text), "application/json; charset=utf-8");
	free(text);
	char cookie[160];
	snprintf(cookie, sizeof cookie, "ogi_session=%s; Path=/; HttpOnly; SameSite=Strict%s",
	         token, c->peer.https ? "; Secure" : "");
	MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
	return queue_response(c, 201, r);
}

struct login_claim {
	const char *username, *address;
	long long wait;
};

static int login_claim_tx(struct ogi_db *db, void *cls)
{
	struct login_claim *cl = cls;
	return ogi_db_login_claim(db, cl->username, cl->address, &cl->wait);
}

/* The browser as the session list shows it: printable ASCII, the rest as '?'. */
static void printable(const char *text, char *out, size_t len)
{
	size_t n = 0;
	for (const char *p = text ? text : ""; *p && n + 1 < len; p++)
		out[n++] = *p >= ' ' && *p <= '~' ? *p : '?';
	out[n] = '\0';
}

enum MHD_Result h_session_post(struct ctx *c)
{
	struct login in = {0};
	struct spec_errors errs = {0};
	if (!login_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;

	/* the attempt is counted (committed) before the password is checked: of 40 at once
	   for one username no more than the free tries get that far */
	struct login_claim claim = {.username = in.username, .address = c->peer.address};
	if (!tx(c, "claim login", login_claim_tx, &claim, &result))
		return result;
	if (claim.wait > 0)
		return reply_retry_after(c, OGI_E_LOGIN_THROTTLED, claim.wait);
	int rc;

	struct ogi_login_user user;
	rc = ogi_db_user_by_name(db, in.username, &user);
	if (rc < 0)
		return reply_status(c, db, rc);
	bool found = rc == 0 && user.active && user.password_hash[0] != '\0';
	bool ok =
	    ogi_password_verify(found ? user.password_hash : dummy_hash(), in.password) && found;
	if (!ok)
		return reply_problem(c, OGI_E_BAD_CREDENTIALS, NULL);
	/* a courtesy, not a condition: the pair's count ends, the address gets its try back */
	(void)ogi_db_login_succeeded(db, in.username, c->peer.address);

	/* rotate: a session cookie the browser still holds ends here */
	const char *old = MHD_lookup_connection_value(c->conn, MHD_COOKIE_KIND, "ogi_session");
	if (old != NULL && *old) {
		char old_hash[OGI_TOKEN_HASH_HEX];
		ogi_token_hash(old, strlen(old), old_hash);
		ogi_db_session_end_by_hash(db, old_hash);
	}
	char token[OGI_TOKEN_LEN + 1], token_hash[OGI_TOKEN_HASH_HEX];
	ogi_token_new(token);
	ogi_token_hash(token, strlen(token), token_hash);
	char agent[OGI_USER_AGENT_SIZE];
	printable(header(c, MHD_HTTP_HEADER_USER_AGENT), agent, sizeof agent);
	if ((rc = ogi_db_session_insert(db, token_hash, user.id, c->peer.address, agent, NULL)) !=
	    0)
		return reply_status(c, db, rc);

	/* the new session's roles, as GET /session shows them */
	c->auth.user_id = user.id;
	snprintf(c->auth.username, sizeof c->auth.username, "%s", in.username);
	struct ogi_session s;
	if (ogi_db_session_lookup(db, token_hash, NEW_SESSION_IDLE_SECONDS,
	                          NEW_SESSION_IDLE_SECONDS, &s) == 0)
		for (int i = 0; i < s.ngrants && c->auth.ngrants < OGI_MAX_GRANTS; i++)
			c->auth.grants[c->auth.ngrants++] = s.grants[i];
	return reply_session(c, token);
}

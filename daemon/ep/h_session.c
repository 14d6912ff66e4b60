/* Logging in and out (cookie sessions) and API tokens for scripts. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "daemon/ep/ep.h"
#include "lib/account.h"
#include "lib/secret.h"
#include "lib/db/setup.h"

static void client_address(struct ctx *c, char *out, size_t len)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, len, "unknown");
	if (ci == NULL || ci->client_addr == NULL)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)len);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
			  (socklen_t)len);
}

static json_t *grants_json(const struct auth *a)
{
	json_t *roles = json_array();
	for (int i = 0; i < a->ngrants; i++)
		json_array_append_new(roles, json_pack("{s:I, s:s}", "body_id",
						       (json_int_t)a->grants[i].body_id, "role",
						       ogi_role_names[a->grants[i].role]));
	return roles;
}

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

enum MHD_Result h_session_post(struct ctx *c)
{
	struct login in = {0};
	struct spec_errors errs = {0};
	if (!login_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	const char *username = in.username, *password = in.password;
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;

	char address[64];
	client_address(c, address, sizeof address);
	const char *who[] = {username, address};
	PGresult *res;
	if (ogi_db_exec(db, "login_failures_recent", 2, who, &res) < 0)
		return reply_db_error(c, db);
	long long by_user = ogi_db_int(res, 0, 0), by_address = ogi_db_int(res, 0, 1);
	PQclear(res);
	if (ogi_login_throttled(by_user, by_address)) {
		struct MHD_Response *r;
		char body[256], retry[16];
		int n = snprintf(body, sizeof body,
				 "{\"type\":\"/api/v1/errors#login_throttled\",\"title\":\"%s\","
				 "\"title_zh\":\"%s\",\"title_en\":\"%s\",\"status\":429,"
				 "\"code\":\"login_throttled\"}",
				 c->english ? ogi_error_info(OGI_E_LOGIN_THROTTLED)->title_en
					    : ogi_error_info(OGI_E_LOGIN_THROTTLED)->title_zh,
				 ogi_error_info(OGI_E_LOGIN_THROTTLED)->title_zh,
				 ogi_error_info(OGI_E_LOGIN_THROTTLED)->title_en);
		r = response_from_buffer(body, (size_t)n, "application/problem+json; charset=utf-8");
		snprintf(retry, sizeof retry, "%d", OGI_LOGIN_WINDOW_SECONDS);
		MHD_add_response_header(r, "Retry-After", retry);
		return queue_response(c, 429, r);
	}

	const char *params[] = {username};
	if (ogi_db_exec(db, "user_by_name", 1, params, &res) < 0)
		return reply_db_error(c, db);
	bool found = PQntuples(res) == 1 && ogi_db_bool(res, 0, 2);
	char hash[256] = "";
	char user_id[24] = "";
	if (found) {
		snprintf(hash, sizeof hash, "%s", ogi_db_str(res, 0, 1) ? ogi_db_str(res, 0, 1) : "");
		snprintf(user_id, sizeof user_id, "%s", ogi_db_str(res, 0, 0));
	}
	PQclear(res);
	bool ok = ogi_password_verify(found && hash[0] ? hash : dummy_hash(), password) && found &&
		  hash[0];
	if (!ok) {
		ogi_db_exec(db, "login_failure_insert", 2, who, NULL);
		return reply_problem(c, OGI_E_BAD_CREDENTIALS, NULL);
	}
	ogi_db_exec(db, "login_failures_clear", 1, params, NULL);
	ogi_db_exec(db, "login_known_touch", 2, who, NULL);

	/* rotate: a session cookie the browser still holds ends here */
	const char *old = MHD_lookup_connection_value(c->conn, MHD_COOKIE_KIND, "ogi_session");
	if (old != NULL && *old) {
		char old_hash[OGI_TOKEN_HASH_HEX];
		ogi_token_hash(old, strlen(old), old_hash);
		const char *p[] = {old_hash};
		ogi_db_exec(db, "session_end_by_hash", 1, p, NULL);
	}
	char token[OGI_TOKEN_LEN + 1], token_hash[OGI_TOKEN_HASH_HEX];
	ogi_token_new(token);
	ogi_token_hash(token, strlen(token), token_hash);
	const char *ins[] = {token_hash, user_id};
	if (ogi_db_exec(db, "session_insert", 2, ins, NULL) < 0)
		return reply_db_error(c, db);

	/* the new session's roles, as GET /session shows them */
	c->auth.user_id = atoll(user_id);
	snprintf(c->auth.username, sizeof c->auth.username, "%s", username);
	const char *lookup[] = {token_hash, "86400"};
	if (ogi_db_exec(db, "session_lookup", 2, lookup, &res) >= 0) {
		auth_grants_read(&c->auth, res);
		PQclear(res);
	}
	json_t *out = json_pack("{s:I, s:s, s:o, s:b, s:i}", "user_id", (json_int_t)c->auth.user_id,
				"username", username, "roles", grants_json(&c->auth),
				"calendar_admin", auth_calendar_admin(&c->auth),
				"idle_timeout_seconds", ogid.session_idle_seconds);
	char *text = json_dumps(out, JSON_COMPACT);
	json_decref(out);
	struct MHD_Response *r =
		response_from_buffer(text, strlen(text), "application/json; charset=utf-8");
	free(text);
	char cookie[160];
	const char *proto = header(c, "X-Forwarded-Proto");
	snprintf(cookie, sizeof cookie, "ogi_session=%s; Path=/; HttpOnly; SameSite=Strict%s", token,
		 proto != NULL && strcmp(proto, "https") == 0 ? "; Secure" : "");
	MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
	return queue_response(c, 201, r);
}

enum MHD_Result h_session_get(struct ctx *c)
{
	/* today: the legal date the server counts with (Asia/Shanghai), so a
	   client's date fields agree with the rules the API applies; calendar_admin:
	   whether the caller may change the calendar (an admin of a top-level body),
	   which the roles alone do not tell a client that sees no body's parent */
	char today[OGI_DATE_STRLEN];
	return reply_json(c, 200,
			  json_pack("{s:I, s:s, s:o, s:b, s:s, s:s}", "user_id",
				    (json_int_t)c->auth.user_id, "username", c->auth.username, "roles",
				    grants_json(&c->auth), "calendar_admin",
				    auth_calendar_admin(&c->auth), "via",
				    c->auth.via_cookie ? "cookie" : "token", "today",
				    ogi_date_format(ogi_today(), today)));
}

enum MHD_Result h_session_delete(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (c->auth.via_cookie) {
		char id[24];
		snprintf(id, sizeof id, "%lld", c->auth.session_id);
		const char *p[] = {id};
		if (ogi_db_exec(db, "session_end", 1, p, NULL) < 0)
			return reply_db_error(c, db);
	}
	struct MHD_Response *r = response_from_buffer("", 0, NULL);
	MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE,
				"ogi_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	return queue_response(c, 204, r);
}

struct token_add {
	const char *label;
	bool has_label;
};

static bool token_parse(json_t *body, struct token_add *in, struct spec_errors *errs)
{
	struct spec spec[] = {
		SPEC_OPT(&in->has_label, SPEC_F_STRING("label", &in->label, 200)),
		SPEC_END,
	};
	return spec_parse(body, spec, errs);
}

bool in_tokens_post(json_t *body, struct spec_errors *errs)
{
	struct token_add in = {0};
	return token_parse(body, &in, errs);
}

enum MHD_Result h_tokens_post(struct ctx *c)
{
	struct token_add in = {.label = ""};
	struct spec_errors errs = {0};
	if (!token_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	const char *label = in.label;
	bool has_label = in.has_label;
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	char token[OGI_TOKEN_LEN + 1], hash[OGI_TOKEN_HASH_HEX], created_at[40];
	ogi_token_new(token);
	ogi_token_hash(token, strlen(token), hash);
	long long id = ogi_token_add(db, hash, c->auth.user_id, has_label ? label : "",
				     c->auth.user_id, c->auth.username, created_at, sizeof created_at);
	if (id < 0)
		return reply_db_error(c, db);
	json_t *out = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "token", token,
				"label", has_label ? label : "", "created_at", created_at);
	return reply_json(c, 201, out);
}

enum MHD_Result h_tokens_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	char uid[24];
	snprintf(uid, sizeof uid, "%lld", c->auth.user_id);
	const char *p[] = {uid};
	PGresult *res;
	int n = ogi_db_exec(db, "token_list", 1, p, &res);
	if (n < 0)
		return reply_db_error(c, db);
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		json_t *t = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)ogi_db_int(res, i, 0),
				      "label", ogi_db_str(res, i, 1), "created_at",
				      ogi_db_str(res, i, 2));
		json_object_set_new(t, "last_used", ogi_db_str(res, i, 3)
							    ? json_string(ogi_db_str(res, i, 3))
							    : json_null());
		json_object_set_new(t, "revoked_at", ogi_db_str(res, i, 4)
							     ? json_string(ogi_db_str(res, i, 4))
							     : json_null());
		json_array_append_new(list, t);
	}
	PQclear(res);
	return reply_json(c, 200, json_pack("{s:o}", "tokens", list));
}

/* Revokes token {id} and writes its audit row; 0, OGI_E_NOT_FOUND or a db status.  One's own
 * tokens, and those of a user the caller may manage (user_lock_manageable); any other token
 * answers as one that does not exist. */
static int token_revoke_tx(struct ogi_db *db, void *cls)
{
	struct ctx *c = cls;
	char id[24], owner[24];
	snprintf(id, sizeof id, "%lld", c->id);
	const char *p[] = {id};
	PGresult *res;
	int n = ogi_db_exec(db, "token_owner", 1, p, &res);
	if (n <= 0) {
		if (n == 0)
			PQclear(res);
		return n < 0 ? n : OGI_E_NOT_FOUND;
	}
	long long user_id = ogi_db_int(res, 0, 0);
	PQclear(res);
	if (user_id != c->auth.user_id && (n = user_lock_manageable(db, c, user_id, NULL)) != 0)
		return n;
	snprintf(owner, sizeof owner, "%lld", user_id);
	const char *r[] = {id, owner};
	n = ogi_db_exec(db, "token_revoke", 2, r, &res);
	if (n <= 0) {
		if (n == 0)
			PQclear(res);
		return n < 0 ? n : OGI_E_NOT_FOUND;
	}
	json_t *v = json_pack("{s:I, s:s, s:s}", "user_id", (json_int_t)user_id, "label",
			      ogi_db_str(res, 0, 0), "revoked_at", ogi_db_str(res, 0, 1));
	PQclear(res);
	int rc = audit_record(db, &c->auth, "token", c->id, "revoke", NULL, v);
	json_decref(v);
	return rc;
}

enum MHD_Result h_tokens_delete(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	int rc = ogi_db_tx(db, "revoke token", token_revoke_tx, c);
	if (rc == OGI_E_NOT_FOUND)
		return reply_problem(c, OGI_E_NOT_FOUND, "no active token %lld", c->id);
	if (rc != 0)
		return reply_db_error(c, db);
	return reply_empty(c, 204);
}

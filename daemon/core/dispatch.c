/* The HTTP core: libmicrohttpd's access handler, body accumulation with a
 * hard cap, dispatch through the route table and the access log (see
 * dispatch.h). */
#include "daemon/core/dispatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/core/auth.h"
#include "daemon/core/config.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/guard.h"
#include "daemon/core/http_check.h"
#include "daemon/core/log.h"
#include "daemon/core/metrics.h"
#include "daemon/core/peer.h"
#include "daemon/core/replica.h"
#include "daemon/core/reply.h"
#include "daemon/core/routes.h"
#include "daemon/core/static_files.h"
#include "daemon/core/workers.h"
#include "lib/redact.h"

const int ogid_public_listener = 1;

struct ogid_config ogid = {.db_role = "ogi_app",
                           .session_idle_seconds = 1800,
                           .session_lifetime_seconds = 43200,
                           .max_header_size = 65536,
                           .max_attachment = 50LL * 1024 * 1024,
                           .max_attachments_total = 1024LL * 1024 * 1024,
                           .max_uploads = 16};

/* Whether a Content-Type names exactly one of the media types in the list
 * ("application/json, text/calendar"), case aside, with no parameter but
 * charset=utf-8: a prefix (application/jsonx), another charset or none at
 * all is another type (issue 19 item 7). */
static bool content_type_is(const char *ct, const char *types)
{
	if (ct == NULL)
		return false;
	size_t n = strcspn(ct, ";");
	while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
		n--;
	bool named = false;
	for (const char *t = types; *t && !named;) {
		size_t len = strcspn(t, ",");
		named = len == n && strncasecmp(ct, t, n) == 0;
		t += len;
		while (*t == ',' || *t == ' ')
			t++;
	}
	if (!named)
		return false;
	const char *param = ct + strcspn(ct, ";");
	if (*param == '\0')
		return true;
	param++;
	while (*param == ' ' || *param == '\t')
		param++;
	char value[32];
	if (strncasecmp(param, "charset=", 8) != 0 || sscanf(param + 8, "%31[^ \t;]", value) != 1)
		return false;
	size_t vlen = strlen(value);
	if (vlen >= 2 && value[0] == '"' && value[vlen - 1] == '"') {
		memmove(value, value + 1, vlen - 2);
		value[vlen - 2] = '\0';
	}
	const char *rest = param + 8 + vlen;
	while (*rest == ' ' || *rest == '\t')
		rest++;
	return strcasecmp(value, "utf-8") == 0 && *rest == '\0';
}

/* A JSON route takes application/json, always; a raw-body route the types its entry names,
 * when it is given a body.  False after answering 415. */
static bool body_type_ok(struct ctx *c, enum MHD_Result *result)
{
	const char *ct = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (c->route->flags & ROUTE_JSON) {
		if (content_type_is(ct, "application/json"))
			return true;
		*result =
		    reply_problem(c, OGI_E_UNSUPPORTED_MEDIA_TYPE,
		                  "Content-Type must be application/json (charset utf-8), not %s",
		                  ct ? ct : "none");
		return false;
	}
	if (!(c->route->flags & ROUTE_RAW_BODY) || c->body_len == 0 ||
	    content_type_is(ct, c->route->types))
		return true;
	*result = reply_problem(c, OGI_E_BODY_TYPE_NOT_ACCEPTED, "Content-Type %s; accepted: %s",
	                        ct ? ct : "none", c->route->types);
	return false;
}

struct bad_param {
	bool found, in_name;
	char name[96];
};

static enum MHD_Result param_utf8(void *cls, enum MHD_ValueKind kind, const char *key,
                                  size_t key_size, const char *value, size_t value_size)
{
	(void)kind;
	struct bad_param *b = cls;
	bool name_ok = utf8_valid(key, key_size);
	if (name_ok && (value == NULL || utf8_valid(value, value_size)))
		return MHD_YES;
	b->found = true;
	b->in_name = !name_ok;
	snprintf(b->name, sizeof b->name, "%s", key); /* spec_error_add makes it printable */
	return MHD_NO;
}

/* Query parameters and the path reach SQL as text (a search term, an actor's name), and
 * PostgreSQL refuses text that is not UTF-8: a 500.  Checked here, once for every route, so
 * no parameter can carry such bytes further; false after answering 400 naming it. */
static bool request_utf8(struct ctx *c, enum MHD_Result *result)
{
	struct spec_errors errs = {0};
	struct bad_param b = {0};
	if (!c->path_utf8)
		spec_error_add(&errs, "path", "utf8", "路径不是有效的 UTF-8 文本",
		               "the path is not valid UTF-8");
	else if (MHD_get_connection_values_n(c->conn, MHD_GET_ARGUMENT_KIND, param_utf8, &b) >= 0 &&
	         b.found)
		spec_error_add(&errs, b.name, "utf8",
		               b.in_name ? "参数名不是有效的 UTF-8 文本" : "不是有效的 UTF-8 文本",
		               b.in_name ? "the parameter's name is not valid UTF-8"
		                         : "not valid UTF-8");
	if (errs.n == 0)
		return true;
	*result = reply_invalid(c, &errs);
	return false;
}

static enum MHD_Result dispatch(struct ctx *c)
{
	char allow[128];
	bool path_known = false;
	enum MHD_Result refused;
	if (!request_utf8(c, &refused))
		return refused;
	c->route = route_match(c->method, c->path, c, allow, sizeof allow, &path_known);
	/* the public address knows nothing but the public channel: every other route and file
	   is a path it never heard of */
	if (c->public_only && c->route != NULL && !(c->route->flags & ROUTE_PUBLIC_CHANNEL))
		c->route = NULL;
	if (c->public_only && c->route == NULL)
		path_known = false;
	if (c->route == NULL) {
		enum MHD_Result result;
		if (!path_known && strncmp(c->path, "/api/", 5) != 0 &&
		    (!c->public_only || static_is_public(c->path)) && static_serve(c, &result))
			return result;
		if (!path_known)
			return reply_problem(c, OGI_E_NOT_FOUND, "no such resource: %s", c->path);
		struct MHD_Response *r;
		const struct ogi_error_info *e = ogi_error_info(OGI_E_METHOD_NOT_ALLOWED);
		json_t *p = problem_new(c->english, OGI_E_METHOD_NOT_ALLOWED, NULL);
		json_object_set_new(p, "detail", json_sprintf("allowed: %s", allow));
		char *text = json_dumps(p, JSON_COMPACT);
		json_decref(p);
		r = response_from_buffer(text, strlen(text),
		                         "application/problem+json; charset=utf-8");
		free(text);
		MHD_add_response_header(r, "Allow", allow);
		return queue_response(c, (unsigned)e->http_status, r);
	}
	if (!origin_ok(c, false))
		return reply_problem(c, OGI_E_ORIGIN_MISMATCH,
		                     "the Origin header names another site");
	if (!body_type_ok(c, &refused))
		return refused;
	if (c->route->flags & ROUTE_JSON) {
		json_error_t jerr;
		c->json =
		    json_loadb(c->body ? c->body : "", c->body_len, JSON_REJECT_DUPLICATES, &jerr);
		if (c->json == NULL)
			return reply_problem(c, OGI_E_MALFORMED_JSON, "line %d column %d: %s",
			                     jerr.line, jerr.column, jerr.text);
	}
	if (workers_submit(c))
		return MHD_YES; /* a worker runs the route; resumed, the access handler answers */
	return dispatch_route(c);
}

enum MHD_Result dispatch_route(struct ctx *c)
{
	if (!(c->route->flags & ROUTE_PUBLIC)) {
		enum MHD_Result result;
		struct ogi_db *db = thread_db(c, &result);
		if (db == NULL)
			return result;
		if (!auth_load(c, db, &result))
			return result;
		if (!(c->route->flags & ROUTE_ANY_ROLE) && !auth_has_role(&c->auth, c->route->role))
			return reply_problem(c, OGI_E_FORBIDDEN, "needs the %s role",
			                     ogi_role_names[c->route->role]);
	}
	enum MHD_Result ret = c->route->handler(c);
	/* what this user reads next, for a few seconds, comes from the primary (replica.h) */
	if (strcmp(c->method, "GET") != 0 && strcmp(c->method, "HEAD") != 0 && c->status < 400)
		replica_note_write(c->auth.user_id);
	return ret;
}

/* A request for a streaming route (ROUTE_STREAM), once its headers are in: the
 * dispatcher's checks now, before any of the body is read, and the route's stream opened.
 * False for any other request (dispatched when its body is in), and for every request on
 * the public address (no streaming route is public: dispatch() answers 404).
 *
 * A stream runs on the HTTP thread that reads its connection, not on a worker: an upload
 * lasts as long as the client takes to send it, and holding a worker (one of the
 * --db-connections) that long would let a few slow uploads starve every other request.
 * Its chunks go to PostgreSQL through the upload's own connection (upload_db.h, at most
 * --max-uploads, 503 uploads_busy past them); the session check here uses the HTTP
 * thread's own connection (thread_db), opened on the first upload a thread reads, so the
 * HTTP threads add at most --threads connections (docs/operations.md). */
static bool stream_begin(struct ctx *c, enum MHD_Result *result)
{
	char allow[128];
	bool path_known = false;
	if (c->public_only)
		return false;
	const struct route *r =
	    route_match(c->method, c->path, c, allow, sizeof allow, &path_known);
	if (r == NULL || !(r->flags & ROUTE_STREAM))
		return false;
	c->route = r;
	if (!request_utf8(c, result))
		return true;
	if (!origin_ok(c, false)) {
		*result =
		    reply_problem(c, OGI_E_ORIGIN_MISMATCH, "the Origin header names another site");
		return true;
	}
	struct ogi_db *db = thread_db(c, result);
	if (db == NULL || !auth_load(c, db, result))
		return true;
	if (!auth_has_role(&c->auth, r->role)) {
		*result =
		    reply_problem(c, OGI_E_FORBIDDEN, "needs the %s role", ogi_role_names[r->role]);
		return true;
	}
	*result = r->stream->open(c);
	return true;
}

static bool wants_english(struct ctx *c)
{
	const char *lang = header(c, "Accept-Language");
	return lang != NULL && strncasecmp(lang, "en", 2) == 0;
}

enum MHD_Result access_handler(void *cls, struct MHD_Connection *conn, const char *url,
                               const char *method, const char *version, const char *upload_data,
                               size_t *upload_data_size, void **con_cls)
{
	struct ctx *c = *con_cls;
	if (c == NULL) { /* the URI callback could not make one */
		if ((c = calloc(1, sizeof *c)) == NULL)
			return MHD_NO;
		c->conn = conn;
		*con_cls = c;
	}
	if (!c->started) {
		c->started = true;
		c->public_only = cls == &ogid_public_listener;
		c->method = method;
		c->start_us = now_us();
		snprintf(c->path, sizeof c->path, "%s", url);
		c->path_utf8 = utf8_valid(url, strlen(url));
		c->english = wants_english(c);
		peer_resolve(c);
		enum MHD_Result refused;
		if (guard_over_limit(conn)) { /* past --max-connections (per address): come back */
			c->too_large = true;  /* any body is discarded */
			c->close_after = true;
			guard_request_received(conn);
			return reply_retry_after(c, OGI_E_OVERLOADED, 1);
		}
		if (!http_request_sane(c, url, version, &refused)) {
			c->too_large = true; /* any body is discarded */
			guard_request_received(conn);
			return refused;
		}
		if (!ogid.shutting_down && stream_begin(c, &refused)) {
			if (!c->streaming) { /* refused: whatever body comes is discarded */
				c->too_large = true;
				guard_request_received(conn);
			}
			return refused;
		}
		const char *len = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (len != NULL && strtoull(len, NULL, 10) > OGI_MAX_BODY) {
			c->too_large = true;
			guard_request_received(conn);
			return reply_problem(c, OGI_E_BODY_TOO_LARGE, "the limit is %d bytes",
			                     OGI_MAX_BODY);
		}
		return MHD_YES;
	}
	if (*upload_data_size != 0 && c->streaming) {
		c->route->stream->data(c, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size != 0) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (c->too_large || c->body_len + n > OGI_MAX_BODY) {
			c->too_large = true;
			return MHD_YES; /* discard; answer 413 when the upload ends */
		}
		if (c->body_len + n + 1 > c->body_cap) {
			size_t cap = c->body_cap ? c->body_cap * 2 : 4096;
			while (cap < c->body_len + n + 1)
				cap *= 2;
			char *grown = realloc(c->body, cap);
			if (grown == NULL)
				return MHD_NO;
			c->body = grown;
			c->body_cap = cap;
		}
		memcpy(c->body + c->body_len, upload_data, n);
		c->body_len += n;
		c->body[c->body_len] = '\0';
		return MHD_YES;
	}
	if (c->handed_off) { /* resumed by the worker that ran the route (workers.h) */
		struct MHD_Response *r = c->response;
		c->response = NULL;
		if (r == NULL)
			return MHD_NO; /* the route failed to answer (out of memory): close */
		enum MHD_Result ret = MHD_queue_response(conn, c->status, r);
		MHD_destroy_response(r);
		return ret;
	}
	guard_request_received(conn); /* the whole request is in: its deadline no longer runs */
	if (c->too_large)
		return reply_problem(c, OGI_E_BODY_TOO_LARGE, "the limit is %d bytes",
		                     OGI_MAX_BODY);
	if (c->streaming) { /* the route's answer to what streamed in, on this HTTP thread */
		enum MHD_Result ret = c->route->handler(c);
		if (c->status < 400)
			replica_note_write(c->auth.user_id);
		return ret;
	}
	if (ogid.shutting_down)
		return reply_problem(c, OGI_E_SHUTTING_DOWN, NULL);
	return dispatch(c);
}

void request_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                       enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)toe;
	guard_request_done(conn); /* the next request on this connection starts its deadline */
	struct ctx *c = *con_cls;
	if (c == NULL)
		return;
	if (!c->started) { /* refused by libmicrohttpd before it reached ogid */
		free(c);
		*con_cls = NULL;
		return;
	}
	int64_t micros = now_us() - c->start_us;
	metrics_count(c->status, micros);
	/* the path only: query strings may carry search terms with personal data, and a
	 * path an identity number typed into it */
	char path[sizeof c->path];
	ogi_redact(c->path, path, sizeof path); /* and never a token (a feed's credential) */
	log_line("%s %s %u %lldus", c->method, path, c->status, (long long)micros);
	if (c->streaming)
		c->route->stream->release(
		    c); /* answered or cut off: what was not finished is undone */
	json_decref(c->json);
	if (c->response != NULL)
		MHD_destroy_response(c->response);
	free(c->body);
	free(c);
	*con_cls = NULL;
}

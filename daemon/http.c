/* The HTTP core: libmicrohttpd's access handler, body accumulation with a
 * hard cap, dispatch through the route table, replies and the access log. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "handlers.h"
#include "redact.h"

struct ogid_config ogid = {.db_role = "ogi_app"};

int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void log_line(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", buf);
}

const char *header(struct ctx *c, const char *name)
{
	return MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, name);
}

const char *query(struct ctx *c, const char *name)
{
	return MHD_lookup_connection_value(c->conn, MHD_GET_ARGUMENT_KIND, name);
}

long long if_match(struct ctx *c, struct spec_errors *errs, const char *whose_zh,
		   const char *whose_en)
{
	const char *h = header(c, MHD_HTTP_HEADER_IF_MATCH);
	if (h == NULL)
		return 0;
	if (strncmp(h, "W/", 2) == 0)
		h += 2;
	if (*h == '"')
		h++;
	long long v = strtoll(h, NULL, 10);
	if (v > 0)
		return v;
	char zh[128], en[128];
	snprintf(zh, sizeof zh, "If-Match 应为%s的版本号（ETag）", whose_zh);
	snprintf(en, sizeof en, "If-Match must be %s ETag", whose_en);
	spec_error_add(errs, "If-Match", "format", zh, en);
	return -1;
}

static void header_once(struct MHD_Response *r, const char *name, const char *value)
{
	if (MHD_get_response_header(r, name) == NULL)
		MHD_add_response_header(r, name, value);
}

/* On every response ogid sends, however it was built (queue_response adds them). */
static void common_headers(struct MHD_Response *r)
{
	header_once(r, "X-Content-Type-Options", "nosniff");
	header_once(r, "Referrer-Policy", "no-referrer");
	header_once(r, "X-Frame-Options", "DENY");
	/* the web client: its own scripts, styles and images only, nothing inline,
	   nothing from another host, no markup built from strings */
	header_once(r, "Content-Security-Policy",
		    "default-src 'none'; script-src 'self'; style-src 'self'; "
		    "img-src 'self'; font-src 'self'; connect-src 'self'; "
		    "manifest-src 'self'; object-src 'none'; base-uri 'none'; "
		    "form-action 'self'; frame-ancestors 'none'; "
		    "require-trusted-types-for 'script'");
	header_once(r, "Cross-Origin-Opener-Policy", "same-origin");
	header_once(r, "Cross-Origin-Resource-Policy", "same-origin");
	header_once(r, "Permissions-Policy",
		    "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
	header_once(r, "Cache-Control", "no-store");
}

struct MHD_Response *response_from_buffer(const void *data, size_t len, const char *content_type)
{
	struct MHD_Response *r =
		MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return NULL;
	if (content_type != NULL)
		MHD_add_response_header(r, "Content-Type", content_type);
	return r;
}

enum MHD_Result queue_response(struct ctx *c, unsigned int status, struct MHD_Response *r)
{
	if (r == NULL)
		return MHD_NO;
	common_headers(r);
	if (c->replayed)
		MHD_add_response_header(r, "Idempotent-Replayed", "true");
	c->status = status;
	enum MHD_Result ret = MHD_queue_response(c->conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

enum MHD_Result reply_bytes(struct ctx *c, unsigned int status, const char *content_type,
			    const void *data, size_t len, const char *cache_control)
{
	struct MHD_Response *r = response_from_buffer(data, len, content_type);
	if (r != NULL && cache_control != NULL)
		MHD_add_response_header(r, "Cache-Control", cache_control);
	return queue_response(c, status, r);
}

enum MHD_Result reply_empty(struct ctx *c, unsigned int status)
{
	return reply_bytes(c, status, NULL, "", 0, NULL);
}

static enum MHD_Result reply_json_full(struct ctx *c, unsigned int status, json_t *steal,
				       const char *content_type, long long version,
				       const char *location)
{
	char *text = json_dumps(steal, JSON_COMPACT);
	json_decref(steal);
	if (text == NULL)
		return MHD_NO;
	struct MHD_Response *r = response_from_buffer(text, strlen(text), content_type);
	free(text);
	if (r == NULL)
		return MHD_NO;
	if (version > 0) {
		char etag[40];
		snprintf(etag, sizeof etag, "\"%lld\"", version);
		MHD_add_response_header(r, "ETag", etag);
	}
	if (location != NULL)
		MHD_add_response_header(r, "Location", location);
	return queue_response(c, status, r);
}

enum MHD_Result reply_json(struct ctx *c, unsigned int status, json_t *steal)
{
	return reply_json_full(c, status, steal, "application/json; charset=utf-8", 0, NULL);
}

enum MHD_Result reply_json_etag(struct ctx *c, unsigned int status, json_t *steal, long long version,
				const char *location)
{
	return reply_json_full(c, status, steal, "application/json; charset=utf-8", version,
			       location);
}

static json_t *problem_new(bool english, enum ogi_error code, const char *detail)
{
	const struct ogi_error_info *e = ogi_error_info(code);
	char type[128];
	snprintf(type, sizeof type, "/api/v1/errors#%s", e->name);
	json_t *p = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s}", "type", type, "title",
			      english ? e->title_en : e->title_zh, "title_zh", e->title_zh,
			      "title_en", e->title_en, "status", e->http_status, "code", e->name);
	if (detail != NULL && *detail)
		json_object_set_new(p, "detail", json_string(detail));
	return p;
}

enum MHD_Result reply_problem(struct ctx *c, enum ogi_error code, const char *detail_fmt, ...)
{
	char detail[512] = "";
	if (detail_fmt != NULL) {
		va_list ap;
		va_start(ap, detail_fmt);
		vsnprintf(detail, sizeof detail, detail_fmt, ap);
		va_end(ap);
	}
	const struct ogi_error_info *e = ogi_error_info(code);
	json_t *p = problem_new(c->english, code, detail);
	struct MHD_Response *r;
	char *text = json_dumps(p, JSON_COMPACT);
	json_decref(p);
	if (text == NULL)
		return MHD_NO;
	r = response_from_buffer(text, strlen(text), "application/problem+json; charset=utf-8");
	free(text);
	if (r != NULL && e->http_status == 503)
		MHD_add_response_header(r, "Retry-After", "1");
	return queue_response(c, (unsigned)e->http_status, r);
}

json_t *invalid_json(const struct spec_errors *errs, bool english)
{
	json_t *list = json_array();
	char detail[512] = "";
	size_t used = 0;
	for (int i = 0; i < errs->n; i++) {
		const struct spec_error *e = &errs->e[i];
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:s}", "field",
						      e->field, "code", e->code, "message",
						      english ? e->message_en : e->message_zh,
						      "message_zh", e->message_zh, "message_en",
						      e->message_en));
		if (used < sizeof detail - 64)
			used += (size_t)snprintf(detail + used, sizeof detail - used, "%s%s: %s",
						 i ? "; " : "", e->field[0] ? e->field : "(body)",
						 e->message_en);
	}
	json_t *p = problem_new(english, OGI_E_INVALID_INPUT, detail);
	json_object_set_new(p, "errors", list);
	return p;
}

enum MHD_Result reply_invalid(struct ctx *c, const struct spec_errors *errs)
{
	json_t *p = invalid_json(errs, c->english);
	char *text = json_dumps(p, JSON_COMPACT);
	json_decref(p);
	if (text == NULL)
		return MHD_NO;
	struct MHD_Response *r =
		response_from_buffer(text, strlen(text), "application/problem+json; charset=utf-8");
	free(text);
	return queue_response(c, 400, r);
}

enum MHD_Result reply_db_error(struct ctx *c, struct ogi_db *db)
{
	/* 08xxx connection exceptions, 57P0x shutdowns and 57014 (a statement that ran past
	 * statement_timeout: a lock held elsewhere) are outages, not bugs: try again */
	if (!ogi_db_ok(db) || strncmp(db->sqlstate, "08", 2) == 0 ||
	    strncmp(db->sqlstate, "57P", 3) == 0 || strcmp(db->sqlstate, "57014") == 0)
		return reply_problem(c, OGI_E_DATABASE_UNAVAILABLE, NULL);
	char path[sizeof c->path], message[sizeof db->message];
	ogi_redact(c->path, path, sizeof path);
	ogi_redact(db->message, message, sizeof message);
	log_line("ogid: error: %s %s: database: %s (%s)", c->method, path, message, db->sqlstate);
	return reply_problem(c, OGI_E_INTERNAL, NULL);
}

bool parse_body(struct ctx *c, const struct spec *spec, enum MHD_Result *result)
{
	struct spec_errors errs = {0};
	if (c->json == NULL) {
		spec_error_add(&errs, "", "type", "请求体应为 JSON 对象",
			       "the body must be a JSON object");
	} else if (spec_parse(c->json, spec, &errs)) {
		return true;
	}
	*result = reply_invalid(c, &errs);
	return false;
}

static bool content_is_json(struct ctx *c)
{
	const char *ct = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
	return ct == NULL || strncasecmp(ct, "application/json", 16) == 0;
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
			       b.in_name ? "the parameter's name is not valid UTF-8" : "not valid UTF-8");
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
	if (c->route == NULL) {
		enum MHD_Result result;
		if (!path_known && strncmp(c->path, "/api/", 5) != 0 && static_serve(c, &result))
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
		return reply_problem(c, OGI_E_ORIGIN_MISMATCH, "the Origin header names another site");
	if (c->route->flags & ROUTE_JSON) {
		if (!content_is_json(c))
			return reply_problem(c, OGI_E_UNSUPPORTED_MEDIA_TYPE, NULL);
		json_error_t jerr;
		c->json = json_loadb(c->body ? c->body : "", c->body_len,
				     JSON_REJECT_DUPLICATES, &jerr);
		if (c->json == NULL)
			return reply_problem(c, OGI_E_MALFORMED_JSON, "line %d column %d: %s",
					     jerr.line, jerr.column, jerr.text);
	}
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
	return c->route->handler(c);
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
	(void)cls;
	(void)version;
	struct ctx *c = *con_cls;
	if (c == NULL) {
		c = calloc(1, sizeof *c);
		if (c == NULL)
			return MHD_NO;
		c->conn = conn;
		c->method = method;
		c->start_us = now_us();
		snprintf(c->path, sizeof c->path, "%s", url);
		c->path_utf8 = utf8_valid(url, strlen(url));
		c->english = wants_english(c);
		*con_cls = c;
		const char *len = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (len != NULL && strtoull(len, NULL, 10) > OGI_MAX_BODY) {
			c->too_large = true;
			guard_request_received(conn);
			return reply_problem(c, OGI_E_BODY_TOO_LARGE, "the limit is %d bytes",
					     OGI_MAX_BODY);
		}
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
	guard_request_received(conn); /* the whole request is in: its deadline no longer runs */
	if (c->too_large)
		return reply_problem(c, OGI_E_BODY_TOO_LARGE, "the limit is %d bytes", OGI_MAX_BODY);
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
	int64_t micros = now_us() - c->start_us;
	metrics_count(c->status, micros);
	/* the path only: query strings may carry search terms with personal data, and a
	 * path an identity number typed into it */
	char path[sizeof c->path];
	ogi_redact(c->path, path, sizeof path);
	log_line("%s %s %u %lldus", c->method, path, c->status, (long long)micros);
	json_decref(c->json);
	free(c->body);
	free(c);
	*con_cls = NULL;
}

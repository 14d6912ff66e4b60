/* Replies (see reply.h). */
#include "daemon/core/reply.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	   nothing from another host, no markup built from strings; its frames are its
	   own (the preview of a letter) */
	header_once(r, "Content-Security-Policy",
	            "default-src 'none'; script-src 'self'; style-src 'self'; "
	            "img-src 'self'; font-src 'self'; connect-src 'self'; "
	            "manifest-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; "
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
	/* behind a trusted proxy that says https (peer.h): browsers are to come back by https only
	 */
	if (c->peer.https)
		header_once(r, "Strict-Transport-Security", "max-age=31536000");
	/* a request refused before its framing was trusted: nothing more is read on this
	   connection (what follows could be the rest of it, read as a new request) */
	if (c->close_after)
		header_once(r, MHD_HTTP_HEADER_CONNECTION, "close");
	if (c->replayed)
		MHD_add_response_header(r, "Idempotent-Replayed", "true");
	c->status = status;
	if (c->deferred) { /* on a worker: sent once the connection is resumed (workers.h) */
		if (c->response != NULL)
			MHD_destroy_response(c->response); /* a second answer replaces the first */
		c->response = r;
		return MHD_YES;
	}
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

enum MHD_Result reply_json_etag(struct ctx *c, unsigned int status, json_t *steal,
                                long long version, const char *location)
{
	return reply_json_full(c, status, steal, "application/json; charset=utf-8", version,
	                       location);
}

json_t *problem_new(bool english, enum ogi_error code, const char *detail)
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

enum MHD_Result reply_retry_after(struct ctx *c, enum ogi_error code, long long seconds)
{
	json_t *p = problem_new(c->english, code, NULL);
	char *text = json_dumps(p, JSON_COMPACT);
	json_decref(p);
	if (text == NULL)
		return MHD_NO;
	struct MHD_Response *r =
	    response_from_buffer(text, strlen(text), "application/problem+json; charset=utf-8");
	free(text);
	char retry[24];
	snprintf(retry, sizeof retry, "%lld", seconds > 0 ? seconds : 1);
	if (r != NULL)
		MHD_add_response_header(r, "Retry-After", retry);
	return queue_response(c, (unsigned)ogi_error_info(code)->http_status, r);
}

json_t *invalid_json(const struct spec_errors *errs, bool english)
{
	json_t *list = json_array();
	char detail[1024] = ""; /* one enum error lists every value */
	size_t used = 0;
	for (int i = 0; i < errs->n; i++) {
		const struct spec_error *e = &errs->e[i];
		json_array_append_new(
		    list, json_pack("{s:s, s:s, s:s, s:s, s:s}", "field", e->field, "code", e->code,
		                    "message", english ? e->message_en : e->message_zh,
		                    "message_zh", e->message_zh, "message_en", e->message_en));
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

/* The glue of the letter routes (see letter_case.h). */
#include "daemon/core/letter_case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/errors.h"
#include "daemon/core/calendar_cache.h"
#include "daemon/core/log.h"
#include "daemon/core/params.h"
#include "daemon/core/reply.h"
#include "daemon/core/visible.h"
#include "lib/db/bodies.h"
#include "lib/db/events.h"
#include "lib/db/requests.h"
#include "lib/letter_render.h"
#include "lib/projection.h"

int letter_case_load(struct ogi_db *db, struct ctx *c, bool lock, bool with_settings,
                     struct letter_case *lc)
{
	memset(lc, 0, sizeof *lc);
	int rc = request_for(c, db, c->id, lock, OGI_ROLE_AUDITOR, &lc->req);
	if (rc != 0)
		return rc;
	lc->loaded = true;
	rc = ogi_db_events_load(db, c->id, &lc->events);
	if (rc == 0 && with_settings) {
		rc = ogi_db_body_settings_get(db, lc->req.body_id, &lc->settings);
		if (rc == 0)
			rc = ogi_db_body_templates_get(db, lc->req.body_id, &lc->templates);
		if (rc == OGI_E_NOT_FOUND) /* the request's body exists: a bug, not a 404 */
			rc = OGI_DB_HARD;
	}
	if (rc != 0)
		letter_case_free(lc);
	return rc;
}

void letter_case_free(struct letter_case *lc)
{
	if (lc->loaded)
		ogi_request_free(&lc->req);
	ogi_event_list_free(&lc->events);
	json_decref(lc->templates);
	memset(lc, 0, sizeof *lc);
}

int letter_case_allows(struct ctx *c, const struct letter_case *lc, enum ogi_role role,
                       const char *what)
{
	if (request_allows(c, &lc->req, role))
		return 0;
	ctx_detail(c, "%s needs the %s role on the request's body", what, ogi_role_names[role]);
	return OGI_E_FORBIDDEN;
}

int letter_case_compose(struct ctx *c, const struct letter_case *lc, enum ogi_letter_kind kind,
                        json_t *facts, ogi_date date, struct ogi_letter_doc *doc)
{
	enum ogi_letter_refusal r = ogi_letter_compose(kind, &lc->req, &lc->events, &lc->settings,
	                                               facts, lc->templates, date, doc);
	if (r == OGI_LETTER_OK)
		return 0;
	if (r >= OGI_LETTER_REFUSAL_COUNT) {
		ctx_detail(c, "out of memory composing the letter");
		return OGI_E_INTERNAL;
	}
	ctx_detail(c, "%s: %s", ogi_letter_kind_names[kind], ogi_letter_refusal_en[r]);
	return ogi_letter_refusal_error(r);
}

int letter_render(struct ctx *c, const struct ogi_letter_doc *d, enum ogi_letter_format f,
                  const unsigned char *seal, size_t seal_len, unsigned char **out, size_t *len)
{
	struct ogi_letter_seal s = {.png = seal, .len = seal_len};
	const struct ogi_letter_seal *sp = seal != NULL ? &s : NULL;
	int rc = -1;
	*out = NULL;
	*len = 0;
	switch (f) {
	case OGI_LETTER_HTML: {
		char *html = NULL;
		rc = ogi_letter_html(d, sp, &html, len);
		*out = (unsigned char *)html;
		break;
	}
	case OGI_LETTER_PDF:
		rc = ogi_letter_pdf(d, sp, out, len);
		break;
	case OGI_LETTER_DOCX:
		rc = ogi_letter_docx(d, sp, out, len);
		break;
	case OGI_LETTER_FORMAT_COUNT:
		break;
	}
	if (rc == 0 && *out != NULL)
		return 0;
	free(*out);
	*out = NULL;
	log_line("ogid: error: %s:%d: %s %s: rendering the letter as %s failed", __FILE__, __LINE__,
	         c->method, c->path, ogi_letter_format_names[f]);
	ctx_detail(c, "rendering the letter as %s failed", ogi_letter_format_names[f]);
	return OGI_E_INTERNAL;
}

int letter_case_event(struct ogi_db *db, struct ctx *c, struct letter_case *lc,
                      enum ogi_event_type t, ogi_date on, json_t *payload)
{
	struct ogi_event next = {.type = t, .on = on, .payload = payload};
	struct calendar_ref cal = calendar_acquire();
	int rc = ogi_projection_check(cal.cal, lc->req.received_on, lc->events.e, lc->events.n,
	                              &next, c->detail, sizeof c->detail);
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	long long id = 0;
	if (rc == 0)
		rc = ogi_db_event_insert(db, c->id, lc->req.body_id, t, on, payload, &actor, &id);
	if (rc == OGI_E_HISTORY_FULL)
		ctx_detail(c, "request %lld already has %d events", c->id, OGI_EVENTS_MAX);
	next.id = id;
	if (rc == 0) {
		next.payload = json_incref(payload); /* the list's own reference */
		if (!ogi_event_list_push(&lc->events, &next))
			rc = OGI_DB_HARD;
	}
	if (rc == 0) {
		struct ogi_projection pr;
		ogi_projection_compute(cal.cal, lc->req.received_on, lc->events.e, lc->events.n,
		                       &pr);
		struct ogi_request row;
		rc = ogi_db_request_store_projection(db, c->id, &pr, &row);
		ogi_projection_free(&pr);
		if (rc == 0) {
			ogi_request_free(&lc->req);
			lc->req = row;
		}
	}
	calendar_release(cal);
	return rc;
}

int letter_case_served(struct ogi_db *db, struct ctx *c, struct letter_case *lc,
                       const struct ogi_letter_record *l, const struct ogi_letter_delivery *d,
                       ogi_date was)
{
	if (d->legal_on == OGI_DATE_NONE || d->legal_on == was)
		return 0;
	char on[OGI_DATE_STRLEN];
	json_t *payload = json_pack(
	    "{s:I, s:s, s:s, s:s, s:I}", "letter_id", (json_int_t)l->id, "kind",
	    ogi_letter_kind_names[l->kind], "method", ogi_service_method_names[d->method],
	    "served_on", ogi_date_format(d->legal_on, on), "delivery_id", (json_int_t)d->id);
	if (payload == NULL)
		return OGI_DB_HARD;
	int rc = letter_case_event(db, c, lc, OGI_EV_LETTER_SERVED, d->legal_on, payload);
	json_decref(payload);
	return rc;
}

/* The filename* of RFC 5987: UTF-8, every byte but attr-char percent-encoded. */
static void rfc5987(const char *s, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && n + 4 < size; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p) != NULL) {
			out[n++] = (char)*p;
		} else {
			out[n++] = '%';
			out[n++] = hex[*p >> 4];
			out[n++] = hex[*p & 15];
		}
	}
	out[n] = '\0';
}

static const char *const extensions[] = {"html", "pdf", "docx"};

enum MHD_Result reply_letter_bytes(struct ctx *c, const struct ogi_letter_record *l,
                                   const char *what, enum ogi_letter_format f,
                                   const unsigned char *data, size_t len)
{
	struct MHD_Response *resp = response_from_buffer(data, len, ogi_letter_format_mime[f]);
	if (resp == NULL)
		return MHD_NO;
	char name[OGI_LETTER_REF_SIZE + 64], encoded[3 * sizeof name], disposition[4 * sizeof name];
	if (l->ref[0] != '\0')
		snprintf(name, sizeof name, "%s%s.%s", l->ref,
		         strcmp(what, "letter") == 0 ? "" : "-送达回证", extensions[f]);
	else
		snprintf(name, sizeof name, "草稿-%s-%lld.%s", ogi_letter_kind_names[l->kind],
		         l->id, extensions[f]);
	rfc5987(name, encoded, sizeof encoded);
	snprintf(
	    disposition, sizeof disposition, "%s; filename=\"%s-%lld.%s\"; filename*=UTF-8''%s",
	    f == OGI_LETTER_DOCX ? "attachment" : "inline", what, l->id, extensions[f], encoded);
	MHD_add_response_header(resp, "Content-Disposition", disposition);
	if (f == OGI_LETTER_HTML) {
		/* a document on its own: its stylesheet is inline, its seal a data: image, it runs
		   no script (the letter's own text is escaped by the renderer); the web client
		   frames it, sandboxed, as the preview of a draft and to print it */
		MHD_add_response_header(
		    resp, "Content-Security-Policy",
		    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
		    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
		MHD_add_response_header(resp, "X-Frame-Options", "SAMEORIGIN");
	}
	return queue_response(c, 200, resp);
}

bool letter_format_query(struct ctx *c, unsigned allowed, int *format, enum MHD_Result *result)
{
	struct spec_errors errs = {0};
	bool present = false;
	*format = -1;
	const char *v = query(c, "type");
	if (v != NULL && strcmp(v, "json") == 0)
		return true;
	if (!param_enum(c, &errs, "type", ogi_letter_format_names, format, &present)) {
		*result = reply_invalid(c, &errs);
		return false;
	}
	if (present && !(allowed & (1u << *format))) {
		spec_error_add(&errs, "type", "enum", "不支持该格式",
		               "this format is not offered here");
		*result = reply_invalid(c, &errs);
		return false;
	}
	if (!present)
		*format = -1;
	return true;
}

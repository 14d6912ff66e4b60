/* POST /api/v1/requests/import: a platform (a district's or city's
 * 政府信息公开平台) hands over a batch of online applications it has
 * confirmed (issue 15 item 7), with a token holding the clerk role on their
 * bodies.  Each row: the platform's id, the body, the day it was submitted
 * and the day of confirmation (art. 31(3): received that day), the
 * applicant, the description and the form.  A platform id is imported once:
 * a row whose id is there already answers "exists" with its request, so a
 * batch sent again changes nothing.  Each row is its own transaction
 * through the ordinary intake (ogi_intake_check, ogi_db_request_insert, the
 * year lock), so one refused row (its field and rule named) leaves the
 * others; 200 with every row's result in order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/auth.h"
#include "daemon/core/calendar_cache.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/lock_guard.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/bodies.h"
#include "lib/db/online_apps.h"
#include "lib/db/requests.h"
#include "lib/intake.h"
#include "lib/projection.h"

#define IMPORT_ROWS_MAX 500

/* One row as the platform gives it. */
struct row {
	const char *platform_id;
	long long body_id;
	ogi_date submitted_on, confirmed_on;
	struct {
		int kind, id_type;
		const char *name, *id_number, *phone, *email, *address, *contact;
		bool has_id_type, has_id_number, has_phone, has_email, has_address, has_contact;
	} applicant;
	const char *description;
	struct {
		int medium, delivery;
		bool has_medium, has_delivery;
	} form;
	bool has_form;
	struct ogi_intake in;
	char normalized_id[64];
};

/* The row's types (the spec) and the intake's rules; errors named row by row. */
static bool row_parse(json_t *item, struct row *r, ogi_date today, struct spec_errors *errs)
{
	memset(r, 0, sizeof *r);
	struct spec applicant[] = {
	    SPEC_ENUM("kind", ogi_applicant_kind_names, &r->applicant.kind),
	    SPEC_STRING("name", &r->applicant.name, 200),
	    SPEC_OPT(&r->applicant.has_id_type,
	             SPEC_F_ENUM("id_type", ogi_id_type_names, &r->applicant.id_type)),
	    SPEC_OPT(&r->applicant.has_id_number,
	             SPEC_F_STRING("id_number", &r->applicant.id_number, 64)),
	    SPEC_OPT(&r->applicant.has_phone, SPEC_F_STRING("phone", &r->applicant.phone, 32)),
	    SPEC_OPT(&r->applicant.has_email, SPEC_F_STRING("email", &r->applicant.email, 254)),
	    SPEC_OPT(&r->applicant.has_address,
	             SPEC_F_STRING("address", &r->applicant.address, 500)),
	    SPEC_OPT(&r->applicant.has_contact,
	             SPEC_F_STRING("contact", &r->applicant.contact, 200)),
	    SPEC_END,
	};
	struct spec form[] = {
	    SPEC_OPT(&r->form.has_medium, SPEC_F_ENUM("medium", ogi_medium_names, &r->form.medium)),
	    SPEC_OPT(&r->form.has_delivery,
	             SPEC_F_ENUM("delivery", ogi_delivery_names, &r->form.delivery)),
	    SPEC_END,
	};
	struct spec spec[] = {
	    SPEC_STRING("platform_id", &r->platform_id, 100),
	    SPEC_INT("body_id", &r->body_id, 1, INT64_MAX),
	    SPEC_DATE("submitted_on", &r->submitted_on),
	    SPEC_DATE("confirmed_on", &r->confirmed_on),
	    SPEC_OBJECT("applicant", applicant),
	    SPEC_STRING("description", &r->description, 5000),
	    SPEC_OPT(&r->has_form, SPEC_F_OBJECT("form", form)),
	    SPEC_END,
	};
	if (!spec_parse(item, spec, errs))
		return false;
	r->in = (struct ogi_intake){
	    .body_id = r->body_id,
	    .channel = OGI_CHANNEL_ONLINE,
	    .received_on = r->confirmed_on,
	    .submitted_on = r->submitted_on,
	    .confirmed_on = r->confirmed_on,
	    .applicant = {.kind = r->applicant.kind,
	                  .id_type = r->applicant.has_id_type ? r->applicant.id_type : -1,
	                  .name = r->applicant.name,
	                  .id_number = r->applicant.has_id_number ? r->applicant.id_number : NULL,
	                  .phone = r->applicant.has_phone ? r->applicant.phone : NULL,
	                  .email = r->applicant.has_email ? r->applicant.email : NULL,
	                  .address = r->applicant.has_address ? r->applicant.address : NULL,
	                  .contact = r->applicant.has_contact ? r->applicant.contact : NULL},
	    .description = r->description,
	    .form_medium = r->form.has_medium ? r->form.medium : -1,
	    .form_delivery = r->form.has_delivery ? r->form.delivery : -1,
	};
	return ogi_intake_check(&r->in, today, errs, r->normalized_id, sizeof r->normalized_id);
}

static bool batch_parse(json_t *body, const char **platform, json_t **rows,
                        struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_STRING("platform", platform, 100),
	    SPEC_JSON("applications", rows),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (!json_is_array(*rows) || json_array_size(*rows) == 0 ||
	    json_array_size(*rows) > IMPORT_ROWS_MAX)
		spec_error_add(errs, "applications", "size", "须为 1 至 500 件申请的列表",
		               "a list of 1 to 500 applications");
	return errs->n == 0;
}

bool in_requests_import(json_t *body, struct spec_errors *errs)
{
	const char *platform;
	json_t *rows;
	if (!batch_parse(body, &platform, &rows, errs))
		return false;
	size_t i;
	json_t *item;
	json_array_foreach(rows, i, item)
	{
		struct row *r = malloc(sizeof *r);
		struct spec_errors row_errs = {0};
		if (r != NULL)
			row_parse(item, r, ogi_today(), &row_errs);
		free(r);
	}
	return true; /* a row's errors are its own result, not the batch's */
}

struct import_one {
	struct ctx *c;
	const char *platform;
	struct row *r;
	/* the answer */
	bool existed;
	long long request_id;
	char tracking_no[64];
};

static int import_tx(struct ogi_db *db, void *cls)
{
	struct import_one *w = cls;
	struct ctx *c = w->c;
	w->existed = false;
	int rc = ogi_db_import_find(db, w->platform, w->r->platform_id, &w->request_id,
	                            w->tracking_no, sizeof w->tracking_no);
	if (rc == 0) {
		w->existed = true;
		return 0;
	}
	if (rc != OGI_E_NOT_FOUND)
		return rc;
	struct ogi_projection pr;
	struct calendar_ref cal = calendar_acquire();
	ogi_projection_compute(cal.cal, w->r->in.received_on, NULL, 0, &pr);
	calendar_release(cal);
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	struct ogi_request req;
	rc = ogi_db_request_insert(db, &w->r->in, &pr, &actor, &req);
	ogi_projection_free(&pr);
	if (rc != 0)
		return rc;
	w->request_id = req.id;
	snprintf(w->tracking_no, sizeof w->tracking_no, "%s", req.tracking_no);
	ogi_request_free(&req);
	char what[256], received[OGI_DATE_STRLEN];
	snprintf(what, sizeof what, "导入平台申请%s（收到申请日期%s）", w->tracking_no,
	         ogi_date_format(w->r->in.received_on, received));
	struct lock_change ch = {.body_id = w->r->body_id,
	                         .on = w->r->in.received_on,
	                         .request_id = w->request_id,
	                         .subject = "intake",
	                         .detail = what};
	if ((rc = lock_guard(db, c, &ch, c->detail, sizeof c->detail)) != 0)
		return rc;
	return ogi_db_import_record(db, w->platform, w->r->platform_id, w->request_id,
	                            c->auth.user_id);
}

static json_t *refused(size_t index, const char *platform_id, const struct spec_errors *errs)
{
	json_t *list = json_array();
	for (int i = 0; i < errs->n; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s}", "field",
		                                      errs->e[i].field, "code", errs->e[i].code,
		                                      "message_zh", errs->e[i].message_zh,
		                                      "message_en", errs->e[i].message_en));
	json_t *out = json_pack("{s:I, s:s, s:o}", "index", (json_int_t)index, "result", "refused",
	                        "errors", list);
	json_object_set_new(out, "platform_id",
	                    platform_id ? json_string(platform_id) : json_null());
	return out;
}

/* One row: its result, or NULL after a reply that ends the batch (the database away). */
static json_t *import_row(struct ctx *c, struct ogi_db *db, const char *platform, size_t index,
                          json_t *item, enum MHD_Result *result)
{
	struct row *r = malloc(sizeof *r);
	if (r == NULL) {
		*result = reply_problem(c, OGI_E_INTERNAL, "out of memory");
		return NULL;
	}
	struct spec_errors errs = {0};
	json_t *out = NULL;
	if (!row_parse(item, r, ogi_today(), &errs)) {
		out =
		    refused(index, json_string_value(json_object_get(item, "platform_id")), &errs);
		goto done;
	}
	long long path[OGI_BODY_DEPTH_MAX];
	int npath = 0;
	int rc = ogi_db_body_path(db, r->body_id, path, &npath);
	if (rc < 0) {
		*result = reply_db_error(c, db);
		goto done;
	}
	if (rc != 0 || !auth_allows(&c->auth, path, npath, OGI_ROLE_CLERK)) {
		spec_error_add(&errs, "body_id", "not_found", "没有该机关，或您无权为其登记",
		               "no such body, or you may not register for it");
		out = refused(index, r->platform_id, &errs);
		goto done;
	}
	struct import_one w = {.c = c, .platform = platform, .r = r};
	c->detail[0] = '\0';
	rc = ogi_db_tx(db, "import", import_tx, &w);
	if (rc == OGI_E_CONFLICT) /* imported by another batch meanwhile: now it is there */
		rc = ogi_db_tx(db, "import", import_tx, &w);
	if (rc < 0 && ogi_db_outage(db)) {
		*result = reply_db_error(c, db);
		goto done;
	}
	if (rc != 0) {
		const struct ogi_error_info *e = rc > 0 ? ogi_error_info((enum ogi_error)rc) : NULL;
		spec_error_add(&errs, "request", e ? e->name : "internal",
		               e ? e->title_zh : "无法登记",
		               c->detail[0] ? c->detail : (e ? e->title_en : "not registered"));
		out = refused(index, r->platform_id, &errs);
		goto done;
	}
	out = json_pack("{s:I, s:s, s:s, s:I, s:s}", "index", (json_int_t)index, "platform_id",
	                r->platform_id, "result", w.existed ? "exists" : "created", "request_id",
	                (json_int_t)w.request_id, "tracking_no", w.tracking_no);
done:
	free(r);
	return out;
}

enum MHD_Result h_requests_import(struct ctx *c)
{
	const char *platform;
	json_t *rows;
	struct spec_errors errs = {0};
	if (!batch_parse(c->json, &platform, &rows, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	json_t *results = json_array();
	long long created = 0, existed = 0, refused_n = 0;
	size_t i;
	json_t *item;
	json_array_foreach(rows, i, item)
	{
		json_t *one = import_row(c, db, platform, i, item, &result);
		if (one == NULL) {
			json_decref(results);
			return result;
		}
		const char *what = json_string_value(json_object_get(one, "result"));
		created += strcmp(what, "created") == 0;
		existed += strcmp(what, "exists") == 0;
		refused_n += strcmp(what, "refused") == 0;
		json_array_append_new(results, one);
	}
	return reply_json(c, 200,
	                  json_pack("{s:s, s:{s:I, s:I, s:I}, s:o}", "platform", platform, "counts",
	                            "created", (json_int_t)created, "exists", (json_int_t)existed,
	                            "refused", (json_int_t)refused_n, "results", results));
}

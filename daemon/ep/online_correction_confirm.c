/* POST /api/v1/online-corrections/{id}/confirm {received_on?}: a clerk confirms
 * an applicant's online answer to a correction notice (online 补正) as the
 * corrected application.  In one transaction: the answer is locked and must
 * still be pending (409 correction_answer_handled), the clerk must hold the
 * clerk role on its request's body (404 otherwise, as for no such answer),
 * and correction_received is recorded on the request through the path every
 * event takes (daemon/core/event_record.h: the rules of lib/clock — 409
 * correction_not_requested when the request no longer awaits a correction —,
 * the year lock, the projection: the clock restarts exactly as for a paper
 * correction) on the day the answer arrived, or the later day the clerk gives
 * (received_on: not before the answer arrived, not in the future).  The
 * answer is marked confirmed with the event, and the audit log says who; the
 * files sent with it become attachments of the request (correction_material).
 * 200 {correction, request}. */
#include <stdlib.h>
#include <string.h>

#include "daemon/core/audit_record.h"
#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/event_record.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/event_json.h"
#include "daemon/wire/online_json.h"
#include "lib/db/attachments.h"
#include "lib/db/online_apps.h"
#include "lib/online.h"

struct confirm {
	struct ctx *c;
	bool has_on;
	ogi_date on; /* the clerk's date, when has_on */
	struct ogi_correction_row row;
	struct event_recorded rec;
	json_t *correction;
};

static bool confirm_parse(json_t *body, struct confirm *k, struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_OPT(&k->has_on, SPEC_F_DATE("received_on", &k->on)),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (k->has_on && k->on > ogi_today())
		spec_error_add(errs, "received_on", "date_in_future", "收到补正的日期不能晚于今天",
		               "the day the correction was received cannot be in the future");
	return errs->n == 0;
}

bool in_online_correction_confirm(json_t *body, struct spec_errors *errs)
{
	struct confirm k = {0};
	return confirm_parse(body, &k, errs);
}

static int confirm_tx(struct ogi_db *db, void *cls)
{
	struct confirm *k = cls;
	struct ctx *c = k->c;
	json_decref(k->rec.request);
	json_decref(k->correction);
	k->rec = (struct event_recorded){0};
	k->correction = NULL;
	ogi_correction_row_free(&k->row);
	int rc = ogi_db_online_correction_get(db, c->id, &k->row);
	if (rc != 0)
		return rc;
	if (!auth_allows(&c->auth, k->row.path, k->row.npath, OGI_ROLE_CLERK)) {
		ctx_detail(c, "no online correction %lld among the bodies you record events for",
		           c->id);
		return OGI_E_NOT_FOUND;
	}
	if (strcmp(k->row.state, "pending") != 0) {
		ctx_detail(c, "the online correction is %s", k->row.state);
		return OGI_E_CORRECTION_ANSWER_HANDLED;
	}
	ogi_date on = k->has_on ? k->on : k->row.received_on;
	if (on < k->row.received_on) {
		char d[OGI_DATE_STRLEN];
		spec_error_add(c->errs, "received_on", "range",
		               "收到补正的日期不能早于申请人网上提交之日",
		               "the correction cannot be received before the applicant sent it");
		ctx_detail(c, "the applicant sent it on %s",
		           ogi_date_format(k->row.received_on, d));
		return OGI_E_INVALID_INPUT;
	}
	/* the event as a clerk would record it by hand: the same parse, the same path */
	char day[OGI_DATE_STRLEN];
	json_t *body =
	    json_pack("{s:s, s:s}", "type", "correction_received", "on", ogi_date_format(on, day));
	struct event_input in = {0};
	struct spec_errors perrs = {0};
	bool parsed = body != NULL && wire_event_parse(body, &in, &perrs);
	json_decref(body);
	if (!parsed)
		return OGI_DB_HARD;
	rc = event_record(db, c, k->row.request_id, &in, 0, &k->rec);
	json_decref(in.payload);
	if (rc != 0)
		return rc;
	if ((rc = ogi_db_online_correction_decide(db, k->row.id, k->rec.event_id, NULL,
	                                          c->auth.user_id)) != 0)
		return rc;
	/* the files sent with the answer become correction material of the case file */
	int nfiles = 0;
	if ((rc = ogi_db_online_files_attach(db, k->row.online_id, k->row.id, k->row.request_id,
	                                     k->row.body_id, OGI_ATTACHMENT_CHUNK, c->auth.user_id,
	                                     &nfiles)) != 0)
		return rc;
	json_t *audit = json_pack("{s:I, s:s, s:I}", "request_id", (json_int_t)k->row.request_id,
	                          "received_on", day, "event_id", (json_int_t)k->rec.event_id);
	rc = audit_record(db, &c->auth, "online_correction", k->row.id, "confirm", NULL, audit);
	json_decref(audit);
	if (rc != 0)
		return rc;
	ogi_correction_row_free(&k->row);
	if ((rc = ogi_db_online_correction_get(db, c->id, &k->row)) != 0)
		return rc;
	k->correction = wire_online_correction(&k->row);
	return 0;
}

enum MHD_Result h_online_correction_confirm(struct ctx *c)
{
	struct confirm *k = calloc(1, sizeof *k);
	if (k == NULL)
		return MHD_NO;
	k->c = c;
	struct spec_errors errs = {0};
	enum MHD_Result result;
	if (!confirm_parse(c->json, k, &errs))
		result = reply_invalid(c, &errs);
	else {
		c->errs = &errs;
		struct ogi_db *db = thread_db(c, &result);
		if (db != NULL && tx(c, "confirm online correction", confirm_tx, k, &result)) {
			result = reply_json(c, 200,
			                    json_pack("{s:o, s:o}", "correction", k->correction,
			                              "request", k->rec.request));
			k->correction = NULL;
			k->rec.request = NULL;
		}
	}
	json_decref(k->correction);
	json_decref(k->rec.request);
	ogi_correction_row_free(&k->row);
	free(k);
	return result;
}

/* PATCH /api/v1/requests/{id} (If-Match required): a correction of the
 * registration — a clerk or above fixes what was typed wrong at intake
 * (lib/correction.h names the fields), with a reason.  In one transaction:
 * lock the request, check its version (412 stale, 428 without If-Match),
 * apply the correction by lib/correction's rule (intake's checks again, the
 * identity number among them: 400 naming the field), refuse a correction
 * that changes nothing (422 correction_no_change: no empty event lands in
 * the history); for a new receipt date refuse a move between the two
 * regulations (409 correction_regime_change) and a history that would no
 * longer hold (409 correction_breaks_history); for a change of the report's
 * figures (the applicant's kind, the channel, the year received) meet the
 * year lock of every year the request counts in (an admin's
 * override_reason); then store the record and the projection recomputed
 * over the history with the correction (the due date moves with the receipt
 * date) and append the record_corrected event: reason, changes with the old
 * and new values (identity number and phone masked), the due date's move.
 * A closed request is corrected too — the archive must say what is true —
 * and its replied_late follows the corrected receipt date.  200 with the
 * request after it and its new ETag. */
#include <stdio.h>
#include <string.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/lock_guard.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/correction_json.h"
#include "daemon/wire/request_json.h"
#include "lib/db/events.h"
#include "lib/db/requests.h"
#include "lib/projection.h"

struct correct {
	struct ctx *c;
	struct correction_input in;
	struct spec_errors errs;
	long long if_match;
	json_t *out;
	long long version;
};

bool in_request_patch(json_t *body, struct spec_errors *errs)
{
	struct correction_input in;
	return wire_correction_parse(body, &in, errs);
}

/* The registration of r as lib/correction sees it (borrowed from r). */
static struct ogi_intake registration_of(const struct ogi_request *r)
{
	const struct ogi_applicant *a = &r->applicant;
	return (struct ogi_intake){
	    .body_id = r->body_id,
	    .channel = r->channel,
	    .received_on = r->received_on,
	    .submitted_on = r->submitted_on,
	    .confirmed_on = r->confirmed_on,
	    .applicant = {.kind = a->kind,
	                  .id_type = a->id_type,
	                  .name = a->name,
	                  .id_number = a->id_number,
	                  .phone = a->phone,
	                  .email = a->email,
	                  .address = a->address,
	                  .contact = a->contact,
	                  .postcode = a->postcode},
	    .description = r->description,
	    .purpose = r->purpose,
	    .form_medium = r->form_medium,
	    .form_delivery = r->form_delivery,
	};
}

/* Whether the correction moves a figure of some year's report: the
 * applicant's column, the channel (the legacy format's rows), or the year
 * the request was received in (its 一, and the carry-over 二/四 after it). */
static bool alters_figures(const struct ogi_intake *before, const struct ogi_correction_result *res)
{
	unsigned figures = OGI_CORR_BIT(OGI_CORR_APPLICANT_KIND) | OGI_CORR_BIT(OGI_CORR_CHANNEL);
	return (res->changed & figures) != 0 ||
	       ogi_date_year(before->received_on) != ogi_date_year(res->after.received_on);
}

/* The year lock of every year the request's figures count in: from the
 * earlier receipt date's year to the year it closed (or this year while
 * open); an admin's override_reason is recorded into each locked one. */
static int year_locks(struct ogi_db *db, struct correct *w, const struct ogi_request *req,
                      const struct ogi_correction_result *res)
{
	struct ctx *c = w->c;
	ogi_date from =
	    req->received_on < res->after.received_on ? req->received_on : res->after.received_on;
	ogi_date until = req->closed_on != OGI_DATE_NONE ? req->closed_on : ogi_today();
	char what[256], d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN];
	if (res->changed & OGI_CORR_BIT(OGI_CORR_RECEIVED_ON))
		snprintf(what, sizeof what, "申请%s：更正登记（收到申请日期 %s 更正为 %s）",
		         req->tracking_no, ogi_date_format(req->received_on, d1),
		         ogi_date_format(res->after.received_on, d2));
	else
		snprintf(what, sizeof what, "申请%s：更正登记（%s）", req->tracking_no,
		         res->changed & OGI_CORR_BIT(OGI_CORR_CHANNEL) ? "申请渠道" : "申请人类型");
	for (int y = ogi_date_year(from); y <= ogi_date_year(until); y++) {
		ogi_date jan1 = ogi_date_from_ymd(y, 1, 1);
		struct lock_change ch = {.body_id = req->body_id,
		                         .on = from > jan1 ? from : jan1,
		                         .override_reason = w->in.override_reason,
		                         .request_id = c->id,
		                         .subject = "correction",
		                         .detail = what};
		int rc = lock_guard(db, c, &ch, c->detail, sizeof c->detail);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* The record_corrected event's payload, the due date's move added once the projection is known. */
static json_t *payload_new(const struct correct *w, const struct ogi_intake *before,
                           const struct ogi_correction_result *res)
{
	json_t *changes = ogi_correction_changes(before, res);
	if (changes == NULL)
		return NULL;
	json_t *p = json_pack("{s:s, s:o}", "reason", w->in.reason, "changes", changes);
	if (p != NULL && w->in.override_reason != NULL)
		json_object_set_new(p, "override_reason", json_string(w->in.override_reason));
	return p;
}

/* The receipt date's checks: the same regulation, and a history that still holds. */
static int receipt_checks(struct correct *w, const struct ogi_calendar *cal,
                          const struct ogi_request *req, const struct ogi_correction_result *res,
                          const struct ogi_event_list *events)
{
	struct ctx *c = w->c;
	if (!(res->changed & OGI_CORR_BIT(OGI_CORR_RECEIVED_ON)))
		return 0;
	ogi_date to = res->after.received_on;
	if (ogi_regime_for(to) != ogi_regime_for(req->received_on)) {
		char d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN];
		ctx_detail(
		    c,
		    "received %s falls under the %s regime, %s under the %s regime: register "
		    "the application anew",
		    ogi_date_format(req->received_on, d1),
		    ogi_regime_names[ogi_regime_for(req->received_on)], ogi_date_format(to, d2),
		    ogi_regime_names[ogi_regime_for(to)]);
		return OGI_E_CORRECTION_REGIME_CHANGE;
	}
	size_t at = 0;
	int rc =
	    ogi_projection_recheck(cal, to, events->e, events->n, &at, c->detail, sizeof c->detail);
	return rc == 0 ? 0 : OGI_E_CORRECTION_BREAKS_HISTORY;
}

static int correct_attempt(struct ogi_db *db, struct correct *w, const struct ogi_request *req,
                           struct ogi_event_list *events, const struct ogi_calendar *cal)
{
	struct ctx *c = w->c;
	if (w->if_match != req->version) {
		ctx_detail(c, "you had version %lld; the request is now at version %lld",
		           w->if_match == IF_MATCH_NO_VERSION ? 0 : w->if_match, req->version);
		return OGI_E_PRECONDITION_FAILED;
	}
	struct ogi_intake before = registration_of(req);
	struct ogi_correction_result res;
	if (!ogi_correction_apply(&before, &w->in.corr, ogi_today(), &res, &w->errs))
		return OGI_E_INVALID_INPUT;
	if (res.changed == 0) {
		ctx_detail(c, "every value given is the one registered");
		return OGI_E_CORRECTION_NO_CHANGE;
	}
	int rc = ogi_db_events_load(db, c->id, events);
	if (rc == 0)
		rc = receipt_checks(w, cal, req, &res, events);
	if (rc == 0 && alters_figures(&before, &res))
		rc = year_locks(db, w, req, &res);
	if (rc != 0)
		return rc;
	json_t *payload = payload_new(w, &before, &res);
	ogi_date today = ogi_today();
	struct ogi_event next = {.type = OGI_EV_RECORD_CORRECTED, .on = today, .payload = payload};
	if (payload == NULL || !ogi_event_list_push(events, &next))
		return OGI_DB_HARD;
	struct ogi_projection pr;
	ogi_projection_compute(cal, res.after.received_on, events->e, events->n, &pr);
	if (pr.due_on != req->due_on) {
		/* the timeline says how the due date moved (the list holds the payload too) */
		char d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN];
		json_object_set_new(payload, "due_on",
		                    json_pack("{s:o, s:o}", "from",
		                              req->due_on == OGI_DATE_NONE
		                                  ? json_null()
		                                  : json_string(ogi_date_format(req->due_on, d1)),
		                              "to",
		                              pr.due_on == OGI_DATE_NONE
		                                  ? json_null()
		                                  : json_string(ogi_date_format(pr.due_on, d2))));
	}
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	struct ogi_request row;
	rc = ogi_db_request_correct(db, c->id, req->body_id, &res.after, &pr, today, payload,
	                            &actor, &row);
	ogi_projection_free(&pr);
	if (rc == OGI_E_HISTORY_FULL)
		ctx_detail(c, "request %lld already has %d events", c->id, OGI_EVENTS_MAX);
	if (rc != 0)
		return rc;
	json_decref(w->out);
	w->out = wire_request(&row, request_shows_full_id(c, &row));
	w->version = row.version;
	ogi_request_free(&row);
	return 0;
}

static int correct_tx(struct ogi_db *db, void *cls)
{
	struct correct *w = cls;
	struct ctx *c = w->c;
	w->errs.n = 0;
	struct ogi_request req;
	int rc = request_for(c, db, c->id, true, OGI_ROLE_CLERK, &req);
	if (rc == OGI_E_FORBIDDEN)
		ctx_detail(c,
		           "correcting a registration needs the clerk role on the request's body");
	if (rc != 0)
		return rc;
	struct ogi_event_list events = {0};
	struct calendar_ref cal = calendar_acquire();
	rc = correct_attempt(db, w, &req, &events, cal.cal);
	calendar_release(cal);
	ogi_event_list_free(&events);
	ogi_request_free(&req);
	return rc;
}

enum MHD_Result h_request_patch(struct ctx *c)
{
	struct correct w = {.c = c};
	if (!wire_correction_parse(c->json, &w.in, &w.errs) ||
	    (w.if_match = if_match(c, &w.errs, "请求", "the request's")) < 0)
		return reply_invalid(c, &w.errs);
	if (w.if_match == 0)
		return reply_problem(c, OGI_E_PRECONDITION_REQUIRED,
		                     "send If-Match with the request's ETag (its version)");
	c->errs = &w.errs;
	enum MHD_Result result;
	if (!tx(c, "correct registration", correct_tx, &w, &result)) {
		json_decref(w.out);
		return result;
	}
	return reply_json_etag(c, 200, w.out, w.version, NULL);
}

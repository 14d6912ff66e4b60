/* POST /api/v1/requests/{id}/letters/{letter_id}/deliveries {method,
 * sent_on?, post_tracking_no?, served_on?, signed_by?, note?}: a clerk
 * records how an issued letter was served (送达), on a closed request too.
 * Post needs sent_on; no date lies before the letter's date or after today;
 * served_on is not before sent_on.  Its legal date (lib/letter_record.h:
 * the day of signature; for post the day handed to the post office,
 * 国办公开办函〔2016〕235号) once known puts a letter_served event on the
 * timeline, and for the reply letter moves replied_late and the remedy
 * windows.  201 with the delivery, its version as ETag. */
#include "daemon/core/letter_case.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/letter_json.h"
#include "lib/db/letters.h"

struct deliver {
	struct ctx *c;
	json_t *body;
	struct spec_errors errs;
	struct ogi_letter_delivery out;
};

bool in_deliveries_post(json_t *body, struct spec_errors *errs)
{
	struct ogi_letter_delivery d = {.sent_on = OGI_DATE_NONE, .served_on = OGI_DATE_NONE};
	bool ok = delivery_parse(body, true, &d, errs);
	ogi_letter_delivery_free(&d);
	return ok;
}

static int deliver_attempt(struct ogi_db *db, struct deliver *w, struct letter_case *lc,
                           struct ogi_letter_record *l, struct ogi_letter_delivery *d)
{
	struct ctx *c = w->c;
	int rc = letter_case_load(db, c, true, false, lc);
	if (rc == 0)
		rc = letter_case_allows(c, lc, OGI_ROLE_CLERK, "recording a letter's service");
	if (rc == 0 && (rc = ogi_db_letter_get(db, c->id, c->id2, true, l)) == OGI_E_NOT_FOUND)
		ctx_detail(c, "no letter %lld of request %lld", c->id2, c->id);
	if (rc != 0)
		return rc;
	if (l->status != OGI_LETTER_STATUS_ISSUED) {
		ctx_detail(c, "letter %lld is %s: only an issued letter is served", l->id,
		           ogi_letter_status_names[l->status]);
		return OGI_E_LETTER_NOT_ISSUED;
	}
	if (l->ndeliveries >= OGI_DELIVERIES_PER_LETTER_MAX) {
		ctx_detail(c, "letter %lld already has %d deliveries", l->id, l->ndeliveries);
		return OGI_E_DELIVERIES_FULL;
	}
	*d = (struct ogi_letter_delivery){.letter_id = l->id,
	                                  .request_id = c->id,
	                                  .body_id = lc->req.body_id,
	                                  .sent_on = OGI_DATE_NONE,
	                                  .served_on = OGI_DATE_NONE};
	if (!delivery_parse(w->body, true, d, &w->errs) ||
	    !ogi_delivery_check(d, l->letter_date, ogi_today(), false, &w->errs))
		return OGI_E_INVALID_INPUT;
	d->legal_on = ogi_service_legal_date(d->method, d->sent_on, d->served_on);
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	ogi_letter_delivery_free(&w->out);
	if ((rc = ogi_db_delivery_insert(db, d, &actor, &w->out)) != 0)
		return rc;
	return letter_case_served(db, c, lc, l, &w->out, OGI_DATE_NONE);
}

static int deliver_tx(struct ogi_db *db, void *cls)
{
	struct deliver *w = cls;
	w->errs.n = 0;
	struct letter_case lc;
	struct ogi_letter_record l = {0};
	struct ogi_letter_delivery d = {0};
	int rc = deliver_attempt(db, w, &lc, &l, &d);
	ogi_letter_delivery_free(&d);
	ogi_letter_record_free(&l);
	letter_case_free(&lc);
	return rc;
}

enum MHD_Result h_deliveries_post(struct ctx *c)
{
	struct deliver w = {.c = c, .body = c->json};
	if (!in_deliveries_post(c->json, &w.errs))
		return reply_invalid(c, &w.errs);
	c->errs = &w.errs;
	enum MHD_Result result;
	if (!tx(c, "record service", deliver_tx, &w, &result)) {
		ogi_letter_delivery_free(&w.out);
		return result;
	}
	json_t *out = wire_delivery(&w.out);
	long long version = w.out.version;
	ogi_letter_delivery_free(&w.out);
	return reply_json_etag(c, 201, out, version, NULL);
}

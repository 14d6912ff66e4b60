/* PATCH /api/v1/requests/{id}/letters/{letter_id}/deliveries/{delivery_id}
 * (If-Match required): a clerk completes or corrects a delivery — the
 * signed return arrives weeks after the posting — on a closed request too;
 * a field given as null is cleared.  The checks of POST apply; a legal date
 * once known is corrected, not removed.  When the legal date becomes known
 * or changes, a letter_served event records it (the latest counts).  200
 * with the delivery; a stale If-Match 412, a missing one 428. */
#include "daemon/core/letter_case.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/letter_json.h"
#include "lib/db/letters.h"

struct amend {
	struct ctx *c;
	long long if_match;
	struct spec_errors errs;
	struct ogi_letter_delivery out;
};

bool in_delivery_patch(json_t *body, struct spec_errors *errs)
{
	struct ogi_letter_delivery d = {.sent_on = OGI_DATE_NONE, .served_on = OGI_DATE_NONE};
	bool ok = delivery_parse(body, false, &d, errs);
	ogi_letter_delivery_free(&d);
	return ok;
}

static int amend_attempt(struct ogi_db *db, struct amend *w, struct letter_case *lc,
                         struct ogi_letter_record *l, struct ogi_letter_delivery *d)
{
	struct ctx *c = w->c;
	int rc = letter_case_load(db, c, true, false, lc);
	if (rc == 0)
		rc = letter_case_allows(c, lc, OGI_ROLE_CLERK, "recording a letter's service");
	if (rc == 0 && (rc = ogi_db_letter_get(db, c->id, c->id2, true, l)) == OGI_E_NOT_FOUND)
		ctx_detail(c, "no letter %lld of request %lld", c->id2, c->id);
	if (rc == 0 && (rc = ogi_db_delivery_get(db, l->id, c->id3, true, d)) == OGI_E_NOT_FOUND)
		ctx_detail(c, "no delivery %lld of letter %lld", c->id3, c->id2);
	if (rc != 0)
		return rc;
	if (w->if_match != d->version) {
		ctx_detail(c, "you had version %lld; the delivery is now at version %lld",
		           w->if_match, d->version);
		return OGI_E_PRECONDITION_FAILED;
	}
	ogi_date was = d->legal_on;
	if (!delivery_parse(c->json, false, d, &w->errs) ||
	    !ogi_delivery_check(d, l->letter_date, ogi_today(), was != OGI_DATE_NONE, &w->errs))
		return OGI_E_INVALID_INPUT;
	d->legal_on = ogi_service_legal_date(d->method, d->sent_on, d->served_on);
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	ogi_letter_delivery_free(&w->out);
	if ((rc = ogi_db_delivery_update(db, d, &actor, &w->out)) != 0)
		return rc;
	/* a voided letter's service is kept as a fact; the clock no longer counts it */
	return letter_case_served(db, c, lc, l, &w->out, was);
}

static int amend_tx(struct ogi_db *db, void *cls)
{
	struct amend *w = cls;
	w->errs.n = 0;
	struct letter_case lc;
	struct ogi_letter_record l = {0};
	struct ogi_letter_delivery d = {0};
	int rc = amend_attempt(db, w, &lc, &l, &d);
	ogi_letter_delivery_free(&d);
	ogi_letter_record_free(&l);
	letter_case_free(&lc);
	return rc;
}

enum MHD_Result h_delivery_patch(struct ctx *c)
{
	struct amend w = {.c = c};
	if (!in_delivery_patch(c->json, &w.errs) ||
	    (w.if_match = if_match(c, &w.errs, "送达记录", "the delivery's")) < 0)
		return reply_invalid(c, &w.errs);
	if (w.if_match == 0)
		return reply_problem(c, OGI_E_PRECONDITION_REQUIRED,
		                     "send If-Match with the delivery's ETag (its version)");
	c->errs = &w.errs;
	enum MHD_Result result;
	if (!tx(c, "change service", amend_tx, &w, &result)) {
		ogi_letter_delivery_free(&w.out);
		return result;
	}
	json_t *out = wire_delivery(&w.out);
	long long version = w.out.version;
	ogi_letter_delivery_free(&w.out);
	return reply_json_etag(c, 200, out, version, NULL);
}

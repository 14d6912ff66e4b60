/* PATCH /api/v1/requests/{id}/reconsiderations/{reconsideration_id}:
 * records what happened next (acceptance, decision, service, an order to
 * reply anew) or corrects a field; a recorded decision changes only with a
 * correction_reason.  If-Match guards the version; a change that changes
 * nothing writes nothing.  Answered with the record and its ETag. */
#include "daemon/core/calendar_cache.h"
#include "daemon/core/remedy_tx.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/reconsideration_json.h"
#include "lib/db/reconsiderations.h"
#include "lib/remedies.h"

struct change {
	struct ctx *c;
	struct reconsideration_input in;
	struct spec_errors errs;
	long long if_match;
	struct ogi_remedy_owner owner;
	struct ogi_reconsideration before, r;
};

bool in_reconsideration_patch(json_t *body, struct spec_errors *errs)
{
	struct reconsideration_input in;
	return reconsideration_input_parse(body, false, &in, errs);
}

static int change_tx(struct ogi_db *db, void *cls)
{
	struct change *w = cls;
	struct ctx *c = w->c;
	w->errs.n = 0;
	int rc = remedy_owner_load(db, c, true, OGI_ROLE_CLERK, &w->owner);
	if (rc != 0)
		return rc;
	rc = ogi_db_reconsideration_get(db, c->id, c->id2, true, &w->before);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no reconsideration %lld of request %lld", c->id2, c->id);
	if (rc == 0)
		rc = remedy_stale(c, w->if_match, w->before.version);
	if (rc != 0)
		return rc;
	w->r = w->before;
	reconsideration_input_apply(&w->in, &w->r, &w->errs);
	struct remedy_change ch = {.c = c,
	                           .owner = &w->owner,
	                           .correction_reason = w->in.correction_reason,
	                           .override_reason = w->in.override_reason};
	return reconsideration_save(db, &ch, &w->before, &w->r);
}

enum MHD_Result h_reconsideration_patch(struct ctx *c)
{
	struct change w = {.c = c};
	if (!reconsideration_input_parse(c->json, false, &w.in, &w.errs) ||
	    (w.if_match = if_match(c, &w.errs, "记录", "the record's")) < 0)
		return reply_invalid(c, &w.errs);
	c->errs = &w.errs;
	enum MHD_Result result;
	if (!tx(c, "change reconsideration", change_tx, &w, &result))
		return result;
	struct calendar_ref cal = calendar_acquire();
	json_t *out = wire_reconsideration(cal.cal, &w.r, &w.owner);
	calendar_release(cal);
	return reply_json_etag(c, 200, out, w.r.version, NULL);
}

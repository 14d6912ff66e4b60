/* PATCH /api/v1/requests/{id}/litigations/{litigation_id}: changes a
 * litigation's own fields (filing date, court, case number, route, the
 * reconsideration it follows, notes); its instances follow (the first is
 * filed with it) and the whole is checked again.  If-Match guards the
 * version; a change that changes nothing writes nothing.  Answered with
 * the record and its ETag. */
#include <stdlib.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/remedy_tx.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/litigation_json.h"
#include "lib/remedies.h"

struct change {
	struct ctx *c;
	struct litigation_input in;
	struct spec_errors errs;
	long long if_match;
	struct ogi_remedy_owner owner;
	struct ogi_litigation before, l;
};

bool in_litigation_patch(json_t *body, struct spec_errors *errs)
{
	struct litigation_input in;
	return litigation_input_parse(body, LIT_BODY_CHANGE, &in, errs);
}

static int change_tx(struct ogi_db *db, void *cls)
{
	struct change *w = cls;
	w->errs.n = 0;
	int rc = remedy_owner_load(db, w->c, true, OGI_ROLE_CLERK, &w->owner);
	if (rc == 0)
		rc = litigation_open(db, w->c, w->if_match, &w->before);
	if (rc != 0)
		return rc;
	w->l = w->before;
	litigation_input_apply(&w->in, &w->l, &w->errs);
	struct remedy_change ch = {
	    .c = w->c, .owner = &w->owner, .override_reason = w->in.override_reason};
	return litigation_save(db, &ch, LIT_CHANGE, &w->before, &w->l, -1);
}

enum MHD_Result h_litigation_patch(struct ctx *c)
{
	struct change *w = calloc(1, sizeof *w);
	if (w == NULL)
		return MHD_NO;
	w->c = c;
	enum MHD_Result result;
	if (!litigation_input_parse(c->json, LIT_BODY_CHANGE, &w->in, &w->errs) ||
	    (w->if_match = if_match(c, &w->errs, "记录", "the record's")) < 0) {
		result = reply_invalid(c, &w->errs);
	} else {
		c->errs = &w->errs;
		if (tx(c, "change litigation", change_tx, w, &result)) {
			struct calendar_ref cal = calendar_acquire();
			json_t *out = wire_litigation(cal.cal, &w->l, &w->owner);
			calendar_release(cal);
			result = reply_json_etag(c, 200, out, w->l.version, NULL);
		}
		c->errs = NULL;
	}
	free(w);
	return result;
}

/* POST /api/v1/requests/{id}/reconsiderations: files a reconsideration
 * (行政复议) of the request — the authority, the filing date and what is
 * known so far; answered with the record (201, Location, ETag).  A late
 * filing is accepted and flagged; the change goes through the year lock of
 * the report that counts it. */
#include <stdio.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/remedy_tx.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/reconsideration_json.h"
#include "lib/remedies.h"

struct filing {
	struct ctx *c;
	struct reconsideration_input in;
	struct spec_errors errs;
	struct ogi_remedy_owner owner;
	struct ogi_reconsideration r;
};

bool in_reconsiderations_post(json_t *body, struct spec_errors *errs)
{
	struct reconsideration_input in;
	return reconsideration_input_parse(body, true, &in, errs);
}

static int file_tx(struct ogi_db *db, void *cls)
{
	struct filing *f = cls;
	f->errs.n = 0;
	int rc = remedy_owner_load(db, f->c, true, OGI_ROLE_CLERK, &f->owner);
	if (rc != 0)
		return rc;
	ogi_reconsideration_init(&f->r, &f->owner);
	reconsideration_input_apply(&f->in, &f->r, &f->errs);
	struct remedy_change ch = {
	    .c = f->c, .owner = &f->owner, .override_reason = f->in.override_reason};
	return reconsideration_save(db, &ch, NULL, &f->r);
}

enum MHD_Result h_reconsiderations_post(struct ctx *c)
{
	struct filing f = {.c = c};
	if (!reconsideration_input_parse(c->json, true, &f.in, &f.errs) ||
	    if_match(c, &f.errs, "记录", "the record's") < 0)
		return reply_invalid(c, &f.errs);
	c->errs = &f.errs;
	enum MHD_Result result;
	if (!tx(c, "file reconsideration", file_tx, &f, &result))
		return result;
	struct calendar_ref cal = calendar_acquire();
	json_t *out = wire_reconsideration(cal.cal, &f.r, &f.owner);
	calendar_release(cal);
	char location[128];
	snprintf(location, sizeof location, "/api/v1/requests/%lld/reconsiderations/%lld", c->id,
	         f.r.id);
	return reply_json_etag(c, 201, out, f.r.version, location);
}

/* POST /api/v1/requests/{id}/litigations: files a litigation (行政诉讼)
 * of the request — directly or after a reconsideration — with its first
 * instance and what is known of it; answered with the record (201,
 * Location, ETag).  The suit's lawful moment is checked against the
 * request's reconsiderations (lib/remedies.h); a late one is accepted and
 * flagged; the change goes through the year lock. */
#include <stdio.h>
#include <stdlib.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/remedy_tx.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/litigation_json.h"
#include "daemon/wire/remedy_json.h"
#include "lib/remedies.h"

struct filing {
	struct ctx *c;
	struct litigation_input in;
	struct spec_errors errs;
	struct ogi_remedy_owner owner;
	struct ogi_litigation l;
};

bool in_litigations_post(json_t *body, struct spec_errors *errs)
{
	struct litigation_input in;
	return litigation_input_parse(body, LIT_BODY_FILE, &in, errs);
}

static int file_tx(struct ogi_db *db, void *cls)
{
	struct filing *f = cls;
	f->errs.n = 0;
	int rc = remedy_owner_load(db, f->c, true, OGI_ROLE_CLERK, &f->owner);
	if (rc != 0)
		return rc;
	struct ogi_litigation *l = &f->l;
	ogi_litigation_init(l, &f->owner);
	litigation_input_apply(&f->in, l, &f->errs);
	/* the first instance: filed with the litigation, before its court, under its case number */
	struct ogi_litigation_instance *x = &l->inst[0];
	wire_copy_text(x->court, sizeof x->court, &x->has_court, l->court);
	instance_input_apply(&f->in, x);
	wire_copy_text(x->case_no, sizeof x->case_no, &x->has_case_no,
	               l->has_case_no ? l->case_no : NULL);
	ogi_instance_validate(x, ogi_today(), &f->errs);
	struct remedy_change ch = {
	    .c = f->c, .owner = &f->owner, .override_reason = f->in.override_reason};
	return litigation_save(db, &ch, LIT_FILE, NULL, l, 0);
}

/* The new record as the API shows it, with its Location. */
static enum MHD_Result reply_filed(struct ctx *c, const struct filing *f)
{
	struct calendar_ref cal = calendar_acquire();
	json_t *out = wire_litigation(cal.cal, &f->l, &f->owner);
	calendar_release(cal);
	char location[128];
	snprintf(location, sizeof location, "/api/v1/requests/%lld/litigations/%lld", c->id,
	         f->l.id);
	return reply_json_etag(c, 201, out, f->l.version, location);
}

enum MHD_Result h_litigations_post(struct ctx *c)
{
	struct filing *f = calloc(1, sizeof *f);
	if (f == NULL)
		return MHD_NO;
	f->c = c;
	enum MHD_Result result;
	if (!litigation_input_parse(c->json, LIT_BODY_FILE, &f->in, &f->errs) ||
	    if_match(c, &f->errs, "记录", "the record's") < 0) {
		result = reply_invalid(c, &f->errs);
	} else {
		c->errs = &f->errs;
		if (tx(c, "file litigation", file_tx, f, &result))
			result = reply_filed(c, f);
		c->errs = NULL;
	}
	free(f);
	return result;
}

/* POST /api/v1/requests/{id}/litigations/{litigation_id}/instances: files
 * the next instance of a litigation (an appeal, a retrial, the first
 * instance again after a remand) in the lawful order; answered with the
 * litigation (201, the instance's Location, the litigation's ETag). */
#include <stdio.h>
#include <stdlib.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/remedy_tx.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/litigation_json.h"
#include "lib/refuse.h"
#include "lib/remedies.h"

struct filing {
	struct ctx *c;
	struct litigation_input in;
	struct spec_errors errs;
	long long if_match;
	struct ogi_remedy_owner owner;
	struct ogi_litigation before, l;
	int seq; /* the new instance's */
};

bool in_instances_post(json_t *body, struct spec_errors *errs)
{
	struct litigation_input in;
	return litigation_input_parse(body, INSTANCE_BODY_FILE, &in, errs);
}

static int file_tx(struct ogi_db *db, void *cls)
{
	struct filing *f = cls;
	struct ctx *c = f->c;
	f->errs.n = 0;
	int rc = remedy_owner_load(db, c, true, OGI_ROLE_CLERK, &f->owner);
	if (rc == 0)
		rc = litigation_open(db, c, f->if_match, &f->before);
	if (rc != 0)
		return rc;
	struct ogi_litigation *l = &f->l;
	*l = f->before;
	if (l->ninst >= OGI_INSTANCES_MAX)
		return ogi_refuse(c->detail, sizeof c->detail, OGI_E_INSTANCE_ORDER,
		                  "at most %d instances", OGI_INSTANCES_MAX);
	int i = l->ninst++;
	f->seq = l->ninst;
	ogi_instance_init(&l->inst[i], f->seq);
	instance_input_apply(&f->in, &l->inst[i]);
	ogi_instance_validate(&l->inst[i], ogi_today(), &f->errs);
	struct remedy_change ch = {
	    .c = c, .owner = &f->owner, .override_reason = f->in.override_reason};
	return litigation_save(db, &ch, INSTANCE_FILE, &f->before, l, i);
}

/* The litigation as the API shows it, with the new instance's Location. */
static enum MHD_Result reply_filed(struct ctx *c, const struct filing *f)
{
	struct calendar_ref cal = calendar_acquire();
	json_t *out = wire_litigation(cal.cal, &f->l, &f->owner);
	calendar_release(cal);
	char location[160];
	snprintf(location, sizeof location, "/api/v1/requests/%lld/litigations/%lld/instances/%d",
	         c->id, f->l.id, f->seq);
	return reply_json_etag(c, 201, out, f->l.version, location);
}

enum MHD_Result h_instances_post(struct ctx *c)
{
	struct filing *f = calloc(1, sizeof *f);
	if (f == NULL)
		return MHD_NO;
	f->c = c;
	enum MHD_Result result;
	if (!litigation_input_parse(c->json, INSTANCE_BODY_FILE, &f->in, &f->errs) ||
	    (f->if_match = if_match(c, &f->errs, "记录", "the record's")) < 0) {
		result = reply_invalid(c, &f->errs);
	} else {
		c->errs = &f->errs;
		if (tx(c, "file instance", file_tx, f, &result))
			result = reply_filed(c, f);
		c->errs = NULL;
	}
	free(f);
	return result;
}

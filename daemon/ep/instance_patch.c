/* PATCH /api/v1/requests/{id}/litigations/{litigation_id}/instances/{seq}:
 * records what happened in an instance (service, hearing, judgment, an
 * order to reply anew) or corrects it; a recorded judgment changes only
 * with a correction_reason, and the first instance's filing date is the
 * litigation's.  If-Match guards the litigation's version; a change that
 * changes nothing writes nothing.  Answered with the litigation. */
#include <stdlib.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/remedy_tx.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/litigation_json.h"
#include "daemon/wire/remedy_json.h"
#include "lib/refuse.h"
#include "lib/remedies.h"

struct change {
	struct ctx *c;
	struct litigation_input in;
	struct spec_errors errs;
	long long if_match;
	struct ogi_remedy_owner owner;
	struct ogi_litigation before, l;
};

bool in_instance_patch(json_t *body, struct spec_errors *errs)
{
	struct litigation_input in;
	return litigation_input_parse(body, INSTANCE_BODY_CHANGE, &in, errs);
}

/* The index of instance {seq} of l, or −1. */
static int instance_of(const struct ogi_litigation *l, long long seq)
{
	for (int i = 0; i < l->ninst; i++)
		if (l->inst[i].seq == seq)
			return i;
	return -1;
}

static int change_tx(struct ogi_db *db, void *cls)
{
	struct change *w = cls;
	struct ctx *c = w->c;
	w->errs.n = 0;
	int rc = remedy_owner_load(db, c, true, OGI_ROLE_CLERK, &w->owner);
	if (rc == 0)
		rc = litigation_open(db, c, w->if_match, &w->before);
	if (rc != 0)
		return rc;
	struct ogi_litigation *l = &w->l;
	*l = w->before;
	int i = instance_of(l, c->id3);
	if (i < 0)
		return ogi_refuse(c->detail, sizeof c->detail, OGI_E_NOT_FOUND,
		                  "no instance %lld of litigation %lld", c->id3, l->id);
	struct ogi_litigation_instance *x = &l->inst[i];
	if (x->seq == 1 && wire_given(w->in.body, "filed_on")) {
		spec_error_add(&w->errs, "filed_on", "unexpected",
		               "第一审的立案日期即诉讼的起诉日期，请修改诉讼记录",
		               "the first instance is filed with the litigation: change the "
		               "litigation's filed_on");
		return OGI_E_INVALID_INPUT;
	}
	instance_input_apply(&w->in, x);
	ogi_instance_validate(x, ogi_today(), &w->errs);
	const char *reason = w->in.correction_reason;
	if (w->errs.n == 0 && (rc = ogi_instance_correction(&w->before.inst[i], x,
	                                                    reason != NULL && reason[0] != '\0',
	                                                    c->detail, sizeof c->detail)) != 0)
		return rc;
	struct remedy_change ch = {.c = c,
	                           .owner = &w->owner,
	                           .correction_reason = reason,
	                           .override_reason = w->in.override_reason};
	return litigation_save(db, &ch, INSTANCE_CHANGE, &w->before, l, i);
}

enum MHD_Result h_instance_patch(struct ctx *c)
{
	struct change *w = calloc(1, sizeof *w);
	if (w == NULL)
		return MHD_NO;
	w->c = c;
	enum MHD_Result result;
	if (!litigation_input_parse(c->json, INSTANCE_BODY_CHANGE, &w->in, &w->errs) ||
	    (w->if_match = if_match(c, &w->errs, "记录", "the record's")) < 0) {
		result = reply_invalid(c, &w->errs);
	} else {
		c->errs = &w->errs;
		if (tx(c, "change instance", change_tx, w, &result)) {
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

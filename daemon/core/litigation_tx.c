/* A litigation's save after a change (see remedy_tx.h): its rules against
 * the request's reconsiderations, the year lock, the litigation's row and
 * each new or changed instance's, with their audit rows. */
#include <stdbool.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/remedy_tx.h"
#include "lib/db/litigations.h"
#include "lib/db/reconsiderations.h"

int litigation_open(struct ogi_db *db, struct ctx *c, long long if_match,
                    struct ogi_litigation *out)
{
	int rc = ogi_db_litigation_get(db, c->id, c->id2, true, out);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no litigation %lld of request %lld", c->id2, c->id);
	if (rc != 0)
		return rc;
	return remedy_stale(c, if_match, out->version);
}

/* Checks l against the reconsiderations of its request. */
static int validate(struct ogi_db *db, const struct remedy_change *ch, struct ogi_litigation *l)
{
	struct ctx *c = ch->c;
	struct ogi_reconsideration_list rcs = {0};
	int rc = ogi_db_reconsiderations_of(db, ch->owner->id, &rcs);
	if (rc != 0)
		return rc;
	struct calendar_ref cal = calendar_acquire();
	rc = ogi_litigation_validate(cal.cal, l, ch->owner, &rcs, ogi_today(), c->errs, c->detail,
	                             sizeof c->detail);
	calendar_release(cal);
	ogi_reconsideration_list_free(&rcs);
	return rc;
}

static bool same_fields(json_t *a, json_t *b)
{
	bool same = json_equal(a, b);
	json_decref(a);
	json_decref(b);
	return same;
}

/* Whether a change of before to l changed nothing that is stored. */
static bool unchanged(const struct ogi_litigation *before, const struct ogi_litigation *l)
{
	bool same = same_fields(ogi_litigation_fields(before), ogi_litigation_fields(l));
	for (int i = 0; same && i < l->ninst; i++)
		same = same_fields(ogi_instance_fields(&before->inst[i]),
		                   ogi_instance_fields(&l->inst[i]));
	return same;
}

/* Writes instance i of l when it is new or changed, with its audit row. */
static int instance_save(struct ogi_db *db, const struct remedy_change *ch,
                         const struct ogi_litigation *before, struct ogi_litigation *l, int i,
                         bool is_new, bool changed)
{
	struct ogi_litigation_instance *x = &l->inst[i];
	json_t *was = is_new ? NULL : ogi_instance_fields(&before->inst[i]);
	json_t *now = ogi_instance_fields(x);
	int rc = 0;
	if (is_new || !json_equal(was, now)) {
		rc = is_new ? ogi_db_instance_insert(db, l, x) : ogi_db_instance_update(db, l, x);
		if (rc == 0)
			rc = remedy_audit(db, ch->c, "litigation_instance", x->id, was, now,
			                  changed ? ch->correction_reason : NULL);
	}
	json_decref(was);
	json_decref(now);
	return rc;
}

int litigation_save(struct ogi_db *db, const struct remedy_change *ch, enum litigation_op op,
                    const struct ogi_litigation *before, struct ogi_litigation *l, int changed)
{
	struct ctx *c = ch->c;
	if (c->errs->n > 0)
		return OGI_E_INVALID_INPUT;
	int rc = validate(db, ch, l);
	if (rc != 0)
		return rc;
	/* a PATCH that changes nothing writes nothing (no new version, no history) */
	if (before != NULL && op != INSTANCE_FILE && unchanged(before, l))
		return 0;
	struct ogi_remedy_count k_now = ogi_litigation_count(l), k_was;
	if (before != NULL)
		k_was = ogi_litigation_count(before);
	rc = remedy_guard(db, ch, "litigation", before != NULL ? &k_was : NULL,
	                  before != NULL ? before->filed_on : OGI_DATE_NONE, &k_now, l->filed_on);
	if (rc != 0)
		return rc;

	/* the litigation, then every instance that is new or changed; a change of an
	   instance alone counts as one of the litigation (its version, its ETag) */
	rc = op == LIT_FILE     ? ogi_db_litigation_insert(db, l, c->auth.user_id)
	     : op == LIT_CHANGE ? ogi_db_litigation_update(db, l)
	                        : ogi_db_litigation_touch(db, l);
	if (rc == 0 && (op == LIT_FILE || op == LIT_CHANGE)) {
		json_t *was = before != NULL ? ogi_litigation_fields(before) : NULL;
		json_t *now = ogi_litigation_fields(l);
		rc = remedy_audit(db, c, "litigation", l->id, was, now, NULL);
		json_decref(was);
		json_decref(now);
	}
	for (int i = 0; i < l->ninst && rc == 0; i++) {
		bool is_new = op == LIT_FILE || (op == INSTANCE_FILE && i == changed);
		rc = instance_save(db, ch, before, l, i, is_new, i == changed);
	}
	return rc;
}

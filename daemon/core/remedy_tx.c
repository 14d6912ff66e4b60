/* The glue of the remedy routes (see remedy_tx.h): the owner, the audit
 * rows, the year lock, and a reconsideration's save. */
#include "daemon/core/remedy_tx.h"

#include <stdio.h>
#include <stdlib.h>

#include "daemon/core/lock_guard.h" /* lock_guard, until it moves to daemon/core */
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h" /* audit_record, until daemon/core has its header */
#include "lib/db/reconsiderations.h"
#include "lib/refuse.h"

int remedy_owner_load(struct ogi_db *db, struct ctx *c, bool lock, enum ogi_role role,
                      struct ogi_remedy_owner *out)
{
	struct ogi_request req;
	int rc = request_for(c, db, c->id, lock, role, &req);
	if (rc == OGI_E_FORBIDDEN)
		ctx_detail(c, "needs the %s role", ogi_role_names[role]);
	if (rc != 0)
		return rc;
	ogi_remedy_owner_of(&req, out);
	ogi_request_free(&req);
	return 0;
}

int remedy_stale(struct ctx *c, long long if_match, long long version)
{
	if (if_match <= 0 || if_match == version)
		return 0;
	return ogi_refuse(c->detail, sizeof c->detail, OGI_E_PRECONDITION_FAILED,
	                  "you had version %lld; the record is at version %lld",
	                  if_match == IF_MATCH_NO_VERSION ? 0 : if_match, version);
}

int remedy_audit(struct ogi_db *db, struct ctx *c, const char *entity, long long id, json_t *before,
                 json_t *after, const char *reason)
{
	json_t *old_v = json_object(), *new_v = json_object();
	const char *key;
	json_t *value;
	json_object_foreach(after, key, value)
	{
		json_t *was = before ? json_object_get(before, key) : NULL;
		if (before == NULL || was == NULL || !json_equal(was, value)) {
			if (before)
				json_object_set(old_v, key, was ? was : json_null());
			json_object_set(new_v, key, value);
		}
	}
	int rc = 0;
	if (json_object_size(new_v) > 0 || before == NULL) {
		if (reason != NULL)
			json_object_set_new(new_v, "correction_reason", json_string(reason));
		rc = audit_record(db, &c->auth, entity, id, before ? "update" : "create",
		                  before ? old_v : NULL, new_v);
	}
	json_decref(old_v);
	json_decref(new_v);
	return rc;
}

/* table 四's blocks as the amendment names them (lib/report.h's order) */
static const char *const block_zh[] = {"行政复议", "行政诉讼（未经复议直接起诉）",
                                       "行政诉讼（复议后起诉）"};

static int guard(struct ogi_db *db, const struct remedy_change *ch, const char *subject,
                 ogi_date on, const char *detail)
{
	struct lock_change lc = {.body_id = ch->owner->body_id,
	                         .on = on,
	                         .override_reason = ch->override_reason,
	                         .request_id = ch->owner->id,
	                         .subject = subject,
	                         .detail = detail};
	return lock_guard(db, ch->c, &lc, ch->c->detail, sizeof ch->c->detail);
}

/* A change that alters table 四 of a year (a record filed into it, moved out
 * of it, or whose result as of its 31 December changes) goes through the
 * year lock for each year it alters: refused in a locked year unless an
 * admin gives override_reason, then listed in that report's amendment.  A
 * change that alters no report (a decision after the year's end, a case
 * number, a hearing) is not refused. */
int remedy_guard(struct ogi_db *db, const struct remedy_change *ch, const char *subject,
                 const struct ogi_remedy_count *before, ogi_date before_filed,
                 const struct ogi_remedy_count *after, ogi_date after_filed)
{
	if (before != NULL && ogi_remedy_count_same(before, after))
		return 0;
	const struct ogi_remedy_owner *o = ch->owner;
	char detail[256], d1[OGI_DATE_STRLEN];
	if (before != NULL && before->year != after->year) {
		/* the year it leaves */
		snprintf(detail, sizeof detail, "申请%s：%s（%s申请）改为%d年，移出本年度：%s",
		         o->tracking_no, block_zh[before->block], ogi_date_format(before_filed, d1),
		         after->year, ogi_remedy_result_labels_zh[before->result]);
		int rc = guard(db, ch, subject, before_filed, detail);
		if (rc != 0)
			return rc;
		before = NULL;
	}
	ogi_date_format(after_filed, d1);
	if (before == NULL)
		snprintf(detail, sizeof detail, "申请%s：%s（%s申请）计入本年度：%s",
		         o->tracking_no, block_zh[after->block], d1,
		         ogi_remedy_result_labels_zh[after->result]);
	else if (before->block != after->block)
		snprintf(detail, sizeof detail, "申请%s：%s（%s申请）改计为%s：%s", o->tracking_no,
		         block_zh[before->block], d1, block_zh[after->block],
		         ogi_remedy_result_labels_zh[after->result]);
	else
		snprintf(detail, sizeof detail, "申请%s：%s（%s申请）结果由%s改为%s",
		         o->tracking_no, block_zh[after->block], d1,
		         ogi_remedy_result_labels_zh[before->result],
		         ogi_remedy_result_labels_zh[after->result]);
	/* dated by what changed: the decision that gives (or gave) the result, else the filing */
	ogi_date on = after->decisive_on != OGI_DATE_NONE                      ? after->decisive_on
	              : before != NULL && before->decisive_on != OGI_DATE_NONE ? before->decisive_on
	                                                                       : after_filed;
	if (before == NULL || before->block != after->block)
		on = after_filed;
	return guard(db, ch, subject, on, detail);
}

static bool given_reason(const char *s)
{
	return s != NULL && s[0] != '\0';
}

int reconsideration_save(struct ogi_db *db, const struct remedy_change *ch,
                         const struct ogi_reconsideration *before, struct ogi_reconsideration *r)
{
	struct ctx *c = ch->c;
	int rc =
	    ogi_reconsideration_validate(before, r, ch->owner, given_reason(ch->correction_reason),
	                                 ogi_today(), c->errs, c->detail, sizeof c->detail);
	if (rc != 0)
		return rc;
	json_t *was = before != NULL ? ogi_reconsideration_fields(before) : NULL;
	json_t *now = ogi_reconsideration_fields(r);
	bool unchanged = was != NULL && json_equal(was, now);
	json_decref(now);
	if (unchanged) {
		/* a PATCH that changes nothing writes nothing (no new version, no history) */
		json_decref(was);
		return 0;
	}
	struct ogi_remedy_count k_was, k_now = ogi_reconsideration_count(r);
	if (before != NULL)
		k_was = ogi_reconsideration_count(before);
	rc = remedy_guard(db, ch, "reconsideration", before != NULL ? &k_was : NULL,
	                  before != NULL ? before->filed_on : OGI_DATE_NONE, &k_now, r->filed_on);
	if (rc == 0)
		rc = before != NULL ? ogi_db_reconsideration_update(db, r)
		                    : ogi_db_reconsideration_insert(db, r, c->auth.user_id);
	if (rc == 0) {
		now = ogi_reconsideration_fields(r);
		rc = remedy_audit(db, c, "reconsideration", r->id, was, now, ch->correction_reason);
		json_decref(now);
	}
	json_decref(was);
	return rc;
}

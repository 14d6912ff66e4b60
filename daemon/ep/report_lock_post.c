/* POST /api/v1/reports/annual/{year}/{body_id}/lock [{"subtree": true}]: an
 * admin of the body freezes the year's report as published — the body's
 * own, or with its subtree — storing it as it is now (the snapshot later
 * exports compare with), with an audit row.  From then on a change to its
 * figures meets the year lock (daemon/core/lock_guard.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/report_json.h"
#include "lib/db/reports.h"
#include "lib/report_render.h"

struct lock_post {
	struct ctx *c;
	int year;
	long long body_id;
	bool subtree;
	/* results */
	json_t *out;
};

static int lock_tx(struct ogi_db *db, void *cls)
{
	struct lock_post *lp = cls;
	/* changes to this year in flight finish first; new ones wait for us and then see the lock
	 */
	int rc = ogi_db_lock_year_exclusive(db, lp->body_id, lp->year);
	if (rc != 0)
		return rc;
	struct ogi_report_lock lock;
	rc = ogi_db_report_lock_get(db, lp->body_id, lp->year, &lock);
	if (rc == 0) {
		ctx_detail(lp->c, "the %d report of body %lld was locked at %s by %s", lp->year,
		           lp->body_id, lock.locked_at, lock.locked_by);
		return OGI_E_CONFLICT;
	}
	if (rc != OGI_E_NOT_FOUND)
		return rc;
	enum ogi_report_format f = ogi_report_format_for_year(lp->year);
	int status;
	char err[256];
	struct ogi_report *r =
	    ogi_db_report_load(db, lp->body_id, lp->year, f, lp->subtree, &status, err, sizeof err);
	if (r == NULL) {
		if (status == OGI_E_NOT_FOUND)
			ctx_detail(lp->c, "no body %lld", lp->body_id);
		return status;
	}
	json_t *snapshot = ogi_report_json(r);
	lock = (struct ogi_report_lock){
	    .body_id = lp->body_id, .year = lp->year, .subtree = lp->subtree, .format = f};
	struct ogi_actor by = {lp->c->auth.user_id, lp->c->auth.username};
	rc = ogi_db_report_lock_insert(db, &lock, snapshot, &by);
	if (rc == 0) {
		json_decref(lp->out);
		lp->out =
		    wire_report_lock(&lock, ogi_report_ok(r), json_object_get(snapshot, "checks"));
	}
	ogi_report_free(r);
	json_decref(snapshot);
	if (rc != 0)
		return rc;
	char action[32];
	snprintf(action, sizeof action, "lock %d", lp->year);
	json_t *audit =
	    json_pack("{s:i, s:b, s:s, s:s}", "year", lp->year, "subtree", lp->subtree, "format",
	              ogi_report_format_names[f], "locked_at", lock.locked_at);
	rc = audit_record(db, &lp->c->auth, "report", lp->body_id, action, NULL, audit);
	json_decref(audit);
	return rc;
}

/* The optional body of a lock: {"subtree": true}. */
static bool lock_parse(json_t *body, struct lock_post *lp, struct spec_errors *errs)
{
	bool has_subtree = false;
	struct spec spec[] = {SPEC_OPT(&has_subtree, SPEC_F_BOOL("subtree", &lp->subtree)),
	                      SPEC_END};
	return spec_parse(body, spec, errs);
}

bool in_report_lock_post(json_t *body, struct spec_errors *errs)
{
	struct lock_post lp = {0};
	return lock_parse(body, &lp, errs);
}

enum MHD_Result h_report_lock_post(struct ctx *c)
{
	struct spec_errors errs = {0};
	if (c->id < OGI_REPORT_YEAR_MIN || c->id > OGI_REPORT_YEAR_MAX) {
		wire_report_year_error(&errs, "range");
		return reply_invalid(c, &errs);
	}
	struct lock_post lp = {.c = c, .year = (int)c->id, .body_id = c->id2};
	/* the body is optional: {"subtree": true} locks the subtree report */
	if (c->body_len > 0 && strspn(c->body, " \t\r\n") < c->body_len) {
		json_error_t jerr;
		json_t *body = json_loadb(c->body, c->body_len, JSON_REJECT_DUPLICATES, &jerr);
		if (body == NULL)
			return reply_problem(c, OGI_E_MALFORMED_JSON, "line %d column %d: %s",
			                     jerr.line, jerr.column, jerr.text);
		bool ok = lock_parse(body, &lp, &errs);
		json_decref(body);
		if (!ok)
			return reply_invalid(c, &errs);
	}
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL || !require_body(c, db, lp.body_id, OGI_ROLE_ADMIN, &result))
		return result;
	if (!tx(c, "report lock", lock_tx, &lp, &result)) {
		json_decref(lp.out);
		return result;
	}
	char *text = json_dumps(lp.out, OGI_REPORT_JSON_FLAGS);
	json_decref(lp.out);
	if (text == NULL)
		return reply_problem(c, OGI_E_INTERNAL, NULL);
	result = reply_bytes(c, 201, "application/json; charset=utf-8", text, strlen(text), NULL);
	free(text);
	return result;
}

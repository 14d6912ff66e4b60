/* POST /api/v1/online-corrections/{id}/reject {reason}: a clerk returns an
 * applicant's online answer to a correction notice as not supplying what was
 * asked (退回).  The answer must still be pending (409
 * correction_answer_handled) and the clerk hold the clerk role on its
 * request's body (404 otherwise).  Nothing is recorded on the request: the
 * correction is still asked and its period runs on; the applicant sees the
 * reason on the status page and may answer again while it runs.  The audit
 * log says who.  200 with the answer. */
#include <stdlib.h>
#include <string.h>

#include "daemon/core/audit_record.h"
#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/online_json.h"
#include "lib/db/online_apps.h"
#include "lib/online.h"

#define REJECT_REASON_MAX 500

struct reject {
	struct ctx *c;
	const char *reason;
	struct ogi_correction_row row;
};

static bool reject_parse(json_t *body, struct reject *r, struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_STRING("reason", &r->reason, REJECT_REASON_MAX),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (strspn(r->reason, " \t\r\n") == strlen(r->reason))
		spec_error_add(errs, "reason", "empty", "请填写退回的理由（申请人可以看到）",
		               "give the reason (the applicant sees it)");
	return errs->n == 0;
}

bool in_online_correction_reject(json_t *body, struct spec_errors *errs)
{
	struct reject r = {0};
	return reject_parse(body, &r, errs);
}

static int reject_tx(struct ogi_db *db, void *cls)
{
	struct reject *r = cls;
	struct ctx *c = r->c;
	ogi_correction_row_free(&r->row);
	int rc = ogi_db_online_correction_get(db, c->id, &r->row);
	if (rc != 0)
		return rc;
	if (!auth_allows(&c->auth, r->row.path, r->row.npath, OGI_ROLE_CLERK)) {
		ctx_detail(c, "no online correction %lld among the bodies you record events for",
		           c->id);
		return OGI_E_NOT_FOUND;
	}
	if (strcmp(r->row.state, "pending") != 0) {
		ctx_detail(c, "the online correction is %s", r->row.state);
		return OGI_E_CORRECTION_ANSWER_HANDLED;
	}
	if ((rc = ogi_db_online_correction_decide(db, r->row.id, 0, r->reason, c->auth.user_id)) !=
	    0)
		return rc;
	json_t *audit = json_pack("{s:I, s:s}", "request_id", (json_int_t)r->row.request_id,
	                          "reason", r->reason);
	rc = audit_record(db, &c->auth, "online_correction", r->row.id, "reject", NULL, audit);
	json_decref(audit);
	if (rc != 0)
		return rc;
	ogi_correction_row_free(&r->row);
	return ogi_db_online_correction_get(db, c->id, &r->row);
}

enum MHD_Result h_online_correction_reject(struct ctx *c)
{
	struct reject *r = calloc(1, sizeof *r);
	if (r == NULL)
		return MHD_NO;
	r->c = c;
	struct spec_errors errs = {0};
	enum MHD_Result result;
	if (!reject_parse(c->json, r, &errs))
		result = reply_invalid(c, &errs);
	else if (thread_db(c, &result) != NULL &&
	         tx(c, "reject online correction", reject_tx, r, &result))
		result = reply_json(c, 200, wire_online_correction(&r->row));
	ogi_correction_row_free(&r->row);
	free(r);
	return result;
}

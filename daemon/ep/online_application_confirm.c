/* POST /api/v1/online-applications/{id}/confirm: a clerk confirms a pending
 * online application (art. 31(3): an application made online is received on
 * the day both sides confirm it).  In one transaction: the application is
 * locked and must still be pending, the clerk must hold the clerk role on
 * its body, and it is registered as a request through the ordinary intake —
 * lib/intake's ogi_intake_check and lib/db's ogi_db_request_insert, the very
 * functions POST /api/v1/requests calls — with channel online, received_on
 * and confirmed_on today (the clock starts), submitted_on the day it was
 * submitted; the year lock is met as at intake.  The files the applicant sent
 * with it (public_file_post.c) become its attachments, kind identity_copy, in
 * the case file.  201 with the request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/auth.h"
#include "daemon/core/calendar_cache.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/lock_guard.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/request_json.h"
#include "lib/db/attachments.h"
#include "lib/db/online_apps.h"
#include "lib/db/requests.h"
#include "lib/intake.h"
#include "lib/online.h"
#include "lib/projection.h"

struct confirm {
	struct ctx *c;
	struct ogi_online_row row;
	char description[OGI_ONLINE_COMPOSED_SIZE];
	json_t *out;
	long long request_id, version;
};

static int confirm_tx(struct ogi_db *db, void *cls)
{
	struct confirm *k = cls;
	struct ctx *c = k->c;
	json_decref(k->out);
	k->out = NULL;
	int rc = ogi_db_online_get(db, c->id, true, &k->row);
	if (rc != 0)
		return rc;
	if (!auth_allows(&c->auth, k->row.path, k->row.npath, OGI_ROLE_CLERK)) {
		ctx_detail(c, "no online application %lld among the bodies you register for",
		           c->id);
		return OGI_E_NOT_FOUND;
	}
	if (strcmp(k->row.state, "pending") != 0) {
		ctx_detail(c, "the online application is %s", k->row.state);
		return OGI_E_ONLINE_DECIDED;
	}
	struct ogi_online_app app;
	ogi_online_row_app(&k->row, &app);
	ogi_date today = ogi_today();
	struct ogi_intake in;
	/* submitted before it is received, whatever the clocks say */
	ogi_date submitted_on = k->row.submitted_on > today ? today : k->row.submitted_on;
	ogi_online_intake(&app, submitted_on, today, k->description, sizeof k->description, &in);
	struct spec_errors errs = {0};
	char normalized[64];
	if (!ogi_intake_check(&in, today, &errs, normalized, sizeof normalized)) {
		ctx_detail(c, "the application breaks an intake rule: %s", errs.e[0].field);
		return OGI_E_CONFLICT;
	}
	/* the ordinary intake: tracking number, row, `registered` event, due date */
	struct ogi_projection pr;
	struct calendar_ref cal = calendar_acquire();
	ogi_projection_compute(cal.cal, in.received_on, NULL, 0, &pr);
	calendar_release(cal);
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	struct ogi_request r;
	rc = ogi_db_request_insert(db, &in, &pr, &actor, &r);
	ogi_projection_free(&pr);
	if (rc != 0)
		return rc;
	k->request_id = r.id;
	k->version = r.version;
	k->out = wire_request(&r, false);
	char what[256], received[OGI_DATE_STRLEN];
	snprintf(what, sizeof what, "确认网上申请%s，登记为%s（收到申请日期%s）", k->row.number,
	         r.tracking_no, ogi_date_format(in.received_on, received));
	ogi_request_free(&r);
	struct lock_change ch = {.body_id = k->row.body_id,
	                         .on = in.received_on,
	                         .request_id = k->request_id,
	                         .subject = "intake",
	                         .detail = what};
	if ((rc = lock_guard(db, c, &ch, c->detail, sizeof c->detail)) != 0)
		return rc;
	if ((rc = ogi_db_online_decide(db, k->row.id, k->request_id, NULL, c->auth.user_id)) != 0)
		return rc;
	/* the applicant's files (an identity copy) become papers of the case file */
	int nfiles = 0;
	return ogi_db_online_files_attach(db, k->row.id, 0, k->request_id, k->row.body_id,
	                                  OGI_ATTACHMENT_CHUNK, c->auth.user_id, &nfiles);
}

enum MHD_Result h_online_application_confirm(struct ctx *c)
{
	struct confirm *k = calloc(1, sizeof *k);
	if (k == NULL)
		return MHD_NO;
	k->c = c;
	enum MHD_Result result;
	if (thread_db(c, &result) != NULL &&
	    tx(c, "confirm online application", confirm_tx, k, &result)) {
		char location[64];
		snprintf(location, sizeof location, "/api/v1/requests/%lld", k->request_id);
		result = reply_json_etag(c, 201, k->out, k->version, location);
		k->out = NULL;
	}
	json_decref(k->out);
	free(k);
	return result;
}

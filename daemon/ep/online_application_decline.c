/* POST /api/v1/online-applications/{id}/decline {reason}: a clerk declines
 * a pending online application as no application at all (spam, a
 * duplicate submission, nothing asked) — it is never registered and counts
 * in no report; the applicant's status page shows 未受理 with the reason.
 * 200 with the application. */
#include <stdlib.h>
#include <string.h>

#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/online_json.h"
#include "lib/db/online_apps.h"
#include "lib/online.h"

struct decline {
	struct ctx *c;
	const char *reason;
	struct ogi_online_row row;
};

static bool decline_parse(json_t *body, struct decline *d, struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_STRING("reason", &d->reason, OGI_ONLINE_REASON_MAX),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (strspn(d->reason, " \t\r\n") == strlen(d->reason))
		spec_error_add(errs, "reason", "empty", "请填写不予受理的理由（申请人可以看到）",
		               "give the reason (the applicant sees it)");
	return errs->n == 0;
}

bool in_online_application_decline(json_t *body, struct spec_errors *errs)
{
	struct decline d = {0};
	return decline_parse(body, &d, errs);
}

static int decline_tx(struct ogi_db *db, void *cls)
{
	struct decline *d = cls;
	struct ctx *c = d->c;
	int rc = ogi_db_online_get(db, c->id, true, &d->row);
	if (rc != 0)
		return rc;
	if (!auth_allows(&c->auth, d->row.path, d->row.npath, OGI_ROLE_CLERK)) {
		ctx_detail(c, "no online application %lld among the bodies you register for",
		           c->id);
		return OGI_E_NOT_FOUND;
	}
	if (strcmp(d->row.state, "pending") != 0) {
		ctx_detail(c, "the online application is %s", d->row.state);
		return OGI_E_ONLINE_DECIDED;
	}
	if ((rc = ogi_db_online_decide(db, d->row.id, 0, d->reason, c->auth.user_id)) != 0)
		return rc;
	return ogi_db_online_get(db, c->id, false, &d->row);
}

enum MHD_Result h_online_application_decline(struct ctx *c)
{
	struct decline *d = calloc(1, sizeof *d);
	if (d == NULL)
		return MHD_NO;
	d->c = c;
	struct spec_errors errs = {0};
	enum MHD_Result result;
	if (!decline_parse(c->json, d, &errs))
		result = reply_invalid(c, &errs);
	else if (thread_db(c, &result) != NULL &&
	         tx(c, "decline online application", decline_tx, d, &result))
		result = reply_json(c, 200, wire_online_application(&d->row, false));
	free(d);
	return result;
}

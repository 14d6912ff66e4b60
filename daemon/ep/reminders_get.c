/* GET /api/v1/reminders?status=failed|queued|sent|skipped: the e-mail digests (issue 16 item
 * 4) of the users holding a role in the bodies the caller administers or their subtrees,
 * newest day first — whom each went or goes to, its attempts, the last error and when the
 * next attempt is due — so that an administrator sees the digests that could not be sent.
 * POST /api/v1/reminders/{id}/retry puts a failed one back in the queue. */
#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/params.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/reminder_json.h"
#include <stdlib.h>

#include "lib/db/reminders.h"

#define REMINDERS_LIMIT_DEFAULT 100
#define REMINDERS_LIMIT_MAX     1000

static const char *const statuses[] = {"queued", "sent", "failed", "skipped", NULL};

enum MHD_Result h_reminders_get(struct ctx *c)
{
	struct spec_errors errs = {0};
	int status = -1;
	bool has_status, has_limit;
	long long limit = REMINDERS_LIMIT_DEFAULT;
	param_enum(c, &errs, "status", statuses, &status, &has_status);
	param_int(c, &errs, "limit", REMINDERS_LIMIT_MAX, &limit, &has_limit);
	if (errs.n > 0)
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	long long roots[OGI_MAX_GRANTS];
	int n = auth_root_ids(&c->auth, 1u << OGI_ROLE_ADMIN, roots, OGI_MAX_GRANTS);
	struct ogi_digest_rows rows;
	int rc = ogi_db_reminders_list(db, roots, n, false, has_status ? statuses[status] : NULL,
	                               limit, &rows);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *list = json_array();
	for (size_t i = 0; i < rows.n; i++)
		json_array_append_new(list, wire_digest(&rows.v[i]));
	free(rows.v);
	return reply_json(c, 200, json_pack("{s:o}", "reminders", list));
}

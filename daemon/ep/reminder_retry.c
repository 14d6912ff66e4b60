/* POST /api/v1/reminders/{id}/retry: an administrator puts a failed e-mail digest of a user
 * of its bodies (GET /api/v1/reminders) back in the queue, due now, its attempts counted
 * afresh — after the mail server or the address was put right.  Any other id, or a digest
 * that is not failed, answers 404.  Audited on the user. */
#include "daemon/core/audit_record.h"
#include "daemon/core/auth.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/reminder_json.h"
#include "lib/db/reminders.h"

struct retry {
	struct ctx *c;
	struct ogi_digest_row row;
};

static int retry_tx(struct ogi_db *db, void *cls)
{
	struct retry *r = cls;
	long long roots[OGI_MAX_GRANTS];
	int n = auth_root_ids(&r->c->auth, 1u << OGI_ROLE_ADMIN, roots, OGI_MAX_GRANTS);
	int rc = ogi_db_reminder_retry(db, r->c->id, roots, n, &r->row);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(r->c, "no failed reminder digest %lld", r->c->id);
	if (rc != 0)
		return rc;
	char day[OGI_DATE_STRLEN];
	json_t *v = json_pack("{s:I, s:s, s:s}", "reminder_id", (json_int_t)r->row.id, "day",
	                      ogi_date_format(r->row.day, day), "email", r->row.email);
	rc = audit_record(db, &r->c->auth, "user", r->row.user_id, "retry reminder", NULL, v);
	json_decref(v);
	return rc;
}

enum MHD_Result h_reminder_retry(struct ctx *c)
{
	struct retry r = {.c = c};
	enum MHD_Result result;
	if (!tx(c, "retry reminder", retry_tx, &r, &result))
		return result;
	return reply_json(c, 200, wire_digest(&r.row));
}

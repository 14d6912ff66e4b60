/* POST /api/v1/requests/{id}/attachments/{attachment_id}/void {reason}: a
 * paper put in by mistake is marked void with the reason, who and when; its
 * bytes stay (the database refuses every DELETE) and an audit row records
 * it.  Clerks and above on the request's body, closed requests too; voided
 * already: 409.  200 with the attachment. */
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/attachment_json.h"
#include "lib/db/attachments.h"

struct voiding {
	struct ctx *c;
	const char *reason;
	struct ogi_attachment out;
};

bool in_attachment_void(json_t *body, struct spec_errors *errs)
{
	const char *reason;
	return attachment_void_parse(body, &reason, errs);
}

static int void_tx(struct ogi_db *db, void *cls)
{
	struct voiding *w = cls;
	struct ctx *c = w->c;
	struct ogi_request req = {0};
	int rc = request_for(c, db, c->id, false, OGI_ROLE_CLERK, &req);
	if (rc != 0)
		return rc;
	struct ogi_attachment a;
	rc = ogi_db_attachment_get(db, req.body_id, req.id, c->id2, true, &a);
	ogi_request_free(&req);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no attachment %lld of request %lld", c->id2, c->id);
	if (rc != 0)
		return rc;
	if (a.voided) {
		ctx_detail(c, "attachment %lld was voided at %s", a.id, a.voided_at);
		return OGI_E_ATTACHMENT_ALREADY_VOID;
	}
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	if ((rc = ogi_db_attachment_void(db, a.id, w->reason, &actor, &w->out)) != 0)
		return rc;
	json_t *v = json_pack("{s:I, s:s, s:s}", "request_id", (json_int_t)a.request_id, "name",
	                      a.name, "reason", w->reason);
	rc = audit_record(db, &c->auth, "attachment", a.id, "void", NULL, v);
	json_decref(v);
	return rc;
}

enum MHD_Result h_attachment_void(struct ctx *c)
{
	struct spec_errors errs = {0};
	struct voiding w = {.c = c};
	if (!attachment_void_parse(c->json, &w.reason, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	if (!tx(c, "void attachment", void_tx, &w, &result))
		return result;
	return reply_json(c, 200, wire_attachment(&w.out));
}

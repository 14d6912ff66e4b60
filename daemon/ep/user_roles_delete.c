/* DELETE /api/v1/users/{id}/roles?body_id=B&role=R: an administrator of
 * body B takes role R from a user it may manage (user_lock_manageable: any
 * other answers 404 as no such user).  The last active administrator of a
 * top-level body keeps its admin role (409 last_admin).  Audited. */
#include <stdlib.h>

#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/params.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/users.h"

struct role_revoke {
	struct ctx *c;
	struct ogi_grant g;
};

static int revoke_tx(struct ogi_db *db, void *cls)
{
	struct role_revoke *in = cls;
	struct ctx *c = in->c;
	int rc = user_lock_manageable(db, c, c->id, NULL);
	if (rc == 0 && in->g.role == OGI_ROLE_ADMIN)
		rc = ogi_db_admin_remains(db, c->id, &in->g);
	if (rc == 0)
		rc = ogi_db_role_delete(db, c->id, &in->g);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "user %lld holds no %s role on body %lld", c->id,
		           ogi_role_names[in->g.role], in->g.body_id);
	else if (rc == OGI_E_LAST_ADMIN)
		ctx_detail(c, "user %lld is the last active administrator of a top-level body",
		           c->id);
	if (rc != 0)
		return rc;
	json_t *v = json_pack("{s:I, s:s}", "body_id", (json_int_t)in->g.body_id, "role",
	                      ogi_role_names[in->g.role]);
	rc = audit_record(db, &c->auth, "role", c->id, "revoke", v, NULL);
	json_decref(v);
	return rc;
}

enum MHD_Result h_user_roles_delete(struct ctx *c)
{
	struct role_revoke in = {.c = c};
	struct spec_errors errs = {0};
	const char *body = query(c, "body_id"), *role = query(c, "role");
	char *end = NULL;
	long long body_id = body ? strtoll(body, &end, 10) : 0;
	if (body == NULL || *body == '\0' || *end != '\0' || body_id < 1)
		spec_error_add(&errs, "body_id", "invalid", "应为机关编号（正整数）",
		               "must be a body id (a positive integer)");
	int r = role ? ogi_enum_parse(ogi_role_names, role) : -1;
	if (r < 0)
		spec_error_add(&errs, "role", "enum",
		               "应为 auditor、clerk、handler、approver 或 admin",
		               "must be one of auditor, clerk, handler, approver, admin");
	if (errs.n > 0)
		return reply_invalid(c, &errs);
	in.g.body_id = body_id;
	in.g.role = (enum ogi_role)r;
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, body_id, OGI_ROLE_ADMIN, &result))
		return result;
	if (!tx(c, "revoke role", revoke_tx, &in, &result))
		return result;
	return reply_empty(c, 204);
}

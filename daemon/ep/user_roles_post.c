/* POST /api/v1/users/{id}/roles {body_id, role}: an administrator of the
 * body grants a user the role on it — only to a user it may manage
 * (user_lock_manageable: any other answers 404 as no such user), checked
 * with the user's row locked before the role goes in.  The role lies in the
 * caller's bodies, so the user stays the caller's to manage.  Audited. */
#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/users.h"

struct role_grant {
	struct ctx *c;
	struct ogi_grant g;
};

static bool role_grant_parse(json_t *body, struct role_grant *in, struct spec_errors *errs)
{
	int role = 0;
	struct spec spec[] = {
	    SPEC_INT("body_id", &in->g.body_id, 1, INT64_MAX),
	    SPEC_ENUM("role", ogi_role_names, &role),
	    SPEC_END,
	};
	bool ok = spec_parse(body, spec, errs);
	in->g.role = (enum ogi_role)role;
	return ok;
}

bool in_user_roles_post(json_t *body, struct spec_errors *errs)
{
	struct role_grant in = {0};
	return role_grant_parse(body, &in, errs);
}

static int grant_tx(struct ogi_db *db, void *cls)
{
	struct role_grant *in = cls;
	int rc = user_lock_manageable(db, in->c, in->c->id, NULL);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(in->c, "no user %lld", in->c->id);
	if (rc != 0)
		return rc;
	struct ogi_actor actor = {in->c->auth.user_id, in->c->auth.username};
	return ogi_db_user_grant(db, &actor, in->c->id, &in->g, 1);
}

enum MHD_Result h_user_roles_post(struct ctx *c)
{
	struct role_grant in = {.c = c};
	struct spec_errors errs = {0};
	if (!role_grant_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, in.g.body_id, OGI_ROLE_ADMIN, &result))
		return result;
	if (!tx(c, "grant role", grant_tx, &in, &result))
		return result;
	return reply_empty(c, 204);
}

/* DELETE /api/v1/tokens/{id}: revokes an API token — one's own, or one of a
 * user the caller may manage (user_lock_manageable: an administrator ending
 * a script's access); any other token answers 404 as one that does not
 * exist.  The revocation is audited. */
#include "daemon/core/auth.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/sessions.h"

static int token_revoke_tx(struct ogi_db *db, void *cls)
{
	struct ctx *c = cls;
	long long owner;
	int rc = ogi_db_token_owner(db, c->id, &owner);
	if (rc == 0 && owner != c->auth.user_id)
		rc = user_lock_manageable(db, c, owner, NULL);
	struct ogi_token t;
	if (rc == 0)
		rc = ogi_db_token_revoke(db, c->id, owner, &t);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no active token %lld", c->id);
	if (rc != 0)
		return rc;
	json_t *v = json_pack("{s:I, s:s, s:s}", "user_id", (json_int_t)owner, "label", t.label,
	                      "revoked_at", t.revoked_at);
	rc = audit_record(db, &c->auth, "token", c->id, "revoke", NULL, v);
	json_decref(v);
	return rc;
}

enum MHD_Result h_tokens_delete(struct ctx *c)
{
	enum MHD_Result result;
	if (!tx(c, "revoke token", token_revoke_tx, c, &result))
		return result;
	return reply_empty(c, 204);
}

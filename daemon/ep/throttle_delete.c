/* DELETE /api/v1/throttles/{id}: an administrator clears a login throttle it
 * may see (GET /api/v1/throttles: an admin of a top-level body any, another
 * admin those of users holding a role in its bodies); any other id answers
 * 404.  The next login as that user from that address is free again.
 * Audited on the user ("clear throttle", with the address and the count),
 * or as a throttle when it is an address's budget or nobody's username. */
#include "daemon/core/auth.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/throttles.h"

static int clear_tx(struct ogi_db *db, void *cls)
{
	struct ctx *c = cls;
	long long roots[OGI_MAX_GRANTS];
	int n = auth_root_ids(&c->auth, 1u << OGI_ROLE_ADMIN, roots, OGI_MAX_GRANTS);
	struct ogi_throttle t;
	int rc = ogi_db_throttle_clear(db, c->id, roots, n, auth_top_level_admin(&c->auth), &t);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no throttle %lld", c->id);
	if (rc != 0)
		return rc;
	json_t *old =
	    json_pack("{s:I, s:s, s:s, s:I}", "throttle_id", (json_int_t)t.id, "username",
	              t.username, "address", t.address, "attempts", (json_int_t)t.attempts);
	rc = t.user_id != 0
	         ? audit_record(db, &c->auth, "user", t.user_id, "clear throttle", old, NULL)
	         : audit_record(db, &c->auth, "throttle", t.id, "clear", old, NULL);
	json_decref(old);
	return rc;
}

enum MHD_Result h_throttle_delete(struct ctx *c)
{
	enum MHD_Result result;
	if (!tx(c, "clear throttle", clear_tx, c, &result))
		return result;
	return reply_empty(c, 204);
}

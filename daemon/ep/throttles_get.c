/* GET /api/v1/throttles: the login throttles of the last day (lib/account.h)
 * an administrator may see — an admin of a top-level body all of them (the
 * addresses' own budgets, usernames that are nobody's), any other admin
 * those of users holding a role in its bodies — newest first, with the wait
 * each would impose now.  DELETE /api/v1/throttles/{id} clears one (a clerk
 * who mistyped and must not wait). */
#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/session_json.h"
#include "lib/db/throttles.h"

enum MHD_Result h_throttles_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	long long roots[OGI_MAX_GRANTS];
	int n = auth_root_ids(&c->auth, 1u << OGI_ROLE_ADMIN, roots, OGI_MAX_GRANTS);
	struct ogi_throttle_list list;
	int rc = ogi_db_throttles_list(db, roots, n, auth_top_level_admin(&c->auth), &list);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *out = json_array();
	for (size_t i = 0; i < list.n; i++)
		json_array_append_new(out, wire_throttle(&list.t[i]));
	ogi_throttle_list_free(&list);
	return reply_json(c, 200, json_pack("{s:o}", "throttles", out));
}

/* GET /api/v1/users: the users an administrator sees — those holding a role
 * in the bodies it administers or their subtrees (and, for an administrator
 * of a top-level body, those holding none), itself — each with its roles
 * and whether the caller may change it. */
#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/user_json.h"
#include "lib/db/users.h"

enum MHD_Result h_users_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	long long roots[OGI_MAX_GRANTS];
	int nroots = auth_root_ids(&c->auth, 1u << OGI_ROLE_ADMIN, roots, OGI_MAX_GRANTS);
	struct ogi_user_list users;
	int rc = ogi_db_users_visible(db, roots, nroots, c->auth.user_id, &users);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *list = json_array();
	for (size_t i = 0; i < users.n; i++)
		json_array_append_new(list, wire_user_listed(&users.u[i]));
	ogi_user_list_free(&users);
	return reply_json(c, 200, json_pack("{s:o}", "users", list));
}

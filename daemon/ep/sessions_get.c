/* GET /api/v1/sessions: the caller's own open sessions (cookie logins), newest
 * first — when and where each began, its last use, when it ends unless used
 * again (the idle expiry or the absolute lifetime, whichever is first), the
 * browser — and which is the one this request came with.  A session the
 * user does not know can be ended (DELETE /api/v1/sessions/{id}); API tokens
 * are GET /api/v1/tokens. */
#include "daemon/core/config.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/session_json.h"
#include "lib/db/sessions.h"

enum MHD_Result h_sessions_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_session_info_list list;
	int rc = ogi_db_sessions_of_user(db, c->auth.user_id, ogid.session_idle_seconds,
	                                 ogid.session_lifetime_seconds, &list);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *out = json_array();
	for (size_t i = 0; i < list.n; i++)
		json_array_append_new(
		    out, wire_session_info(&list.s[i], c->auth.via_cookie &&
		                                           list.s[i].id == c->auth.session_id));
	ogi_session_info_list_free(&list);
	return reply_json(c, 200,
	                  json_pack("{s:o, s:i, s:i}", "sessions", out, "idle_timeout_seconds",
	                            ogid.session_idle_seconds, "lifetime_seconds",
	                            ogid.session_lifetime_seconds));
}

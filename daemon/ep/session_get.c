/* GET /api/v1/session: who is calling — the user (with the name a person
 * reads: the display name, else the username; the reminder address and
 * switch it sets with PATCH /api/v1/session/profile), the roles it holds on
 * bodies, whether by cookie or token — and today as the server counts it. */
#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/session_json.h"
#include "lib/account.h"
#include "lib/date.h"
#include "lib/db/users.h"

enum MHD_Result h_session_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_user u;
	int rc = ogi_db_user_get(db, c->auth.user_id, &u);
	if (rc != 0)
		return reply_status(c, db, rc);
	/* today: the legal date the server counts with (Asia/Shanghai), so a
	   client's date fields agree with the rules the API applies; calendar_admin:
	   whether the caller may change the calendar (an admin of a top-level body),
	   which the roles alone do not tell a client that sees no body's parent */
	char today[OGI_DATE_STRLEN];
	return reply_json(
	    c, 200,
	    json_pack("{s:I, s:s, s:s, s:s?, s:b, s:o, s:b, s:s, s:s}", "user_id",
	              (json_int_t)c->auth.user_id, "username", c->auth.username, "display_name",
	              u.display_name[0] ? u.display_name : c->auth.username, "email",
	              u.email[0] ? u.email : NULL, "reminders", u.reminders, "roles",
	              wire_grants(c->auth.grants, c->auth.ngrants), "calendar_admin",
	              auth_calendar_admin(&c->auth), "via", c->auth.via_cookie ? "cookie" : "token",
	              "today", ogi_date_format(ogi_today(), today)));
}

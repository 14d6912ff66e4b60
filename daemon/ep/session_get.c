/* GET /api/v1/session: who is calling — the user, the roles it holds on
 * bodies, whether by cookie or token — and today as the server counts it. */
#include "daemon/core/auth.h"
#include "daemon/core/reply.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/session_json.h"
#include "lib/date.h"

enum MHD_Result h_session_get(struct ctx *c)
{
	/* today: the legal date the server counts with (Asia/Shanghai), so a
	   client's date fields agree with the rules the API applies; calendar_admin:
	   whether the caller may change the calendar (an admin of a top-level body),
	   which the roles alone do not tell a client that sees no body's parent */
	char today[OGI_DATE_STRLEN];
	return reply_json(c, 200,
	                  json_pack("{s:I, s:s, s:o, s:b, s:s, s:s}", "user_id",
	                            (json_int_t)c->auth.user_id, "username", c->auth.username,
	                            "roles", wire_grants(c->auth.grants, c->auth.ngrants),
	                            "calendar_admin", auth_calendar_admin(&c->auth), "via",
	                            c->auth.via_cookie ? "cookie" : "token", "today",
	                            ogi_date_format(ogi_today(), today)));
}

/* Users as the API returns them (see user_json.h). */
#include "daemon/wire/user_json.h"

#include "daemon/wire/session_json.h"

json_t *wire_user(const struct ogi_user *u)
{
	return json_pack("{s:I, s:s, s:s, s:b, s:o, s:b}", "id", (json_int_t)u->id, "username",
	                 u->username, "display_name", u->display_name, "active", u->active, "email",
	                 u->email[0] ? json_string(u->email) : json_null(), "reminders",
	                 u->reminders);
}

json_t *wire_user_listed(const struct ogi_user *u)
{
	json_t *out = wire_user(u);
	json_object_set_new(out, "roles", wire_grants(u->grants, (int)u->ngrants));
	/* listed for holding a role in the caller's bodies, but changed only when every role
	   lies there: a client offers its forms only for these */
	json_object_set_new(out, "manageable", json_boolean(u->manageable));
	return out;
}

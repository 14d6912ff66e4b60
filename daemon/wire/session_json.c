/* Sessions' roles and tokens as the API returns them (see session_json.h). */
#include "daemon/wire/session_json.h"

json_t *wire_grants(const struct ogi_grant *g, int n)
{
	json_t *roles = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(roles,
		                      json_pack("{s:I, s:s}", "body_id", (json_int_t)g[i].body_id,
		                                "role", ogi_role_names[g[i].role]));
	return roles;
}

static json_t *time_or_null(const char *at)
{
	return at[0] != '\0' ? json_string(at) : json_null();
}

json_t *wire_token(const struct ogi_token *t)
{
	json_t *out = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)t->id, "label", t->label,
	                        "created_at", t->created_at);
	json_object_set_new(out, "last_used", time_or_null(t->last_used));
	json_object_set_new(out, "revoked_at", time_or_null(t->revoked_at));
	return out;
}

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

/* A text, or null when empty. */
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

json_t *wire_feed(const struct ogi_feed *f)
{
	json_t *out = json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)f->id, "scope",
	                        ogi_feed_scope_names[f->scope], "label", f->label, "created_at",
	                        f->created_at, "fetches", (json_int_t)f->fetches);
	json_object_set_new(out, "last_fetched_at", time_or_null(f->last_fetched_at));
	json_object_set_new(out, "revoked_at", time_or_null(f->revoked_at));
	return out;
}

json_t *wire_session_info(const struct ogi_session_info *s, bool current)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:b}", "id", (json_int_t)s->id,
	                 "created_at", s->created_at, "last_seen", s->last_seen, "expires_at",
	                 s->expires_at, "address", time_or_null(s->address), "user_agent",
	                 time_or_null(s->user_agent), "current", current);
}

json_t *wire_throttle(const struct ogi_throttle *t)
{
	json_t *out = json_pack("{s:I, s:s, s:s, s:I, s:s, s:I}", "id", (json_int_t)t->id, "kind",
	                        t->username[0] ? "login" : "address", "address", t->address,
	                        "attempts", (json_int_t)t->attempts, "last_attempt_at", t->last_at,
	                        "retry_after_seconds", (json_int_t)t->wait_seconds);
	json_object_set_new(out, "username",
	                    t->username[0] ? json_string(t->username) : json_null());
	json_object_set_new(out, "user_id", t->user_id ? json_integer(t->user_id) : json_null());
	return out;
}

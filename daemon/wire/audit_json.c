/* An audit log entry as the API returns it (see audit_json.h). */
#include "daemon/wire/audit_json.h"

#include "daemon/wire/request_json.h"

static json_t *id_or_null(long long id)
{
	return id > 0 ? json_integer(id) : json_null();
}

/* A stored value as JSON (null for none). */
static json_t *stored_json(const char *text)
{
	json_t *v = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
	return v ? v : json_null();
}

json_t *wire_audit_entry(const struct ogi_audit_entry *e)
{
	json_t *out = json_object();
	json_object_set_new(out, "id", json_integer(e->id));
	json_object_set_new(out, "at", json_string(e->at));
	json_object_set_new(out, "actor", wire_str(e->actor));
	json_object_set_new(out, "actor_name", wire_str(e->actor_name ? e->actor_name : e->actor));
	json_object_set_new(out, "entity", wire_str(e->entity));
	json_object_set_new(out, "entity_id", wire_str(e->entity_id));
	json_object_set_new(out, "action", wire_str(e->action));
	json_object_set_new(out, "actor_id", id_or_null(e->actor_id));
	json_object_set_new(out, "body_id", id_or_null(e->body_id));
	json_object_set_new(out, "body_name",
	                    e->body_id > 0 ? wire_str(e->body_name) : json_null());
	json_object_set_new(out, "old_value", stored_json(e->old_value));
	json_object_set_new(out, "new_value", stored_json(e->new_value));
	return out;
}

/* A body as the API returns it (see body_json.h). */
#include "daemon/wire/body_json.h"

json_t *wire_body(const struct ogi_body *b)
{
	json_t *out = json_pack("{s:I, s:s}", "id", (json_int_t)b->id, "name", b->name);
	json_object_set_new(out, "parent_id",
	                    b->parent_id > 0 ? json_integer(b->parent_id) : json_null());
	json_object_set_new(out, "code", b->has_code ? json_string(b->code) : json_null());
	json_t *path = json_array();
	for (int k = 0; k < b->npath; k++)
		json_array_append_new(path, json_integer(b->path[k]));
	json_object_set_new(out, "path", path);
	return out;
}

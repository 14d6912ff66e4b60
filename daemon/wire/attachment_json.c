/* Attachments as JSON (see attachment_json.h). */
#include "daemon/wire/attachment_json.h"

#include <string.h>

static json_t *text_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

json_t *wire_attachment(const struct ogi_attachment *a)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "request_id", json_integer(a->request_id));
	json_object_set_new(o, "kind", json_string(ogi_attachment_kind_names[a->kind]));
	json_object_set_new(o, "name", json_string(a->name));
	json_object_set_new(o, "content_type", json_string(a->content_type));
	json_object_set_new(o, "size", json_integer(a->size));
	json_object_set_new(o, "sha256", json_string(a->sha256));
	json_object_set_new(o, "created_at", json_string(a->created_at));
	json_object_set_new(o, "created_by", text_or_null(a->created_by_name));
	json_object_set_new(o, "void", json_boolean(a->voided));
	json_object_set_new(o, "void_reason",
	                    a->voided ? json_string(a->void_reason) : json_null());
	json_object_set_new(o, "voided_at", a->voided ? json_string(a->voided_at) : json_null());
	json_object_set_new(o, "voided_by",
	                    a->voided ? text_or_null(a->voided_by_name) : json_null());
	json_object_set_new(
	    o, "href",
	    json_sprintf("/api/v1/requests/%lld/attachments/%lld", a->request_id, a->id));
	return o;
}

json_t *wire_attachments(const struct ogi_attachment_list *l)
{
	json_t *items = json_array();
	long long total = 0;
	for (size_t i = 0; i < l->n; i++) {
		json_array_append_new(items, wire_attachment(&l->items[i]));
		total += l->items[i].size;
	}
	return json_pack("{s:o, s:I, s:I}", "attachments", items, "count", (json_int_t)l->n,
	                 "total_bytes", (json_int_t)total);
}

bool attachment_void_parse(json_t *body, const char **reason, struct spec_errors *errs)
{
	*reason = NULL;
	struct spec spec[] = {SPEC_STRING("reason", reason, 500), SPEC_END};
	if (!spec_parse(body, spec, errs))
		return false;
	if (strspn(*reason, " \t\r\n") == strlen(*reason)) {
		spec_error_add(errs, "reason", "empty", "请说明作废的理由",
		               "say why the attachment is voided");
		return false;
	}
	return true;
}

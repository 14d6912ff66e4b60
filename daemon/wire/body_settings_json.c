/* A body's settings as the API returns them (see body_settings_json.h). */
#include "daemon/wire/body_settings_json.h"

#include <stdio.h>

#include "daemon/wire/body_json.h"
#include "lib/body_settings_check.h"
#include "lib/letter.h"

/* The settings a body may leave unset, by their names on the wire. */
#define TEXT_SETTINGS(X)                                                                           \
	X(letter_prefix)                                                                           \
	X(address)                                                                                 \
	X(postcode)                                                                                \
	X(phone)                                                                                   \
	X(office_hours)                                                                            \
	X(reconsideration_body)                                                                    \
	X(reconsideration_address)                                                                 \
	X(court)

static json_t *kind_codes(const struct ogi_body_settings *s)
{
	json_t *o = json_object();
	for (int k = 0; k < OGI_LETTER_KIND_COUNT; k++)
		json_object_set_new(o, ogi_letter_kind_names[k], json_string(s->kind_code[k]));
	return o;
}

json_t *wire_body_settings(const struct ogi_body *b, const struct ogi_body_settings *stored,
                           const char *parent_name, size_t seal_bytes)
{
	struct ogi_body_settings shown, fallback;
	struct ogi_body_settings_unset unset;
	ogi_body_settings_effective(stored, parent_name, &shown, &unset);
	ogi_body_settings_defaults(&fallback, stored->name, parent_name);
	json_t *out = wire_body(b);
	json_t *defaults = json_object(), *defaulted = json_array();
#define SHOW(field)                                                                                \
	json_object_set_new(out, #field, json_string(shown.field));                                \
	json_object_set_new(defaults, #field, json_string(fallback.field));                        \
	if (unset.field)                                                                           \
		json_array_append_new(defaulted, json_string(#field));
	TEXT_SETTINGS(SHOW)
#undef SHOW
	json_object_set_new(out, "kind_codes", kind_codes(&shown));
	json_object_set_new(defaults, "kind_codes", kind_codes(&fallback));
	for (int k = 0; k < OGI_LETTER_KIND_COUNT; k++)
		if (unset.kind_code[k]) {
			char name[64];
			snprintf(name, sizeof name, "kind_codes.%s", ogi_letter_kind_names[k]);
			json_array_append_new(defaulted, json_string(name));
		}
	json_object_set_new(out, "review_first_not_held",
	                    json_boolean(shown.review_first_not_held));
	json_object_set_new(out, "accepts_online", json_boolean(shown.accepts_online));
	json_object_set_new(out, "has_seal", json_boolean(shown.has_seal));
	json_object_set_new(out, "seal_bytes", json_integer((json_int_t)seal_bytes));
	json_object_set_new(out, "version", json_integer(shown.version));
	json_object_set_new(out, "defaults", defaults);
	json_object_set_new(out, "defaulted", defaulted);
	return out;
}

json_t *wire_letter_templates(json_t *overrides)
{
	json_t *keys = json_array();
	for (const char *const *k = ogi_letter_template_keys; *k != NULL; k++) {
		json_t *fields = json_array();
		const char *name, *label;
		bool common;
		for (size_t i = 0; ogi_letter_template_field(*k, i, &name, &label, &common); i++)
			json_array_append_new(fields, json_pack("{s:s, s:s, s:b}", "name", name,
			                                        "label", label, "common", common));
		json_array_append_new(keys, json_pack("{s:s, s:s, s:b, s:o}", "key", *k, "default",
		                                      ogi_letter_template_default(*k), "overridden",
		                                      json_object_get(overrides, *k) != NULL,
		                                      "fields", fields));
	}
	return json_pack("{s:o, s:o}", "overrides", overrides, "keys", keys);
}

/* A body's settings (what it says about itself on its letters) as the API
 * returns them (GET and PUT /api/v1/bodies/{id}). */
#ifndef OGI_WIRE_BODY_SETTINGS_JSON_H
#define OGI_WIRE_BODY_SETTINGS_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "lib/account.h"
#include "lib/body_settings.h"

/* The body as wire_body gives it ({id, name, parent_id, code, path}) with
 * its settings as its letters print them — letter_prefix, kind_codes {kind:
 * code}, address, postcode, phone, office_hours, reconsideration_body,
 * reconsideration_address, court, review_first_not_held — has_seal,
 * seal_bytes and version; then defaults, the value of each of those
 * settings when the body sets none (from its name and its parent's,
 * parent_name, NULL for a top-level body), and defaulted, the names of the
 * settings it left to them ("letter_prefix", "kind_codes.reply"). */
json_t *wire_body_settings(const struct ogi_body *b, const struct ogi_body_settings *stored,
                           const char *parent_name, size_t seal_bytes);

/* GET /api/v1/bodies/{id}/letter-templates: {overrides: the body's own
 * texts {template key: text} (taken), keys: [{key, default, overridden,
 * fields: [{name, label, common}]}]} — every template an office may
 * override, in the engine's order, its default text and the fields it
 * offers (its own first). */
json_t *wire_letter_templates(json_t *overrides);

#endif

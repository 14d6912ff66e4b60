/* An audit log entry as the API returns it. */
#ifndef OGI_WIRE_AUDIT_JSON_H
#define OGI_WIRE_AUDIT_JSON_H

#include <jansson.h>

#include "lib/audit_log.h"

/* {id, at, actor, entity, entity_id, action, actor_id, body_id, body_name,
 * old_value, new_value}: actor_id, body_id and body_name null for none, the
 * values null when the row has none. */
json_t *wire_audit_entry(const struct ogi_audit_entry *e);

#endif

/* The audit row of a change a caller makes (audit.c): lib/db's one writer
 * (lib/db/audit.h) with the caller as the actor. */
#ifndef OGI_DAEMON_AUDIT_RECORD_H
#define OGI_DAEMON_AUDIT_RECORD_H

#include <jansson.h>

#include "daemon/core/ctx.h"
#include "lib/db/db.h"

/* One audit_log row in the caller's transaction, by the caller a; values are
 * JSON (may be NULL).  The row's body (who may read it) follows from entity
 * and entity_id (ogi_db_audit_insert).  0 or a status < 0. */
int audit_record(struct ogi_db *db, const struct auth *a, const char *entity, long long entity_id,
                 const char *action, json_t *old_value, json_t *new_value);

#endif

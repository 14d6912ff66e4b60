/* The audit log of administrative changes, written as the calling user (see audit_record.h). */
#include "daemon/core/audit_record.h"

#include "lib/db/audit.h"

int audit_record(struct ogi_db *db, const struct auth *a, const char *entity, long long entity_id,
                 const char *action, json_t *old_value, json_t *new_value)
{
	struct ogi_actor actor = {a->user_id, a->username};
	return ogi_db_audit_insert(db, &actor, entity, entity_id, action, old_value, new_value);
}

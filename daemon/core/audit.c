/* The audit log of administrative changes: who, when, what, old and new. */
#include <stdio.h>
#include <stdlib.h>

#include "daemon/ep/ep.h"

int audit_record(struct ogi_db *db, const struct auth *a, const char *entity, long long entity_id,
		 const char *action, json_t *old_value, json_t *new_value)
{
	char actor_id[24], id[24];
	snprintf(actor_id, sizeof actor_id, "%lld", a->user_id);
	snprintf(id, sizeof id, "%lld", entity_id);
	char *old_text = old_value ? json_dumps(old_value, JSON_COMPACT) : NULL;
	char *new_text = new_value ? json_dumps(new_value, JSON_COMPACT) : NULL;
	const char *p[] = {a->user_id ? actor_id : NULL, a->username, entity, id, action, old_text,
			   new_text};
	int rc = ogi_db_exec(db, "audit_insert", 7, p, NULL);
	free(old_text);
	free(new_text);
	return rc < 0 ? rc : 0;
}

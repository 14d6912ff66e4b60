/* Audit entries and who reads them (see audit_log.h). */
#include "lib/audit_log.h"

#include <stdlib.h>
#include <string.h>

void ogi_audit_list_free(struct ogi_audit_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct ogi_audit_entry *e = &l->e[i];
		free(e->actor);
		free(e->actor_name);
		free(e->entity);
		free(e->entity_id);
		free(e->body_name);
		free(e->action);
		free(e->old_value);
		free(e->new_value);
	}
	free(l->e);
	memset(l, 0, sizeof *l);
}

/* "auditor or admin" (api/openapi.yaml GET /api/v1/audit, docs/operations.md) */
static const bool readers[OGI_ROLE_COUNT] = {
    [OGI_ROLE_AUDITOR] = true,   [OGI_ROLE_CLERK] = false, [OGI_ROLE_HANDLER] = false,
    [OGI_ROLE_APPROVER] = false, [OGI_ROLE_ADMIN] = true,
};

bool ogi_audit_readable_by(enum ogi_role role)
{
	return (int)role >= 0 && role < OGI_ROLE_COUNT && readers[role];
}

unsigned ogi_audit_reader_roles(void)
{
	unsigned mask = 0;
	for (int r = 0; r < OGI_ROLE_COUNT; r++)
		if (readers[r])
			mask |= 1u << r;
	return mask;
}

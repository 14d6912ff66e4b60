/* lib/db for the audit log: the one way every writer (ogid's routes, ogictl,
 * the first start) appends a row, and reading it back scoped and filtered.
 * Every function returns 0 or a status < 0 (db.h). */
#ifndef OGI_DB_AUDIT_H
#define OGI_DB_AUDIT_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/audit_log.h"
#include "lib/date.h"
#include "lib/db/db.h"
#include "lib/domain.h"

/* Appends a row in the caller's transaction: actor (user_id 0: ogi itself
 * or ogictl) changed entity entity_id by action, from old_value to
 * new_value (JSON, either may be NULL).  The row's body, which decides who
 * may read it, follows from entity and entity_id by one rule in the
 * database (audit_body_of, migrations/0009-audit-body.sql). */
int ogi_db_audit_insert(struct ogi_db *db, const struct ogi_actor *actor, const char *entity,
                        long long entity_id, const char *action, json_t *old_value,
                        json_t *new_value);

#define OGI_AUDIT_ROOTS_MAX 64

/* Which rows to read.  Scope: when all, every row (ogictl, the operator's
 * tool); otherwise the rows of the bodies roots (where the reader holds a
 * role that reads the audit log) and their subtrees, and the rows of no
 * body when one of roots is a top-level body.  Filters (0, NULL or
 * OGI_DATE_NONE: none): entity, entity_id, actor (a username), the days
 * from..to of the row's time (Asia/Shanghai), both included; before: ids
 * below it (keyset paging); at most limit rows. */
struct ogi_audit_query {
	bool all;
	int nroots;
	long long roots[OGI_AUDIT_ROOTS_MAX];
	const char *entity;
	long long entity_id;
	const char *actor;
	ogi_date from, to;
	long long before;
	long long limit;
};

/* The rows q selects, newest first, into out (free it with ogi_audit_list_free). */
int ogi_db_audit_list(struct ogi_db *db, const struct ogi_audit_query *q,
                      struct ogi_audit_list *out);

#endif

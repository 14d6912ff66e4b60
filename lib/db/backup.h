/* lib/db for ogictl backup and restore: what a database holds, and whether
 * it may be restored into.  Both run on a connection without prepared
 * statements (the database may not hold ogi's schema) and return 0 or a
 * status < 0 (db.h). */
#ifndef OGI_DB_BACKUP_H
#define OGI_DB_BACKUP_H

#include <stdbool.h>

#include "lib/db/db.h"

/* What a backup or a restore reports: the highest schema version applied
 * (0 when none), how many requests and events. */
struct ogi_db_summary {
	int schema_version;
	long long requests, events;
	long long attachments, attachment_bytes; /* 0 before migration 0015 */
};
/* A status < 0 too when the database holds no ogi tables. */
int ogi_db_summary(struct ogi_db *db, struct ogi_db_summary *out);

/* Whether the database holds ogi's tables already, and how many ogid
 * connections (application_name ogid) other than this one it has. */
int ogi_db_restore_target(struct ogi_db *db, bool *holds_ogi, long long *daemons);

#endif

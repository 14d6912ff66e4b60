/* Schema migrations: the numbered files of migrations/ (compiled into the
 * programs), each applied in its own transaction and registering itself in
 * schema_migrations. */
#ifndef OGI_MIGRATE_H
#define OGI_MIGRATE_H

#include <stdbool.h>
#include <stdio.h>

#include "lib/db/db.h"

struct ogi_migration_state {
	int latest;  /* highest version this build knows */
	int applied; /* how many of this build's migrations are applied */
	int pending; /* how many are not */
	int unknown; /* versions in the database this build does not know (newer build) */
};

/* Reads schema_migrations (none applied when the table does not exist).
 * Returns false when the database cannot be read. */
bool ogi_migrate_state(struct ogi_db *db, struct ogi_migration_state *st);

/* True when every migration is applied and none is unknown. */
bool ogi_schema_current(struct ogi_db *db);

/* Prints one line per migration: "applied  0001-base.sql  <time>" or
 * "pending  0002-….sql". */
bool ogi_migrate_print(struct ogi_db *db, FILE *out);

/* Applies the pending migrations in order, each in its own transaction,
 * under an advisory lock so two callers do not race.  Stops at the first
 * failure and writes "FILE: postgres message" into err.  Writes a line per
 * applied file to log (may be NULL).  Returns the number applied, or -1. */
int ogi_migrate_apply(struct ogi_db *db, FILE *log, char *err, size_t errlen);

/* Gives the role ogi_app, which ogid's requests run as, its privileges on
 * the tables as they are now (migrations/0006-roles.sql): called after every
 * migration run and after a restore.  True when done or when the schema
 * predates the function. */
bool ogi_apply_grants(struct ogi_db *db, char *err, size_t errlen);

#endif

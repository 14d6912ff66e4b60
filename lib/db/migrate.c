/* Applying and reporting schema migrations (see migrate.h). */
#include "lib/db/migrate.h"

#include <stdlib.h>
#include <string.h>

#include "lib/db/pq.h"
#include "lib/embedded.h"

static int version_of(const char *name)
{
	return atoi(name); /* "0007-fees.sql" → 7 */
}

/* Fills applied[] (indexed by version, size n) with 1 for applied versions.
 * Returns the number of versions in the table unknown to this build, or -1. */
static int read_applied(struct ogi_db *db, char *applied, int n, PGresult **rows)
{
	memset(applied, 0, (size_t)n);
	*rows = NULL;
	/* through ogi_db_query, so a failure leaves its message (ogi_db_message) */
	PGresult *res;
	if (ogi_db_query(db, "SELECT to_regclass('schema_migrations') IS NOT NULL", &res) < 0)
		return -1;
	bool exists = PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	if (!exists)
		return 0;
	if (ogi_db_query(db,
	                 "SELECT version, applied_at::text FROM schema_migrations ORDER BY version",
	                 &res) < 0)
		return -1;
	int unknown = 0;
	for (int i = 0; i < PQntuples(res); i++) {
		int v = atoi(PQgetvalue(res, i, 0));
		if (v > 0 && v < n)
			applied[v] = 1;
		else
			unknown++;
	}
	*rows = res;
	return unknown;
}

static int latest_version(void)
{
	int latest = 0;
	for (const struct ogi_embedded_file *f = ogi_migration_files; f->name; f++)
		if (version_of(f->name) > latest)
			latest = version_of(f->name);
	return latest;
}

bool ogi_migrate_state(struct ogi_db *db, struct ogi_migration_state *st)
{
	memset(st, 0, sizeof *st);
	if (!ogi_db_ok(db))
		return false;
	st->latest = latest_version();
	int n = st->latest + 1;
	char *applied = malloc((size_t)n);
	PGresult *rows;
	if (applied == NULL)
		return false;
	int unknown = read_applied(db, applied, n, &rows);
	if (unknown < 0) {
		free(applied);
		return false;
	}
	st->unknown = unknown;
	for (const struct ogi_embedded_file *f = ogi_migration_files; f->name; f++) {
		if (applied[version_of(f->name)])
			st->applied++;
		else
			st->pending++;
	}
	PQclear(rows);
	free(applied);
	return true;
}

bool ogi_schema_current(struct ogi_db *db)
{
	struct ogi_migration_state st;
	return ogi_migrate_state(db, &st) && st.pending == 0 && st.unknown == 0;
}

bool ogi_migrate_print(struct ogi_db *db, FILE *out)
{
	int n = latest_version() + 1;
	char *applied = malloc((size_t)n);
	PGresult *rows;
	if (applied == NULL || read_applied(db, applied, n, &rows) < 0) {
		free(applied);
		return false;
	}
	for (const struct ogi_embedded_file *f = ogi_migration_files; f->name; f++) {
		int v = version_of(f->name);
		const char *when = "";
		for (int i = 0; rows != NULL && i < PQntuples(rows); i++)
			if (atoi(PQgetvalue(rows, i, 0)) == v)
				when = PQgetvalue(rows, i, 1);
		fprintf(out, "%-8s %-32s %s\n", applied[v] ? "applied" : "pending", f->name, when);
	}
	PQclear(rows);
	free(applied);
	return true;
}

static bool run(struct ogi_db *db, const char *sql, const char *file, char *err, size_t errlen)
{
	PGresult *res = PQexec(db->conn, sql);
	ExecStatusType st = PQresultStatus(res);
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
		PQclear(res);
		return true;
	}
	const char *msg = PQresultErrorMessage(res);
	snprintf(err, errlen, "%s: %s", file, msg && *msg ? msg : PQerrorMessage(db->conn));
	size_t len = strlen(err);
	while (len > 0 && (err[len - 1] == '\n' || err[len - 1] == ' '))
		err[--len] = '\0';
	PQclear(res);
	return false;
}

bool ogi_apply_grants(struct ogi_db *db, char *err, size_t errlen)
{
	PGresult *res =
	    PQexec(db->conn, "SELECT to_regprocedure('ogi_apply_grants()') IS NOT NULL");
	bool exists = PQresultStatus(res) == PGRES_TUPLES_OK && PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	return !exists || run(db, "SELECT ogi_apply_grants()", "grants", err, errlen);
}

int ogi_migrate_apply(struct ogi_db *db, FILE *log, char *err, size_t errlen)
{
	if (!ogi_db_ok(db)) {
		snprintf(err, errlen, "cannot connect to the database");
		return -1;
	}
	if (!run(db, "SELECT pg_advisory_lock(7207001)", "lock", err, errlen))
		return -1;
	int n = latest_version() + 1, done = 0;
	char *applied = malloc((size_t)n);
	PGresult *rows = NULL;
	if (applied == NULL || read_applied(db, applied, n, &rows) < 0) {
		snprintf(err, errlen, "cannot read schema_migrations: %s",
		         PQerrorMessage(db->conn));
		done = -1;
		goto out;
	}
	for (const struct ogi_embedded_file *f = ogi_migration_files; f->name; f++) {
		int v = version_of(f->name);
		if (applied[v])
			continue;
		if (!run(db, "BEGIN", f->name, err, errlen))
			goto fail;
		if (!run(db, f->data, f->name, err, errlen)) {
			PQclear(PQexec(db->conn, "ROLLBACK"));
			goto fail;
		}
		char version[16];
		snprintf(version, sizeof version, "%d", v);
		const char *params[] = {version};
		PGresult *res = PQexecParams(
		    db->conn, "SELECT 1 FROM schema_migrations WHERE version = $1::int", 1, NULL,
		    params, NULL, NULL, 0);
		bool registered = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
		PQclear(res);
		if (!registered) {
			snprintf(err, errlen,
			         "%s: the file did not register version %d in schema_migrations",
			         f->name, v);
			PQclear(PQexec(db->conn, "ROLLBACK"));
			goto fail;
		}
		if (!run(db, "COMMIT", f->name, err, errlen))
			goto fail;
		if (log != NULL)
			fprintf(log, "applied %s\n", f->name);
		done++;
	}
	if (!ogi_apply_grants(db, err, errlen))
		goto fail;
	goto out;
fail:
	done = -1;
out:
	PQclear(rows);
	free(applied);
	PQclear(PQexec(db->conn, "SELECT pg_advisory_unlock(7207001)"));
	return done;
}

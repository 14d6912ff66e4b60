/* ogictl backup FILE | restore FILE [--clean]: the whole database with
 * pg_dump's custom format and pg_restore, run from the server's own bin
 * directory against the database ogictl is pointed at (--database, or the
 * embedded cluster of --data-dir, started for the occasion when no ogid
 * runs there).
 *
 * A backup is one consistent snapshot (pg_dump reads in one transaction, so
 * ogid may keep serving), written to FILE.partial with mode 0600 (it holds
 * personal data), checked readable and only then renamed to FILE.  It
 * carries no owners and no grants: a restore makes the tables the
 * restoring login's and gives ogi_app its privileges afresh
 * (ogi_apply_grants), so a backup of an external server restores into an
 * embedded cluster and back.  A restore is one transaction: it lands whole
 * or not at all.  It goes into an empty database unless --clean is given,
 * and never under a running ogid. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clients/cli/ctl.h"
#include "lib/db/backup.h"
#include "lib/db/migrate.h"
#include "lib/pgcluster/cluster.h"

static bool readable_archive(const char *file)
{
	char *args[] = {"pg_restore", "--list", (char *)file, NULL};
	return ogi_cluster_run_tool("pg_restore", args, true) == 0;
}

/* One line on what the database holds: schema version, requests, events. */
static void describe(struct ctl *ctl, char *out, size_t n)
{
	struct ogi_db_summary sum;
	if (ogi_db_summary(ctl->db, &sum) == 0)
		snprintf(
		    out, n,
		    "schema version %d, %lld requests, %lld events, %lld attachments (%lld bytes)",
		    sum.schema_version, sum.requests, sum.events, sum.attachments,
		    sum.attachment_bytes);
	else
		snprintf(out, n, "no ogi tables");
}

static int backup(struct ctl *ctl, const char *file)
{
	char partial[4200];
	snprintf(partial, sizeof partial, "%s.partial", file);
	unlink(partial);
	char what[160];
	describe(ctl, what, sizeof what);
	mode_t old = umask(077);
	char *args[] = {
	    "pg_dump", "--format=custom", "--no-owner", "--no-privileges",     "--no-comments",
	    "--file",  partial,           "--dbname",   (char *)ctl->conninfo, NULL};
	int rc = ogi_cluster_run_tool("pg_dump", args, false);
	umask(old);
	if (rc != 0) {
		unlink(partial);
		return ctl_fail("pg_dump failed (exit %d); nothing was written to %s", rc, file);
	}
	if (!readable_archive(partial)) {
		unlink(partial);
		return ctl_fail("the backup cannot be read back; nothing was written to %s", file);
	}
	int fd = open(partial, O_RDONLY);
	struct stat st = {0};
	if (fd < 0 || fsync(fd) != 0 || fstat(fd, &st) != 0 || rename(partial, file) != 0) {
		if (fd >= 0)
			close(fd);
		unlink(partial);
		return ctl_fail("cannot write %s", file);
	}
	close(fd);
	printf("backup written to %s (%lld bytes): %s\n", file, (long long)st.st_size, what);
	return 0;
}

static int restore(struct ctl *ctl, const char *file, bool clean)
{
	if (access(file, R_OK) != 0)
		return ctl_fail("cannot read %s", file);
	if (!readable_archive(file))
		return ctl_fail(
		    "%s is not a backup made by ogictl backup (pg_restore cannot read it)", file);
	bool holds_ogi;
	long long daemons;
	if (ogi_db_restore_target(ctl->db, &holds_ogi, &daemons) != 0)
		return ctl_fail("cannot read the database: %s", ogi_db_message(ctl->db));
	if (daemons > 0)
		return ctl_fail("ogid is connected to this database: stop it before a restore");
	if (holds_ogi && !clean)
		return ctl_fail(
		    "the database already holds ogi's tables: restore into an empty database "
		    "(or a new --data-dir), or give --clean to replace what it holds");
	char *args[12];
	int n = 0;
	args[n++] = "pg_restore";
	args[n++] = "--no-owner";
	args[n++] = "--no-privileges";
	args[n++] = "--single-transaction";
	args[n++] = "--exit-on-error";
	if (clean) {
		args[n++] = "--clean";
		args[n++] = "--if-exists";
	}
	args[n++] = "--dbname";
	args[n++] = (char *)ctl->conninfo;
	args[n++] = (char *)file;
	args[n] = NULL;
	int rc = ogi_cluster_run_tool("pg_restore", args, false);
	if (rc != 0)
		return ctl_fail("pg_restore failed (exit %d); the database is as it was", rc);
	char err[1024];
	if (!ogi_apply_grants(ctl->db, err, sizeof err))
		return ctl_fail("restored, but the privileges of ogi_app could not be set: %s",
		                err);
	char what[160];
	describe(ctl, what, sizeof what);
	printf("restored %s: %s\n", file, what);
	struct ogi_migration_state st;
	if (ogi_migrate_state(ctl->db, &st) && st.pending > 0)
		printf("%d migrations of this ogictl are newer than the backup: run ogictl migrate "
		       "(the embedded ogid applies them when it starts)\n",
		       st.pending);
	return 0;
}

int cmd_backup(struct ctl *ctl, int argc, char **argv)
{
	if (argc != 1)
		return ctl_usage();
	return backup(ctl, argv[0]);
}

int cmd_restore(struct ctl *ctl, int argc, char **argv)
{
	const char *file = NULL;
	bool clean = false;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--clean") == 0)
			clean = true;
		else if (file == NULL)
			file = argv[i];
		else
			return ctl_usage();
	}
	if (file == NULL)
		return ctl_usage();
	return restore(ctl, file, clean);
}

/* ogictl calendar import FILE | calendar show YEAR | calendar unload YEAR: the
 * same parser, plausibility rule and storage as the API's import and unload;
 * the show prints a year's exceptions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/calendar_import.h"
#include "lib/db/audit.h"
#include "lib/db/calendar_ops.h"
#include "clients/cli/ctl.h"

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			if (cap >= (1u << 22)) { /* 4 MiB: no calendar is that large */
				free(buf);
				buf = NULL;
				break;
			}
			char *grown = realloc(buf, cap *= 2);
			if (grown == NULL) {
				free(buf);
				buf = NULL;
			}
			buf = grown;
		}
	}
	fclose(f);
	*len = n;
	return buf;
}

static int import(struct ctl *ctl, const char *path)
{
	size_t len;
	char *data = read_file(path, &len);
	if (data == NULL)
		return ctl_fail("cannot read %s (missing, unreadable or over 4 MiB)", path);
	struct ogi_import imp;
	bool ok = ogi_calendar_import_parse(data, len, &imp);
	free(data);
	if (!ok)
		return ctl_fail("%s: %s", path, imp.error);
	struct ogi_import_check check;
	if (!ogi_calendar_import_plausible(&imp, &check)) {
		ogi_import_free(&imp);
		for (int i = 0; i + 1 < check.nmessages; i++)
			fprintf(stderr, "ogictl: %s: %s\n", path, check.message[i].en);
		return ctl_fail("%s: %s; nothing imported", path, check.message[check.nmessages - 1].en);
	}
	char source[300];
	snprintf(source, sizeof source, "ogictl calendar import %s", path);
	int stored = 0, moved = 0;
	struct ogi_actor operator = {0, "ogictl"};
	/* the days, the audit row and the open requests' new deadlines commit together */
	if (ogi_db_sql(ctl->db, "BEGIN") < 0 || ogi_db_calendar_store(ctl->db, &imp, source, &stored) != 0 ||
	    ogi_db_audit_insert(ctl->db, &operator, "calendar", imp.years[0], "import", NULL, NULL) != 0 ||
	    ogi_db_recompute_open(ctl->db, NULL, "ogictl", &moved) != 0 || ogi_db_sql(ctl->db, "COMMIT") < 0)
		goto fail;
	printf("imported %d exceptions for %d", stored, imp.years[0]);
	for (int y = 1; y < imp.nyears; y++)
		printf(", %d", imp.years[y]);
	printf("; the due dates of %d open request%s moved\n", moved, moved == 1 ? "" : "s");
	ogi_import_free(&imp);
	return 0;
fail:
	ogi_db_sql(ctl->db, "ROLLBACK");
	ogi_import_free(&imp);
	return ctl_fail("import failed, nothing stored: %s", ctl->db->message);
}

static bool year_arg(const char *text, long *year)
{
	char *end;
	*year = strtol(text, &end, 10);
	return *text != '\0' && *end == '\0' && *year >= 1990 && *year <= 2100;
}

/* The year's days and its row of loaded years go, audited with what they were, and the open
 * requests' deadlines into it become provisional: one transaction, as the API's DELETE. */
static int unload(struct ctl *ctl, const char *year_text)
{
	long year;
	if (!year_arg(year_text, &year))
		return ctl_fail("the year must be between 1990 and 2100");
	char entity_id[8];
	snprintf(entity_id, sizeof entity_id, "%ld", year);
	json_t *old = NULL;
	char *old_text = NULL;
	int removed = 0, moved = 0, rc = OGI_DB_HARD;
	if (ogi_db_sql(ctl->db, "BEGIN") >= 0)
		rc = ogi_db_calendar_unload(ctl->db, (int)year, &old, &removed);
	if (rc == 0) {
		old_text = json_dumps(old, JSON_COMPACT);
		const char *a[] = {NULL, "ogictl", "calendar", entity_id, "unload", old_text, NULL};
		if (old_text == NULL || ogi_db_exec(ctl->db, "audit_insert", 7, a, NULL) < 0 ||
		    ogi_db_recompute_open(ctl->db, NULL, "ogictl", &moved) != 0 ||
		    ogi_db_sql(ctl->db, "COMMIT") < 0)
			rc = OGI_DB_HARD;
	}
	json_decref(old);
	free(old_text);
	if (rc != 0) {
		ogi_db_sql(ctl->db, "ROLLBACK");
		if (rc == OGI_DB_CALENDAR_NOT_LOADED)
			return ctl_fail("%ld is not loaded; nothing to unload", year);
		return ctl_fail("unload failed, nothing changed: %s", ctl->db->message);
	}
	printf("unloaded %ld (%d exceptions removed; counted by the weekday rule, due dates into it "
	       "provisional); the due dates of %d open request%s moved\n",
	       year, removed, moved, moved == 1 ? "" : "s");
	return 0;
}

static int show(struct ctl *ctl, const char *year_text)
{
	long year;
	if (!year_arg(year_text, &year))
		return ctl_fail("the year must be between 1990 and 2100");
	PGresult *years, *days;
	if (ogi_db_exec(ctl->db, "calendar_years_all", 0, NULL, &years) < 0 ||
	    ogi_db_exec(ctl->db, "calendar_days_all", 0, NULL, &days) < 0)
		return ctl_fail("%s", ctl->db->message);
	const char *source = NULL;
	for (int i = 0; i < PQntuples(years); i++)
		if (ogi_db_int(years, i, 0) == year)
			source = ogi_db_str(years, i, 1);
	printf("%ld: %s\n", year, source ? source : "not loaded (the weekday rule applies; due dates are provisional)");
	char prefix[8];
	snprintf(prefix, sizeof prefix, "%ld-", year);
	for (int i = 0; i < PQntuples(days); i++)
		if (strncmp(ogi_db_str(days, i, 0), prefix, 5) == 0)
			printf("%s  %-7s  %s\n", ogi_db_str(days, i, 0),
			       strcmp(ogi_db_str(days, i, 1), "holiday") == 0 ? "休" : "班",
			       ogi_db_str(days, i, 2));
	PQclear(years);
	PQclear(days);
	return 0;
}

int cmd_calendar(struct ctl *ctl, int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[0], "import") == 0)
		return import(ctl, argv[1]);
	if (argc == 2 && strcmp(argv[0], "show") == 0)
		return show(ctl, argv[1]);
	if (argc == 2 && strcmp(argv[0], "unload") == 0)
		return unload(ctl, argv[1]);
	return ctl_usage();
}

/* ogictl calendar import FILE | calendar show YEAR | calendar unload YEAR: the
 * same parser, plausibility rule and storage as the API's import and unload;
 * the show prints a year's exceptions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/errors.h"
#include "clients/cli/ctl.h"
#include "lib/calendar_import.h"
#include "lib/date.h"
#include "lib/db/calendar_ops.h"

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

/* One change and its consequences (audit row, open requests recomputed) in one transaction,
 * by the same lib/db functions as the API's. */
struct change {
	const struct ogi_import *imp; /* import */
	int year;                     /* unload */
	struct ogi_calendar_change ch;
};

static int import_tx(struct ogi_db *db, void *cls)
{
	struct change *w = cls;
	return ogi_db_calendar_import(db, w->imp, &w->ch);
}

static int unload_tx(struct ogi_db *db, void *cls)
{
	struct change *w = cls;
	return ogi_db_calendar_unload(db, w->year, &w->ch);
}

/* the operator with ogictl, not a user: the audit log and the timelines say "ogictl" */
static const struct ogi_actor ogictl_actor = {0, "ogictl"};

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
		return ctl_fail("%s: %s; nothing imported", path,
		                check.message[check.nmessages - 1].en);
	}
	char source[300];
	snprintf(source, sizeof source, "ogictl calendar import %s", path);
	struct change w = {.imp = &imp, .ch = {.actor = &ogictl_actor, .source = source}};
	if (ogi_db_tx(ctl->db, "import calendar", import_tx, &w) != 0) {
		ogi_import_free(&imp);
		return ctl_fail("import failed, nothing stored: %s", ogi_db_message(ctl->db));
	}
	printf("imported %d exceptions for %d", w.ch.days, imp.years[0]);
	for (int y = 1; y < imp.nyears; y++)
		printf(", %d", imp.years[y]);
	printf("; the due dates of %d open request%s moved\n", w.ch.moved,
	       w.ch.moved == 1 ? "" : "s");
	ogi_import_free(&imp);
	return 0;
}

static bool year_arg(const char *text, long *year)
{
	char *end;
	*year = strtol(text, &end, 10);
	return *text != '\0' && *end == '\0' && *year >= OGI_DATE_MIN_YEAR &&
	       *year <= OGI_DATE_MAX_YEAR;
}

/* The year's days and its row of loaded years go, audited with what they were, and the open
 * requests' deadlines into it become provisional: one transaction, as the API's DELETE. */
static int unload(struct ctl *ctl, const char *year_text)
{
	long year;
	if (!year_arg(year_text, &year))
		return ctl_fail("the year must be between 1990 and 2100");
	struct change w = {.year = (int)year, .ch = {.actor = &ogictl_actor}};
	int rc = ogi_db_tx(ctl->db, "unload calendar year", unload_tx, &w);
	if (rc == OGI_E_NOT_FOUND)
		return ctl_fail("%ld is not loaded; nothing to unload", year);
	if (rc != 0)
		return ctl_fail("unload failed, nothing changed: %s", ogi_db_message(ctl->db));
	printf(
	    "unloaded %ld (%d exceptions removed; counted by the weekday rule, due dates into it "
	    "provisional); the due dates of %d open request%s moved\n",
	    year, w.ch.days, w.ch.moved, w.ch.moved == 1 ? "" : "s");
	return 0;
}

static int show(struct ctl *ctl, const char *year_text)
{
	long year;
	if (!year_arg(year_text, &year))
		return ctl_fail("the year must be between 1990 and 2100");
	struct ogi_stored_year y;
	if (ogi_db_calendar_year_get(ctl->db, (int)year, &y) != 0)
		return ctl_fail("%s", ogi_db_message(ctl->db));
	printf("%ld: %s\n", year,
	       y.loaded ? y.source
	                : "not loaded (the weekday rule applies; due dates are provisional)");
	char day[OGI_DATE_STRLEN];
	for (size_t i = 0; i < y.ndays; i++)
		printf("%s  %-7s  %s\n", ogi_date_format(y.days[i].day, day),
		       y.days[i].kind == OGI_DAY_HOLIDAY ? "休" : "班", y.days[i].name);
	ogi_stored_year_free(&y);
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

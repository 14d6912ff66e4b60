/* Loads the calendar shipped in migrations/0002-calendar.sql (its one row
 * per line of calendar_years and calendar_days) for tests and benchmarks. */
#ifndef OGI_CALDATA_H
#define OGI_CALDATA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/calendar.h"

static inline struct ogi_calendar *caldata_load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(2);
	}
	struct ogi_calendar *cal = ogi_calendar_new();
	char line[1024];
	int days = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		int year;
		char date[11], kind[16], name[256];
		if (sscanf(line, "(%d,'", &year) == 1 && line[5] == ',') {
			ogi_calendar_add_year(cal, year, "0002-calendar.sql");
		} else if (sscanf(line, "('%10[0-9-]','%15[a-z]','%255[^']'", date, kind, name) ==
		           3) {
			ogi_date d;
			if (!ogi_date_parse(date, &d)) {
				fprintf(stderr, "bad date in %s: %s", path, line);
				exit(2);
			}
			ogi_calendar_set_day(
			    cal, d,
			    strcmp(kind, "holiday") == 0 ? OGI_DAY_HOLIDAY : OGI_DAY_WORKDAY, name);
			days++;
		}
	}
	fclose(f);
	if (days < 400 || !ogi_calendar_finish(cal)) {
		fprintf(stderr, "%s: only %d days read\n", path, days);
		exit(2);
	}
	return cal;
}

static inline ogi_date D(const char *s)
{
	ogi_date d;
	if (!ogi_date_parse(s, &d)) {
		fprintf(stderr, "bad date in a test table: %s\n", s);
		exit(2);
	}
	return d;
}

#endif

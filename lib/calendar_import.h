/* Reading a year's official days from a file: the holiday-cn JSON
 * ({"year":2026,"days":[{"name":…,"date":…,"isOffDay":…}]}) or iCalendar
 * (VEVENTs with DTSTART/DTEND dates and a SUMMARY; a summary naming 班 or
 * 上班 is a make-up working day, anything else days off).  Strict: any
 * malformed input fails with a message naming where, and nothing is
 * returned. */
#ifndef OGI_CALENDAR_IMPORT_H
#define OGI_CALENDAR_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "calendar.h"
#include "date.h"

struct ogi_import_day {
	ogi_date day;
	enum ogi_day_kind kind; /* HOLIDAY (off) or WORKDAY (worked) as the file says */
	char name[96];
};

struct ogi_import {
	int years[8]; /* the years the file covers */
	int nyears;
	struct ogi_import_day *days; /* malloc'd; ogi_import_free */
	size_t ndays;
	char error[256];
};

/* Detects the format and parses; false with imp->error set on any fault. */
bool ogi_calendar_import_parse(const char *data, size_t len, struct ogi_import *imp);
void ogi_import_free(struct ogi_import *imp);

#endif

/* Reading a year's official days from a file: the holiday-cn JSON
 * ({"year":2026,"days":[{"name":…,"date":…,"isOffDay":…}]}) or iCalendar
 * (RFC 5545, read with libical: VEVENTs with DTSTART and DTEND or DURATION,
 * recurring by RRULE, RDATE, EXDATE and RECURRENCE-ID, and a SUMMARY; a
 * summary naming 班 or 上班 is a make-up working day, anything else days
 * off; docs/calendar-and-clock.md).  Strict: any malformed input fails with
 * a message naming where, in English and Chinese, and nothing is returned. */
#ifndef OGI_CALENDAR_IMPORT_H
#define OGI_CALENDAR_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/calendar.h"
#include "lib/date.h"

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
	char error[256];    /* what is wrong and where, in English */
	char error_zh[256]; /* and in Chinese */
};

/* Detects the format and parses; false with imp->error and imp->error_zh set on any fault. */
bool ogi_calendar_import_parse(const char *data, size_t len, struct ogi_import *imp);
void ogi_import_free(struct ogi_import *imp);

/* The rules a year's arrangement always meets (全国年节及纪念日放假办法), which
 * ogi_calendar_import_plausible checks of every year an import loads: a well-formed
 * file can still be no year's arrangement (an empty "days" array, one event), and
 * loading it would make every deadline into that year look certain. */
enum {
	/* no Spring Festival (春节): fewer weekdays off between 18 January and the end of
	   February than the law's days of 春节 (3, from 2025 4, with 除夕) */
	OGI_IMPORT_NO_SPRING_FESTIVAL = 1,
	/* no National Day (国庆节): 1, 2 and 3 October are not all days off */
	OGI_IMPORT_NO_NATIONAL_DAY = 2,
	/* fewer weekdays off in the year than the law's holidays (11, from 2025 13): art. 6
	   moves a holiday that falls on a weekend to a weekday, so there are never fewer */
	OGI_IMPORT_TOO_FEW_DAYS_OFF = 4,
};

struct ogi_import_check {
	int year;                                         /* the first year found wanting */
	unsigned failed;                                  /* the rules it breaks (OGI_IMPORT_…) */
	int spring_festival_days, spring_festival_needed; /* its weekdays off by 春节; the law's */
	int days_off, days_off_needed;                    /* its weekdays off in all; the law's */
	int nmessages; /* one for each rule broken: what is wrong and the rule */
	struct {
		char zh[256], en[256];
	} message[3];
};

/* Whether every year imp loads looks like a State Council arrangement (the rules
 * above, on the file's days as stored: a weekend day is off unless listed as
 * worked).  False with check filled for the first year that does not. */
bool ogi_calendar_import_plausible(const struct ogi_import *imp, struct ogi_import_check *check);

#endif

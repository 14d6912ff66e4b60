/* The working-day calendar: Monday–Friday, minus the official days off,
 * plus the weekend make-up working days (调休), as fixed each year by the
 * State Council.  Built once from the exceptions of the loaded years, then
 * immutable: safe to share between threads.
 *
 * W(d), the number of working days up to d, is the weekday count (closed
 * form) plus a prefix sum of the exceptions, so adding N working days is a
 * binary search over W, not a walk day by day.  Outside the loaded years
 * the weekday rule applies and results are flagged provisional. */
#ifndef OGI_CALENDAR_H
#define OGI_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/date.h"

enum ogi_day_kind {
	OGI_DAY_RULE = 0,    /* no exception: the weekday rule */
	OGI_DAY_HOLIDAY = 1, /* a weekday that is a day off */
	OGI_DAY_WORKDAY = 2, /* a weekend day that is a working day */
};
/* "rule", "holiday", "workday" by enum ogi_day_kind (the database's calendar_days.kind
 * is one of the last two), ending with NULL. */
extern const char *const ogi_day_kind_names[];

struct ogi_calendar;

struct ogi_calendar *ogi_calendar_new(void);
/* Marks year loaded (its exceptions come with set_day). false on a bad year. */
bool ogi_calendar_add_year(struct ogi_calendar *cal, int year, const char *source);
/* Records one exception; name is copied.  A holiday on a weekend or a
 * workday on a weekday changes nothing and is accepted. */
bool ogi_calendar_set_day(struct ogi_calendar *cal, ogi_date day, enum ogi_day_kind kind,
                          const char *name);
/* Builds the lookup tables; no set_day after this.  false when out of memory. */
bool ogi_calendar_finish(struct ogi_calendar *cal);
void ogi_calendar_free(struct ogi_calendar *cal);

bool ogi_calendar_year_loaded(const struct ogi_calendar *cal, int year);
/* The loaded years in order into out (at most max); returns how many. */
int ogi_calendar_years(const struct ogi_calendar *cal, int *out, int max);
const char *ogi_calendar_year_source(const struct ogi_calendar *cal, int year);

bool ogi_is_workday(const struct ogi_calendar *cal, ogi_date d);
/* The exception recorded for d (OGI_DAY_RULE and NULL name when none); the
 * name lives as long as the calendar. */
enum ogi_day_kind ogi_calendar_day(const struct ogi_calendar *cal, ogi_date d, const char **name);

/* The n-th working day after from (the start day is not counted; n = 0
 * gives from).  *provisional (may be NULL) is set when a day counted falls
 * in a year that is not loaded.  0 ≤ n ≤ 100000. */
ogi_date ogi_add_workdays(const struct ogi_calendar *cal, ogi_date from, int n, bool *provisional);
/* Working days in (a, b]; negative when b < a. */
int ogi_workdays_between(const struct ogi_calendar *cal, ogi_date a, ogi_date b);
/* d itself when a working day, else the next working day. */
ogi_date ogi_next_workday_on_or_after(const struct ogi_calendar *cal, ogi_date d);
/* True when every day of (a, b] lies in a loaded year. */
bool ogi_calendar_covers(const struct ogi_calendar *cal, ogi_date a, ogi_date b);

/* Days off in (a, b] and make-up working days counted there, for
 * explanations: fills out (at most max), returns the number found. */
struct ogi_day_note {
	ogi_date day;
	enum ogi_day_kind kind; /* HOLIDAY / WORKDAY exception, or RULE for a plain weekend */
	const char *name;       /* holiday name, or NULL for a weekend */
};
int ogi_calendar_notes(const struct ogi_calendar *cal, ogi_date a, ogi_date b,
                       struct ogi_day_note *out, int max);

/* A year as the database stores it, for listing: whether it is loaded and
 * from what source, and each exception stored for one of its days as it was
 * entered (also one that changes nothing, such as a holiday on a Sunday,
 * which ogi_calendar_day does not report). */
struct ogi_stored_day {
	ogi_date day;
	enum ogi_day_kind kind; /* HOLIDAY or WORKDAY */
	char *name;             /* owned */
};
struct ogi_stored_year {
	int year;
	bool loaded;
	char *source; /* owned; NULL when not loaded */
	size_t ndays;
	struct ogi_stored_day *days; /* owned, in order */
};
/* Frees what y owns and zeroes it. */
void ogi_stored_year_free(struct ogi_stored_year *y);

#endif

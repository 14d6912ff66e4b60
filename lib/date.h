/* Civil dates as day numbers: the one date type of libogi.
 *
 * A legal date (received_on, replied on, a holiday) is a day in Asia/Shanghai
 * with no time of day.  It is held as the number of days since 1970-01-01, so
 * comparing and subtracting dates is integer arithmetic. */
#ifndef OGI_DATE_H
#define OGI_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t ogi_date;

#define OGI_DATE_NONE   INT32_MIN /* "no date" in structs that may lack one */
#define OGI_DATE_STRLEN 16        /* "YYYY-MM-DD" and its NUL; room for "-5877641-06-23" */

/* The years of a date ogi takes as input (a field of a JSON body, a query
 * parameter): those the working-day calendar holds (lib/calendar.c) and the
 * calendar endpoints take.  What is derived from such a date (a due date so
 * many working days or months on) stays within a few years of it, far from
 * the limits of YYYY-MM-DD. */
#define OGI_DATE_MIN_YEAR 1990
#define OGI_DATE_MAX_YEAR 2100

/* Day number of a civil date; the caller has checked it with ogi_date_valid. */
ogi_date ogi_date_from_ymd(int year, int month, int day);
void ogi_date_to_ymd(ogi_date d, int *year, int *month, int *day);
int ogi_date_year(ogi_date d);

/* True when year/month/day name a real day of the proleptic Gregorian calendar. */
bool ogi_date_valid(int year, int month, int day);
int ogi_days_in_month(int year, int month);

/* 1 = Monday … 7 = Sunday (ISO 8601). */
int ogi_date_weekday(ogi_date d);

/* Parses exactly "YYYY-MM-DD" (four-digit year, zero padded, a real day).
 * Returns false for anything else: "2025-02-30", "2025-2-3", trailing text. */
bool ogi_date_parse(const char *s, ogi_date *out);
bool ogi_date_parse_n(const char *s, size_t len, ogi_date *out);

/* True when d lies in OGI_DATE_MIN_YEAR–OGI_DATE_MAX_YEAR: the dates input may name. */
bool ogi_date_in_range(ogi_date d);

/* Writes "YYYY-MM-DD" into buf (OGI_DATE_STRLEN bytes) and returns buf.  A year
 * outside 0000–9999 is written whole with its sign (ISO 8601's expanded form,
 * "+10000-01-05", "-0001-12-31"), never cut to four digits: a wrong year is
 * worse than one nothing parses. */
char *ogi_date_format(ogi_date d, char buf[OGI_DATE_STRLEN]);

/* Calendar arithmetic for periods in months (行政诉讼 6 个月): the same day
 * of the month n months later, or the month's last day when it has no such
 * day (08-31 + 6 months = 02-28/29). */
ogi_date ogi_date_add_months(ogi_date d, int months);

/* Today in Asia/Shanghai (UTC+8, no daylight saving), from the system clock.
 * The environment variable OGI_TODAY=YYYY-MM-DD overrides it, for tests. */
ogi_date ogi_today(void);

#endif

/* The working-day calendar as the API returns it: a year's days off and
 * make-up days (GET /api/v1/calendar/{year}) and the desk calculator's
 * answer (GET /api/v1/workdays/add). */
#ifndef OGI_WIRE_CALENDAR_JSON_H
#define OGI_WIRE_CALENDAR_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/calendar.h"
#include "lib/date.h"

/* {year, loaded, source, workdays, days: [{date, kind, name}], loaded_years}:
 * the exceptions in force in year (not the days the weekday rule gives),
 * its working days, and every loaded year. */
json_t *wire_calendar_year(const struct ogi_calendar *cal, int year);

/* {from, days, date, provisional, skipped, makeup_counted}: date is the
 * days-th working day after from (provisional when one counted falls in a
 * year not loaded); with the days off skipped (holiday or weekend) and the
 * make-up working days counted on the way, when the span is short enough to
 * list (560 days). */
json_t *wire_workdays(const struct ogi_calendar *cal, ogi_date from, int days, ogi_date date,
                      bool provisional);

#endif

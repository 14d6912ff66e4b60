/* The checks the calendar's routes make before anything else: whether the
 * caller may change the calendar, and whether a year is one it can hold. */
#ifndef OGI_DAEMON_CALENDAR_GUARD_H
#define OGI_DAEMON_CALENDAR_GUARD_H

#include <stdbool.h>

#include "daemon/core/ctx.h"

/* True when the caller may change the calendar (lib/calendar_policy.h: an
 * admin of a top-level body); otherwise 403 calendar_top_level_only via
 * *result.  Checked before the input is looked at. */
bool calendar_changer(struct ctx *c, enum MHD_Result *result);

/* True when year lies in OGI_DATE_MIN_YEAR–OGI_DATE_MAX_YEAR; otherwise 400
 * naming the field "year" via *result. */
bool calendar_year_ok(struct ctx *c, long long year, enum MHD_Result *result);

#endif

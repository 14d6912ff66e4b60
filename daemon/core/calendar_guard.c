/* The calendar routes' first checks (see calendar_guard.h). */
#include "daemon/core/calendar_guard.h"

#include "daemon/core/auth.h"
#include "daemon/core/reply.h"
#include "lib/date.h"

bool calendar_changer(struct ctx *c, enum MHD_Result *result)
{
	/* every office's deadlines count with the one calendar, so a change moves the due dates
	   of bodies a street office's admin has no say over */
	if (auth_calendar_admin(&c->auth))
		return true;
	*result =
	    reply_problem(c, OGI_E_CALENDAR_TOP_LEVEL_ONLY,
	                  "%s holds the admin role on no top-level body (a body without a parent)",
	                  c->auth.username);
	return false;
}

bool calendar_year_ok(struct ctx *c, long long year, enum MHD_Result *result)
{
	if (year >= OGI_DATE_MIN_YEAR && year <= OGI_DATE_MAX_YEAR)
		return true;
	struct spec_errors errs = {0};
	spec_date_range_error(&errs, "year");
	*result = reply_invalid(c, &errs);
	return false;
}

/* Who may change the working-day calendar (see calendar_policy.h). */
#include "lib/calendar_policy.h"

const unsigned ogi_calendar_change_roles = 1u << OGI_ROLE_ADMIN;

bool ogi_calendar_may_change(enum ogi_role role, bool top_level)
{
	return top_level && (unsigned)role < OGI_ROLE_COUNT &&
	       (ogi_calendar_change_roles & (1u << role)) != 0;
}

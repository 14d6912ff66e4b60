/* Who may change the working-day calendar.  There is one calendar for the
 * whole deployment: a day edited, a year imported or unloaded moves the due
 * dates of every body's open requests, and records the change in their
 * timelines under the changer's name.  So only an administrator of a
 * top-level body (one without a parent: the people answerable for all the
 * bodies below it) may make one; a street office's admin reads it (ogi issue
 * 19 item 2).  Policy as data, tested as a table (tests/unit/test_calendar_policy.c). */
#ifndef OGI_CALENDAR_POLICY_H
#define OGI_CALENDAR_POLICY_H

#include <stdbool.h>

#include "lib/domain.h"

/* The roles (bit 1u << role) whose grant on a top-level body lets its holder
 * change the calendar; a grant on a body with a parent never does. */
extern const unsigned ogi_calendar_change_roles;

/* Whether one grant, of role on a body (top_level: it has no parent), lets
 * its holder change the calendar.  A caller may when one of its grants does. */
bool ogi_calendar_may_change(enum ogi_role role, bool top_level);

#endif

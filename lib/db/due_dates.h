/* lib/db: every date due on the requests a user may see (issue 16 items 4 and 5) — the one
 * selection behind a user's calendar feed and their e-mail digest.  In scope: the requests
 * assigned to the user, or (bodies) every request of the bodies where they hold a role.  Open
 * ones give their reply due date while the clock runs and every sub-deadline the clock keeps
 * (the correction notice's 7 working days, the applicant's time to correct, consultation and
 * fee windows); open or closed ones give their remedy records' pending dates (a
 * reconsideration decision, a court date, a redo order). */
#ifndef OGI_DB_DUE_DATES_H
#define OGI_DB_DUE_DATES_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/calendar.h"
#include "lib/db/db.h"
#include "lib/ical_feed.h"
#include "lib/request.h"

struct ogi_due_dates {
	size_t n, cap;
	struct ogi_feed_event *ev;    /* by date, then request id; strings point into list */
	struct ogi_request_list list; /* the requests the dates are of */
};

/* The dates due on the requests of the bodies roots (each with its subtree; nroots of them),
 * only those assigned to assignee unless it is 0, as of today, into out (ogi_due_dates_free):
 * 0, or a database status (< 0). */
int ogi_db_due_dates(struct ogi_db *db, const struct ogi_calendar *cal, const long long *roots,
                     int nroots, long long assignee, ogi_date today, struct ogi_due_dates *out);
void ogi_due_dates_free(struct ogi_due_dates *d);

#endif

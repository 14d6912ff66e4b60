/* lib/db for the district dashboard (督办看板, issue 16): a body's subtree
 * with each body's open, overdue, replied-late, replied, received and
 * open-supervision counts, the reply due dates of its running clocks that
 * may fall within 3 working days, and the applications received per month.
 * The working days themselves are counted by the caller, from the official
 * calendar (daemon/core/calendar_cache.h). */
#ifndef OGI_DB_DASHBOARD_H
#define OGI_DB_DASHBOARD_H

#include <stddef.h>

#include "lib/date.h"
#include "lib/db/db.h"

struct ogi_dashboard_body {
	long long id, parent_id; /* parent_id 0 for a top-level body */
	char name[256];
	int depth;          /* 1 for a top-level body */
	long long open;     /* not closed */
	long long overdue;  /* the clock running and the reply due date before today */
	long long due_soon; /* filled by the caller */
	long long replied,
	    replied_late;     /* closed by a reply in the year; of them after the due date */
	long long received;   /* received in the year */
	long long supervised; /* open supervisions (督办 not yet answered) */
};

struct ogi_dashboard_due {
	long long body_id;
	ogi_date due_on;
};

struct ogi_dashboard {
	size_t nbodies, ndue;
	struct ogi_dashboard_body *bodies; /* the subtree, root first (by path) */
	struct ogi_dashboard_due *due;     /* running clocks due from today to today + 31 days */
	long long months[12];              /* received in the year, January first */
};

/* The figures of body_id's subtree for year, as of today, into *out (free
 * it with ogi_dashboard_free). */
int ogi_db_dashboard(struct ogi_db *db, long long body_id, int year, ogi_date today,
                     struct ogi_dashboard *out);
void ogi_dashboard_free(struct ogi_dashboard *d);

#endif

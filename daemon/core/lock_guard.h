/* The year lock as every change to a report's figures meets it: intake,
 * events, staff inputs (PUT …/reports/annual/{year}/{body_id}/inputs), and
 * reconsiderations and litigations.  A route calls lock_guard in its
 * transaction before it writes.  The policy is lib/yearlock.h's; here it
 * meets the database and the caller. */
#ifndef OGI_DAEMON_LOCK_GUARD_H
#define OGI_DAEMON_LOCK_GUARD_H

#include <stdbool.h>
#include <stddef.h>

#include "daemon/core/ctx.h"
#include "lib/date.h"
#include "lib/db/db.h"
#include "lib/request.h"
#include "lib/yearlock.h"

struct lock_change {
	long long body_id; /* whose figures the change touches */
	ogi_date on;       /* its legal date: the year it counts in */
	bool self_only;    /* only the body's own lock (staff inputs), not an
	                      ancestor's subtree lock */
	const char
	    *override_reason; /* an admin's reason to record into a locked year; NULL: none */
	long long request_id; /* the request it belongs to, or 0 */
	const char *subject;  /* event, intake, inputs, reconsideration, litigation */
	const char *detail;   /* one line for the amendment: what is recorded */
};

/* Returns 0 to go on: no lock covers the change, or the caller is an admin
 * of every locked body concerned and gave a reason, which is then recorded
 * (report_amendments) so the report says it was amended.  Otherwise a
 * positive enum ogi_error — OGI_E_YEAR_LOCKED (409), OGI_E_OVERRIDE_REASON_REQUIRED
 * (400, a blank reason), OGI_E_FORBIDDEN (403, a reason from a non-admin) —
 * with an English sentence in detail, or OGI_DB_HARD/SOFT. */
int lock_guard(struct ogi_db *db, const struct ctx *c, const struct lock_change *ch, char *detail,
               size_t len);

/* The amendment line of an event: "申请JD01-2024-00012：答复（2024-12-30，予以公开）". */
void event_detail(const char *tracking_no, const struct ogi_event *ev, char *out, size_t len);

#endif

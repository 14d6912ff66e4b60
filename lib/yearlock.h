/* The year lock (DESIGN.md §2): a year's report can be locked once it is
 * published; a later change that would alter its figures is refused unless
 * an admin of the locked body overrides it with a reason, and the report
 * then says it was amended.  Here is the policy, as data: which events alter
 * a report, and what a change that locks cover is answered.  Pure — the
 * locks come from lib/db/reports.h (ogi_db_locks_covering) and the caller's
 * rights from the daemon (daemon/core/lock_guard.h runs both in the change's
 * transaction and records the overrides). */
#ifndef OGI_YEARLOCK_H
#define OGI_YEARLOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "api/errors.h"
#include "lib/date.h"
#include "lib/domain.h"

/* Events that can change a published report's figures (intake, closing,
 * fees); the lock refuses them in a locked year. */
bool ogi_event_alters_report(enum ogi_event_type t);

/* A lock that covers a change to a body's figures of a year. */
#define OGI_LOCK_PATH_MAX 64
struct ogi_lock_hit {
	long long body_id; /* the locked report's body: the body itself or an ancestor */
	char body_name[256];
	char locked_on[OGI_DATE_STRLEN];
	char locked_by[72];
	bool subtree;
	/* the locked body's path from the root, itself last: who administers it */
	int npath;
	long long path[OGI_LOCK_PATH_MAX];
};

/* The answer to a change to the figures of year that the n locks hits
 * cover (hits[0] is named when the change is refused as such), where
 * admin[i] says whether the caller is an admin of hits[i]'s body and
 * override_reason is the caller's reason (NULL: none given).  Returns 0 to
 * go on — n is 0, or the reason is given and the caller is an admin of every
 * locked body: the change is then recorded into each (report_amendments) —
 * or OGI_E_YEAR_LOCKED (no reason), OGI_E_OVERRIDE_REASON_REQUIRED (a blank
 * one) or OGI_E_FORBIDDEN (a reason from one who is not an admin of a locked
 * body), with the English sentence of why in detail. */
int ogi_yearlock_decide(int year, const struct ogi_lock_hit *hits, int n, const bool *admin,
                        const char *override_reason, char *detail, size_t len);

#endif

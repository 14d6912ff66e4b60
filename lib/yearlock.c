/* The year lock's policy (see yearlock.h). */
#include "lib/yearlock.h"

#include <string.h>

#include "lib/refuse.h"

/* What each event does to the report of the year of its date. */
static const bool alters[OGI_EV_TYPE_COUNT] = {
    [OGI_EV_REGISTERED] = true,        /* 一: received in the year (and 二, 四 after it) */
    [OGI_EV_REPLIED] = true,           /* 三: closed in the year with its outcome's row */
    [OGI_EV_WITHDRAWN] = true,         /* 三: closed as withdrawn */
    [OGI_EV_CORRECTION_LAPSED] = true, /* 三: closed, no correction came */
    [OGI_EV_FEE_LAPSED] = true,        /* 三: closed, the fee was not paid */
    [OGI_EV_FEE_NOTICE_ISSUED] = true, /* fees: a notice issued in the year */
    [OGI_EV_FEE_PAID] = true,          /* fees: collected in the year */
    [OGI_EV_FEE_WAIVED] = true,        /* fees: waived in the year */
    [OGI_EV_TRANSFERRED] = true,       /* which body counts the request */
};

bool ogi_event_alters_report(enum ogi_event_type t)
{
	return (unsigned)t < OGI_EV_TYPE_COUNT && alters[t];
}

enum reason { REASON_NONE, REASON_BLANK, REASON_GIVEN };
enum { ANY = -1 };

/* The answer to a change into a locked year by what the caller brings; the
 * first row that matches answers. */
static const struct {
	enum reason reason;
	int admin_of_all; /* 0, 1 or ANY */
	int verdict;      /* 0: go on and record the override */
} policy[] = {
    /* a published report does not change unasked: refused, saying who locked it */
    {REASON_NONE, ANY, OGI_E_YEAR_LOCKED},
    /* an override is recorded with why: a blank reason is no reason */
    {REASON_BLANK, ANY, OGI_E_OVERRIDE_REASON_REQUIRED},
    /* only an admin of every locked body answers for its published report */
    {REASON_GIVEN, 0, OGI_E_FORBIDDEN},
    {REASON_GIVEN, 1, 0},
};

static enum reason reason_of(const char *s)
{
	if (s == NULL)
		return REASON_NONE;
	return strspn(s, " \t\r\n") == strlen(s) ? REASON_BLANK : REASON_GIVEN;
}

int ogi_yearlock_decide(int year, const struct ogi_lock_hit *hits, int n, const bool *admin,
                        const char *override_reason, char *detail, size_t len)
{
	if (n <= 0)
		return 0;
	enum reason reason = reason_of(override_reason);
	int not_admin = -1; /* the first locked body the caller is no admin of */
	for (int i = 0; i < n && not_admin < 0; i++)
		if (!admin[i])
			not_admin = i;
	int verdict = OGI_E_YEAR_LOCKED;
	for (size_t k = 0; k < sizeof policy / sizeof policy[0]; k++)
		if (policy[k].reason == reason &&
		    (policy[k].admin_of_all == ANY || policy[k].admin_of_all == (not_admin < 0))) {
			verdict = policy[k].verdict;
			break;
		}
	switch (verdict) {
	case 0:
		return 0;
	case OGI_E_OVERRIDE_REASON_REQUIRED:
		return ogi_refuse(detail, len, OGI_E_OVERRIDE_REASON_REQUIRED,
		                  "the %d report of %s is locked: say why in override_reason", year,
		                  hits[0].body_name);
	case OGI_E_FORBIDDEN:
		return ogi_refuse(
		    detail, len, OGI_E_FORBIDDEN,
		    "the %d report of %s is locked: only an admin of that body may record "
		    "into it",
		    year, hits[not_admin].body_name);
	default:
		return ogi_refuse(
		    detail, len, OGI_E_YEAR_LOCKED,
		    "the %d report of %s was locked on %s by %s; an admin may record this "
		    "with an override_reason",
		    year, hits[0].body_name, hits[0].locked_on, hits[0].locked_by);
	}
}

/* GET /api/v1/feeds/{token}.ics: a user's calendar feed (issue 16 item 5) — every date
 * due on their requests as all-day events, for Outlook and phone calendars to subscribe
 * to.  No session: the secret token in the URL is the credential (a calendar server
 * fetches it), stored only as its hash, revocable; an unknown or revoked token, or one of
 * a deactivated user, answers 404 as a path that does not exist.  What the feed shows is
 * what its user may read now: the requests assigned to them, or (scope "bodies") every
 * request of the bodies where they hold a role — open ones with their reply due date
 * while the clock runs and every sub-deadline the clock keeps (the correction notice's 7
 * working days, the applicant's time to correct, consultation and fee windows), and open
 * or closed ones with a remedy record's date pending (a reconsideration decision, a court
 * date, a redo order).  Dates move when a deadline moves: each event's UID names the
 * request and what is due, never the date.  The access log shows the route, not the
 * token (lib/redact.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/core/auth.h"
#include "daemon/core/calendar_cache.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/clock.h"
#include "lib/db/due_dates.h"
#include "lib/db/sessions.h"
#include "lib/ical_feed.h"
#include "lib/remedies.h"
#include "lib/secret.h"

/* The start of the staff client's page of a request, on the host the feed was fetched
 * from, into out; false when the host is not one to put in a link. */
static bool link_base(const struct ctx *c, char *out, size_t len)
{
	const char *host = c->peer.host;
	if (host[0] == '\0' || strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                                    "0123456789.-:[]") != strlen(host))
		return false;
	snprintf(out, len, "%s://%s/#/requests/", c->peer.https ? "https" : "http", host);
	return true;
}

/* The feed of user u (its grants) in scope into *text. */
static int feed_text(struct ctx *c, struct ogi_db *db, const struct ogi_session *u,
                     enum ogi_feed_scope scope, char **text)
{
	struct auth a = {.user_id = u->user_id, .ngrants = u->ngrants};
	memcpy(a.grants, u->grants, (size_t)u->ngrants * sizeof a.grants[0]);
	long long roots[OGI_MAX_GRANTS];
	int nroots = auth_root_ids(&a, (1u << OGI_ROLE_COUNT) - 1, roots, OGI_MAX_GRANTS);
	*text = NULL;
	struct ogi_due_dates f;
	struct calendar_ref cal = calendar_acquire();
	int rc = ogi_db_due_dates(db, cal.cal, roots, nroots,
	                          scope == OGI_FEED_ASSIGNED ? u->user_id : 0, ogi_today(), &f);
	calendar_release(cal);
	if (rc == 0) {
		char name[128], link[320];
		snprintf(name, sizeof name, "%s · %s",
		         scope == OGI_FEED_ASSIGNED ? "我的办理期限" : "本单位办理期限",
		         u->username);
		bool linked = link_base(c, link, sizeof link);
		*text = ogi_ical_feed(name, linked ? c->peer.host : NULL, linked ? link : NULL,
		                      f.ev, f.n, time(NULL));
		if (*text == NULL)
			rc = OGI_DB_HARD;
	}
	ogi_due_dates_free(&f);
	return rc;
}

enum MHD_Result h_feed_ics_get(struct ctx *c)
{
	if (strlen(c->param) != OGI_TOKEN_LEN)
		return reply_problem(c, OGI_E_NOT_FOUND, "no such calendar feed");
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	char hash[OGI_TOKEN_HASH_HEX];
	ogi_token_hash(c->param, strlen(c->param), hash);
	struct ogi_session u;
	enum ogi_feed_scope scope;
	int rc = ogi_db_feed_lookup(db, hash, &u, &scope);
	if (rc == OGI_E_NOT_FOUND)
		return reply_problem(c, OGI_E_NOT_FOUND, "no such calendar feed");
	char *text = NULL;
	if (rc == 0)
		rc = feed_text(c, db, &u, scope, &text);
	if (rc != 0)
		return reply_status(c, db, rc);
	(void)ogi_db_feed_touch(db, u.id); /* a failed write-down loses only the count */
	result = reply_bytes(c, 200, "text/calendar; charset=utf-8", text, strlen(text),
	                     "private, no-cache");
	free(text);
	return result;
}

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
#include "daemon/core/remedy_dates.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/clock.h"
#include "lib/db/requests.h"
#include "lib/db/sessions.h"
#include "lib/ical_feed.h"
#include "lib/remedies.h"
#include "lib/secret.h"

/* The feed being written: its events, in no order yet. */
struct feed {
	struct ogi_feed_event *ev;
	size_t n, cap;
};

/* Appends the date of kind on base's request (what is due in words), numbered after the
 * dates of that kind the request has from index from on; false when out of memory. */
static bool feed_add(struct feed *f, const struct ogi_feed_event *base, size_t from,
                     const char *kind, const char *what, ogi_date on, bool provisional)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		struct ogi_feed_event *v = realloc(f->ev, cap * sizeof *v);
		if (v == NULL)
			return false;
		f->ev = v;
		f->cap = cap;
	}
	struct ogi_feed_event e = *base;
	e.kind = kind;
	e.what = what;
	e.on = on;
	e.provisional = provisional;
	for (size_t i = from; i < f->n; i++)
		e.seq += strcmp(f->ev[i].kind, kind) == 0;
	f->ev[f->n++] = e;
	return true;
}

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

/* One request's dates: its own while open, its remedy records' pending ones. */
static bool request_events(struct feed *f, const struct ogi_request *r, json_t *remedy_dates)
{
	size_t from = f->n;
	struct ogi_feed_event base = {
	    .request_id = r->id, .tracking = r->tracking_no, .body = r->body_name};
	if (r->status == OGI_STATUS_REGISTERED && r->due_on != OGI_DATE_NONE &&
	    !feed_add(f, &base, from, "reply_due", "答复期限", r->due_on, r->provisional))
		return false;
	size_t k;
	json_t *s;
	ogi_date d;
	json_t *subs =
	    r->status != OGI_STATUS_CLOSED ? json_object_get(r->clock, "subdeadlines") : NULL;
	json_array_foreach(subs, k, s)
	{
		int sk = ogi_enum_parse(ogi_subdeadline_names,
		                        json_string_value(json_object_get(s, "kind")));
		/* the applicant's own windows after a reply are not the office's work */
		if (sk < 0 || sk == OGI_SUB_RECONSIDERATION || sk == OGI_SUB_LITIGATION ||
		    !ogi_date_parse(json_string_value(json_object_get(s, "due_on")), &d))
			continue;
		if (!feed_add(f, &base, from, ogi_subdeadline_names[sk],
		              ogi_subdeadline_labels_zh[sk], d,
		              json_is_true(json_object_get(s, "provisional")) ||
		                  json_is_true(json_object_get(s, "estimated"))))
			return false;
	}
	json_array_foreach(remedy_dates, k, s)
	{
		int rk = ogi_enum_parse(ogi_remedy_deadline_names,
		                        json_string_value(json_object_get(s, "kind")));
		if (rk < 0 || !json_is_true(json_object_get(s, "pending")) ||
		    !ogi_date_parse(json_string_value(json_object_get(s, "due_on")), &d))
			continue;
		if (!feed_add(f, &base, from, ogi_remedy_deadline_names[rk],
		              ogi_remedy_deadline_labels_zh[rk], d,
		              json_is_true(json_object_get(s, "estimated"))))
			return false;
	}
	return true;
}

/* The ids of the requests in the feed's scope: open ones, and closed ones that may have
 * a remedy date pending. */
static int scope_ids(struct ogi_db *db, const struct ogi_request_filter *flt, long long **ids,
                     size_t *n)
{
	struct ogi_queue_items items[2] = {{0}};
	int rc = ogi_db_queue_open(db, flt, &items[0]);
	if (rc == 0)
		rc = ogi_db_queue_closed(db, flt, &items[1]);
	*n = 0;
	*ids = rc == 0 ? malloc((items[0].n + items[1].n + 1) * sizeof **ids) : NULL;
	if (rc == 0 && *ids == NULL)
		rc = OGI_DB_HARD;
	for (int set = 0; rc == 0 && set < 2; set++)
		for (size_t i = 0; i < items[set].n; i++)
			(*ids)[(*n)++] = items[set].v[i].id;
	ogi_queue_items_free(&items[0]);
	ogi_queue_items_free(&items[1]);
	return rc;
}

static int event_cmp(const void *a, const void *b)
{
	const struct ogi_feed_event *x = a, *y = b;
	if (x->on != y->on)
		return x->on < y->on ? -1 : 1;
	return (x->request_id > y->request_id) - (x->request_id < y->request_id);
}

/* The remedy dates of the requests ids, grouped by request id ({"42": [...]}), into *out. */
static int remedy_dates_by_request(struct ogi_db *db, const long long *ids, size_t n, json_t **out)
{
	json_t *all = json_array();
	struct calendar_ref cal = calendar_acquire();
	int rc = remedy_dates_of_requests(db, cal.cal, ids, n, all);
	calendar_release(cal);
	*out = json_object();
	size_t k;
	json_t *d;
	json_array_foreach(all, k, d)
	{
		char key[24];
		snprintf(key, sizeof key, "%lld",
		         (long long)json_integer_value(json_object_get(d, "request_id")));
		json_t *list = json_object_get(*out, key);
		if (list == NULL)
			json_object_set_new(*out, key, list = json_array());
		json_array_append(list, d);
	}
	json_decref(all);
	return rc;
}

/* The feed of user u (its grants) in scope into *text. */
static int feed_text(struct ctx *c, struct ogi_db *db, const struct ogi_session *u,
                     enum ogi_feed_scope scope, char **text)
{
	struct auth a = {.user_id = u->user_id, .ngrants = u->ngrants};
	memcpy(a.grants, u->grants, (size_t)u->ngrants * sizeof a.grants[0]);
	long long roots[OGI_MAX_GRANTS];
	struct ogi_request_filter flt = {.roots = roots, .status = -1, .outcome = -1};
	flt.nroots = auth_root_ids(&a, (1u << OGI_ROLE_COUNT) - 1, roots, OGI_MAX_GRANTS);
	flt.today = ogi_today();
	flt.assignee = scope == OGI_FEED_ASSIGNED ? u->user_id : 0;
	*text = NULL;
	long long *ids = NULL;
	size_t n = 0;
	int rc = flt.nroots > 0 ? scope_ids(db, &flt, &ids, &n) : 0;
	struct ogi_request_list list = {0};
	json_t *dates = NULL;
	if (rc == 0 && n > 0)
		rc = ogi_db_requests_by_ids(db, ids, n, &list);
	if (rc == 0 && list.n > 0)
		rc = remedy_dates_by_request(db, ids, n, &dates);
	free(ids);
	struct feed f = {0};
	for (size_t i = 0; rc == 0 && i < list.n; i++) {
		char key[24];
		snprintf(key, sizeof key, "%lld", list.r[i].id);
		if (!request_events(&f, &list.r[i], json_object_get(dates, key)))
			rc = OGI_DB_HARD;
	}
	if (rc == 0) {
		if (f.n > 0)
			qsort(f.ev, f.n, sizeof *f.ev, event_cmp);
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
	free(f.ev);
	json_decref(dates);
	ogi_request_list_free(&list);
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

/* GET /api/v1/queue: open requests by due date in three bands (overdue,
 * due within 3 working days, later), with closed requests whose remedy
 * records have a date pending (closed=false leaves them out).  The
 * applicant's own windows after a reply are not work for the office: they
 * show on the request and its deadline, not here.
 *
 * Two passes, so that a district with tens of thousands of open requests
 * gets right counts without every row: every row in scope is banded from a
 * few light columns (lib/db's queue items), then only the first `limit` of
 * each band (by attention date) are read whole and returned; `more` says
 * how many each band left out. */
#include <stdio.h>
#include <stdlib.h>

#include "daemon/core/auth.h"
#include "daemon/core/calendar_cache.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/remedy_dates.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/queue_json.h"
#include "daemon/wire/request_filter.h"
#include "lib/clock.h"
#include "lib/db/online_apps.h"
#include "lib/db/requests.h"
#include "lib/remedies.h"

#define QUEUE_LIMIT_DEFAULT 200
#define QUEUE_LIMIT_MAX     2000

/* One row's attention date: the earliest date that asks for action or is
 * about to pass, and its kind (a static string). */
struct attention {
	ogi_date on;
	const char *kind;
};

static void consider(struct attention *a, ogi_date d, const char *kind)
{
	if (d != OGI_DATE_NONE && (a->on == OGI_DATE_NONE || d < a->on)) {
		a->on = d;
		a->kind = kind;
	}
}

/* The request's own dates while it is open (its reply due date while the
 * clock runs, its consultation and payment windows) and its remedy records'
 * pending dates, open or closed. */
static struct attention row_attention(const struct ogi_queue_item *it, json_t *remedy_dates)
{
	struct attention a = {OGI_DATE_NONE, NULL};
	if (it->status == OGI_STATUS_REGISTERED)
		consider(&a, it->due_on, "reply_due");
	size_t k;
	json_t *s;
	ogi_date d;
	if (it->status != OGI_STATUS_CLOSED)
		json_array_foreach(it->subdeadlines, k, s)
		{
			int sk = ogi_enum_parse(ogi_subdeadline_names,
			                        json_string_value(json_object_get(s, "kind")));
			if ((sk == OGI_SUB_THIRD_PARTY || sk == OGI_SUB_FEE_PAYMENT ||
			     sk == OGI_SUB_CORRECTION_PERIOD) &&
			    ogi_date_parse(json_string_value(json_object_get(s, "due_on")), &d))
				consider(&a, d, ogi_subdeadline_names[sk]);
		}
	json_array_foreach(remedy_dates, k, s)
	{
		int rk = ogi_enum_parse(ogi_remedy_deadline_names,
		                        json_string_value(json_object_get(s, "kind")));
		if (rk >= 0 && json_is_true(json_object_get(s, "pending")) &&
		    ogi_date_parse(json_string_value(json_object_get(s, "due_on")), &d))
			consider(&a, d, ogi_remedy_deadline_names[rk]);
	}
	return a;
}

/* One row of the queue while it is banded: what it is counted by. */
struct queue_row {
	long long id; /* 0 once it is left out of its band's list */
	struct attention a;
	int band, workdays_left;
	bool closed;
	json_t *remedy_dates; /* borrowed from the by-request map */
};

static int queue_row_cmp(const void *a, const void *b)
{
	const struct queue_row *x = a, *y = b;
	if (x->a.on != y->a.on) {
		if (x->a.on == OGI_DATE_NONE || y->a.on == OGI_DATE_NONE)
			return x->a.on == OGI_DATE_NONE ? 1 : -1;
		return x->a.on < y->a.on ? -1 : 1;
	}
	return (x->id > y->id) - (x->id < y->id);
}

static int request_id_cmp(const void *a, const void *b)
{
	const struct ogi_request *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* A queue being built: its scope, the light rows, then the bands. */
struct queue {
	struct ctx *c;
	struct ogi_request_filter f;
	long long roots[OGI_MAX_GRANTS];
	bool with_open, with_closed;
	long long limit;
	struct ogi_queue_items items[2]; /* open, closed */
	json_t *by_request;              /* the remedy records' dates by request id */
	struct queue_row *rows;
	int nrows;
	struct queue_counts n;
};

/* Reads the query into q; false after adding each malformed parameter's error. */
static bool queue_parse(struct ctx *c, struct queue *q, struct spec_errors *errs)
{
	bool given, closed;
	q->f.roots = q->roots;
	/* every role reads: the auditor's too */
	q->f.nroots = auth_root_ids(&c->auth, (1u << OGI_ROLE_COUNT) - 1, q->roots, OGI_MAX_GRANTS);
	q->f.status = -1;
	q->f.today = ogi_today();
	q->with_open = q->with_closed = true;
	q->limit = QUEUE_LIMIT_DEFAULT;
	param_id(c, errs, "body_id", &q->f.body_id, &given);
	if (param_bool(c, errs, "closed", &closed, &given) && given)
		q->with_closed = closed;
	int status = -1;
	if (param_enum(c, errs, "status", ogi_status_names, &status, &given) && given) {
		if (status == OGI_STATUS_CLOSED)
			q->with_open = false; /* closed requests with remedy dates only */
		else
			q->with_closed = false, q->f.status = status;
	}
	param_int(c, errs, "limit", QUEUE_LIMIT_MAX, &q->limit, &given);
	wire_request_who_filter(c, &q->f, errs);
	const char *v = query(c, "q");
	q->f.q = v != NULL && *v ? v : NULL;
	return errs->n == 0;
}

/* Pass 1: every row in scope banded by its attention date, in order. */
static int queue_band(struct ogi_db *db, struct queue *q, const struct ogi_calendar *cal)
{
	int rc = q->with_open ? ogi_db_queue_open(db, &q->f, &q->items[0]) : 0;
	if (rc == 0 && q->with_closed)
		rc = ogi_db_queue_closed(db, &q->f, &q->items[1]);
	if (rc != 0)
		return rc;
	size_t n = q->items[0].n + q->items[1].n;
	long long *ids = malloc((n + 1) * sizeof *ids);
	q->rows = calloc(n + 1, sizeof *q->rows);
	json_t *all = json_array();
	q->by_request = json_object();
	if (ids == NULL || q->rows == NULL || all == NULL || q->by_request == NULL) {
		free(ids);
		json_decref(all);
		ctx_detail(q->c, "out of memory");
		return OGI_E_INTERNAL;
	}
	for (size_t i = 0, k = 0; i < 2; i++)
		for (size_t j = 0; j < q->items[i].n; j++)
			ids[k++] = q->items[i].v[j].id;
	rc = remedy_dates_of_requests(db, cal, ids, n, all);
	free(ids);
	size_t k;
	json_t *d;
	json_array_foreach(all, k, d)
	{
		char key[24];
		snprintf(key, sizeof key, "%lld",
		         (long long)json_integer_value(json_object_get(d, "request_id")));
		json_t *list = json_object_get(q->by_request, key);
		if (list == NULL)
			json_object_set_new(q->by_request, key, list = json_array());
		json_array_append(list, d);
	}
	json_decref(all);
	if (rc != 0)
		return rc;
	ogi_date today = q->f.today;
	for (int set = 0; set < 2; set++)
		for (size_t i = 0; i < q->items[set].n; i++) {
			const struct ogi_queue_item *it = &q->items[set].v[i];
			char key[24];
			snprintf(key, sizeof key, "%lld", it->id);
			json_t *dates = json_object_get(q->by_request, key);
			struct attention a = row_attention(it, dates);
			if (set == 1 && a.on == OGI_DATE_NONE)
				continue; /* closed with nothing pending */
			struct queue_row *r = &q->rows[q->nrows++];
			*r = (struct queue_row){.id = it->id,
			                        .a = a,
			                        .band = QUEUE_LATER,
			                        .closed = set == 1,
			                        .remedy_dates = dates};
			if (a.on != OGI_DATE_NONE) {
				r->workdays_left = calendar_signed_workdays(cal, today, a.on);
				r->band = a.on < today ? QUEUE_OVERDUE
				                       : (r->workdays_left <= 3 ? QUEUE_DUE_SOON
				                                                : QUEUE_LATER);
			}
			q->n.band[r->band]++;
			q->n.closed_with_remedy_dates += r->closed;
		}
	q->n.total = q->nrows;
	qsort(q->rows, (size_t)q->nrows, sizeof *q->rows, queue_row_cmp);
	return 0;
}

/* Pass 2: the first `limit` of each band, read whole, into bands. */
static int queue_list(struct ogi_db *db, struct queue *q, json_t *bands[QUEUE_BANDS])
{
	long long *ids = malloc(((size_t)q->nrows + 1) * sizeof *ids);
	if (ids == NULL) {
		ctx_detail(q->c, "out of memory");
		return OGI_E_INTERNAL;
	}
	size_t n = 0;
	for (int i = 0; i < q->nrows; i++) {
		if (q->n.listed[q->rows[i].band] >= q->limit) {
			q->rows[i].id = 0; /* not shown */
			continue;
		}
		q->n.listed[q->rows[i].band]++;
		ids[n++] = q->rows[i].id;
	}
	struct ogi_request_list full;
	int rc = ogi_db_requests_by_ids(db, ids, n, &full);
	free(ids);
	if (rc != 0)
		return rc;
	if (full.n > 0) /* none: full.r is NULL, which qsort and bsearch may not be given */
		qsort(full.r, full.n, sizeof *full.r, request_id_cmp);
	for (int i = 0; i < q->nrows; i++) {
		const struct queue_row *row = &q->rows[i];
		if (row->id == 0)
			continue;
		struct ogi_request key = {.id = row->id};
		const struct ogi_request *r =
		    full.n > 0 ? bsearch(&key, full.r, full.n, sizeof *full.r, request_id_cmp)
		               : NULL;
		if (r == NULL)
			continue; /* gone between the two reads */
		json_array_append_new(bands[row->band],
		                      wire_queue_entry(r, request_shows_full_id(q->c, r), row->a.on,
		                                       row->a.kind, row->workdays_left,
		                                       row->remedy_dates));
	}
	ogi_request_list_free(&full);
	return 0;
}

enum MHD_Result h_queue_get(struct ctx *c)
{
	struct queue q = {.c = c};
	struct spec_errors errs = {0};
	if (!queue_parse(c, &q, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct calendar_ref cal = calendar_acquire();
	json_t *bands[QUEUE_BANDS] = {json_array(), json_array(), json_array()};
	c->detail[0] = '\0';
	int rc = queue_band(db, &q, cal.cal);
	calendar_release(cal);
	if (rc == 0)
		rc = queue_list(db, &q, bands);
	for (int i = 0; i < 2; i++)
		ogi_queue_items_free(&q.items[i]);
	free(q.rows);
	if (rc != 0) {
		json_decref(q.by_request);
		for (int b = 0; b < QUEUE_BANDS; b++)
			json_decref(bands[b]);
		return reply_status(c, db, rc);
	}
	/* the band 「网上申请待确认」: online applications not yet registered (issue 15) */
	long long pending = 0, oldest = 0;
	if ((rc = ogi_db_online_pending_count(db, q.f.roots, q.f.nroots, &pending, &oldest)) != 0) {
		json_decref(q.by_request);
		for (int b = 0; b < QUEUE_BANDS; b++)
			json_decref(bands[b]);
		return reply_status(c, db, rc);
	}
	/* the count 「网上补正待确认」: applicants' online answers to corrections not yet handled
	 */
	long long answers = 0, answer_oldest = 0, answer_request = 0;
	if ((rc = ogi_db_online_correction_pending_count(db, q.f.roots, q.f.nroots, &answers,
	                                                 &answer_oldest, &answer_request)) != 0) {
		json_decref(q.by_request);
		for (int b = 0; b < QUEUE_BANDS; b++)
			json_decref(bands[b]);
		return reply_status(c, db, rc);
	}
	json_t *out = wire_queue(bands, &q.n, q.limit, q.f.today);
	json_object_set_new(out, "online_pending",
	                    json_pack("{s:I, s:I}", "count", (json_int_t)pending,
	                              "oldest_age_seconds", (json_int_t)oldest));
	json_object_set_new(
	    out, "online_corrections_pending",
	    json_pack("{s:I, s:I, s:o}", "count", (json_int_t)answers, "oldest_age_seconds",
	              (json_int_t)answer_oldest, "oldest_request_id",
	              answer_request > 0 ? json_integer(answer_request) : json_null()));
	json_decref(q.by_request); /* the entries hold their own references */
	return reply_json(c, 200, out);
}

/* GET /api/v1/bodies/{id}/dashboard?year=Y: the district dashboard (督办看板,
 * issue 16) for an approver or admin of the body or a body above it.  Every
 * body of its subtree (itself too) with its open requests, those due within 3
 * working days and overdue (the reply due date of a running clock, banded as
 * the queue bands it: working days from the official calendar), those
 * replied in the year and of them late, the on-time rate over the year
 * (replied on time / replied; null when none), received in the year and open
 * supervisions — worst first: overdue, then due soon, then replied late,
 * then open supervisions, more first, then in the tree's order.  With the
 * subtree's totals and its applications received per month of the year. */
#include <stdlib.h>

#include "daemon/core/auth.h"
#include "daemon/core/calendar_cache.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/params.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/dashboard.h"

#define DUE_SOON_WORKDAYS 3

struct ranked {
	const struct ogi_dashboard_body *b;
	size_t order; /* the tree's */
};

static int worst_first(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	long long ka[] = {a->b->overdue, a->b->due_soon, a->b->replied_late, a->b->supervised};
	long long kb[] = {b->b->overdue, b->b->due_soon, b->b->replied_late, b->b->supervised};
	for (int i = 0; i < 4; i++)
		if (ka[i] != kb[i])
			return ka[i] > kb[i] ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

static json_t *rate(long long replied, long long late)
{
	if (replied == 0)
		return json_null();
	/* to 4 places: 0.6667 */
	long long bp = ((replied - late) * 20000 / replied + 1) / 2;
	return json_real((double)bp / 10000.0);
}

static json_t *body_json(const struct ogi_dashboard_body *b)
{
	return json_pack(
	    "{sI ss so sI sI sI sI sI sI so sI sI}", "id", (json_int_t)b->id, "name", b->name,
	    "parent_id", b->parent_id ? json_integer(b->parent_id) : json_null(), "depth",
	    (json_int_t)b->depth, "open", (json_int_t)b->open, "due_soon", (json_int_t)b->due_soon,
	    "overdue", (json_int_t)b->overdue, "replied", (json_int_t)b->replied, "replied_late",
	    (json_int_t)b->replied_late, "on_time_rate", rate(b->replied, b->replied_late),
	    "received", (json_int_t)b->received, "supervised", (json_int_t)b->supervised);
}

/* The due-soon counts from the official calendar, then the answer. */
static json_t *dashboard_json(struct ogi_dashboard *d, long long body_id, int year, ogi_date today)
{
	struct calendar_ref cal = calendar_acquire();
	for (size_t i = 0; i < d->ndue; i++)
		if (calendar_signed_workdays(cal.cal, today, d->due[i].due_on) <= DUE_SOON_WORKDAYS)
			for (size_t k = 0; k < d->nbodies; k++)
				if (d->bodies[k].id == d->due[i].body_id)
					d->bodies[k].due_soon++;
	calendar_release(cal);
	struct ranked *r = calloc(d->nbodies + 1, sizeof *r);
	json_t *bodies = json_array(), *months = json_array();
	if (r == NULL || bodies == NULL || months == NULL) {
		free(r);
		json_decref(bodies);
		json_decref(months);
		return NULL;
	}
	struct ogi_dashboard_body t = {.id = body_id};
	for (size_t i = 0; i < d->nbodies; i++) {
		r[i] = (struct ranked){&d->bodies[i], i};
		t.open += d->bodies[i].open;
		t.due_soon += d->bodies[i].due_soon;
		t.overdue += d->bodies[i].overdue;
		t.replied += d->bodies[i].replied;
		t.replied_late += d->bodies[i].replied_late;
		t.received += d->bodies[i].received;
		t.supervised += d->bodies[i].supervised;
	}
	qsort(r, d->nbodies, sizeof *r, worst_first);
	for (size_t i = 0; i < d->nbodies; i++)
		json_array_append_new(bodies, body_json(r[i].b));
	free(r);
	for (int m = 0; m < 12; m++)
		json_array_append_new(months, json_integer(d->months[m]));
	char on[OGI_DATE_STRLEN];
	return json_pack(
	    "{sI sI ss so so s{sI sI sI sI sI so sI sI}}", "body_id", (json_int_t)body_id, "year",
	    (json_int_t)year, "today", ogi_date_format(today, on), "bodies", bodies, "months",
	    months, "totals", "open", (json_int_t)t.open, "due_soon", (json_int_t)t.due_soon,
	    "overdue", (json_int_t)t.overdue, "replied", (json_int_t)t.replied, "replied_late",
	    (json_int_t)t.replied_late, "on_time_rate", rate(t.replied, t.replied_late), "received",
	    (json_int_t)t.received, "supervised", (json_int_t)t.supervised);
}

enum MHD_Result h_body_dashboard_get(struct ctx *c)
{
	struct spec_errors errs = {0};
	ogi_date today = ogi_today();
	long long year = ogi_date_year(today);
	bool given;
	param_int(c, &errs, "year", 9999, &year, &given);
	if (errs.n == 0 && (year < 2008 || year > ogi_date_year(today)))
		spec_error_add(&errs, "year", "range", "年度应在2008年至今年之间",
		               "the year is from 2008 to this year");
	if (errs.n > 0)
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, c->id, OGI_ROLE_APPROVER, &result))
		return result;
	struct ogi_dashboard d;
	int rc = ogi_db_dashboard(db, c->id, (int)year, today, &d);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *out = dashboard_json(&d, c->id, (int)year, today);
	ogi_dashboard_free(&d);
	if (out == NULL) {
		ctx_detail(c, "out of memory");
		return reply_status(c, db, OGI_E_INTERNAL);
	}
	return reply_json(c, 200, out);
}

/* Every date due on a user's requests (see due_dates.h). */
#include "lib/db/due_dates.h"

#include <stdlib.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/db/remedy_reads.h"
#include "lib/db/requests.h"
#include "lib/remedies.h"

/* Appends the date of kind on base's request (what is due in words), numbered after the
 * dates of that kind the request has from index from on; false when out of memory. */
static bool add(struct ogi_due_dates *f, const struct ogi_feed_event *base, size_t from,
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

/* One request's dates: its own while open, its remedy records' pending ones (of t). */
static bool request_dates(struct ogi_due_dates *f, const struct ogi_request *r,
                          const struct ogi_remedy_timeline *t, ogi_date today)
{
	size_t from = f->n;
	struct ogi_feed_event base = {
	    .request_id = r->id, .tracking = r->tracking_no, .body = r->body_name};
	if (r->status == OGI_STATUS_REGISTERED && r->due_on != OGI_DATE_NONE &&
	    !add(f, &base, from, "reply_due", "答复期限", r->due_on, r->provisional))
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
		if (!add(f, &base, from, ogi_subdeadline_names[sk], ogi_subdeadline_labels_zh[sk],
		         d,
		         json_is_true(json_object_get(s, "provisional")) ||
		             json_is_true(json_object_get(s, "estimated"))))
			return false;
	}
	for (size_t i = 0; i < t->ndates; i++) {
		const struct ogi_remedy_deadline *rd = &t->dates[i].d;
		if (t->dates[i].request_id != r->id || !ogi_remedy_deadline_pending(rd, today))
			continue;
		if (!add(f, &base, from, ogi_remedy_deadline_names[rd->kind],
		         ogi_remedy_deadline_labels_zh[rd->kind], rd->due_on, rd->estimated))
			return false;
	}
	return true;
}

/* The ids of the requests in scope: open ones, and closed ones that may have a remedy date
 * pending. */
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

static int date_cmp(const void *a, const void *b)
{
	const struct ogi_feed_event *x = a, *y = b;
	if (x->on != y->on)
		return x->on < y->on ? -1 : 1;
	return (x->request_id > y->request_id) - (x->request_id < y->request_id);
}

int ogi_db_due_dates(struct ogi_db *db, const struct ogi_calendar *cal, const long long *roots,
                     int nroots, long long assignee, ogi_date today, struct ogi_due_dates *out)
{
	memset(out, 0, sizeof *out);
	if (nroots <= 0)
		return 0;
	struct ogi_request_filter flt = {.roots = roots,
	                                 .nroots = nroots,
	                                 .status = -1,
	                                 .outcome = -1,
	                                 .today = today,
	                                 .assignee = assignee};
	long long *ids = NULL;
	size_t n = 0;
	int rc = scope_ids(db, &flt, &ids, &n);
	if (rc == 0 && n > 0)
		rc = ogi_db_requests_by_ids(db, ids, n, &out->list);
	struct ogi_remedy_records records = {0};
	struct ogi_remedy_timeline t = {0};
	if (rc == 0 && out->list.n > 0)
		rc = ogi_db_remedy_records_of_requests(db, ids, n, &records);
	if (rc == 0 && out->list.n > 0 && !ogi_remedy_timeline(cal, &records, 0, &t))
		rc = OGI_DB_HARD;
	free(ids);
	for (size_t i = 0; rc == 0 && i < out->list.n; i++)
		if (!request_dates(out, &out->list.r[i], &t, today))
			rc = OGI_DB_HARD;
	ogi_remedy_timeline_free(&t);
	ogi_remedy_records_free(&records);
	if (rc == 0 && out->n > 0)
		qsort(out->ev, out->n, sizeof *out->ev, date_cmp);
	if (rc != 0)
		ogi_due_dates_free(out);
	return rc;
}

void ogi_due_dates_free(struct ogi_due_dates *d)
{
	free(d->ev);
	ogi_request_list_free(&d->list);
	memset(d, 0, sizeof *d);
}

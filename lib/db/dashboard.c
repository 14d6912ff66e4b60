/* Statements of the district dashboard (see dashboard.h). */
#include "lib/db/dashboard.h"

#include <stdlib.h>
#include <string.h>

#include "lib/db/pq.h"

/* The subtree of body $1 in the tree's order, as of today $2, for the year $3.  A reply is
 * a closing outcome other than withdrawn, lapsed_correction and lapsed_fee (lib/domain.h,
 * ogi_outcome_is_reply); it is in the year when the request closed in it. */
const struct ogi_statement ogi_db_statements_dashboard[] = {
    {"dashboard_bodies",
     "WITH y AS (SELECT make_date($3::int, 1, 1) AS first, make_date($3::int + 1, 1, 1) AS next) "
     "SELECT b.id, b.name, coalesce(b.parent_id, 0) AS parent_id, cardinality(b.path) AS depth, "
     "(SELECT count(*) FROM requests r WHERE r.body_id = b.id AND r.status <> 'closed') AS open, "
     "(SELECT count(*) FROM requests r WHERE r.body_id = b.id AND r.status = 'registered' "
     "   AND r.due_on < $2::date) AS overdue, "
     "(SELECT count(*) FROM requests r WHERE r.body_id = b.id AND r.status = 'closed' "
     "   AND r.outcome NOT IN ('withdrawn', 'lapsed_correction', 'lapsed_fee') "
     "   AND r.closed_on >= y.first AND r.closed_on < y.next) AS replied, "
     "(SELECT count(*) FROM requests r WHERE r.body_id = b.id AND r.status = 'closed' "
     "   AND r.outcome NOT IN ('withdrawn', 'lapsed_correction', 'lapsed_fee') "
     "   AND r.replied_late AND r.closed_on >= y.first AND r.closed_on < y.next) AS replied_late, "
     "(SELECT count(*) FROM requests r WHERE r.body_id = b.id "
     "   AND r.received_on >= y.first AND r.received_on < y.next) AS received, "
     "(SELECT count(*) FROM supervisions s JOIN requests r ON r.id = s.request_id "
     "   WHERE r.body_id = b.id AND s.answered_on IS NULL) AS supervised "
     "FROM bodies b, y WHERE b.path @> ARRAY[$1::bigint] ORDER BY b.path"},
    /* the reply due dates of running clocks from today to a month ahead: 3 working days
     * never reach further than that, whatever the calendar's holidays */
    {"dashboard_due",
     "SELECT r.body_id, r.due_on FROM requests r JOIN bodies b ON b.id = r.body_id "
     "WHERE b.path @> ARRAY[$1::bigint] AND r.status = 'registered' "
     "AND r.due_on >= $2::date AND r.due_on <= $2::date + 31"},
    {"dashboard_months",
     "SELECT extract(month FROM r.received_on)::int AS month, count(*) AS n "
     "FROM requests r JOIN bodies b ON b.id = r.body_id "
     "WHERE b.path @> ARRAY[$1::bigint] AND r.received_on >= make_date($2::int, 1, 1) "
     "AND r.received_on < make_date($2::int + 1, 1, 1) GROUP BY 1"},
    {NULL, NULL},
};

void ogi_dashboard_free(struct ogi_dashboard *d)
{
	free(d->bodies);
	free(d->due);
	memset(d, 0, sizeof *d);
}

int ogi_db_dashboard(struct ogi_db *db, long long body_id, int year, ogi_date today,
                     struct ogi_dashboard *out)
{
	memset(out, 0, sizeof *out);
	struct pq_params p = {0};
	pq_int(&p, body_id);
	pq_date(&p, today);
	pq_int(&p, year);
	PGresult *res;
	int rows = pq_run(db, "dashboard_bodies", &p, &res);
	if (rows < 0)
		return rows;
	out->bodies = calloc((size_t)rows + 1, sizeof *out->bodies);
	if (out->bodies == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	out->nbodies = (size_t)rows;
	for (int i = 0; i < rows; i++) {
		struct ogi_dashboard_body *b = &out->bodies[i];
		b->id = pq_getint(res, i, "id");
		b->parent_id = pq_getint(res, i, "parent_id");
		pq_copy(res, i, "name", b->name, sizeof b->name);
		b->depth = (int)pq_getint(res, i, "depth");
		b->open = pq_getint(res, i, "open");
		b->overdue = pq_getint(res, i, "overdue");
		b->replied = pq_getint(res, i, "replied");
		b->replied_late = pq_getint(res, i, "replied_late");
		b->received = pq_getint(res, i, "received");
		b->supervised = pq_getint(res, i, "supervised");
	}
	PQclear(res);
	memset(&p, 0, sizeof p);
	pq_int(&p, body_id);
	pq_date(&p, today);
	rows = pq_run(db, "dashboard_due", &p, &res);
	if (rows < 0)
		goto fail;
	out->due = calloc((size_t)rows + 1, sizeof *out->due);
	if (out->due == NULL) {
		PQclear(res);
		rows = OGI_DB_HARD;
		goto fail;
	}
	out->ndue = (size_t)rows;
	for (int i = 0; i < rows; i++) {
		out->due[i].body_id = pq_getint(res, i, "body_id");
		out->due[i].due_on = pq_getdate(res, i, "due_on");
	}
	PQclear(res);
	memset(&p, 0, sizeof p);
	pq_int(&p, body_id);
	pq_int(&p, year);
	rows = pq_run(db, "dashboard_months", &p, &res);
	if (rows < 0)
		goto fail;
	for (int i = 0; i < rows; i++) {
		long long m = pq_getint(res, i, "month");
		if (m >= 1 && m <= 12)
			out->months[m - 1] = pq_getint(res, i, "n");
	}
	PQclear(res);
	return 0;
fail:
	ogi_dashboard_free(out);
	return rows;
}

/* Statements of the annual report, the loader and the year lock (see reports.h). */
#include "lib/db/reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/pq.h"

/* Rows of the report's bodies: the body ($1), or its subtree when $2. */
#define OF_BODIES(t)                                                                               \
	t ".body_id = ANY (CASE WHEN $2::bool "                                                    \
	  "  THEN ARRAY(SELECT id FROM bodies WHERE path @> ARRAY[$1::bigint]) "                   \
	  "  ELSE ARRAY[$1::bigint] END) "
/* The requests of the report: received by the year's end ($4) and not
 * closed before its start ($3). */
#define REPORT_ROWS                                                                                \
	OF_BODIES("r")                                                                             \
	"AND r.received_on <= $4::date AND (r.closed_on IS NULL OR r.closed_on >= $3::date) "
#define IN_YEAR(col) col " BETWEEN $3::date AND $4::date"
/* a sum of yuan in fen, over the rows where cond holds */
#define FEN(x, cond)    "coalesce(sum(round((" x ") * 100)) FILTER (WHERE " cond "), 0)::bigint"
#define PAID_IN_YEAR    "f.status = 'paid' AND f.settled_on BETWEEN $3::date AND $4::date"
#define WAIVED_IN_YEAR  "f.status = 'waived' AND f.settled_on BETWEEN $3::date AND $4::date"
#define REDUCED_IN_YEAR PAID_IN_YEAR " AND f.paid_amount < f.amount"

/* advisory-lock keys of a body's year: (1330053120 + year, body id mod 2^31 - 1) */
#define YEAR_KEY "1330053120 + $2::int"

const struct ogi_statement ogi_db_statements_reports[] = {
    {"report_body",
     "SELECT b.name AS name, (SELECT count(*) FROM bodies s WHERE s.path @> ARRAY[b.id]) AS bodies "
     "FROM bodies b WHERE b.id = $1::bigint"},
    {"report_row_map", "SELECT format, kind, value, row_key FROM report_row_map "
                       "ORDER BY format, kind, value"},
    /* 一, 二, 三 and 四 in one pass, grouped by what the rows and columns need */
    {"report_counts",
     "SELECT r.applicant_kind AS kind, r.outcome AS outcome, r.channel AS channel, "
     "  count(*) FILTER (WHERE r.received_on >= $3::date) AS received, "
     "  count(*) FILTER (WHERE r.received_on < $3::date) AS carried_in, "
     "  count(*) FILTER (WHERE r.closed_on <= $4::date) AS closed, "
     "  count(*) FILTER (WHERE r.closed_on IS NULL OR r.closed_on > $4::date) AS carried_out "
     "FROM requests r WHERE " REPORT_ROWS "GROUP BY 1, 2, 3"},
    /* the same rows counted plainly: bench/bench_report.c's baseline for the subtree report
       ($1 the body, $2 and $3 the year's first and last day) */
    {"report_rows_count",
     "SELECT count(*) AS n FROM requests r "
     "WHERE r.body_id = ANY (ARRAY(SELECT id FROM bodies WHERE path @> ARRAY[$1::bigint])) "
     "AND r.received_on <= $3::date AND (r.closed_on IS NULL OR r.closed_on >= $2::date)"},
    /* table 四: the records filed in the year, as stored; lib/report.c counts each with its
       result as of 31 December by lib/remedies.h's rule */
    {"report_reconsiderations",
     "SELECT x.filed_on AS filed_on, x.decided_on AS decided_on, x.decision AS decision "
     "FROM reconsiderations x "
     "WHERE " OF_BODIES("x") "AND " IN_YEAR("x.filed_on") " ORDER BY x.id"},
    {"report_litigations",
     "SELECT l.id AS id, l.route AS route, l.filed_on AS filed_on, i.instance AS instance, "
     "  i.filed_on AS instance_filed_on, i.decided_on AS decided_on, i.judgment AS judgment "
     "FROM litigations l LEFT JOIN litigation_instances i ON i.litigation_id = l.id "
     "WHERE " OF_BODIES("l") "AND " IN_YEAR("l.filed_on") " ORDER BY l.id, i.seq"},
    /* fees: notices issued in the year; paid, waived and reduced in the year (settled_on) */
    {"report_fees",
     "SELECT f.method = 'legacy' AS legacy, "
     "  count(*) FILTER (WHERE " IN_YEAR(
         "f.notice_on") ") AS notices, "
                        "  count(*) FILTER (WHERE " PAID_IN_YEAR ") AS paid, "
                        "  " FEN(
                            "f.paid_amount",
                            PAID_IN_YEAR) " AS paid_fen, "
                                          "  count(*) FILTER (WHERE " WAIVED_IN_YEAR ") AS waived, "
                                          "  " FEN(
                                              "f.amount",
                                              WAIVED_IN_YEAR) " AS waived_fen, "
                                                              "  count(*) FILTER "
                                                              "(WHERE " REDUCED_IN_YEAR
                                                              ") AS reduced, "
                                                              "  " FEN(
                                                                  "f.amount - f.paid_amount",
                                                                  REDUCED_IN_YEAR) " AS "
                                                                                   "reduced_fen, "
                                                                                   "  " FEN(
                                                                                       "f.paid_"
                                                                                       "search_fee",
                                                                                       PAID_IN_YEAR) " AS search_fen, "
                                                                                                     "  " FEN(
                                                                                                         "f.paid_copy_fee",
                                                                                                         PAID_IN_YEAR) " AS copy_fen, "
                                                                                                                       "  " FEN(
                                                                                                                           "f.paid_postage",
                                                                                                                           PAID_IN_YEAR) " AS postage_fen, "
                                                                                                                                         "  count(*) FILTER (WHERE " PAID_IN_YEAR
                                                                                                                                         " AND f.paid_search_fee IS NULL "
                                                                                                                                         "    AND f.paid_copy_fee IS NULL AND f.paid_postage IS NULL) AS unsplit "
                                                                                                                                         "FROM fee_notices f WHERE " OF_BODIES("f") "AND (" IN_YEAR(
                                                                                                                                             "f.notice_on") " OR " IN_YEAR("f.settled_on") ") GROUP BY 1"},
    /* 减免 of the cost fees by reason: waivers (what was noticed) and reductions (the difference)
     */
    {"report_fee_waivers",
     "SELECT f.waiver_reason AS reason, count(*) AS n, " FEN(
         "f.amount - coalesce(f.paid_amount, 0)",
         "true") " AS fen "
                 "FROM fee_notices f WHERE " OF_BODIES(
                     "f") "AND f.method = 'legacy' "
                          "AND f.waiver_reason IS NOT NULL AND f.status IN ('waived', 'paid') "
                          "AND " IN_YEAR("f.settled_on") " GROUP BY 1"},
    {"report_inputs_get",
     "SELECT inputs::text AS inputs, updated_at, "
     "updated_by_name, version FROM report_inputs WHERE body_id = $1::bigint AND year = $2::int"},
    {"report_inputs_lock", "SELECT inputs::text AS inputs FROM report_inputs WHERE body_id = "
                           "$1::bigint AND year = $2::int "
                           "FOR UPDATE"},
    {"report_inputs_put",
     "INSERT INTO report_inputs (body_id, year, inputs, updated_by, updated_by_name) "
     "VALUES ($1::bigint, $2::int, $3::jsonb, $4::bigint, $5) "
     "ON CONFLICT (body_id, year) DO UPDATE SET inputs = EXCLUDED.inputs, "
     "  version = report_inputs.version + 1, updated_at = now(), "
     "  updated_by = EXCLUDED.updated_by, updated_by_name = EXCLUDED.updated_by_name "
     "RETURNING version"},
    {"report_lock_get", "SELECT locked_at, locked_by_name, "
                        "subtree, format, snapshot::text AS snapshot "
                        "FROM report_locks WHERE body_id = $1::bigint AND year = $2::int"},
    {"report_lock_insert",
     "INSERT INTO report_locks (body_id, year, subtree, format, snapshot, locked_by, "
     "  locked_by_name) VALUES ($1::bigint, $2::int, $3::bool, $4, $5::jsonb, $6::bigint, $7) "
     "ON CONFLICT DO NOTHING "
     "RETURNING locked_at"},
    {"report_amendments_of",
     "SELECT at, actor, subject, detail, "
     "on_date::text AS on_date, reason "
     "FROM report_amendments WHERE body_id = $1::bigint AND year = $2::int ORDER BY id LIMIT 100"},
    {"report_amendment_insert",
     "INSERT INTO report_amendments (body_id, year, request_id, subject, detail, on_date, reason, "
     "  actor_id, actor) VALUES ($1::bigint, $2::int, $3::bigint, $4, $5, $6::date, $7, "
     "  $8::bigint, $9)"},
    /* a change to a year's figures holds the shared key of the body and of each ancestor;
       taking a lock holds the exclusive key of its body */
    {"report_year_share",
     "SELECT count(pg_advisory_xact_lock_shared(" YEAR_KEY ", (b % 2147483647)::int)) "
     "FROM unnest((SELECT path FROM bodies WHERE id = $1::bigint)) b"},
    {"report_year_exclusive",
     "SELECT pg_advisory_xact_lock(" YEAR_KEY ", ($1::bigint % 2147483647)::int)"},
    /* with each locked body's path: whether the caller administers it needs no query more */
    {"report_locks_covering",
     "SELECT l.body_id AS body_id, b.name AS body_name, "
     "  to_char(l.locked_at, 'YYYY-MM-DD') AS locked_on, l.locked_by_name AS locked_by, "
     "  l.subtree AS subtree, b.path::text AS path "
     "FROM report_locks l JOIN bodies b ON b.id = l.body_id "
     "WHERE l.year = $2::int AND (l.body_id = $1::bigint OR (NOT $3::bool AND l.subtree AND "
     "  l.body_id = ANY ((SELECT path FROM bodies WHERE id = $1::bigint)::bigint[]))) "
     "ORDER BY l.body_id"},
    {NULL, NULL},
};

/* The parameters of most statements: the body and the year. */
static void body_year(struct pq_params *p, long long body_id, int year)
{
	pq_int(p, body_id);
	pq_int(p, year);
}

/* A JSON column, parsed; NULL when SQL NULL or not JSON. */
static json_t *json_column(const PGresult *res, int row, const char *col)
{
	const char *v = pq_get(res, row, col);
	return v != NULL ? json_loads(v, 0, NULL) : NULL;
}

static bool load_mapping(struct ogi_db *db, struct ogi_report_mapping *m, int *status)
{
	PGresult *res;
	int n = pq_run(db, "report_row_map", NULL, &res);
	if (n < 0) {
		*status = n;
		return false;
	}
	ogi_report_mapping_init(m);
	for (int i = 0; i < n; i++)
		ogi_report_mapping_add(m, pq_get(res, i, "format"), pq_get(res, i, "kind"),
		                       pq_get(res, i, "value"), pq_get(res, i, "row_key"));
	PQclear(res);
	return true;
}

/* Body's lock of year into out, and its snapshot into *snapshot when that
 * is not NULL (NULL when unreadable); OGI_E_NOT_FOUND when there is none. */
static int lock_get(struct ogi_db *db, long long body_id, int year, struct ogi_report_lock *out,
                    json_t **snapshot)
{
	memset(out, 0, sizeof *out);
	if (snapshot != NULL)
		*snapshot = NULL;
	struct pq_params p = {0};
	body_year(&p, body_id, year);
	PGresult *res;
	int n = pq_run(db, "report_lock_get", &p, &res);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(res);
		return OGI_E_NOT_FOUND;
	}
	out->body_id = body_id;
	out->year = year;
	out->subtree = pq_getbool(res, 0, "subtree");
	int f = ogi_enum_parse(ogi_report_format_names, pq_get(res, 0, "format"));
	out->format = f >= 0 ? (enum ogi_report_format)f : ogi_report_format_for_year(year);
	pq_copy_time(res, 0, "locked_at", out->locked_at, sizeof out->locked_at);
	pq_copy(res, 0, "locked_by_name", out->locked_by, sizeof out->locked_by);
	if (snapshot != NULL)
		*snapshot = json_column(res, 0, "snapshot");
	PQclear(res);
	return 0;
}

/* Last year's 四 from the report as locked, when it was locked for the
 * same bodies and its format has the seven columns. */
static void previous_year(struct ogi_db *db, struct ogi_report *r)
{
	struct ogi_report_lock lock;
	json_t *snap;
	if (lock_get(db, r->body_id, r->year - 1, &lock, &snap) != 0)
		return;
	if (lock.subtree == r->subtree && snap != NULL) {
		json_t *rows = json_object_get(json_object_get(snap, "applications"), "rows");
		size_t i;
		json_t *row;
		json_array_foreach(rows, i, row)
		{
			json_t *values = json_object_get(row, "values");
			if (!json_is_string(json_object_get(row, "key")) ||
			    strcmp(json_string_value(json_object_get(row, "key")), "carried_out") !=
			        0 ||
			    json_array_size(values) != OGI_REPORT_COLS)
				continue;
			for (int k = 0; k < OGI_REPORT_COLS; k++)
				r->prev_carried_out[k] =
				    json_integer_value(json_array_get(values, (size_t)k));
			r->prev_known = r->prev_locked = true;
			snprintf(r->prev_locked_at, sizeof r->prev_locked_at, "%s", lock.locked_at);
		}
	}
	json_decref(snap);
}

/* Table 四: every record filed in the year, handed to lib/report.c as stored. */
static int load_remedies(struct ogi_db *db, struct ogi_report *r, const struct pq_params *p)
{
	PGresult *res;
	int n = pq_run(db, "report_reconsiderations", p, &res);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++)
		ogi_report_add_reconsideration(r, pq_getdate(res, i, "filed_on"),
		                               pq_getdate(res, i, "decided_on"),
		                               pq_get(res, i, "decision"));
	PQclear(res);
	if ((n = pq_run(db, "report_litigations", p, &res)) < 0)
		return n;
	/* one row per instance (one with NULL instance columns for a litigation without any),
	   grouped by litigation in seq order */
	struct ogi_report_instance v[64];
	for (int i = 0; i < n;) {
		long long id = pq_getint(res, i, "id");
		size_t k = 0;
		bool overflow = false;
		int j = i;
		for (; j < n && pq_getint(res, j, "id") == id; j++) {
			if (pq_isnull(res, j, "instance"))
				continue;
			if (k == sizeof v / sizeof v[0]) {
				overflow = true;
				continue;
			}
			v[k++] = (struct ogi_report_instance){
			    .kind = pq_get(res, j, "instance"),
			    .filed_on = pq_getdate(res, j, "instance_filed_on"),
			    .decided_on = pq_getdate(res, j, "decided_on"),
			    .judgment = pq_get(res, j, "judgment")};
		}
		ogi_report_add_litigation(
		    r, overflow ? "(too many instances)" : pq_get(res, i, "route"),
		    pq_getdate(res, i, "filed_on"), v, k);
		i = j;
	}
	PQclear(res);
	return 0;
}

static int load_fees(struct ogi_db *db, struct ogi_report *r, const struct pq_params *p)
{
	PGresult *res;
	int n = pq_run(db, "report_fees", p, &res);
	if (n < 0)
		return n;
	struct ogi_report_fees *fe = &r->fees;
	for (int i = 0; i < n; i++) {
		if (pq_getbool(res, i, "legacy")) {
			fe->legacy_paid += pq_getint(res, i, "paid");
			fe->legacy_paid_fen += pq_getint(res, i, "paid_fen");
			fe->legacy_search_fen += pq_getint(res, i, "search_fen");
			fe->legacy_copy_fen += pq_getint(res, i, "copy_fen");
			fe->legacy_postage_fen += pq_getint(res, i, "postage_fen");
			fe->legacy_unsplit += pq_getint(res, i, "unsplit");
		} else {
			fe->notices += pq_getint(res, i, "notices");
			fe->paid += pq_getint(res, i, "paid");
			fe->paid_fen += pq_getint(res, i, "paid_fen");
			fe->waived += pq_getint(res, i, "waived");
			fe->waived_fen += pq_getint(res, i, "waived_fen");
			fe->reduced += pq_getint(res, i, "reduced");
			fe->reduced_fen += pq_getint(res, i, "reduced_fen");
		}
	}
	PQclear(res);
	if ((n = pq_run(db, "report_fee_waivers", p, &res)) < 0)
		return n;
	for (int i = 0; i < n; i++) {
		int w = ogi_enum_parse(ogi_waiver_reason_names, pq_get(res, i, "reason"));
		if (w < 0)
			w = OGI_WAIVER_OTHER;
		fe->legacy_waived[w] += pq_getint(res, i, "n");
		fe->legacy_waived_fen[w] += pq_getint(res, i, "fen");
	}
	PQclear(res);
	return 0;
}

/* Staff inputs, the lock and what was recorded into it since. */
static int load_inputs_lock(struct ogi_db *db, struct ogi_report *r)
{
	struct pq_params p = {0};
	body_year(&p, r->body_id, r->year);
	PGresult *res;
	int n = pq_run(db, "report_inputs_get", &p, &res);
	if (n < 0)
		return n;
	if (n == 1) {
		json_t *stored = json_column(res, 0, "inputs");
		ogi_report_inputs_load(stored, r->format, &r->inputs);
		json_decref(stored);
		pq_copy_time(res, 0, "updated_at", r->inputs.updated_at,
		             sizeof r->inputs.updated_at);
		pq_copy(res, 0, "updated_by_name", r->inputs.updated_by,
		        sizeof r->inputs.updated_by);
	}
	PQclear(res);

	struct ogi_report_lock lock;
	json_t *snapshot;
	if ((n = lock_get(db, r->body_id, r->year, &lock, &snapshot)) < 0)
		return n;
	if (n == 0)
		ogi_report_set_lock(r, lock.locked_at, lock.locked_by, lock.subtree, snapshot);
	if (!r->locked)
		return 0;
	if ((n = pq_run(db, "report_amendments_of", &p, &res)) < 0)
		return n;
	for (int i = 0; i < n; i++) {
		struct ogi_report_amendment a;
		pq_copy_time(res, i, "at", a.at, sizeof a.at);
		pq_copy(res, i, "actor", a.actor, sizeof a.actor);
		pq_copy(res, i, "subject", a.subject, sizeof a.subject);
		pq_copy(res, i, "detail", a.detail, sizeof a.detail);
		pq_copy(res, i, "on_date", a.on, sizeof a.on);
		pq_copy(res, i, "reason", a.reason, sizeof a.reason);
		ogi_report_add_amendment(r, &a);
	}
	PQclear(res);
	return 0;
}

static int load(struct ogi_db *db, long long body_id, int year, enum ogi_report_format f,
                bool subtree, struct ogi_report **out)
{
	struct pq_params pb = {0};
	pq_int(&pb, body_id);
	PGresult *res;
	int n = pq_run(db, "report_body", &pb, &res);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(res);
		return OGI_E_NOT_FOUND;
	}
	int status = 0;
	struct ogi_report_mapping map;
	if (!load_mapping(db, &map, &status)) {
		PQclear(res);
		return status;
	}
	struct ogi_report *r =
	    ogi_report_new(year, f, body_id, pq_get(res, 0, "name"), subtree, &map);
	if (r == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	r->nbodies = subtree ? (int)pq_getint(res, 0, "bodies") : 1;
	PQclear(res);

	/* the rows of the report: $1 the body, $2 with its subtree, $3 and $4 the year's ends */
	struct pq_params pc = {0};
	pq_int(&pc, body_id);
	pq_bool(&pc, subtree);
	pq_date(&pc, ogi_date_from_ymd(year, 1, 1));
	pq_date(&pc, ogi_date_from_ymd(year, 12, 31));
	if ((n = pq_run(db, "report_counts", &pc, &res)) < 0)
		goto fail;
	for (int i = 0; i < n; i++)
		ogi_report_add_counts(r, pq_get(res, i, "kind"), pq_get(res, i, "outcome"),
		                      pq_get(res, i, "channel"), pq_getint(res, i, "received"),
		                      pq_getint(res, i, "carried_in"), pq_getint(res, i, "closed"),
		                      pq_getint(res, i, "carried_out"));
	PQclear(res);

	if ((n = load_remedies(db, r, &pc)) < 0 || (n = load_fees(db, r, &pc)) < 0 ||
	    (n = load_inputs_lock(db, r)) < 0)
		goto fail;
	previous_year(db, r);
	ogi_report_finish(r);
	*out = r;
	return 0;
fail:
	ogi_report_free(r);
	return n;
}

struct ogi_report *ogi_db_report_load(struct ogi_db *db, long long body_id, int year,
                                      enum ogi_report_format f, bool subtree, int *status,
                                      char *err, size_t errlen)
{
	struct ogi_report *r = NULL;
	bool own_tx = !db->in_tx;
	int rc;
	for (int attempt = 0; attempt < 3; attempt++) {
		if (own_tx) {
			if (ogi_db_sql(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") < 0) {
				rc = OGI_DB_HARD;
				break;
			}
			db->in_tx = true;
		}
		rc = load(db, body_id, year, f, subtree, &r);
		if (own_tx) {
			char state[6], msg[512];
			memcpy(state, db->sqlstate, sizeof state);
			memcpy(msg, db->message, sizeof msg);
			ogi_db_sql(db, rc == 0 ? "COMMIT" : "ROLLBACK");
			memcpy(db->sqlstate, state, sizeof state);
			memcpy(db->message, msg, sizeof msg);
			db->in_tx = false;
		}
		if (rc != OGI_DB_SOFT || !own_tx)
			break;
	}
	*status = rc;
	if (rc < 0)
		snprintf(err, errlen, "%s", db->message);
	else if (rc == OGI_E_NOT_FOUND)
		snprintf(err, errlen, "no body %lld", body_id);
	return rc == 0 ? r : NULL;
}

int ogi_db_report_rows_count(struct ogi_db *db, long long body_id, int year, long long *rows)
{
	struct pq_params p = {0};
	pq_int(&p, body_id);
	pq_date(&p, ogi_date_from_ymd(year, 1, 1));
	pq_date(&p, ogi_date_from_ymd(year, 12, 31));
	PGresult *res;
	int n = pq_run(db, "report_rows_count", &p, &res);
	if (n < 0)
		return n;
	*rows = n == 1 ? pq_getint(res, 0, "n") : 0;
	PQclear(res);
	return 0;
}

int ogi_db_report_inputs_lock(struct ogi_db *db, long long body_id, int year, json_t **stored)
{
	*stored = NULL;
	struct pq_params p = {0};
	body_year(&p, body_id, year);
	PGresult *res;
	int n = pq_run(db, "report_inputs_lock", &p, &res);
	if (n < 0)
		return n;
	if (n == 1)
		*stored = json_column(res, 0, "inputs");
	PQclear(res);
	return 0;
}

int ogi_db_report_inputs_put(struct ogi_db *db, long long body_id, int year, json_t *inputs,
                             const struct ogi_actor *by, long long *version)
{
	char *text = json_dumps(inputs, OGI_REPORT_JSON_FLAGS);
	if (text == NULL)
		return OGI_DB_HARD;
	struct pq_params p = {0};
	body_year(&p, body_id, year);
	pq_str(&p, text);
	pq_int_opt(&p, by->user_id > 0, by->user_id);
	pq_str(&p, by->name);
	PGresult *res;
	int n = pq_run(db, "report_inputs_put", &p, &res);
	free(text);
	if (n < 0)
		return n;
	*version = n == 1 ? pq_getint(res, 0, "version") : 0;
	PQclear(res);
	return 0;
}

int ogi_db_report_lock_get(struct ogi_db *db, long long body_id, int year,
                           struct ogi_report_lock *out)
{
	return lock_get(db, body_id, year, out, NULL);
}

int ogi_db_report_lock_insert(struct ogi_db *db, struct ogi_report_lock *lock, json_t *snapshot,
                              const struct ogi_actor *by)
{
	char *text = json_dumps(snapshot, OGI_REPORT_JSON_FLAGS);
	if (text == NULL)
		return OGI_DB_HARD;
	struct pq_params p = {0};
	body_year(&p, lock->body_id, lock->year);
	pq_bool(&p, lock->subtree);
	pq_str(&p, ogi_report_format_names[lock->format]);
	pq_str(&p, text);
	pq_int_opt(&p, by->user_id > 0, by->user_id);
	pq_str(&p, by->name);
	PGresult *res;
	int n = pq_run(db, "report_lock_insert", &p, &res);
	free(text);
	if (n < 0)
		return n;
	if (n == 1)
		pq_copy_time(res, 0, "locked_at", lock->locked_at, sizeof lock->locked_at);
	else
		lock->locked_at[0] = '\0';
	snprintf(lock->locked_by, sizeof lock->locked_by, "%s", by->name ? by->name : "");
	PQclear(res);
	return 0;
}

int ogi_db_locks_covering(struct ogi_db *db, long long body_id, int year, bool self_only,
                          struct ogi_lock_hit *out, int max)
{
	struct pq_params p = {0};
	body_year(&p, body_id, year);
	int n = pq_run(db, "report_year_share", &p, NULL);
	if (n < 0)
		return n;
	PGresult *res;
	/* a statement of its own: it must see a lock committed while we waited */
	pq_bool(&p, self_only);
	if ((n = pq_run(db, "report_locks_covering", &p, &res)) < 0)
		return n;
	int k = 0;
	for (int i = 0; i < n && k < max; i++, k++) {
		struct ogi_lock_hit *h = &out[k];
		h->body_id = pq_getint(res, i, "body_id");
		pq_copy(res, i, "body_name", h->body_name, sizeof h->body_name);
		pq_copy(res, i, "locked_on", h->locked_on, sizeof h->locked_on);
		pq_copy(res, i, "locked_by", h->locked_by, sizeof h->locked_by);
		h->subtree = pq_getbool(res, i, "subtree");
		h->npath = pq_getids(res, i, "path", h->path, OGI_LOCK_PATH_MAX);
	}
	PQclear(res);
	return k;
}

int ogi_db_lock_year_exclusive(struct ogi_db *db, long long body_id, int year)
{
	struct pq_params p = {0};
	body_year(&p, body_id, year);
	int n = pq_run(db, "report_year_exclusive", &p, NULL);
	return n < 0 ? n : 0;
}

int ogi_db_amendment_insert(struct ogi_db *db, long long locked_body, int year,
                            long long request_id, const char *subject, const char *detail,
                            ogi_date on, const char *reason, long long actor_id, const char *actor)
{
	struct pq_params p = {0};
	body_year(&p, locked_body, year);
	pq_int_opt(&p, request_id > 0, request_id);
	pq_str(&p, subject);
	pq_str(&p, detail);
	pq_date(&p, on);
	pq_str(&p, reason);
	pq_int_opt(&p, actor_id > 0, actor_id);
	pq_str(&p, actor);
	int n = pq_run(db, "report_amendment_insert", &p, NULL);
	return n < 0 ? n : 0;
}

/* Statements of the annual report, the loader and the year lock (see reports.h). */
#include "lib/db/reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows of the report's bodies: the body ($1), or its subtree when $2. */
#define OF_BODIES(t)                                                                               \
	t ".body_id = ANY (CASE WHEN $2::bool "                                                     \
	"  THEN ARRAY(SELECT id FROM bodies WHERE path @> ARRAY[$1::bigint]) "                     \
	"  ELSE ARRAY[$1::bigint] END) "
/* The requests of the report: received by the year's end ($4) and not
 * closed before its start ($3). */
#define REPORT_ROWS                                                                                \
	OF_BODIES("r") "AND r.received_on <= $4::date AND (r.closed_on IS NULL OR r.closed_on >= $3::date) "
#define IN_YEAR(col) col " BETWEEN $3::date AND $4::date"
/* a sum of yuan in fen, over the rows where cond holds */
#define FEN(x, cond) "coalesce(sum(round((" x ") * 100)) FILTER (WHERE " cond "), 0)::bigint"
#define PAID_IN_YEAR "f.status = 'paid' AND f.settled_on BETWEEN $3::date AND $4::date"
#define WAIVED_IN_YEAR "f.status = 'waived' AND f.settled_on BETWEEN $3::date AND $4::date"
#define REDUCED_IN_YEAR PAID_IN_YEAR " AND f.paid_amount < f.amount"

/* advisory-lock keys of a body's year: (1330053120 + year, body id mod 2^31 - 1) */
#define YEAR_KEY "1330053120 + $2::int"

const struct ogi_statement ogi_db_statements_reports[] = {
	{"report_body",
	 "SELECT b.name, (SELECT count(*) FROM bodies s WHERE s.path @> ARRAY[b.id]) "
	 "FROM bodies b WHERE b.id = $1::bigint"},
	{"report_row_map", "SELECT format, kind, value, row_key FROM report_row_map "
			   "ORDER BY format, kind, value"},
	/* 一, 二, 三 and 四 in one pass, grouped by what the rows and columns need */
	{"report_counts",
	 "SELECT r.applicant_kind, r.outcome, r.channel, "
	 "  count(*) FILTER (WHERE r.received_on >= $3::date), "
	 "  count(*) FILTER (WHERE r.received_on < $3::date), "
	 "  count(*) FILTER (WHERE r.closed_on <= $4::date), "
	 "  count(*) FILTER (WHERE r.closed_on IS NULL OR r.closed_on > $4::date) "
	 "FROM requests r WHERE " REPORT_ROWS "GROUP BY 1, 2, 3"},
	/* table 四: the records filed in the year, as stored; lib/report.c counts each with its
	   result as of 31 December by lib/remedies.h's rule */
	{"report_reconsiderations",
	 "SELECT x.filed_on, x.decided_on, x.decision FROM reconsiderations x "
	 "WHERE " OF_BODIES("x") "AND " IN_YEAR("x.filed_on") " ORDER BY x.id"},
	{"report_litigations",
	 "SELECT l.id, l.route, l.filed_on, i.instance, i.filed_on, i.decided_on, i.judgment "
	 "FROM litigations l LEFT JOIN litigation_instances i ON i.litigation_id = l.id "
	 "WHERE " OF_BODIES("l") "AND " IN_YEAR("l.filed_on") " ORDER BY l.id, i.seq"},
	/* fees: notices issued in the year; paid, waived and reduced in the year (settled_on) */
	{"report_fees",
	 "SELECT f.method = 'legacy', "
	 "  count(*) FILTER (WHERE " IN_YEAR("f.notice_on") "), "
	 "  count(*) FILTER (WHERE " PAID_IN_YEAR "), "
	 "  " FEN("f.paid_amount", PAID_IN_YEAR) ", "
	 "  count(*) FILTER (WHERE " WAIVED_IN_YEAR "), "
	 "  " FEN("f.amount", WAIVED_IN_YEAR) ", "
	 "  count(*) FILTER (WHERE " REDUCED_IN_YEAR "), "
	 "  " FEN("f.amount - f.paid_amount", REDUCED_IN_YEAR) ", "
	 "  " FEN("f.paid_search_fee", PAID_IN_YEAR) ", "
	 "  " FEN("f.paid_copy_fee", PAID_IN_YEAR) ", "
	 "  " FEN("f.paid_postage", PAID_IN_YEAR) ", "
	 "  count(*) FILTER (WHERE " PAID_IN_YEAR " AND f.paid_search_fee IS NULL "
	 "    AND f.paid_copy_fee IS NULL AND f.paid_postage IS NULL) "
	 "FROM fee_notices f WHERE " OF_BODIES("f")
	 "AND (" IN_YEAR("f.notice_on") " OR " IN_YEAR("f.settled_on") ") GROUP BY 1"},
	/* 减免 of the cost fees by reason: waivers (what was noticed) and reductions (the difference) */
	{"report_fee_waivers",
	 "SELECT f.waiver_reason, count(*), " FEN("f.amount - coalesce(f.paid_amount, 0)", "true") " "
	 "FROM fee_notices f WHERE " OF_BODIES("f") "AND f.method = 'legacy' "
	 "AND f.waiver_reason IS NOT NULL AND f.status IN ('waived', 'paid') AND "
	 IN_YEAR("f.settled_on") " GROUP BY 1"},
	{"report_inputs_get",
	 "SELECT inputs::text, to_char(updated_at, 'YYYY-MM-DD\"T\"HH24:MI:SSOF'), updated_by_name, "
	 "version FROM report_inputs WHERE body_id = $1::bigint AND year = $2::int"},
	{"report_inputs_lock",
	 "SELECT inputs::text FROM report_inputs WHERE body_id = $1::bigint AND year = $2::int "
	 "FOR UPDATE"},
	{"report_inputs_put",
	 "INSERT INTO report_inputs (body_id, year, inputs, updated_by, updated_by_name) "
	 "VALUES ($1::bigint, $2::int, $3::jsonb, $4::bigint, $5) "
	 "ON CONFLICT (body_id, year) DO UPDATE SET inputs = EXCLUDED.inputs, "
	 "  version = report_inputs.version + 1, updated_at = now(), "
	 "  updated_by = EXCLUDED.updated_by, updated_by_name = EXCLUDED.updated_by_name "
	 "RETURNING version"},
	{"report_lock_get",
	 "SELECT to_char(locked_at, 'YYYY-MM-DD\"T\"HH24:MI:SSOF'), locked_by_name, subtree, format, "
	 "snapshot::text FROM report_locks WHERE body_id = $1::bigint AND year = $2::int"},
	{"report_lock_insert",
	 "INSERT INTO report_locks (body_id, year, subtree, format, snapshot, locked_by, "
	 "  locked_by_name) VALUES ($1::bigint, $2::int, $3::bool, $4, $5::jsonb, $6::bigint, $7) "
	 "ON CONFLICT DO NOTHING "
	 "RETURNING to_char(locked_at, 'YYYY-MM-DD\"T\"HH24:MI:SSOF')"},
	{"report_amendments_of",
	 "SELECT to_char(at, 'YYYY-MM-DD HH24:MI'), actor, subject, detail, on_date::text, reason "
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
	 "SELECT l.body_id, b.name, to_char(l.locked_at, 'YYYY-MM-DD'), l.locked_by_name, l.subtree, "
	 "  b.path::text "
	 "FROM report_locks l JOIN bodies b ON b.id = l.body_id "
	 "WHERE l.year = $2::int AND (l.body_id = $1::bigint OR (NOT $3::bool AND l.subtree AND "
	 "  l.body_id = ANY ((SELECT path FROM bodies WHERE id = $1::bigint)::bigint[]))) "
	 "ORDER BY l.body_id"},
	{NULL, NULL},
};

static void text_of(char *out, size_t len, const char *s)
{
	snprintf(out, len, "%s", s ? s : "");
}

/* Parses a PostgreSQL array of ids ("{1,5}") into out; the count. */
static int id_array(const char *text, long long *out, int max)
{
	int n = 0;
	for (const char *p = text ? text : ""; *p && n < max;) {
		if (*p >= '0' && *p <= '9') {
			char *end;
			out[n++] = strtoll(p, &end, 10);
			p = end;
		} else {
			p++;
		}
	}
	return n;
}

static bool load_mapping(struct ogi_db *db, struct ogi_report_mapping *m, int *status)
{
	PGresult *res;
	int n = ogi_db_exec(db, "report_row_map", 0, NULL, &res);
	if (n < 0) {
		*status = n;
		return false;
	}
	ogi_report_mapping_init(m);
	for (int i = 0; i < n; i++)
		ogi_report_mapping_add(m, ogi_db_str(res, i, 0), ogi_db_str(res, i, 1),
				       ogi_db_str(res, i, 2), ogi_db_str(res, i, 3));
	PQclear(res);
	return true;
}

/* Last year's 四 from the report as locked, when it was locked for the
 * same bodies and its format has the seven columns. */
static void previous_year(struct ogi_db *db, struct ogi_report *r, const char *body)
{
	char year[12];
	snprintf(year, sizeof year, "%d", r->year - 1);
	const char *p[] = {body, year};
	PGresult *res;
	if (ogi_db_exec(db, "report_lock_get", 2, p, &res) != 1) {
		if (res)
			PQclear(res);
		return;
	}
	bool subtree = ogi_db_bool(res, 0, 2);
	json_t *snap = json_loads(ogi_db_str(res, 0, 4), 0, NULL);
	if (subtree == r->subtree && snap != NULL) {
		json_t *rows = json_object_get(json_object_get(snap, "applications"), "rows");
		size_t i;
		json_t *row;
		json_array_foreach(rows, i, row)
		{
			json_t *values = json_object_get(row, "values");
			if (!json_is_string(json_object_get(row, "key")) ||
			    strcmp(json_string_value(json_object_get(row, "key")), "carried_out") != 0 ||
			    json_array_size(values) != OGI_REPORT_COLS)
				continue;
			for (int k = 0; k < OGI_REPORT_COLS; k++)
				r->prev_carried_out[k] = json_integer_value(json_array_get(values, (size_t)k));
			r->prev_known = r->prev_locked = true;
			text_of(r->prev_locked_at, sizeof r->prev_locked_at, ogi_db_str(res, 0, 0));
		}
	}
	json_decref(snap);
	PQclear(res);
}

static ogi_date date_of(PGresult *res, int row, int col)
{
	ogi_date d;
	const char *v = ogi_db_str(res, row, col);
	return v != NULL && ogi_date_parse(v, &d) ? d : OGI_DATE_NONE;
}

/* Table 四: every record filed in the year, handed to lib/report.c as stored. */
static int load_remedies(struct ogi_db *db, struct ogi_report *r, const char *const *params)
{
	PGresult *res;
	int n = ogi_db_exec(db, "report_reconsiderations", 4, params, &res);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++)
		ogi_report_add_reconsideration(r, date_of(res, i, 0), date_of(res, i, 1),
					       ogi_db_str(res, i, 2));
	PQclear(res);
	if ((n = ogi_db_exec(db, "report_litigations", 4, params, &res)) < 0)
		return n;
	/* one row per instance (one with NULL instance columns for a litigation without any),
	   grouped by litigation in seq order */
	struct ogi_report_instance v[64];
	for (int i = 0; i < n;) {
		long long id = ogi_db_int(res, i, 0);
		size_t k = 0;
		bool overflow = false;
		int j = i;
		for (; j < n && ogi_db_int(res, j, 0) == id; j++) {
			if (ogi_db_str(res, j, 3) == NULL)
				continue;
			if (k == sizeof v / sizeof v[0]) {
				overflow = true;
				continue;
			}
			v[k++] = (struct ogi_report_instance){.kind = ogi_db_str(res, j, 3),
							      .filed_on = date_of(res, j, 4),
							      .decided_on = date_of(res, j, 5),
							      .judgment = ogi_db_str(res, j, 6)};
		}
		ogi_report_add_litigation(r, overflow ? "(too many instances)" : ogi_db_str(res, i, 1),
					  date_of(res, i, 2), v, k);
		i = j;
	}
	PQclear(res);
	return 0;
}

static int load(struct ogi_db *db, long long body_id, int year, enum ogi_report_format f,
		bool subtree, struct ogi_report **out)
{
	char body[24], y[12], start[OGI_DATE_STRLEN], end[OGI_DATE_STRLEN];
	snprintf(body, sizeof body, "%lld", body_id);
	snprintf(y, sizeof y, "%d", year);
	ogi_date_format(ogi_date_from_ymd(year, 1, 1), start);
	ogi_date_format(ogi_date_from_ymd(year, 12, 31), end);
	PGresult *res;
	const char *pb[] = {body};
	int n = ogi_db_exec(db, "report_body", 1, pb, &res);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(res);
		return 1;
	}
	int status = 0;
	struct ogi_report_mapping map;
	if (!load_mapping(db, &map, &status)) {
		PQclear(res);
		return status;
	}
	struct ogi_report *r = ogi_report_new(year, f, body_id, ogi_db_str(res, 0, 0), subtree, &map);
	if (r == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	r->nbodies = subtree ? (int)ogi_db_int(res, 0, 1) : 1;
	PQclear(res);

	const char *pc[] = {body, subtree ? "true" : "false", start, end};
	if ((n = ogi_db_exec(db, "report_counts", 4, pc, &res)) < 0)
		goto fail;
	for (int i = 0; i < n; i++)
		ogi_report_add_counts(r, ogi_db_str(res, i, 0), ogi_db_str(res, i, 1),
				      ogi_db_str(res, i, 2), ogi_db_int(res, i, 3), ogi_db_int(res, i, 4),
				      ogi_db_int(res, i, 5), ogi_db_int(res, i, 6));
	PQclear(res);

	if ((n = load_remedies(db, r, pc)) < 0)
		goto fail;
	if ((n = ogi_db_exec(db, "report_fees", 4, pc, &res)) < 0)
		goto fail;
	for (int i = 0; i < n; i++) {
		struct ogi_report_fees *fe = &r->fees;
		if (ogi_db_bool(res, i, 0)) {
			fe->legacy_paid += ogi_db_int(res, i, 2);
			fe->legacy_paid_fen += ogi_db_int(res, i, 3);
			fe->legacy_search_fen += ogi_db_int(res, i, 8);
			fe->legacy_copy_fen += ogi_db_int(res, i, 9);
			fe->legacy_postage_fen += ogi_db_int(res, i, 10);
			fe->legacy_unsplit += ogi_db_int(res, i, 11);
		} else {
			fe->notices += ogi_db_int(res, i, 1);
			fe->paid += ogi_db_int(res, i, 2);
			fe->paid_fen += ogi_db_int(res, i, 3);
			fe->waived += ogi_db_int(res, i, 4);
			fe->waived_fen += ogi_db_int(res, i, 5);
			fe->reduced += ogi_db_int(res, i, 6);
			fe->reduced_fen += ogi_db_int(res, i, 7);
		}
	}
	PQclear(res);
	if ((n = ogi_db_exec(db, "report_fee_waivers", 4, pc, &res)) < 0)
		goto fail;
	for (int i = 0; i < n; i++) {
		int w = ogi_enum_parse(ogi_waiver_reason_names, ogi_db_str(res, i, 0));
		if (w < 0)
			w = OGI_WAIVER_OTHER;
		r->fees.legacy_waived[w] += ogi_db_int(res, i, 1);
		r->fees.legacy_waived_fen[w] += ogi_db_int(res, i, 2);
	}
	PQclear(res);

	const char *py[] = {body, y};
	if ((n = ogi_db_exec(db, "report_inputs_get", 2, py, &res)) < 0)
		goto fail;
	if (n == 1) {
		json_t *stored = json_loads(ogi_db_str(res, 0, 0), 0, NULL);
		ogi_report_inputs_load(stored, f, &r->inputs);
		json_decref(stored);
		text_of(r->inputs.updated_at, sizeof r->inputs.updated_at, ogi_db_str(res, 0, 1));
		text_of(r->inputs.updated_by, sizeof r->inputs.updated_by, ogi_db_str(res, 0, 2));
	}
	PQclear(res);

	if ((n = ogi_db_exec(db, "report_lock_get", 2, py, &res)) < 0)
		goto fail;
	if (n == 1)
		ogi_report_set_lock(r, ogi_db_str(res, 0, 0), ogi_db_str(res, 0, 1),
				    ogi_db_bool(res, 0, 2), json_loads(ogi_db_str(res, 0, 4), 0, NULL));
	PQclear(res);
	if (r->locked) {
		if ((n = ogi_db_exec(db, "report_amendments_of", 2, py, &res)) < 0)
			goto fail;
		for (int i = 0; i < n; i++) {
			struct ogi_report_amendment a;
			text_of(a.at, sizeof a.at, ogi_db_str(res, i, 0));
			text_of(a.actor, sizeof a.actor, ogi_db_str(res, i, 1));
			text_of(a.subject, sizeof a.subject, ogi_db_str(res, i, 2));
			text_of(a.detail, sizeof a.detail, ogi_db_str(res, i, 3));
			text_of(a.on, sizeof a.on, ogi_db_str(res, i, 4));
			text_of(a.reason, sizeof a.reason, ogi_db_str(res, i, 5));
			ogi_report_add_amendment(r, &a);
		}
		PQclear(res);
	}
	previous_year(db, r, body);
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
	else if (rc == 1)
		snprintf(err, errlen, "no body %lld", body_id);
	return rc == 0 ? r : NULL;
}

int ogi_db_locks_covering(struct ogi_db *db, long long body_id, int year, bool self_only,
			  struct ogi_lock_hit *out, int max)
{
	char body[24], y[12];
	snprintf(body, sizeof body, "%lld", body_id);
	snprintf(y, sizeof y, "%d", year);
	const char *p[] = {body, y, self_only ? "true" : "false"};
	int n = ogi_db_exec(db, "report_year_share", 2, p, NULL);
	if (n < 0)
		return n;
	PGresult *res;
	/* a statement of its own: it must see a lock committed while we waited */
	if ((n = ogi_db_exec(db, "report_locks_covering", 3, p, &res)) < 0)
		return n;
	int k = 0;
	for (int i = 0; i < n && k < max; i++, k++) {
		out[k].body_id = ogi_db_int(res, i, 0);
		text_of(out[k].body_name, sizeof out[k].body_name, ogi_db_str(res, i, 1));
		text_of(out[k].locked_on, sizeof out[k].locked_on, ogi_db_str(res, i, 2));
		text_of(out[k].locked_by, sizeof out[k].locked_by, ogi_db_str(res, i, 3));
		out[k].subtree = ogi_db_bool(res, i, 4);
		out[k].npath = id_array(ogi_db_str(res, i, 5), out[k].path, OGI_LOCK_PATH_MAX);
	}
	PQclear(res);
	return k;
}

int ogi_db_lock_year_exclusive(struct ogi_db *db, long long body_id, int year)
{
	char body[24], y[12];
	snprintf(body, sizeof body, "%lld", body_id);
	snprintf(y, sizeof y, "%d", year);
	const char *p[] = {body, y};
	int n = ogi_db_exec(db, "report_year_exclusive", 2, p, NULL);
	return n < 0 ? n : 0;
}

int ogi_db_amendment_insert(struct ogi_db *db, long long locked_body, int year, long long request_id,
			    const char *subject, const char *detail, ogi_date on, const char *reason,
			    long long actor_id, const char *actor)
{
	char body[24], y[12], req[24], day[OGI_DATE_STRLEN], uid[24];
	snprintf(body, sizeof body, "%lld", locked_body);
	snprintf(y, sizeof y, "%d", year);
	snprintf(req, sizeof req, "%lld", request_id);
	snprintf(uid, sizeof uid, "%lld", actor_id);
	const char *p[] = {body,
			   y,
			   request_id > 0 ? req : NULL,
			   subject,
			   detail,
			   on != OGI_DATE_NONE ? ogi_date_format(on, day) : NULL,
			   reason,
			   actor_id > 0 ? uid : NULL,
			   actor};
	int n = ogi_db_exec(db, "report_amendment_insert", 9, p, NULL);
	return n < 0 ? n : 0;
}

/* Reading requests: one request (ETag = version), its deadline with the
 * explanation, lists with filters and keyset paging, the work queue in
 * bands, and the CSV export of a list for spreadsheets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/calendar_cache.h"
#include "lib/clock.h"
#include "daemon/ep/fees_remedies.h"
#include "daemon/ep/ep.h"
#include "daemon/core/params.h"
#include "lib/db/request_columns.h"
#include "lib/db/events.h"
#include "lib/projection.h"
#include "daemon/ep/request_rows.h"
#include "lib/db/requests.h"

enum MHD_Result h_request_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	PGresult *res = request_visible(c, db, c->id, &result);
	if (res == NULL)
		return result;
	long long version = ogi_db_int(res, 0, RC_VERSION);
	json_t *out = request_json(c, res, 0);
	PQclear(res);
	const char *inm = header(c, MHD_HTTP_HEADER_IF_NONE_MATCH);
	char etag[40];
	snprintf(etag, sizeof etag, "\"%lld\"", version);
	if (inm != NULL && strcmp(inm, etag) == 0) {
		json_decref(out);
		struct MHD_Response *r = response_from_buffer("", 0, NULL);
		MHD_add_response_header(r, "ETag", etag);
		return queue_response(c, 304, r);
	}
	return reply_json_etag(c, 200, out, version, NULL);
}

enum MHD_Result h_request_deadline(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	PGresult *req = request_visible(c, db, c->id, &result);
	if (req == NULL)
		return result;
	ogi_date received_on;
	ogi_date_parse(ogi_db_str(req, 0, RC_RECEIVED_ON), &received_on);
	long long version = ogi_db_int(req, 0, RC_VERSION);
	char id[24];
	snprintf(id, sizeof id, "%lld", c->id);
	const char *p[] = {id};
	struct ogi_event_list events = {0};
	if (ogi_db_events_load(db, c->id, &events) != 0) {
		PQclear(req);
		return reply_db_error(c, db);
	}
	/* the remedy records' dates: the authority's decision, court dates, appeal windows */
	PGresult *rcs = NULL, *lits = NULL, *insts = NULL;
	if (ogi_db_exec(db, "rc_of", 1, p, &rcs) < 0 || ogi_db_exec(db, "lit_of", 1, p, &lits) < 0 ||
	    ogi_db_exec(db, "inst_of_request", 1, p, &insts) < 0) {
		PQclear(rcs);
		PQclear(lits);
		PQclear(req);
		ogi_event_list_free(&events);
		return reply_db_error(c, db);
	}
	struct calendar_ref cal = calendar_acquire();
	json_t *out = ogi_projection_explain(cal.cal, received_on, events.e, events.n);
	unsigned allowed = ogi_projection_allowed(cal.cal, received_on, events.e, events.n);
	remedy_dates_json(cal.cal, rcs, lits, insts, c->id, json_object_get(out, "subdeadlines"),
			  json_object_get(out, "steps"));
	calendar_release(cal);
	PQclear(rcs);
	PQclear(lits);
	PQclear(insts);
	ogi_event_list_free(&events);
	/* what this caller may record now: the clock's rules and the caller's
	   role on the request's body, so a client offers only these */
	json_t *list = json_array();
	for (int t = 0; t < OGI_EV_TYPE_COUNT; t++)
		if ((allowed & (1u << t)) && request_body_allows(c, req, 0, event_role((enum ogi_event_type)t)))
			json_array_append_new(list, json_string(ogi_event_type_names[t]));
	PQclear(req);
	json_object_set_new(out, "allowed_events", list);
	json_object_set_new(out, "request_id", json_integer(c->id));
	return reply_json_etag(c, 200, out, version, NULL);
}

/* Query parameters of lists; false after replying 400 naming the parameter. */
struct list_query {
	const char *p[13];
	char body[24], after[24], limit[12], today[OGI_DATE_STRLEN], roots[2048];
	char dates[3][OGI_DATE_STRLEN];
	char *q;
	long long limit_n;
};

static bool bad_param(struct ctx *c, struct spec_errors *errs, const char *name, const char *zh,
		      const char *en)
{
	spec_error_add(errs, name, "invalid", zh, en);
	(void)c;
	return false;
}

bool parse_date_param(struct ctx *c, struct spec_errors *errs, const char *name, char *buf,
		      const char **slot)
{
	const char *v = query(c, name);
	ogi_date d;
	if (v == NULL)
		return true;
	if (!ogi_date_parse(v, &d))
		return bad_param(c, errs, name, "不是有效日期（格式 YYYY-MM-DD）",
				 "not a valid date (YYYY-MM-DD)");
	if (!ogi_date_in_range(d)) {
		spec_date_range_error(errs, name);
		return false;
	}
	ogi_date_format(d, buf);
	*slot = buf;
	return true;
}

/* Escapes LIKE's wildcards so q matches literally. */
static char *like_literal(const char *q)
{
	size_t n = strlen(q);
	char *out = malloc(2 * n + 1), *o = out;
	if (out == NULL)
		return NULL;
	for (const char *s = q; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

static bool list_query_parse(struct ctx *c, struct list_query *lq, enum MHD_Result *result)
{
	struct spec_errors errs = {0};
	memset(lq->p, 0, sizeof lq->p);
	auth_roots(&c->auth, OGI_ROLE_AUDITOR, lq->roots, sizeof lq->roots);
	lq->p[0] = lq->roots;
	const char *v;
	long long n;
	if ((v = query(c, "body_id")) != NULL) {
		if (!positive_int(v, INT64_MAX / 2, &n))
			bad_param(c, &errs, "body_id", "应为正整数", "must be a positive integer");
		snprintf(lq->body, sizeof lq->body, "%lld", n);
		lq->p[1] = lq->body;
	}
	v = query(c, "subtree");
	if (v != NULL && strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
		bad_param(c, &errs, "subtree", "应为 true 或 false", "must be true or false");
	lq->p[2] = v != NULL && strcmp(v, "true") == 0 ? "true" : "false";
	if ((v = query(c, "status")) != NULL) {
		if (ogi_enum_parse(ogi_status_names, v) < 0)
			bad_param(c, &errs, "status", "取值无效", "unknown status");
		lq->p[3] = v;
	}
	if ((v = query(c, "overdue")) != NULL) {
		if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
			bad_param(c, &errs, "overdue", "应为 true 或 false", "must be true or false");
		lq->p[4] = v;
	}
	parse_date_param(c, &errs, "due_before", lq->dates[0], &lq->p[5]);
	parse_date_param(c, &errs, "received_from", lq->dates[1], &lq->p[6]);
	parse_date_param(c, &errs, "received_to", lq->dates[2], &lq->p[7]);
	if ((v = query(c, "outcome")) != NULL) {
		if (ogi_enum_parse(ogi_outcome_names, v) < 0)
			bad_param(c, &errs, "outcome", "取值无效", "unknown outcome");
		lq->p[8] = v;
	}
	if ((v = query(c, "q")) != NULL && *v) {
		if (strlen(v) > 200)
			bad_param(c, &errs, "q", "过长", "too long");
		lq->q = like_literal(v);
		lq->p[9] = lq->q;
	}
	if ((v = query(c, "after")) != NULL) {
		if (!positive_int(v, INT64_MAX / 2, &n))
			bad_param(c, &errs, "after", "应为正整数", "must be a positive integer");
		snprintf(lq->after, sizeof lq->after, "%lld", n);
		lq->p[10] = lq->after;
	}
	lq->p[11] = ogi_date_format(ogi_today(), lq->today);
	lq->limit_n = 50;
	if ((v = query(c, "limit")) != NULL && !positive_int(v, 500, &lq->limit_n))
		bad_param(c, &errs, "limit", "应为 1 至 500", "must be between 1 and 500");
	snprintf(lq->limit, sizeof lq->limit, "%lld", lq->limit_n + 1);
	lq->p[12] = lq->limit;
	if (errs.n > 0) {
		free(lq->q);
		*result = reply_invalid(c, &errs);
		return false;
	}
	return true;
}

enum MHD_Result h_requests_get(struct ctx *c)
{
	struct list_query lq = {0};
	enum MHD_Result result;
	if (!list_query_parse(c, &lq, &result))
		return result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL) {
		free(lq.q);
		return result;
	}
	PGresult *res;
	int n = ogi_db_exec(db, "requests_list", 13, lq.p, &res);
	free(lq.q);
	if (n < 0)
		return reply_db_error(c, db);
	json_t *items = json_array();
	int shown = n > lq.limit_n ? (int)lq.limit_n : n;
	for (int i = 0; i < shown; i++)
		json_array_append_new(items, request_json(c, res, i));
	json_t *out = json_pack("{s:o}", "requests", items);
	if (n > lq.limit_n)
		json_object_set_new(out, "next_after",
				    json_integer(ogi_db_int(res, shown - 1, RC_ID)));
	else
		json_object_set_new(out, "next_after", json_null());
	PQclear(res);
	return reply_json(c, 200, out);
}

/* CSV: one line per request, every date column, UTF-8 with a BOM for Excel. */
static void csv_field(char **buf, size_t *len, size_t *cap, const char *v, bool last)
{
	size_t need = (v ? 2 * strlen(v) : 0) + 4;
	if (*len + need >= *cap) {
		while (*len + need >= *cap)
			*cap *= 2;
		*buf = realloc(*buf, *cap);
	}
	char *o = *buf + *len;
	if (v != NULL) {
		/* a leading = + - @ would be a formula in a spreadsheet */
		bool guard = strchr("=+-@", v[0]) != NULL && v[0] != '\0';
		*o++ = '"';
		if (guard)
			*o++ = '\'';
		for (const char *s = v; *s; s++) {
			if (*s == '"')
				*o++ = '"';
			*o++ = *s;
		}
		*o++ = '"';
	}
	*o++ = last ? '\n' : ',';
	*len = (size_t)(o - *buf);
}

enum MHD_Result h_requests_csv(struct ctx *c)
{
	struct list_query lq = {0};
	enum MHD_Result result;
	if (!list_query_parse(c, &lq, &result))
		return result;
	snprintf(lq.limit, sizeof lq.limit, "%d", 100000);
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL) {
		free(lq.q);
		return result;
	}
	PGresult *res;
	int n = ogi_db_exec(db, "requests_list", 13, lq.p, &res);
	free(lq.q);
	if (n < 0)
		return reply_db_error(c, db);
	static const struct {
		const char *title;
		int col;
	} cols[] = {
		{"编号 tracking_no", RC_TRACKING_NO},
		{"机关 body", RC_BODY_NAME},
		{"收到申请日期 received_on", RC_RECEIVED_ON},
		{"提交日期 submitted_on", RC_SUBMITTED_ON},
		{"确认日期 confirmed_on", RC_CONFIRMED_ON},
		{"渠道 channel", RC_CHANNEL},
		{"适用条例 regime", RC_REGIME},
		{"申请人类型 applicant_kind", RC_APPLICANT_KIND},
		{"申请人 applicant_name", RC_APPLICANT_NAME},
		{"申请内容 description", RC_DESCRIPTION},
		{"状态 status", RC_STATUS},
		{"答复期限 due_on", RC_DUE_ON},
		{"补正告知期限 correction_notice_due", RC_CORRECTION_NOTICE_DUE},
		{"其他期限 next_subdeadline", RC_NEXT_SUBDEADLINE},
		{"办结日期 closed_on", RC_CLOSED_ON},
		{"办理结果 outcome", RC_OUTCOME},
		{"逾期答复 replied_late", RC_REPLIED_LATE},
		{"已延期 extension_used", RC_EXTENSION_USED},
	};
	size_t ncols = sizeof cols / sizeof cols[0], cap = 4096, len = 3;
	char *buf = malloc(cap);
	memcpy(buf, "\xEF\xBB\xBF", 3);
	for (size_t k = 0; k < ncols; k++)
		csv_field(&buf, &len, &cap, cols[k].title, k + 1 == ncols);
	for (int i = 0; i < n; i++)
		for (size_t k = 0; k < ncols; k++)
			csv_field(&buf, &len, &cap, ogi_db_str(res, i, cols[k].col), k + 1 == ncols);
	PQclear(res);
	struct MHD_Response *r =
		MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", "text/csv; charset=utf-8");
	MHD_add_response_header(r, "Content-Disposition", "attachment; filename=\"requests.csv\"");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	return queue_response(c, 200, r);
}

/* One queue row's attention date: the earliest date that asks for action or
 * is about to pass. */
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
static struct attention row_attention(const char *status, const char *due_on, json_t *clock_subs,
				      json_t *remedy_dates)
{
	struct attention a = {OGI_DATE_NONE, NULL};
	ogi_date d;
	if (strcmp(status, "registered") == 0 && due_on != NULL && ogi_date_parse(due_on, &d))
		consider(&a, d, "reply_due");
	size_t k;
	json_t *s;
	if (strcmp(status, "closed") != 0)
		json_array_foreach(clock_subs, k, s)
		{
			/* the kinds as static strings: the JSON they come from is freed before use */
			int sk = ogi_enum_parse(ogi_subdeadline_names, json_string_value(json_object_get(s, "kind")));
			if ((sk == OGI_SUB_THIRD_PARTY || sk == OGI_SUB_FEE_PAYMENT ||
			     sk == OGI_SUB_CORRECTION_PERIOD) &&
			    ogi_date_parse(json_string_value(json_object_get(s, "due_on")), &d))
				consider(&a, d, ogi_subdeadline_names[sk]);
		}
	json_array_foreach(remedy_dates, k, s)
	{
		int rk = ogi_enum_parse(ogi_remedy_deadline_names, json_string_value(json_object_get(s, "kind")));
		if (rk >= 0 && json_is_true(json_object_get(s, "pending")) &&
		    ogi_date_parse(json_string_value(json_object_get(s, "due_on")), &d))
			consider(&a, d, ogi_remedy_deadline_names[rk]);
	}
	return a;
}

/* "{1,2,3}" of the rows' ids (a PostgreSQL array literal), malloc'd. */
static char *id_array(PGresult *const *sets, int nsets)
{
	size_t cap = 64, len = 0;
	char *out = malloc(cap);
	if (out == NULL)
		return NULL;
	out[len++] = '{';
	for (int k = 0; k < nsets; k++)
		for (int i = 0; sets[k] != NULL && i < PQntuples(sets[k]); i++) {
			if (len + 26 > cap) {
				char *grown = realloc(out, cap *= 2);
				if (grown == NULL) {
					free(out);
					return NULL;
				}
				out = grown;
			}
			len += (size_t)snprintf(out + len, cap - len, "%s%s", len > 1 ? "," : "",
						ogi_db_str(sets[k], i, 0));
		}
	snprintf(out + len, cap - len, "}");
	return out;
}

/* One row of the queue while it is banded: what it is counted by. */
struct queue_row {
	long long id;
	ogi_date on; /* its attention date, or OGI_DATE_NONE */
	const char *kind;
	int band, workdays_left;
	bool closed;
	json_t *remedy_dates; /* borrowed from the by-request map */
};

static int queue_row_cmp(const void *a, const void *b)
{
	const struct queue_row *x = a, *y = b;
	if (x->on != y->on) {
		if (x->on == OGI_DATE_NONE || y->on == OGI_DATE_NONE)
			return x->on == OGI_DATE_NONE ? 1 : -1;
		return x->on < y->on ? -1 : 1;
	}
	return (x->id > y->id) - (x->id < y->id);
}

#define QUEUE_LIMIT_DEFAULT 200
#define QUEUE_LIMIT_MAX 2000

/* GET /api/v1/queue: open requests by due date in three bands, with closed
 * requests whose remedy records have a date pending (closed=false leaves
 * them out).  The applicant's own windows after a reply are not work for the
 * office: they show on the request and its deadline, not here.
 *
 * Two passes, so that a district with tens of thousands of open requests
 * gets right counts without every row: every row in scope is banded from a
 * few light columns, then only the first `limit` of each band (by attention
 * date) are read whole and returned; `more` says how many each band left
 * out. */
enum MHD_Result h_queue_get(struct ctx *c)
{
	char roots[2048], body[24], today_text[OGI_DATE_STRLEN];
	ogi_date today = ogi_today();
	auth_roots(&c->auth, OGI_ROLE_AUDITOR, roots, sizeof roots);
	const char *p[5] = {roots, NULL, NULL, ogi_date_format(today, today_text), NULL};
	const char *v;
	long long n64, limit = QUEUE_LIMIT_DEFAULT;
	char *q = NULL;
	struct spec_errors errs = {0};
	if ((v = query(c, "body_id")) != NULL) {
		if (!positive_int(v, INT64_MAX / 2, &n64))
			spec_error_add(&errs, "body_id", "invalid", "应为正整数", "must be a positive integer");
		snprintf(body, sizeof body, "%lld", n64);
		p[1] = body;
	}
	bool with_closed = true, with_open = true;
	if ((v = query(c, "closed")) != NULL) {
		if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
			spec_error_add(&errs, "closed", "invalid", "应为 true 或 false", "must be true or false");
		with_closed = strcmp(v, "true") == 0;
	}
	if ((v = query(c, "status")) != NULL) {
		int st = ogi_enum_parse(ogi_status_names, v);
		if (st < 0)
			spec_error_add(&errs, "status", "enum", "取值无效", "unknown status");
		else if (st == OGI_STATUS_CLOSED)
			with_open = false; /* closed requests with remedy dates only */
		else
			with_closed = false, p[4] = v;
	}
	if ((v = query(c, "limit")) != NULL && !positive_int(v, QUEUE_LIMIT_MAX, &limit))
		spec_error_add(&errs, "limit", "range", "应为 1 至 2000", "must be between 1 and 2000");
	if (errs.n > 0)
		return reply_invalid(c, &errs);
	if ((v = query(c, "q")) != NULL && *v)
		p[2] = q = like_literal(v);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL) {
		free(q);
		return result;
	}
	PGresult *sets[2] = {NULL, NULL}, *rcs = NULL, *lits = NULL, *insts = NULL, *full = NULL;
	char *ids = NULL, *shown_ids = NULL;
	struct queue_row *rows = NULL;
	json_t *out = NULL, *all = NULL, *by_request = NULL;
	struct calendar_ref cal = {0};
	bool replied = false;
	const char *open_p[] = {p[0], p[1], p[2], p[4]};
	int n = with_open ? ogi_db_exec(db, "queue_light", 4, open_p, &sets[0]) : 0;
	if (n >= 0 && with_closed)
		n = ogi_db_exec(db, "queue_closed_light", 4, p, &sets[1]);
	free(q);
	if (n < 0)
		goto db_error;
	if ((ids = id_array(sets, 2)) == NULL)
		goto out;
	const char *ip[] = {ids};
	if (ogi_db_exec(db, "rc_of_requests", 1, ip, &rcs) < 0 ||
	    ogi_db_exec(db, "lit_of_requests", 1, ip, &lits) < 0 ||
	    ogi_db_exec(db, "inst_of_requests", 1, ip, &insts) < 0)
		goto db_error;
	cal = calendar_acquire();
	/* the remedy records' dates, by request */
	all = json_array();
	by_request = json_object();
	remedy_dates_json(cal.cal, rcs, lits, insts, 0, all, NULL);
	size_t k;
	json_t *d;
	json_array_foreach(all, k, d)
	{
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)json_integer_value(json_object_get(d, "request_id")));
		json_t *list = json_object_get(by_request, key);
		if (list == NULL)
			json_object_set_new(by_request, key, list = json_array());
		json_array_append(list, d);
	}

	/* pass 1: every row banded by its attention date */
	int nrows = 0, counts[3] = {0, 0, 0}, remedies = 0;
	rows = calloc((size_t)(PQntuples(sets[0]) + PQntuples(sets[1]) + 1), sizeof *rows);
	if (rows == NULL)
		goto out;
	for (int set = 0; set < 2; set++)
		for (int i = 0; sets[set] != NULL && i < PQntuples(sets[set]); i++) {
			PGresult *res = sets[set];
			json_t *subs = json_loads(ogi_db_str(res, i, 3) ? ogi_db_str(res, i, 3) : "[]", 0, NULL);
			json_t *dates = json_object_get(by_request, ogi_db_str(res, i, 0));
			struct attention a = row_attention(ogi_db_str(res, i, 1), ogi_db_str(res, i, 2), subs, dates);
			json_decref(subs);
			if (set == 1 && a.on == OGI_DATE_NONE)
				continue; /* closed with nothing pending */
			struct queue_row *r = &rows[nrows++];
			*r = (struct queue_row){.id = ogi_db_int(res, i, 0), .on = a.on, .kind = a.kind,
						.band = 2, .closed = set == 1, .remedy_dates = dates};
			if (a.on != OGI_DATE_NONE) {
				r->workdays_left = calendar_signed_workdays(cal.cal, today, a.on);
				r->band = a.on < today ? 0 : (r->workdays_left <= 3 ? 1 : 2);
			}
			counts[r->band]++;
			remedies += r->closed;
		}
	qsort(rows, (size_t)nrows, sizeof *rows, queue_row_cmp);

	/* pass 2: the first `limit` of each band, read whole */
	size_t cap = 64, len = 0;
	int taken[3] = {0, 0, 0};
	if ((shown_ids = malloc(cap)) == NULL)
		goto out;
	shown_ids[len++] = '{';
	for (int i = 0; i < nrows; i++) {
		if (taken[rows[i].band] >= limit) {
			rows[i].id = 0; /* not shown */
			continue;
		}
		taken[rows[i].band]++;
		if (len + 26 > cap) {
			char *grown = realloc(shown_ids, cap *= 2);
			if (grown == NULL)
				goto out;
			shown_ids = grown;
		}
		len += (size_t)snprintf(shown_ids + len, cap - len, "%s%lld", len > 1 ? "," : "", rows[i].id);
	}
	snprintf(shown_ids + len, cap - len, "}");
	const char *sp[] = {shown_ids};
	int nfull = ogi_db_exec(db, "requests_by_ids", 1, sp, &full);
	if (nfull < 0)
		goto db_error;
	json_t *bands[3] = {json_array(), json_array(), json_array()};
	for (int i = 0; i < nrows; i++) {
		if (rows[i].id == 0)
			continue;
		int row = -1;
		for (int j = 0; j < nfull && row < 0; j++) /* nfull ≤ 3 × limit */
			if (ogi_db_int(full, j, RC_ID) == rows[i].id)
				row = j;
		if (row < 0)
			continue; /* gone between the two reads */
		json_t *r = request_json(c, full, row);
		if (rows[i].on != OGI_DATE_NONE) {
			char buf[OGI_DATE_STRLEN];
			json_object_set_new(r, "attention_on", json_string(ogi_date_format(rows[i].on, buf)));
			json_object_set_new(r, "attention_kind", json_string(rows[i].kind));
			json_object_set_new(r, "workdays_left", json_integer(rows[i].workdays_left));
		} else {
			json_object_set_new(r, "workdays_left", json_null());
		}
		if (rows[i].remedy_dates != NULL)
			json_object_set(r, "remedy_deadlines", rows[i].remedy_dates);
		json_array_append_new(bands[rows[i].band], r);
	}
	static const char *const band_names[] = {"overdue", "due_soon", "later"};
	out = json_object();
	json_t *jcounts = json_object(), *more = json_object();
	for (int b = 0; b < 3; b++) {
		json_object_set_new(jcounts, band_names[b], json_integer(counts[b]));
		json_object_set_new(more, band_names[b], json_integer(counts[b] - taken[b]));
		json_object_set_new(out, band_names[b], bands[b]);
	}
	json_object_set_new(jcounts, "total", json_integer(nrows));
	json_object_set_new(jcounts, "closed_with_remedy_dates", json_integer(remedies));
	json_object_set_new(out, "counts", jcounts);
	json_object_set_new(out, "more", more);
	json_object_set_new(out, "limit", json_integer(limit));
	json_object_set_new(out, "today", json_string(today_text));
	goto out;
db_error:
	result = reply_db_error(c, db);
	replied = true;
out:
	if (cal.holder != NULL)
		calendar_release(cal);
	json_decref(all);
	json_decref(by_request);
	free(rows);
	free(ids);
	free(shown_ids);
	PQclear(sets[0]);
	PQclear(sets[1]);
	PQclear(rcs);
	PQclear(lits);
	PQclear(insts);
	PQclear(full);
	if (out != NULL)
		return reply_json(c, 200, out);
	return replied ? result : MHD_NO; /* out of memory: drop the connection */
}

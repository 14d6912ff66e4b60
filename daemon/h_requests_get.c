/* Reading requests: one request (ETag = version), its deadline with the
 * explanation, lists with filters and keyset paging, the work queue in
 * bands, and the CSV export of a list for spreadsheets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar_cache.h"
#include "clock.h"
#include "fees_remedies.h"
#include "handlers.h"
#include "projection.h"
#include "request_json.h"
#include "requests.h"

/* Loads one visible request; replies 404 when absent or not the caller's. */
static PGresult *load_request(struct ctx *c, struct ogi_db *db, enum MHD_Result *result)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", c->id);
	const char *p[] = {id};
	PGresult *res;
	int n = ogi_db_exec(db, "request_get", 1, p, &res);
	if (n < 0) {
		*result = reply_db_error(c, db);
		return NULL;
	}
	if (n == 0 || !request_body_allows(c, res, 0, OGI_ROLE_AUDITOR)) {
		PQclear(res);
		*result = reply_problem(c, OGI_E_NOT_FOUND, "no request %lld", c->id);
		return NULL;
	}
	return res;
}

enum MHD_Result h_request_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	PGresult *res = load_request(c, db, &result);
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
	PGresult *req = load_request(c, db, &result);
	if (req == NULL)
		return result;
	ogi_date received_on;
	ogi_date_parse(ogi_db_str(req, 0, RC_RECEIVED_ON), &received_on);
	long long version = ogi_db_int(req, 0, RC_VERSION);
	char id[24];
	snprintf(id, sizeof id, "%lld", c->id);
	const char *p[] = {id};
	PGresult *res;
	if (ogi_db_exec(db, "events_of", 1, p, &res) < 0) {
		PQclear(req);
		return reply_db_error(c, db);
	}
	struct stored_event *events = calloc(1024, sizeof *events);
	json_t *payloads = NULL;
	size_t n = stored_events_load(res, events, 1024, &payloads);
	PQclear(res);
	/* the remedy records' dates: the authority's decision, court dates, appeal windows */
	PGresult *rcs = NULL, *lits = NULL, *insts = NULL;
	if (ogi_db_exec(db, "rc_of", 1, p, &rcs) < 0 || ogi_db_exec(db, "lit_of", 1, p, &lits) < 0 ||
	    ogi_db_exec(db, "inst_of_request", 1, p, &insts) < 0) {
		PQclear(rcs);
		PQclear(lits);
		json_decref(payloads);
		free(events);
		return reply_db_error(c, db);
	}
	struct calendar_ref cal = calendar_acquire();
	json_t *out = projection_explain(cal.cal, received_on, events, n);
	unsigned allowed = projection_allowed(cal.cal, received_on, events, n);
	remedy_dates_json(cal.cal, rcs, lits, insts, c->id, json_object_get(out, "subdeadlines"),
			  json_object_get(out, "steps"));
	calendar_release(cal);
	PQclear(rcs);
	PQclear(lits);
	PQclear(insts);
	json_decref(payloads);
	free(events);
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

static bool parse_date_param(struct ctx *c, struct spec_errors *errs, const char *name,
			     char *buf, const char **slot)
{
	const char *v = query(c, name);
	ogi_date d;
	if (v == NULL)
		return true;
	if (!ogi_date_parse(v, &d))
		return bad_param(c, errs, name, "不是有效日期（格式 YYYY-MM-DD）",
				 "not a valid date (YYYY-MM-DD)");
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

static bool positive_int(const char *v, long long max, long long *out)
{
	if (v == NULL || *v == '\0' || strlen(v) > 15)
		return false;
	for (const char *s = v; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	*out = atoll(v);
	return *out >= 1 && *out <= max;
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
static struct attention row_attention(PGresult *res, int i, json_t *clock_subs, json_t *remedy_dates)
{
	struct attention a = {OGI_DATE_NONE, NULL};
	const char *status = ogi_db_str(res, i, RC_STATUS);
	ogi_date d;
	if (strcmp(status, "registered") == 0 && ogi_db_str(res, i, RC_DUE_ON) &&
	    ogi_date_parse(ogi_db_str(res, i, RC_DUE_ON), &d))
		consider(&a, d, "reply_due");
	size_t k;
	json_t *s;
	if (strcmp(status, "closed") != 0)
		json_array_foreach(clock_subs, k, s)
		{
			/* the kinds as static strings: the JSON they come from is freed before use */
			int sk = ogi_enum_parse(ogi_subdeadline_names, json_string_value(json_object_get(s, "kind")));
			if ((sk == OGI_SUB_THIRD_PARTY || sk == OGI_SUB_FEE_PAYMENT) &&
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
						ogi_db_str(sets[k], i, RC_ID));
		}
	snprintf(out + len, cap - len, "}");
	return out;
}

/* GET /api/v1/queue: open requests by due date in three bands, with closed
 * requests whose remedy records have a date pending (closed=false leaves
 * them out).  The applicant's own windows after a reply are not work for the
 * office: they show on the request and its deadline, not here. */
enum MHD_Result h_queue_get(struct ctx *c)
{
	char roots[2048], body[24], today_text[OGI_DATE_STRLEN];
	ogi_date today = ogi_today();
	auth_roots(&c->auth, OGI_ROLE_AUDITOR, roots, sizeof roots);
	const char *p[4] = {roots, NULL, NULL, ogi_date_format(today, today_text)};
	const char *v;
	long long n64;
	char *q = NULL;
	struct spec_errors errs = {0};
	if ((v = query(c, "body_id")) != NULL) {
		if (!positive_int(v, INT64_MAX / 2, &n64)) {
			spec_error_add(&errs, "body_id", "invalid", "应为正整数", "must be a positive integer");
			return reply_invalid(c, &errs);
		}
		snprintf(body, sizeof body, "%lld", n64);
		p[1] = body;
	}
	bool with_closed = true;
	if ((v = query(c, "closed")) != NULL) {
		if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0) {
			spec_error_add(&errs, "closed", "invalid", "应为 true 或 false", "must be true or false");
			return reply_invalid(c, &errs);
		}
		with_closed = strcmp(v, "true") == 0;
	}
	if ((v = query(c, "q")) != NULL && *v)
		p[2] = q = like_literal(v);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL) {
		free(q);
		return result;
	}
	PGresult *sets[2] = {NULL, NULL}, *rcs = NULL, *lits = NULL, *insts = NULL;
	char *ids = NULL;
	int n = ogi_db_exec(db, "queue", 3, p, &sets[0]);
	if (n >= 0 && with_closed)
		n = ogi_db_exec(db, "queue_closed", 4, p, &sets[1]);
	free(q);
	if (n >= 0)
		ids = id_array(sets, 2);
	const char *ip[] = {ids};
	if (n >= 0 && ids != NULL) {
		n = ogi_db_exec(db, "rc_of_requests", 1, ip, &rcs);
		if (n >= 0)
			n = ogi_db_exec(db, "lit_of_requests", 1, ip, &lits);
		if (n >= 0)
			n = ogi_db_exec(db, "inst_of_requests", 1, ip, &insts);
	}
	free(ids);
	if (n < 0 || ids == NULL) {
		PQclear(sets[0]);
		PQclear(sets[1]);
		PQclear(rcs);
		PQclear(lits);
		return n < 0 ? reply_db_error(c, db) : MHD_NO;
	}
	struct calendar_ref cal = calendar_acquire();
	/* the remedy records' dates, by request */
	json_t *all = json_array(), *by_request = json_object();
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

	json_t *bands[3] = {json_array(), json_array(), json_array()};
	static const char *const band_names[] = {"overdue", "due_soon", "later"};
	int total = 0, remedies = 0;
	for (int set = 0; set < 2; set++)
		for (int i = 0; sets[set] != NULL && i < PQntuples(sets[set]); i++) {
			PGresult *res = sets[set];
			const char *rid = ogi_db_str(res, i, RC_ID);
			json_t *clock = json_loads(ogi_db_str(res, i, RC_CLOCK), 0, NULL);
			json_t *dates = json_object_get(by_request, rid);
			struct attention a = row_attention(res, i, json_object_get(clock, "subdeadlines"), dates);
			json_decref(clock);
			if (set == 1 && a.on == OGI_DATE_NONE)
				continue; /* closed with nothing pending */
			json_t *r = request_json(c, res, i);
			int band = 2;
			json_t *left = json_null();
			if (a.on != OGI_DATE_NONE) {
				int wd = calendar_signed_workdays(cal.cal, today, a.on);
				left = json_integer(wd);
				band = a.on < today ? 0 : (wd <= 3 ? 1 : 2);
				char buf[OGI_DATE_STRLEN];
				json_object_set_new(r, "attention_on", json_string(ogi_date_format(a.on, buf)));
				json_object_set_new(r, "attention_kind", json_string(a.kind));
			}
			json_object_set_new(r, "workdays_left", left);
			if (dates != NULL)
				json_object_set(r, "remedy_deadlines", dates);
			json_array_append_new(bands[band], r);
			total++;
			remedies += set == 1;
		}
	calendar_release(cal);
	json_decref(all);
	json_decref(by_request);
	PQclear(sets[0]);
	PQclear(sets[1]);
	PQclear(rcs);
	PQclear(lits);
	PQclear(insts);
	json_t *out = json_object(), *counts = json_object();
	for (int b = 0; b < 3; b++) {
		json_object_set_new(counts, band_names[b], json_integer((json_int_t)json_array_size(bands[b])));
		json_object_set_new(out, band_names[b], bands[b]);
	}
	json_object_set_new(counts, "total", json_integer(total));
	json_object_set_new(counts, "closed_with_remedy_dates", json_integer(remedies));
	json_object_set_new(out, "counts", counts);
	char buf[OGI_DATE_STRLEN];
	json_object_set_new(out, "today", json_string(ogi_date_format(today, buf)));
	return reply_json(c, 200, out);
}

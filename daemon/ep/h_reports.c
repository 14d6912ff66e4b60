/* The annual report: GET /api/v1/reports/annual (JSON, or CSV, HTML, XLSX,
 * Markdown by ?type= or the Accept header), PUT …/{year}/{body_id}/inputs
 * (admins: section 二's figures, the texts, their own sentences) and POST
 * …/{year}/{body_id}/lock (admins: freeze a published year).  The report is
 * computed by lib/db (reports.c) and rendered by lib/ (report*.c), the same
 * code ogictl runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/ep/ep.h"
#include "daemon/core/lock_guard.h"
#include "lib/db/reports.h"
#include "lib/report_render.h"

#define YEAR_MIN 2008
#define YEAR_MAX 2100

static bool parse_int(const char *s, long long lo, long long hi, long long *out)
{
	if (s == NULL || *s == '\0' || strlen(s) > 15)
		return false;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end != '\0' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static const char *const bool_names[] = {"false", "true", NULL};

/* The output type when ?type= is not given: the type of highest q the
 * Accept header names among those we make (JSON for none, * / * or
 * application/any); *ok false when it names none of them. */
static int negotiate(struct ctx *c, bool *ok)
{
	*ok = true;
	const char *accept = header(c, "Accept");
	if (accept == NULL || *accept == '\0')
		return OGI_RT_JSON;
	static const struct {
		const char *mime;
		int type;
	} known[] = {
		{"application/json", OGI_RT_JSON},
		{"text/csv", OGI_RT_CSV},
		{"text/html", OGI_RT_HTML},
		{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", OGI_RT_XLSX},
		{"text/markdown", OGI_RT_MD},
		{"*/*", OGI_RT_JSON},
		{"application/*", OGI_RT_JSON},
	};
	int best = -1;
	double best_q = 0;
	for (const char *p = accept; *p;) {
		p += strspn(p, " \t,");
		size_t item = strcspn(p, ",");
		size_t n = strcspn(p, ";,");
		size_t mlen = n;
		while (mlen > 0 && (p[mlen - 1] == ' ' || p[mlen - 1] == '\t'))
			mlen--;
		double q = 1;
		for (const char *param = p + n; param < p + item;) {
			param += strspn(param, "; \t");
			if (strncasecmp(param, "q=", 2) == 0)
				q = strtod(param + 2, NULL);
			param += strcspn(param, ";,");
		}
		for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
			if (q > best_q && strlen(known[k].mime) == mlen &&
			    strncasecmp(p, known[k].mime, mlen) == 0) {
				best = known[k].type;
				best_q = q;
			}
		p += item;
	}
	*ok = best >= 0;
	return best >= 0 ? best : OGI_RT_JSON;
}

struct report_query {
	long long year, body_id;
	int format; /* -1: the year's */
	bool subtree;
	int type;
};

static bool parse_query(struct ctx *c, struct report_query *q, enum MHD_Result *result)
{
	struct spec_errors errs = {0};
	const char *v;
	q->format = -1;
	q->subtree = false;
	q->type = -1;
	if (!parse_int(query(c, "year"), YEAR_MIN, YEAR_MAX, &q->year))
		spec_error_add(&errs, "year", query(c, "year") ? "range" : "required",
			       "报告年度须为 2008 至 2100 之间的整数", "year must be an integer from 2008 to 2100");
	if (!parse_int(query(c, "body_id"), 1, INT64_MAX / 2, &q->body_id))
		spec_error_add(&errs, "body_id", query(c, "body_id") ? "invalid" : "required",
			       "应为机关的编号（正整数）", "must be a body id (a positive integer)");
	if ((v = query(c, "format")) != NULL &&
	    (q->format = ogi_enum_parse(ogi_report_format_names, v)) < 0)
		spec_error_add(&errs, "format", "enum", "报告格式可选：2021, 2019, legacy",
			       "format must be one of: 2021, 2019, legacy");
	if ((v = query(c, "subtree")) != NULL) {
		int b = ogi_enum_parse(bool_names, v);
		if (b < 0)
			spec_error_add(&errs, "subtree", "type", "应为 true 或 false",
				       "must be true or false");
		q->subtree = b == 1;
	}
	if ((v = query(c, "type")) != NULL && (q->type = ogi_enum_parse(ogi_report_type_names, v)) < 0)
		spec_error_add(&errs, "type", "enum", "导出类型可选：json, csv, html, xlsx, md",
			       "type must be one of: json, csv, html, xlsx, md");
	if (errs.n > 0) {
		*result = reply_invalid(c, &errs);
		return false;
	}
	if (q->type < 0) {
		bool ok;
		q->type = negotiate(c, &ok);
		if (!ok) {
			*result = reply_problem(c, OGI_E_NOT_ACCEPTABLE,
						"the report comes as application/json, text/csv, text/html, "
						"text/markdown or the XLSX type (or ask with ?type=)");
			return false;
		}
	}
	return true;
}

static enum MHD_Result reply_report(struct ctx *c, const struct ogi_report *r, int type)
{
	struct ogi_buf out = {0};
	char err[256] = "";
	if (type == OGI_RT_JSON) {
		/* the API's JSON: dumped here for the decimals' precision */
		json_t *o = ogi_report_json(r);
		char *text = json_dumps(o, OGI_REPORT_JSON_FLAGS);
		json_decref(o);
		if (text == NULL)
			return reply_problem(c, OGI_E_INTERNAL, NULL);
		enum MHD_Result ret =
			reply_bytes(c, 200, ogi_report_type_mime[OGI_RT_JSON], text, strlen(text), NULL);
		free(text);
		return ret;
	}
	if (!ogi_report_render(r, (enum ogi_report_type)type, &out, err, sizeof err)) {
		log_line("ogid: error: %s %s: rendering the report: %s", c->method, c->path, err);
		ogi_buf_free(&out);
		return reply_problem(c, OGI_E_INTERNAL, NULL);
	}
	struct MHD_Response *resp = response_from_buffer(out.p, out.len, ogi_report_type_mime[type]);
	ogi_buf_free(&out);
	if (resp == NULL)
		return MHD_NO;
	char disposition[160];
	snprintf(disposition, sizeof disposition, "%s; filename=\"report-%d-%lld%s-%s.%s\"",
		 type == OGI_RT_HTML ? "inline" : "attachment", r->year, r->body_id,
		 r->subtree ? "-subtree" : "", ogi_report_format_names[r->format],
		 ogi_report_type_ext[type]);
	MHD_add_response_header(resp, "Content-Disposition", disposition);
	if (type == OGI_RT_HTML) {
		/* a document on its own: its stylesheet is inline, it runs no script */
		const char *csp = MHD_get_response_header(resp, "Content-Security-Policy");
		if (csp != NULL)
			MHD_del_response_header(resp, "Content-Security-Policy", csp);
		MHD_add_response_header(resp, "Content-Security-Policy",
					"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
					"base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
	}
	return queue_response(c, 200, resp);
}

enum MHD_Result h_report_get(struct ctx *c)
{
	struct report_query q;
	enum MHD_Result result;
	if (!parse_query(c, &q, &result))
		return result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, q.body_id, OGI_ROLE_AUDITOR, &result))
		return result;
	enum ogi_report_format f = q.format >= 0 ? (enum ogi_report_format)q.format
						 : ogi_report_format_for_year((int)q.year);
	int status;
	char err[512];
	struct ogi_report *r =
		ogi_db_report_load(db, q.body_id, (int)q.year, f, q.subtree, &status, err, sizeof err);
	if (r == NULL && status == 1)
		return reply_problem(c, OGI_E_NOT_FOUND, "no body %lld", q.body_id);
	if (r == NULL)
		return reply_db_error(c, db);
	enum MHD_Result ret = reply_report(c, r, q.type);
	ogi_report_free(r);
	return ret;
}

/* ---- PUT …/inputs --------------------------------------------------------------------------- */

static bool path_year(struct ctx *c, enum MHD_Result *result)
{
	if (c->id >= YEAR_MIN && c->id <= YEAR_MAX)
		return true;
	struct spec_errors errs = {0};
	spec_error_add(&errs, "year", "range", "报告年度须为 2008 至 2100 之间的整数",
		       "year must be an integer from 2008 to 2100");
	*result = reply_invalid(c, &errs);
	return false;
}

struct inputs_put {
	struct ctx *c;
	int year;
	long long body_id;
	enum ogi_report_format format;
	struct ogi_report_inputs in;
	const char *override_reason;
	/* results */
	json_t *stored;
	long long version;
	char detail[512];
};

static int inputs_tx(struct ogi_db *db, void *cls)
{
	struct inputs_put *ip = cls;
	char body[24], year[12];
	snprintf(body, sizeof body, "%lld", ip->body_id);
	snprintf(year, sizeof year, "%d", ip->year);
	char what[128];
	snprintf(what, sizeof what, "%d年度报告的人工填报内容（主动公开数据与正文）", ip->year);
	struct lock_change ch = {.body_id = ip->body_id,
				 .on = ogi_date_from_ymd(ip->year, 12, 31),
				 .self_only = true,
				 .override_reason = ip->override_reason,
				 .subject = "inputs",
				 .detail = what};
	int rc = lock_guard(db, ip->c, &ch, ip->detail, sizeof ip->detail);
	if (rc != 0)
		return rc;
	const char *p[] = {body, year};
	PGresult *res;
	int n = ogi_db_exec(db, "report_inputs_lock", 2, p, &res);
	if (n < 0)
		return n;
	json_t *old = n == 1 ? json_loads(ogi_db_str(res, 0, 0), 0, NULL) : NULL;
	PQclear(res);

	/* the sentences staff replaced: keep the generated text they were written over,
	   computed with the new figures, so a later change of the numbers shows */
	int status;
	char err[256];
	struct ogi_report *r = ogi_db_report_load(db, ip->body_id, ip->year, ip->format, false,
						  &status, err, sizeof err);
	if (r == NULL) {
		json_decref(old);
		return status == 1 ? OGI_E_NOT_FOUND : status;
	}
	memcpy(r->inputs.proactive, ip->in.proactive, sizeof r->inputs.proactive);
	ogi_report_finish(r);
	for (int i = 0; i < OGI_SENT_COUNT; i++) {
		free(ip->in.sentence_basis[i]);
		ip->in.sentence_basis[i] = NULL;
		if (ip->in.sentence[i] == NULL)
			continue;
		if (r->generated[i] != NULL && strcmp(ip->in.sentence[i], r->generated[i]) == 0) {
			free(ip->in.sentence[i]); /* unchanged: it follows the numbers */
			ip->in.sentence[i] = NULL;
			continue;
		}
		ip->in.sentence_basis[i] = strdup(r->generated[i] ? r->generated[i] : "");
	}
	ogi_report_free(r);

	json_decref(ip->stored);
	ip->stored = ogi_report_inputs_json(&ip->in, ip->format);
	char *text = json_dumps(ip->stored, OGI_REPORT_JSON_FLAGS);
	char uid[24];
	snprintf(uid, sizeof uid, "%lld", ip->c->auth.user_id);
	const char *up[] = {body, year, text, ip->c->auth.user_id ? uid : NULL, ip->c->auth.username};
	n = ogi_db_exec(db, "report_inputs_put", 5, up, &res);
	free(text);
	if (n < 0) {
		json_decref(old);
		return n;
	}
	ip->version = ogi_db_int(res, 0, 0);
	PQclear(res);
	char action[64];
	snprintf(action, sizeof action, "inputs %d", ip->year);
	json_t *new_value = json_pack("{s:i, s:O, s:s?}", "year", ip->year, "inputs", ip->stored,
				      "override_reason", ip->override_reason);
	rc = audit_record(db, &ip->c->auth, "report", ip->body_id, action, old, new_value);
	json_decref(old);
	json_decref(new_value);
	return rc;
}

static enum MHD_Result reply_guard_error(struct ctx *c, struct ogi_db *db, int rc, const char *detail)
{
	if (rc < 0)
		return reply_db_error(c, db);
	return reply_problem(c, (enum ogi_error)rc, "%s", detail);
}

/* The body of PUT …/inputs in the year's format; on failure ip->in is freed. */
static bool inputs_parse(json_t *body, struct inputs_put *ip, struct spec_errors *errs)
{
	if (body == NULL ||
	    !ogi_report_inputs_parse(body, ip->format, &ip->in, &ip->override_reason, errs)) {
		if (errs->n == 0)
			spec_error_add(errs, "", "type", "请求体应为 JSON 对象", "the body must be a JSON object");
		ogi_report_inputs_free(&ip->in);
		return false;
	}
	return true;
}

/* For the fuzzer: the body as each format reads it (the path's year picks one);
 * the verdict is every format's, the reasons the first refusing one's. */
bool in_report_inputs_put(json_t *body, struct spec_errors *errs)
{
	bool all = true;
	for (int f = 0; f < OGI_FORMAT_COUNT; f++) {
		struct inputs_put ip = {.format = (enum ogi_report_format)f};
		struct spec_errors mine = {0};
		if (inputs_parse(body, &ip, &mine)) {
			ogi_report_inputs_free(&ip.in);
			continue;
		}
		if (all)
			*errs = mine;
		all = false;
	}
	return all;
}

enum MHD_Result h_report_inputs_put(struct ctx *c)
{
	enum MHD_Result result;
	if (!path_year(c, &result))
		return result;
	struct inputs_put ip = {.c = c, .year = (int)c->id, .body_id = c->id2};
	ip.format = ogi_report_format_for_year(ip.year);
	struct spec_errors errs = {0};
	if (!inputs_parse(c->json, &ip, &errs))
		return reply_invalid(c, &errs);
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL || !require_body(c, db, ip.body_id, OGI_ROLE_ADMIN, &result)) {
		ogi_report_inputs_free(&ip.in);
		return result;
	}
	int rc = ogi_db_tx(db, "report inputs", inputs_tx, &ip);
	ogi_report_inputs_free(&ip.in);
	if (rc != 0) {
		json_decref(ip.stored);
		return reply_guard_error(c, db, rc, ip.detail);
	}
	json_t *out = json_pack("{s:i, s:I, s:I, s:o}", "year", ip.year, "body_id",
				(json_int_t)ip.body_id, "version", (json_int_t)ip.version, "inputs",
				ip.stored);
	char *text = json_dumps(out, OGI_REPORT_JSON_FLAGS);
	json_decref(out);
	if (text == NULL)
		return reply_problem(c, OGI_E_INTERNAL, NULL);
	result = reply_bytes(c, 200, "application/json; charset=utf-8", text, strlen(text), NULL);
	free(text);
	return result;
}

/* ---- POST …/lock ---------------------------------------------------------------------------- */

struct lock_post {
	struct ctx *c;
	int year;
	long long body_id;
	bool subtree;
	/* results */
	json_t *out;
	char detail[256];
};

static int lock_tx(struct ogi_db *db, void *cls)
{
	struct lock_post *lp = cls;
	/* changes to this year in flight finish first; new ones wait for us and then see the lock */
	int rc = ogi_db_lock_year_exclusive(db, lp->body_id, lp->year);
	if (rc < 0)
		return rc;
	char body[24], year[12];
	snprintf(body, sizeof body, "%lld", lp->body_id);
	snprintf(year, sizeof year, "%d", lp->year);
	const char *p[] = {body, year};
	PGresult *res;
	int n = ogi_db_exec(db, "report_lock_get", 2, p, &res);
	if (n < 0)
		return n;
	if (n == 1) {
		snprintf(lp->detail, sizeof lp->detail, "the %d report of body %lld was locked at %s by %s",
			 lp->year, lp->body_id, ogi_db_str(res, 0, 0), ogi_db_str(res, 0, 1));
		PQclear(res);
		return OGI_E_CONFLICT;
	}
	PQclear(res);
	enum ogi_report_format f = ogi_report_format_for_year(lp->year);
	int status;
	char err[256];
	struct ogi_report *r = ogi_db_report_load(db, lp->body_id, lp->year, f, lp->subtree, &status,
						  err, sizeof err);
	if (r == NULL)
		return status == 1 ? OGI_E_NOT_FOUND : status;
	json_t *snapshot = ogi_report_json(r);
	char *text = json_dumps(snapshot, OGI_REPORT_JSON_FLAGS);
	char uid[24];
	snprintf(uid, sizeof uid, "%lld", lp->c->auth.user_id);
	const char *ins[] = {body,
			     year,
			     lp->subtree ? "true" : "false",
			     ogi_report_format_names[f],
			     text,
			     lp->c->auth.user_id ? uid : NULL,
			     lp->c->auth.username};
	n = ogi_db_exec(db, "report_lock_insert", 7, ins, &res);
	free(text);
	if (n < 0) {
		json_decref(snapshot);
		ogi_report_free(r);
		return n;
	}
	char locked_at[40];
	snprintf(locked_at, sizeof locked_at, "%s", n == 1 ? ogi_db_str(res, 0, 0) : "");
	PQclear(res);
	json_decref(lp->out);
	lp->out = json_pack("{s:i, s:I, s:b, s:s, s:s, s:s, s:b, s:O}", "year", lp->year, "body_id",
			    (json_int_t)lp->body_id, "subtree", lp->subtree, "format",
			    ogi_report_format_names[f], "locked_at", locked_at, "locked_by",
			    lp->c->auth.username, "ok", ogi_report_ok(r), "checks",
			    json_object_get(snapshot, "checks"));
	ogi_report_free(r);
	json_decref(snapshot);
	char action[32];
	snprintf(action, sizeof action, "lock %d", lp->year);
	json_t *audit = json_pack("{s:i, s:b, s:s, s:s}", "year", lp->year, "subtree", lp->subtree,
				  "format", ogi_report_format_names[f], "locked_at", locked_at);
	rc = audit_record(db, &lp->c->auth, "report", lp->body_id, action, NULL, audit);
	json_decref(audit);
	return rc;
}

/* The optional body of a lock: {"subtree": true}. */
static bool lock_parse(json_t *body, struct lock_post *lp, struct spec_errors *errs)
{
	bool has_subtree = false;
	struct spec spec[] = {SPEC_OPT(&has_subtree, SPEC_F_BOOL("subtree", &lp->subtree)), SPEC_END};
	return spec_parse(body, spec, errs);
}

bool in_report_lock_post(json_t *body, struct spec_errors *errs)
{
	struct lock_post lp = {0};
	return lock_parse(body, &lp, errs);
}

enum MHD_Result h_report_lock_post(struct ctx *c)
{
	enum MHD_Result result;
	if (!path_year(c, &result))
		return result;
	struct lock_post lp = {.c = c, .year = (int)c->id, .body_id = c->id2};
	/* the body is optional: {"subtree": true} locks the subtree report */
	if (c->body_len > 0 && strspn(c->body, " \t\r\n") < c->body_len) {
		json_error_t jerr;
		json_t *body = json_loadb(c->body, c->body_len, JSON_REJECT_DUPLICATES, &jerr);
		if (body == NULL)
			return reply_problem(c, OGI_E_MALFORMED_JSON, "line %d column %d: %s", jerr.line,
					     jerr.column, jerr.text);
		struct spec_errors errs = {0};
		bool ok = lock_parse(body, &lp, &errs);
		json_decref(body);
		if (!ok)
			return reply_invalid(c, &errs);
	}
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, lp.body_id, OGI_ROLE_ADMIN, &result))
		return result;
	int rc = ogi_db_tx(db, "report lock", lock_tx, &lp);
	if (rc != 0) {
		json_decref(lp.out);
		if (rc == OGI_E_NOT_FOUND)
			return reply_problem(c, OGI_E_NOT_FOUND, "no body %lld", lp.body_id);
		return reply_guard_error(c, db, rc, lp.detail);
	}
	char *text = json_dumps(lp.out, OGI_REPORT_JSON_FLAGS);
	json_decref(lp.out);
	if (text == NULL)
		return reply_problem(c, OGI_E_INTERNAL, NULL);
	result = reply_bytes(c, 201, "application/json; charset=utf-8", text, strlen(text), NULL);
	free(text);
	return result;
}

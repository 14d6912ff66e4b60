/* GET /api/v1/reports/annual?year=&body_id=[&format=][&subtree=][&type=]:
 * the annual report of a body (with its subtree) for auditors and up, as
 * JSON, or CSV, HTML, XLSX or Markdown by ?type= or the Accept header.  The
 * report is loaded by lib/db (reports.h) and rendered by lib/
 * (report_render.h), the same code ogictl runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/log.h"
#include "daemon/core/replica.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/report_json.h"
#include "lib/db/reports.h"
#include "lib/disposition.h"
#include "lib/report_render.h"

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
	if (!parse_int(query(c, "year"), OGI_REPORT_YEAR_MIN, OGI_REPORT_YEAR_MAX, &q->year))
		wire_report_year_error(&errs, query(c, "year") ? "range" : "required");
	if (!parse_int(query(c, "body_id"), 1, INT64_MAX / 2, &q->body_id))
		spec_error_add(&errs, "body_id", query(c, "body_id") ? "invalid" : "required",
		               "应为机关的编号（正整数）",
		               "must be a body id (a positive integer)");
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
	if ((v = query(c, "type")) != NULL &&
	    (q->type = ogi_enum_parse(ogi_report_type_names, v)) < 0)
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
			*result = reply_problem(
			    c, OGI_E_NOT_ACCEPTABLE,
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
		enum MHD_Result ret = reply_bytes(c, 200, ogi_report_type_mime[OGI_RT_JSON], text,
		                                  strlen(text), NULL);
		free(text);
		return ret;
	}
	if (!ogi_report_render(r, (enum ogi_report_type)type, &out, err, sizeof err)) {
		log_line("ogid: error: %s %s: rendering the report: %s", c->method, c->path, err);
		ogi_buf_free(&out);
		return reply_problem(c, OGI_E_INTERNAL, NULL);
	}
	struct MHD_Response *resp =
	    response_from_buffer(out.p, out.len, ogi_report_type_mime[type]);
	ogi_buf_free(&out);
	if (resp == NULL)
		return MHD_NO;
	/* named after what it is (RFC 6266 filename*), an ASCII name beside it */
	char ascii[96], disposition[4096];
	snprintf(ascii, sizeof ascii, "report-%d-%lld%s-%s.%s", r->year, r->body_id,
	         r->subtree ? "-subtree" : "", ogi_report_format_names[r->format],
	         ogi_report_type_ext[type]);
	char *name = ogi_report_file_name(r, (enum ogi_report_type)type);
	ogi_content_disposition(disposition, sizeof disposition, type == OGI_RT_HTML,
	                        name ? name : ascii, ascii);
	free(name);
	MHD_add_response_header(resp, "Content-Disposition", disposition);
	if (type == OGI_RT_HTML) {
		/* a document on its own: its stylesheet is inline, it runs no script */
		const char *csp = MHD_get_response_header(resp, "Content-Security-Policy");
		if (csp != NULL)
			MHD_del_response_header(resp, "Content-Security-Policy", csp);
		MHD_add_response_header(
		    resp, "Content-Security-Policy",
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
	struct ogi_db *db = read_db(c, &result); /* a standby will do (replica.h) */
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
	if (r == NULL && status != OGI_E_NOT_FOUND && read_db_again(c, &db))
		r = ogi_db_report_load(db, q.body_id, (int)q.year, f, q.subtree, &status, err,
		                       sizeof err);
	if (r == NULL && status == OGI_E_NOT_FOUND)
		return reply_problem(c, OGI_E_NOT_FOUND, "no body %lld", q.body_id);
	if (r == NULL)
		return reply_db_error(c, db);
	enum MHD_Result ret = reply_report(c, r, q.type);
	ogi_report_free(r);
	return ret;
}

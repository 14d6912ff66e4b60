/* PUT /api/v1/reports/annual/{year}/{body_id}/inputs: an admin of the body
 * saves what staff enter of the report in the year's format — section 二's
 * figures, the texts and their own versions of the generated sentences —
 * through the year lock (a locked year needs an override_reason), with an
 * audit row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/lock_guard.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/report_json.h"
#include "lib/db/reports.h"

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
};

/* The sentences staff replaced keep the generated text they were written
 * over, computed with the new figures, so that a later change of the
 * numbers shows; a sentence equal to the generated one is no replacement. */
static int sentence_bases(struct ogi_db *db, struct inputs_put *ip)
{
	int status;
	char err[256];
	struct ogi_report *r = ogi_db_report_load(db, ip->body_id, ip->year, ip->format, false,
	                                          &status, err, sizeof err);
	if (r == NULL)
		return status;
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
	return 0;
}

static int inputs_tx(struct ogi_db *db, void *cls)
{
	struct inputs_put *ip = cls;
	struct ctx *c = ip->c;
	char what[128];
	snprintf(what, sizeof what, "%d年度报告的人工填报内容（主动公开数据与正文）", ip->year);
	struct lock_change ch = {.body_id = ip->body_id,
	                         .on = ogi_date_from_ymd(ip->year, 12, 31),
	                         .self_only = true,
	                         .override_reason = ip->override_reason,
	                         .subject = "inputs",
	                         .detail = what};
	int rc = lock_guard(db, c, &ch, c->detail, sizeof c->detail);
	if (rc != 0)
		return rc;
	json_t *old;
	if ((rc = ogi_db_report_inputs_lock(db, ip->body_id, ip->year, &old)) != 0)
		return rc;
	if ((rc = sentence_bases(db, ip)) != 0) {
		json_decref(old);
		return rc;
	}
	json_decref(ip->stored);
	ip->stored = ogi_report_inputs_json(&ip->in, ip->format);
	struct ogi_actor by = {c->auth.user_id, c->auth.username};
	if ((rc = ogi_db_report_inputs_put(db, ip->body_id, ip->year, ip->stored, &by,
	                                   &ip->version)) != 0) {
		json_decref(old);
		return rc;
	}
	char action[64];
	snprintf(action, sizeof action, "inputs %d", ip->year);
	json_t *new_value = json_pack("{s:i, s:O, s:s?}", "year", ip->year, "inputs", ip->stored,
	                              "override_reason", ip->override_reason);
	rc = audit_record(db, &c->auth, "report", ip->body_id, action, old, new_value);
	json_decref(old);
	json_decref(new_value);
	return rc;
}

/* The body of PUT …/inputs in the year's format; on failure ip->in is freed. */
static bool inputs_parse(json_t *body, struct inputs_put *ip, struct spec_errors *errs)
{
	if (body == NULL ||
	    !ogi_report_inputs_parse(body, ip->format, &ip->in, &ip->override_reason, errs)) {
		if (errs->n == 0)
			spec_error_add(errs, "", "type", "请求体应为 JSON 对象",
			               "the body must be a JSON object");
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
	struct spec_errors errs = {0};
	if (c->id < OGI_REPORT_YEAR_MIN || c->id > OGI_REPORT_YEAR_MAX) {
		wire_report_year_error(&errs, "range");
		return reply_invalid(c, &errs);
	}
	struct inputs_put ip = {.c = c, .year = (int)c->id, .body_id = c->id2};
	ip.format = ogi_report_format_for_year(ip.year);
	if (!inputs_parse(c->json, &ip, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	bool ok = db != NULL && require_body(c, db, ip.body_id, OGI_ROLE_ADMIN, &result) &&
	          tx(c, "report inputs", inputs_tx, &ip, &result);
	ogi_report_inputs_free(&ip.in);
	if (!ok) {
		json_decref(ip.stored);
		return result;
	}
	json_t *out = wire_report_inputs(ip.year, ip.body_id, ip.version, ip.stored);
	char *text = json_dumps(out, OGI_REPORT_JSON_FLAGS);
	json_decref(out);
	if (text == NULL)
		return reply_problem(c, OGI_E_INTERNAL, NULL);
	result = reply_bytes(c, 200, "application/json; charset=utf-8", text, strlen(text), NULL);
	free(text);
	return result;
}

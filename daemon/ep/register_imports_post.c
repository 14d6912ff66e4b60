/* POST /api/v1/bodies/{id}/register-imports?name=FILE with the register
 * (.xlsx, or .csv in UTF-8 or GBK/GB18030) as the raw body: an administrator
 * of the body uploads the register the office kept before ogi (issue 20).
 *
 * Before any of the body is read (the stream's open): the name (400 naming
 * the rule), the declared type (415 register_file_type: a spreadsheet's, a
 * CSV's or application/octet-stream — the bytes decide), Content-Length over
 * the reader's limit (413 register_file_too_large) or 0 (400), the body (404
 * for another tree's, 403 below admin).  The body is gathered in memory up
 * to lib/workbook's OGI_WB_FILE_MAX (64 MiB; at most REGISTER_UPLOADS at
 * once, 503 uploads_busy beyond), hashed as it comes.  At its end the file is
 * read with lib/workbook (400 on field "file" with the reader's rule: not a
 * spreadsheet, an old .xls, a bad encoding, too many rows …), its rows
 * checked with the preset mapping and the default outcome table, a dry run
 * of the import answers what a real one would do (already there: the same
 * file imported before), and in one transaction the job is stored with the
 * file and audited.  201 with the job and its report: the sheets, the header
 * row, the columns with their header text and sample values, the guessed
 * mapping, the outcome table, every problem and the dry run's counts. */
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/core/auth.h"
#include "daemon/core/calendar_cache.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/register_work.h"
#include "daemon/core/reply.h"
#include "daemon/core/routes.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/register_import_json.h"
#include "lib/attachment.h"
#include "lib/db/register_jobs.h"

/* Register uploads gathered in memory at once. */
#define REGISTER_UPLOADS 4

static atomic_int uploads_open;

struct reg_upload {
	char name[256];
	unsigned char *data;
	size_t len, cap;
	bool too_large;
	crypto_hash_sha256_state sha;
};

static void release(struct ctx *c)
{
	struct reg_upload *u = c->stream;
	if (u == NULL)
		return;
	free(u->data);
	free(u);
	atomic_fetch_sub(&uploads_open, 1);
	c->stream = NULL;
	c->streaming = false;
}

static void data(struct ctx *c, const char *bytes, size_t len)
{
	struct reg_upload *u = c->stream;
	if (u->too_large || u->len + len > OGI_WB_FILE_MAX) {
		u->too_large = true;
		return;
	}
	if (u->len + len > u->cap) {
		size_t cap = u->cap ? u->cap : 65536;
		while (cap < u->len + len)
			cap *= 2;
		unsigned char *grown = realloc(u->data, cap);
		if (grown == NULL) {
			u->too_large = true;
			return;
		}
		u->data = grown;
		u->cap = cap;
	}
	memcpy(u->data + u->len, bytes, len);
	u->len += len;
	crypto_hash_sha256_update(&u->sha, (const unsigned char *)bytes, len);
}

/* The media types a register comes with: the bytes decide what it is. */
static bool type_ok(const char *ct)
{
	static const char *const types[] = {
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	    "text/csv",
	    "application/csv",
	    "text/plain",
	    "application/vnd.ms-excel", /* what Windows browsers call a .csv */
	    "application/octet-stream",
	    NULL,
	};
	if (ct == NULL)
		return false;
	size_t n = strcspn(ct, "; \t");
	for (int i = 0; types[i] != NULL; i++)
		if (strlen(types[i]) == n && strncasecmp(ct, types[i], n) == 0)
			return true;
	return false;
}

static enum MHD_Result open_upload(struct ctx *c)
{
	struct spec_errors errs = {0};
	const char *name = query(c, "name");
	size_t nlen = 0;
	if (name != NULL && MHD_lookup_connection_value_n(c->conn, MHD_GET_ARGUMENT_KIND, "name", 4,
	                                                  &name, &nlen) != MHD_YES)
		nlen = strlen(name);
	if (name == NULL)
		spec_error_add(&errs, "name", "required", "请提供文件名", "name is required");
	else
		ogi_attachment_name_check(name, nlen, "name", &errs);
	if (errs.n > 0)
		return reply_invalid(c, &errs);
	const char *ct = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!type_ok(ct))
		return reply_problem(c, OGI_E_REGISTER_FILE_TYPE, "Content-Type %s",
		                     ct ? ct : "none");
	const char *cl = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH);
	long long declared = cl ? strtoll(cl, NULL, 10) : -1;
	if (declared > (long long)OGI_WB_FILE_MAX)
		return reply_problem(c, OGI_E_REGISTER_FILE_TOO_LARGE,
		                     "%lld bytes; the limit is %u", declared, OGI_WB_FILE_MAX);
	if (declared == 0) {
		spec_error_add(&errs, "file", "empty", "上传的台账文件是空的",
		               "the uploaded file is empty");
		return reply_invalid(c, &errs);
	}
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL || !require_body(c, db, c->id, OGI_ROLE_ADMIN, &result))
		return result;
	if (atomic_fetch_add(&uploads_open, 1) >= REGISTER_UPLOADS) {
		atomic_fetch_sub(&uploads_open, 1);
		return reply_retry_after(c, OGI_E_UPLOADS_BUSY, 5);
	}
	struct reg_upload *u = calloc(1, sizeof *u);
	if (u == NULL) {
		atomic_fetch_sub(&uploads_open, 1);
		return reply_problem(c, OGI_E_INTERNAL, "out of memory");
	}
	snprintf(u->name, sizeof u->name, "%s", name);
	crypto_hash_sha256_init(&u->sha);
	c->stream = u;
	c->streaming = true;
	return MHD_YES;
}

struct stored {
	struct ctx *c;
	struct reg_upload *u;
	char sha256[65];
	struct spec_errors errs;
	struct ogi_register_job job;
	json_t *report;
};

static int store_tx(struct ogi_db *db, void *cls)
{
	struct stored *s = cls;
	struct ctx *c = s->c;
	ogi_register_job_free(&s->job); /* a rerun's */
	json_decref(s->report);
	s->report = NULL;
	s->errs.n = 0;
	struct register_work w;
	int rc = register_work_check(&w, db, s->u->data, s->u->len, s->u->name, c->id, NULL, NULL,
	                             &s->errs);
	struct ogi_reg_import_result dry = {0};
	struct calendar_ref cal = calendar_acquire();
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	struct ogi_reg_import_opts opts = {.body_id = c->id,
	                                   .file_name = s->u->name,
	                                   .dry_run = true,
	                                   .cal = cal.cal,
	                                   .actor = &actor};
	snprintf(opts.file_sha256, sizeof opts.file_sha256, "%s", s->sha256);
	if (rc == 0)
		rc = register_work_import(&w, db, &opts, &dry);
	calendar_release(cal);
	if (rc == 0) {
		s->report = register_work_report(&w, &dry);
		char *mapping_text = register_work_mapping_text(&w);
		char *outcomes_text = register_work_outcomes_text(&w);
		char *report_text = json_dumps(s->report, JSON_COMPACT);
		struct ogi_register_job *j = &s->job;
		memset(j, 0, sizeof *j);
		j->body_id = c->id;
		snprintf(j->file_name, sizeof j->file_name, "%s", s->u->name);
		snprintf(j->sha256, sizeof j->sha256, "%s", s->sha256);
		j->bytes = (long long)s->u->len;
		snprintf(j->format, sizeof j->format, "%s",
		         w.book->format == OGI_WB_XLSX ? "xlsx" : "csv");
		j->mapping = mapping_text;
		j->outcomes = outcomes_text;
		j->report = report_text;
		j->rows_total = (long long)w.check.nrows;
		j->problems = (long long)w.check.errors + (long long)dry.nproblems;
		j->created_by = c->auth.user_id;
		snprintf(j->created_by_name, sizeof j->created_by_name, "%s", c->auth.username);
		rc = mapping_text && outcomes_text && report_text ? 0 : OGI_DB_HARD;
		long long id = 0;
		if (rc == 0)
			rc = ogi_db_register_job_insert(db, j, s->u->data, s->u->len, &id);
		ogi_register_job_free(j);
		if (rc == 0) {
			json_t *v = json_pack("{s:I, s:s, s:s, s:I, s:I, s:I}", "register_import",
			                      (json_int_t)id, "file_name", s->u->name, "sha256",
			                      s->sha256, "bytes", (json_int_t)s->u->len, "rows",
			                      (json_int_t)w.check.nrows, "errors",
			                      (json_int_t)w.check.errors);
			rc = audit_record(db, &c->auth, "body", c->id, "register import upload",
			                  NULL, v);
			json_decref(v);
		}
		if (rc == 0)
			rc = ogi_db_register_job_get(db, id, false, &s->job);
	}
	ogi_reg_import_result_free(&dry);
	register_work_free(&w);
	if (rc == OGI_E_INVALID_INPUT)
		c->errs = &s->errs;
	return rc;
}

enum MHD_Result h_register_imports_post(struct ctx *c)
{
	struct reg_upload *u = c->stream;
	if (u == NULL) /* reached without its stream: a bug of the dispatcher */
		return reply_problem(c, OGI_E_INTERNAL, "the upload was not opened");
	if (u->too_large)
		return reply_problem(c, OGI_E_REGISTER_FILE_TOO_LARGE, "the limit is %u bytes",
		                     OGI_WB_FILE_MAX);
	if (u->len == 0) {
		struct spec_errors errs = {0};
		spec_error_add(&errs, "file", "empty", "上传的台账文件是空的",
		               "the uploaded file is empty");
		return reply_invalid(c, &errs);
	}
	struct stored s = {.c = c, .u = u};
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&u->sha, digest);
	sodium_bin2hex(s.sha256, sizeof s.sha256, digest, sizeof digest);
	enum MHD_Result result;
	if (!tx(c, "store register import", store_tx, &s, &result)) {
		json_decref(s.report);
		return result;
	}
	json_t *out = wire_register_job(&s.job, false);
	json_object_set_new(out, "report", s.report);
	char location[96];
	snprintf(location, sizeof location, "/api/v1/register-imports/%lld", s.job.id);
	ogi_register_job_free(&s.job);
	char *text = json_dumps(out, JSON_COMPACT);
	json_decref(out);
	if (text == NULL)
		return MHD_NO;
	struct MHD_Response *r =
	    response_from_buffer(text, strlen(text), "application/json; charset=utf-8");
	free(text);
	if (r != NULL)
		MHD_add_response_header(r, "Location", location);
	return queue_response(c, 201, r);
}

const struct stream_ops register_import_upload = {open_upload, data, release};

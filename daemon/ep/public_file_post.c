/* POST /api/v1/public/files?number=N&name=F, the 查询码 in the X-Query-Code
 * header and the file as the raw body (image/jpeg, image/png or
 * application/pdf): the applicant's copy of their identity document sent
 * with the online application they have just submitted (issue 15 item 1).
 * No login and no staff rights: the route is public and reads no session.
 *
 * The body is capped by the dispatcher (1 MiB, 413 body_too_large); an empty
 * one is 400; its bytes decide the type with libmagic (lib/filetype.c), not
 * the name nor the declared type: anything but JPEG, PNG or PDF, or bytes of
 * another of the three than declared, is 400 invalid_input naming the field
 * file (rule type); a Content-Type not of the three is 415 from the
 * dispatcher.  Then one transaction: the number and code are checked exactly
 * as the status lookup checks them (public_lookup: the same per-address
 * count and 429, the same 404 for a wrong code as for no such number, the
 * same lock after 10 wrong codes); the application must still be pending
 * (409 online_file_not_pending) and hold fewer than 3 files (409
 * online_files_too_many); the file is stored whole, or nothing is.  A clerk's
 * confirmation makes it an attachment of the request (online_application_
 * confirm.c).  The code never reaches a log: the access line has the path.
 *
 * With for=correction the file goes with the applicant's pending online
 * answer to a correction notice instead (issue 15 item 6, migration 0033):
 * 409 online_file_no_answer when no answer waits for staff, at most 3 files
 * per answer (409 online_files_too_many); a clerk's confirmation of the
 * answer makes them correction material of the request
 * (online_correction_confirm.c), a return drops their bytes. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/dbconn.h"
#include "daemon/core/public_channel.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/online_apps.h"
#include "lib/filetype.h"
#include "lib/online.h"

struct upload {
	struct ctx *c;
	const char *number, *code;
	const unsigned char *data;
	unsigned char key[OGI_POW_KEY_BYTES];
	struct ogi_online_file f;
	long long retry_after;
	bool found, for_correction;
	int refusal; /* 0, OGI_E_ONLINE_FILE_NOT_PENDING, _NO_ANSWER or OGI_E_ONLINE_FILES_TOO_MANY
	              */
};

static int upload_tx(struct ogi_db *db, void *cls)
{
	struct upload *u = cls;
	u->found = false;
	u->refusal = 0;
	struct ogi_online_row *row = calloc(1, sizeof *row);
	if (row == NULL)
		return OGI_DB_HARD;
	int rc =
	    public_lookup(db, u->c, u->key, u->number, u->code, row, &u->found, &u->retry_after);
	if (rc == 0 && u->found) {
		long long n = 0;
		u->f.online_id = row->id;
		u->f.body_id = row->body_id;
		if (u->for_correction)
			rc = ogi_db_online_correction_pending_of(db, row->id, &u->f.correction_id);
		if (rc == 0 && u->for_correction && u->f.correction_id == 0)
			u->refusal = OGI_E_ONLINE_FILE_NO_ANSWER;
		else if (rc == 0 && !u->for_correction && strcmp(row->state, "pending") != 0)
			u->refusal = OGI_E_ONLINE_FILE_NOT_PENDING;
		else if (rc == 0 &&
		         (rc = ogi_db_online_file_count(db, row->id, u->f.correction_id, &n)) ==
		             0 &&
		         n >= OGI_ONLINE_FILES_MAX)
			u->refusal = OGI_E_ONLINE_FILES_TOO_MANY;
		else if (rc == 0)
			rc = ogi_db_online_file_add(db, &u->f, u->data, &u->f.id);
	}
	free(row);
	return rc;
}

/* The query and the header: false after adding their errors. */
static bool read_request(struct ctx *c, struct upload *u, struct spec_errors *errs)
{
	const char *name = query(c, "name");
	const char *purpose = query(c, "for");
	u->for_correction = purpose != NULL && strcmp(purpose, "correction") == 0;
	if (purpose != NULL && !u->for_correction)
		spec_error_add(errs, "for", "enum", "上传用途只能是补正材料（correction）或不填",
		               "for is either correction or absent");
	u->number = query(c, "number");
	u->code = header(c, "X-Query-Code");
	if (u->number == NULL || u->number[0] == '\0' || strlen(u->number) > 32)
		spec_error_add(errs, "number", "required", "请填写申请编号",
		               "number (the application number) is required");
	if (u->code == NULL || u->code[0] == '\0' || strlen(u->code) > 32)
		spec_error_add(errs, "code", "required", "请填写查询码",
		               "the X-Query-Code header (the 查询码) is required");
	size_t len = 0;
	if (name != NULL && MHD_lookup_connection_value_n(c->conn, MHD_GET_ARGUMENT_KIND, "name", 4,
	                                                  &name, &len) != MHD_YES)
		len = strlen(name);
	if (name == NULL)
		spec_error_add(errs, "name", "required", "请填写文件名", "name is required");
	else if (ogi_attachment_name_check(name, len, "name", errs))
		snprintf(u->f.name, sizeof u->f.name, "%s", name);
	if (c->body_len == 0)
		spec_error_add(errs, "file", "empty", "请选择要上传的文件", "the file is empty");
	return errs->n == 0;
}

/* The bytes are a JPEG, PNG or PDF of the declared type: else 400 naming the field file. */
static bool type_ok(struct ctx *c, struct upload *u, enum MHD_Result *result)
{
	const char *ct = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
	enum ogi_filetype t = ogi_filetype_of_media(ct);
	char found[128] = "";
	enum ogi_sniff s = OGI_SNIFF_NOT_ALLOWED;
	if (t == OGI_FT_JPEG || t == OGI_FT_PNG || t == OGI_FT_PDF)
		s = ogi_filetype_check(t, u->data, c->body_len, found, sizeof found);
	if (s == OGI_SNIFF_ERROR) {
		*result = reply_problem(c, OGI_E_INTERNAL, "libmagic could not be loaded");
		return false;
	}
	if (s != OGI_SNIFF_OK) {
		struct spec_errors errs = {0};
		spec_error_add(&errs, "file", "type",
		               "只能上传 JPEG、PNG 图片或 PDF 文件（按文件内容判断，不看文件名）",
		               "only a JPEG or PNG image or a PDF file is accepted (judged by its "
		               "bytes, not its name)");
		*result = reply_invalid(c, &errs);
		return false;
	}
	snprintf(u->f.content_type, sizeof u->f.content_type, "%s", ogi_filetype_media[t]);
	return true;
}

enum MHD_Result h_public_file_post(struct ctx *c)
{
	struct upload u = {.c = c, .data = (const unsigned char *)c->body};
	struct spec_errors errs = {0};
	enum MHD_Result result;
	if (!read_request(c, &u, &errs))
		return reply_invalid(c, &errs);
	/* an address over its limit is refused before the bytes are sniffed and hashed */
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL || !public_key(c, db, u.key, &result) ||
	    public_refused_early(c, u.key, "status_address", OGI_E_STATUS_THROTTLED, &result))
		return result;
	if (!type_ok(c, &u, &result))
		return result;
	u.f.size = (long long)c->body_len;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, u.data, c->body_len);
	sodium_bin2hex(u.f.sha256, sizeof u.f.sha256, digest, sizeof digest);
	if (!tx(c, "online file", upload_tx, &u, &result))
		return result;
	if (u.retry_after > 0)
		return reply_retry_after(c, OGI_E_STATUS_THROTTLED, u.retry_after);
	if (!u.found)
		return reply_problem(c, OGI_E_STATUS_NOT_FOUND, NULL);
	if (u.refusal)
		return reply_problem(c, u.refusal, NULL);
	return reply_json(c, 201,
	                  json_pack("{s:I, s:s, s:s, s:I, s:s}", "id", (json_int_t)u.f.id, "name",
	                            u.f.name, "content_type", u.f.content_type, "size",
	                            (json_int_t)u.f.size, "sha256", u.f.sha256));
}

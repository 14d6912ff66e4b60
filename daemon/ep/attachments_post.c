/* POST /api/v1/requests/{id}/attachments?kind=K&name=N with the file as the
 * raw body (its Content-Type given): a paper of the case file, streamed into
 * PostgreSQL in 256 KiB chunks as it arrives, never whole in ogid's memory.
 *
 * Before any of the body is read (the stream's open): the kind and the name
 * (400 naming the rule), the declared type (415), Content-Length over
 * --max-attachment (413) or 0 (400), the request (404 for another body's;
 * clerks and above; closed requests too) and the request's total
 * (--max-attachments-total, 413).  Then one transaction on a connection of
 * the upload's own (upload_db.h) takes every chunk, hashed (SHA-256) as it
 * comes; the first chunk's bytes decide the type with libmagic (415 when
 * they are not what was declared).  At the end the metadata row and the
 * audit row, and the commit: 201 with the attachment.  Cut off, timed out
 * (--request-timeout) or interrupted by the database, the transaction is
 * rolled back and nothing of the file is left. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/config.h"
#include "daemon/core/reply.h"
#include "daemon/core/routes.h"
#include "daemon/core/tx.h"
#include "daemon/core/upload_db.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/attachment_json.h"
#include "lib/db/attachments.h"
#include "lib/db/requests.h"
#include "lib/filetype.h"

struct upload {
	struct ogi_db *db;
	struct ogi_attachment a; /* what is stored at the end */
	enum ogi_filetype type;
	long long before;   /* bytes the request's attachments held at the start */
	unsigned char *buf; /* the chunk filling up */
	size_t fill;
	bool sniffed;
	crypto_hash_sha256_state sha;
	int failed; /* 0, an enum ogi_error, or a database status < 0 */
	char detail[256];
};

static void fail(struct upload *u, int rc, const char *detail)
{
	if (u->failed != 0)
		return;
	u->failed = rc;
	snprintf(u->detail, sizeof u->detail, "%s", detail ? detail : "");
	if (ogi_db_in_tx(u->db))
		ogi_db_rollback(u->db); /* nothing more is written: the rest is discarded */
}

static void release(struct ctx *c)
{
	struct upload *u = c->stream;
	if (u == NULL)
		return;
	if (u->db != NULL)
		upload_db_give(u->db); /* rolls back what did not commit */
	free(u->buf);
	free(u);
	c->stream = NULL;
	c->streaming = false;
}

/* The first bytes decide the type; then the chunk is stored. */
static void flush(struct upload *u)
{
	if (u->fill == 0 || u->failed)
		return;
	if (!u->sniffed) {
		char found[128], detail[256];
		enum ogi_sniff s =
		    ogi_filetype_check(u->type, u->buf, u->fill, found, sizeof found);
		u->sniffed = true;
		snprintf(detail, sizeof detail, "the bytes are %s, sent as %s", found,
		         ogi_filetype_media[u->type]);
		if (s == OGI_SNIFF_ERROR) {
			fail(u, OGI_E_INTERNAL, "libmagic could not be loaded");
			return;
		}
		if (s == OGI_SNIFF_NOT_ALLOWED) {
			fail(u, OGI_E_ATTACHMENT_TYPE_NOT_ALLOWED, detail);
			return;
		}
		if (s == OGI_SNIFF_MISMATCH) {
			fail(u, OGI_E_ATTACHMENT_TYPE_MISMATCH, detail);
			return;
		}
	}
	int rc =
	    ogi_db_attachment_chunk_put(u->db, u->a.id, u->a.body_id, u->a.chunks, u->buf, u->fill);
	if (rc < 0) {
		fail(u, rc, NULL);
		return;
	}
	u->a.chunks++;
	u->fill = 0;
}

static void data(struct ctx *c, const char *bytes, size_t len)
{
	struct upload *u = c->stream;
	if (u->failed)
		return;
	if (u->a.size + (long long)len > ogid.max_attachment) {
		char d[96];
		snprintf(d, sizeof d, "the limit is %lld bytes", ogid.max_attachment);
		{
			fail(u, OGI_E_ATTACHMENT_TOO_LARGE, d);
			return;
		}
	}
	if (u->before + u->a.size + (long long)len > ogid.max_attachments_total) {
		fail(u, OGI_E_ATTACHMENTS_TOTAL_TOO_LARGE, NULL);
		return;
	}
	crypto_hash_sha256_update(&u->sha, (const unsigned char *)bytes, len);
	u->a.size += (long long)len;
	while (len > 0 && !u->failed) {
		size_t room = OGI_ATTACHMENT_CHUNK - u->fill;
		size_t n = len < room ? len : room;
		memcpy(u->buf + u->fill, bytes, n);
		u->fill += n;
		bytes += n;
		len -= n;
		if (u->fill == OGI_ATTACHMENT_CHUNK)
			flush(u);
	}
}

/* The query's kind and name; false after adding their errors. */
static bool read_query(struct ctx *c, struct upload *u, struct spec_errors *errs)
{
	const char *kind = query(c, "kind"), *name = query(c, "name");
	if (kind == NULL)
		spec_error_add(errs, "kind", "required", "请选择材料类别", "kind is required");
	else if (!ogi_attachment_kind_parse(kind, &u->a.kind))
		spec_error_add(errs, "kind", "enum",
		               "材料类别应为 application_form、identity_copy、correction_material、"
		               "consultation_reply、released_document、delivery_proof 或 other",
		               "kind must be application_form, identity_copy, correction_material, "
		               "consultation_reply, released_document, delivery_proof or other");
	/* the length libmicrohttpd decoded: a %00 inside the name shows as a shorter string */
	size_t len = 0;
	if (name != NULL && MHD_lookup_connection_value_n(c->conn, MHD_GET_ARGUMENT_KIND, "name", 4,
	                                                  &name, &len) != MHD_YES)
		len = strlen(name);
	if (name == NULL)
		spec_error_add(errs, "name", "required", "请填写文件名", "name is required");
	else if (ogi_attachment_name_check(name, len, "name", errs))
		snprintf(u->a.name, sizeof u->a.name, "%s", name);
	return errs->n == 0;
}

static enum MHD_Result refuse(struct ctx *c, struct upload *u, enum MHD_Result r)
{
	c->stream = u;
	release(c);
	return r;
}

static enum MHD_Result open_upload(struct ctx *c)
{
	struct upload *u = calloc(1, sizeof *u);
	if (u == NULL)
		return reply_problem(c, OGI_E_INTERNAL, "out of memory");
	struct spec_errors errs = {0};
	if (!read_query(c, u, &errs))
		return refuse(c, u, reply_invalid(c, &errs));
	const char *ct = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
	if ((u->type = ogi_filetype_of_media(ct)) == OGI_FT_NONE)
		return refuse(c, u,
		              reply_problem(c, OGI_E_ATTACHMENT_TYPE_NOT_ALLOWED, "Content-Type %s",
		                            ct ? ct : "none"));
	const char *cl = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH);
	long long declared = cl ? strtoll(cl, NULL, 10) : -1;
	if (declared > ogid.max_attachment)
		return refuse(c, u,
		              reply_problem(c, OGI_E_ATTACHMENT_TOO_LARGE,
		                            "%lld bytes; the limit is %lld", declared,
		                            ogid.max_attachment));
	if (declared == 0)
		return refuse(c, u, reply_problem(c, OGI_E_ATTACHMENT_EMPTY, NULL));
	enum MHD_Result result;
	if ((u->db = upload_db_take(c, &result)) == NULL)
		return refuse(c, u, result);
	struct ogi_request req = {0};
	long long count = 0;
	int rc = ogi_db_begin(u->db);
	if (rc == 0 && (rc = request_for(c, u->db, c->id, false, OGI_ROLE_CLERK, &req)) == 0) {
		u->a.request_id = req.id;
		u->a.body_id = req.body_id;
		ogi_request_free(&req);
		rc = ogi_db_attachments_total(u->db, u->a.body_id, u->a.request_id, &u->before,
		                              &count);
	}
	if (rc == 0 && u->before + (declared > 0 ? declared : 0) > ogid.max_attachments_total) {
		ctx_detail(c, "the request's files hold %lld bytes; the limit is %lld", u->before,
		           ogid.max_attachments_total);
		rc = OGI_E_ATTACHMENTS_TOTAL_TOO_LARGE;
	}
	if (rc == 0)
		rc = ogi_db_attachment_id_next(u->db, &u->a.id);
	if (rc == 0 && (u->buf = malloc(OGI_ATTACHMENT_CHUNK)) == NULL)
		rc = OGI_DB_HARD;
	if (rc != 0)
		return refuse(c, u, reply_status(c, u->db, rc));
	snprintf(u->a.content_type, sizeof u->a.content_type, "%s", ogi_filetype_media[u->type]);
	u->a.chunk_size = OGI_ATTACHMENT_CHUNK;
	crypto_hash_sha256_init(&u->sha);
	c->stream = u;
	c->streaming = true;
	return MHD_YES;
}

/* The end of the body: the metadata, the audit row, the commit. */
static int finish(struct ctx *c, struct upload *u, struct ogi_attachment *out)
{
	struct ogi_request req = {0};
	long long bytes, count;
	int rc = ogi_db_request_get(u->db, u->a.request_id, true, &req); /* uploads of one request
	                                                                    wait for each other */
	ogi_request_free(&req);
	if (rc == 0)
		rc = ogi_db_attachments_total(u->db, u->a.body_id, u->a.request_id, &bytes, &count);
	if (rc == 0 && bytes + u->a.size > ogid.max_attachments_total) {
		ctx_detail(c, "the request's files hold %lld bytes; the limit is %lld", bytes,
		           ogid.max_attachments_total);
		return OGI_E_ATTACHMENTS_TOTAL_TOO_LARGE;
	}
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	if (rc == 0)
		rc = ogi_db_attachment_insert(u->db, &u->a, &actor, out);
	if (rc == 0) {
		json_t *v = json_pack(
		    "{s:I, s:s, s:s, s:s, s:I, s:s}", "request_id", (json_int_t)out->request_id,
		    "kind", ogi_attachment_kind_names[out->kind], "name", out->name, "content_type",
		    out->content_type, "size", (json_int_t)out->size, "sha256", out->sha256);
		rc = audit_record(u->db, &c->auth, "attachment", out->id, "upload", NULL, v);
		json_decref(v);
	}
	return rc != 0 ? rc : ogi_db_commit(u->db);
}

enum MHD_Result h_attachments_post(struct ctx *c)
{
	struct upload *u = c->stream;
	if (u == NULL) /* reached without its stream: a bug of the dispatcher */
		return reply_problem(c, OGI_E_INTERNAL, "the upload was not opened");
	flush(u);
	if (!u->failed && u->a.size == 0)
		fail(u, OGI_E_ATTACHMENT_EMPTY, NULL);
	if (u->failed < 0)
		return reply_db_error(c, u->db);
	if (u->failed > 0)
		return reply_problem(c, (enum ogi_error)u->failed, "%s", u->detail);
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&u->sha, digest);
	sodium_bin2hex(u->a.sha256, sizeof u->a.sha256, digest, sizeof digest);
	struct ogi_attachment out;
	c->detail[0] = '\0';
	int rc = finish(c, u, &out);
	if (rc != 0) {
		enum MHD_Result r = reply_status(c, u->db, rc);
		ogi_db_rollback(u->db);
		return r;
	}
	char location[128];
	snprintf(location, sizeof location, "/api/v1/requests/%lld/attachments/%lld",
	         out.request_id, out.id);
	json_t *body = wire_attachment(&out);
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	if (text == NULL)
		return MHD_NO;
	struct MHD_Response *r =
	    response_from_buffer(text, strlen(text), "application/json; charset=utf-8");
	free(text);
	if (r != NULL) {
		char etag[OGI_SHA256_HEX + 2];
		snprintf(etag, sizeof etag, "\"%s\"", out.sha256);
		MHD_add_response_header(r, "Location", location);
		MHD_add_response_header(r, "ETag", etag);
	}
	return queue_response(c, 201, r);
}

const struct stream_ops attachment_upload = {open_upload, data, release};

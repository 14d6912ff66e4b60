/* GET and HEAD /api/v1/requests/{id}/attachments/{attachment_id}: the file's
 * bytes as they were stored, voided ones too, under its original name
 * (Content-Disposition: attachment with RFC 6266's filename*), never sniffed
 * by the browser (nosniff), with its SHA-256 as the ETag (If-None-Match →
 * 304) and one byte range (Range: bytes=a-b, a-, -n → 206 with
 * Content-Range; outside the file 416; several ranges → the whole file).
 * The body is read from the database chunk by chunk as the client takes it
 * (a response callback on the worker's connection: no transaction is
 * needed, stored bytes never change), never whole in memory.  Any role on
 * the request's body reads it; another body's gets 404. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/dbconn.h"
#include "daemon/core/log.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "lib/db/attachments.h"
#include "lib/disposition.h"

struct download {
	struct ogi_db *db; /* the worker's: the callback runs on the connection's thread */
	struct ogi_attachment a;
	long long start, length; /* the bytes sent */
	unsigned char *piece;    /* the slice read last, from piece_at on */
	long long piece_at;
	size_t piece_len;
};

static ssize_t reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct download *d = cls;
	long long at = d->start + (long long)pos;
	if ((long long)pos >= d->length)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (d->piece == NULL || at < d->piece_at || at >= d->piece_at + (long long)d->piece_len) {
		free(d->piece);
		d->piece = NULL;
		int seq = (int)(at / d->a.chunk_size), from = (int)(at % d->a.chunk_size);
		long long end = d->start + d->length,
		          chunk_end = (long long)(seq + 1) * d->a.chunk_size;
		int len = (int)((end < chunk_end ? end : chunk_end) - at);
		if (!ogi_db_usable(d->db) && !ogi_db_ensure(d->db))
			return MHD_CONTENT_READER_END_WITH_ERROR;
		if (ogi_db_attachment_slice(d->db, &d->a, seq, from, len, &d->piece,
		                            &d->piece_len) != 0 ||
		    d->piece_len == 0) {
			log_line("ogid: error: attachment %lld: chunk %d unreadable", d->a.id, seq);
			return MHD_CONTENT_READER_END_WITH_ERROR;
		}
		d->piece_at = at;
	}
	size_t off = (size_t)(at - d->piece_at), n = d->piece_len - off;
	if (n > max)
		n = max;
	memcpy(buf, d->piece + off, n);
	return (ssize_t)n;
}

static void reader_free(void *cls)
{
	struct download *d = cls;
	free(d->piece);
	free(d);
}

/* The one range of a Range header against size: 1 a range into *start and *len, 0 none to
   honour (absent, malformed or several: the whole file), -1 unsatisfiable. */
static int byte_range(const char *h, long long size, long long *start, long long *len)
{
	if (h == NULL || strncmp(h, "bytes=", 6) != 0 || strchr(h, ',') != NULL)
		return 0;
	const char *p = h + 6;
	long long a = -1, b = -1;
	char *end;
	if (*p >= '0' && *p <= '9') {
		a = strtoll(p, &end, 10);
		p = end;
	}
	if (*p++ != '-')
		return 0;
	if (*p >= '0' && *p <= '9') {
		b = strtoll(p, &end, 10);
		p = end;
	}
	if (*p != '\0' || (a < 0 && b < 0))
		return 0;
	if (a < 0) { /* the last b bytes */
		if (b == 0)
			return -1;
		*start = b >= size ? 0 : size - b;
		*len = size - *start;
		return 1;
	}
	if (a >= size || (b >= 0 && b < a))
		return b >= 0 && b < a ? 0 : -1;
	*start = a;
	*len = (b < 0 || b >= size ? size - 1 : b) - a + 1;
	return 1;
}

static void ascii_name(const struct ogi_attachment *a, char *out, size_t size)
{
	size_t n = 0;
	for (const char *p = a->name; *p && n + 1 < size; p++)
		if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f)
			out[n++] = *p;
	out[n] = '\0';
	size_t stem = strcspn(out, ".");
	if (n == 0 || stem == 0 || stem == n) /* nothing ASCII before the extension, or none */
		snprintf(out, size, "attachment-%lld%s", a->id,
		         strrchr(a->name, '.') && strlen(strrchr(a->name, '.')) < 8
		             ? strrchr(a->name, '.')
		             : "");
}

enum MHD_Result h_attachment_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_request req = {0};
	int rc = request_for(c, db, c->id, false, OGI_ROLE_AUDITOR, &req);
	if (rc != 0)
		return reply_status(c, db, rc);
	struct download *d = calloc(1, sizeof *d);
	if (d == NULL) {
		ogi_request_free(&req);
		return reply_problem(c, OGI_E_INTERNAL, "out of memory");
	}
	rc = ogi_db_attachment_get(db, req.body_id, req.id, c->id2, false, &d->a);
	ogi_request_free(&req);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no attachment %lld of request %lld", c->id2, c->id);
	if (rc != 0) {
		free(d);
		return reply_status(c, db, rc);
	}
	d->db = db;
	char etag[OGI_SHA256_HEX + 2];
	snprintf(etag, sizeof etag, "\"%s\"", d->a.sha256);
	const char *inm = header(c, MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (inm != NULL && (strstr(inm, d->a.sha256) != NULL || strcmp(inm, "*") == 0)) {
		free(d);
		struct MHD_Response *r = response_from_buffer("", 0, NULL);
		if (r != NULL)
			MHD_add_response_header(r, "ETag", etag);
		return queue_response(c, 304, r);
	}
	d->start = 0;
	d->length = d->a.size;
	const char *if_range = header(c, "If-Range");
	int ranged =
	    if_range != NULL && strcmp(if_range, etag) != 0
	        ? 0
	        : byte_range(header(c, MHD_HTTP_HEADER_RANGE), d->a.size, &d->start, &d->length);
	char range[96];
	if (ranged < 0) {
		long long size = d->a.size;
		free(d);
		json_t *p = problem_new(c->english, OGI_E_RANGE_NOT_SATISFIABLE, NULL);
		json_object_set_new(p, "detail", json_sprintf("the file has %lld bytes", size));
		char *text = json_dumps(p, JSON_COMPACT);
		json_decref(p);
		struct MHD_Response *r =
		    response_from_buffer(text ? text : "", text ? strlen(text) : 0,
		                         "application/problem+json; charset=utf-8");
		free(text);
		snprintf(range, sizeof range, "bytes */%lld", size);
		if (r != NULL)
			MHD_add_response_header(r, "Content-Range", range);
		return queue_response(c, 416, r);
	}
	char ascii[128], disposition[4 * OGI_ATTACHMENT_NAME_SIZE + 256];
	ascii_name(&d->a, ascii, sizeof ascii);
	ogi_content_disposition(disposition, sizeof disposition, false, d->a.name, ascii);
	char content_type[sizeof d->a.content_type];
	snprintf(content_type, sizeof content_type, "%s", d->a.content_type);
	long long start = d->start, length = d->length, size = d->a.size;
	struct MHD_Response *r =
	    MHD_create_response_from_callback((uint64_t)length, 64 * 1024, reader, d, reader_free);
	if (r == NULL) {
		free(d);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", content_type);
	MHD_add_response_header(r, "Content-Disposition", disposition);
	MHD_add_response_header(r, "ETag", etag);
	MHD_add_response_header(r, "Accept-Ranges", "bytes");
	if (ranged > 0) {
		snprintf(range, sizeof range, "bytes %lld-%lld/%lld", start, start + length - 1,
		         size);
		MHD_add_response_header(r, "Content-Range", range);
	}
	return queue_response(c, ranged > 0 ? 206 : 200, r);
}

/* The case file's statements and its assembly from the database (see
 * casefiles.h). */
#include "lib/db/casefiles.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "lib/casefile_docs.h"
#include "lib/casefile_zip.h"
#include "lib/db/attachments.h"
#include "lib/db/bodies.h"
#include "lib/db/events.h"
#include "lib/db/letters.h"
#include "lib/db/pq.h"
#include "lib/db/requests.h"
#include "lib/projection.h"

const struct ogi_statement ogi_db_statements_casefile[] = {
    {"casefile_closed_ids",
     "SELECT id FROM requests WHERE body_id = $1 AND status = 'closed' "
     "AND closed_on >= make_date($2::int, 1, 1) AND closed_on < make_date($2::int + 1, 1, 1) "
     "ORDER BY year, seq, id"},
    {NULL, NULL},
};

void ogi_case_sources_free(struct ogi_case_sources *s)
{
	ogi_request_free(&s->req);
	ogi_event_list_free(&s->events);
	ogi_letter_list_free(&s->letters);
	ogi_attachment_list_free(&s->attachments);
	memset(s, 0, sizeof *s);
}

int ogi_db_snapshot_begin(struct ogi_db *db)
{
	int rc = ogi_db_sql(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
	if (rc < 0)
		return rc;
	db->in_tx = true;
	return 0;
}

void ogi_db_snapshot_end(struct ogi_db *db)
{
	if (!db->in_tx)
		return;
	char state[6], msg[512];
	memcpy(state, db->sqlstate, sizeof state);
	memcpy(msg, db->message, sizeof msg);
	ogi_db_sql(db, "ROLLBACK");
	memcpy(db->sqlstate, state, sizeof state);
	memcpy(db->message, msg, sizeof msg);
	db->in_tx = false;
}

int ogi_db_case_load(struct ogi_db *db, long long id, struct ogi_case_sources *out)
{
	memset(out, 0, sizeof *out);
	int rc = ogi_db_request_get(db, id, false, &out->req);
	if (rc == 0)
		rc = ogi_db_events_load(db, id, &out->events);
	if (rc == 0)
		rc = ogi_db_letters_of(db, id, &out->letters);
	if (rc == 0)
		rc = ogi_db_attachments_of(db, out->req.body_id, id, &out->attachments);
	if (rc == 0) {
		struct ogi_body_settings settings;
		rc = ogi_db_body_settings_get(db, out->req.body_id, &settings);
		snprintf(out->body_name, sizeof out->body_name, "%s",
		         rc == 0 && settings.name[0] ? settings.name : out->req.body_name);
		if (rc == OGI_E_NOT_FOUND)
			rc = 0;
	}
	if (rc != 0)
		ogi_case_sources_free(out);
	return rc;
}

static bool numbered(const struct ogi_letter_record *l)
{
	return l->ref[0] != '\0' && l->sha256[OGI_LETTER_PDF][0] != '\0';
}

void ogi_case_fingerprint(const struct ogi_case_sources *s, bool full_id, char out[OGI_SHA256_HEX])
{
	crypto_hash_sha256_state sha;
	crypto_hash_sha256_init(&sha);
	char line[512];
	int n = snprintf(line, sizeof line, "%s\nrequest %lld version %lld full_id %d\nbody %s\n",
	                 OGI_CASEFILE_FORMAT, s->req.id, s->req.version, full_id, s->body_name);
	crypto_hash_sha256_update(&sha, (const unsigned char *)line, (unsigned long long)n);
	for (size_t i = 0; i < s->events.n; i++) {
		n = snprintf(line, sizeof line, "event %lld\n", s->events.e[i].id);
		crypto_hash_sha256_update(&sha, (const unsigned char *)line, (unsigned long long)n);
	}
	for (size_t i = 0; i < s->letters.n; i++) {
		const struct ogi_letter_record *l = &s->letters.v[i];
		if (!numbered(l))
			continue;
		n = snprintf(line, sizeof line, "letter %lld %s %s\n", l->id,
		             ogi_letter_status_names[l->status], l->sha256[OGI_LETTER_PDF]);
		crypto_hash_sha256_update(&sha, (const unsigned char *)line, (unsigned long long)n);
	}
	for (size_t i = 0; i < s->attachments.n; i++) {
		const struct ogi_attachment *a = &s->attachments.items[i];
		n = snprintf(line, sizeof line, "attachment %lld %s %d\n", a->id, a->sha256,
		             a->voided);
		crypto_hash_sha256_update(&sha, (const unsigned char *)line, (unsigned long long)n);
	}
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&sha, digest);
	sodium_bin2hex(out, OGI_SHA256_HEX, digest, sizeof digest);
}

void ogi_casefile_folder(const struct ogi_request *r, char *out, size_t size)
{
	char name[OGI_CASEFILE_NAME_MAX + 1];
	ogi_casefile_safe_name(r->tracking_no, name, sizeof name, 0);
	snprintf(out, size, "%s", name);
}

/* "2026-12-03T14:40:20.355+08:00" → the instant, or -1. */
static time_t instant(const char *rfc3339)
{
	int y, mo, d, h, mi, sec;
	if (rfc3339 == NULL ||
	    sscanf(rfc3339, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) != 6)
		return (time_t)-1;
	const char *z = rfc3339 + 19;
	while (*z == '.' || (*z >= '0' && *z <= '9'))
		z++;
	int off = 0;
	if (*z == '+' || *z == '-') {
		int oh = 0, om = 0;
		sscanf(z + 1, "%2d:%2d", &oh, &om);
		off = (oh * 60 + om) * 60 * (*z == '-' ? -1 : 1);
	}
	struct tm tm = {.tm_year = y - 1900,
	                .tm_mon = mo - 1,
	                .tm_mday = d,
	                .tm_hour = h,
	                .tm_min = mi,
	                .tm_sec = sec};
	return timegm(&tm) - off;
}

/* The time t as a ZIP's files carry it: the wall clock of Beijing, whatever
 * this process's time zone (libzip writes DOS times from localtime). */
static time_t zip_time(time_t t)
{
	time_t beijing = t + 8 * 3600;
	struct tm tm;
	gmtime_r(&beijing, &tm);
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* What a kind of paper is called in the index. */
static const char *const attachment_kind_zh[OGI_ATT_KIND_COUNT] = {
    [OGI_ATT_APPLICATION_FORM] = "申请表",
    [OGI_ATT_IDENTITY_COPY] = "身份证明",
    [OGI_ATT_CORRECTION_MATERIAL] = "补正材料",
    [OGI_ATT_CONSULTATION_REPLY] = "征求意见的答复",
    [OGI_ATT_RELEASED_DOCUMENT] = "公开的政府信息",
    [OGI_ATT_DELIVERY_PROOF] = "送达凭证",
    [OGI_ATT_OTHER] = "其他材料",
};

/* An attachment listed to be streamed: titled by its kind and original name (without the
   extension its file keeps), dated the day it was uploaded (Beijing time). */
static int add_attachment(struct ogi_casefile *cf, const struct ogi_attachment *a)
{
	enum ogi_filetype ft = ogi_filetype_of_media(a->content_type);
	/* the extension the name has when it is one of the type's, else the type's own */
	const char *jpeg[] = {".jpg", ".jpeg", NULL}, *tiff[] = {".tif", ".tiff", NULL};
	const char *own[] = {ogi_filetype_ext[ft], NULL};
	const char *ext = ogi_casefile_ext(a->name, ft == OGI_FT_JPEG   ? jpeg
	                                            : ft == OGI_FT_TIFF ? tiff
	                                                                : own);
	char stem[OGI_ATTACHMENT_NAME_SIZE];
	snprintf(stem, sizeof stem, "%s", a->name);
	size_t sl = strlen(stem), el = strlen(ext);
	if (el > 0 && sl > el && strcasecmp(stem + sl - el, ext) == 0)
		stem[sl - el] = '\0';
	char title[OGI_ATTACHMENT_NAME_SIZE + 64];
	const char *kind =
	    (unsigned)a->kind < OGI_ATT_KIND_COUNT ? attachment_kind_zh[a->kind] : "";
	snprintf(title, sizeof title, "%s：%s", kind ? kind : "", stem);
	time_t at = instant(a->created_at);
	ogi_date on = OGI_DATE_NONE;
	if (at != (time_t)-1) {
		time_t beijing = at + 8 * 3600;
		struct tm tm;
		gmtime_r(&beijing, &tm);
		on = ogi_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	}
	return ogi_casefile_add_stream(cf, OGI_CF_ATTACHMENT, title, on, ext[0] ? ext : ".bin",
	                               a->id, a->size, a->sha256)
	           ? 0
	           : OGI_E_INTERNAL;
}

static int add_pdf(struct ogi_casefile *cf, enum ogi_casefile_kind kind, const char *title,
                   ogi_date date, int rc, unsigned char *data, size_t len)
{
	if (rc != 0)
		return OGI_E_INTERNAL;
	return ogi_casefile_add(cf, kind, title, date, ".pdf", data, len) ? 0 : OGI_E_INTERNAL;
}

int ogi_db_casefile_build(struct ogi_db *db, const struct ogi_case_sources *s,
                          const struct ogi_calendar *cal, bool full_id, struct ogi_casefile *cf)
{
	memset(cf, 0, sizeof *cf);
	const struct ogi_request *r = &s->req;
	/* the case's time: when its last event was recorded (its files' dates, the PDFs'
	   creation dates), so the same case gives the same bytes */
	time_t created =
	    s->events.n > 0 ? instant(s->events.e[s->events.n - 1].recorded_at) : (time_t)-1;
	if (created == (time_t)-1)
		created = instant(r->created_at);
	if (created == (time_t)-1)
		created = 0;
	cf->mtime = zip_time(created);
	ogi_date last_on = s->events.n > 0 ? s->events.e[s->events.n - 1].on : r->received_on;

	unsigned char *data = NULL;
	size_t len = 0;
	int rc = ogi_casefile_registration_pdf(r, s->body_name, full_id, created, &data, &len);
	rc = add_pdf(cf, OGI_CF_REGISTRATION, "政府信息公开申请登记表", r->received_on, rc, data,
	             len);

	for (size_t i = 0; rc == 0 && i < s->letters.n; i++) {
		const struct ogi_letter_record *l = &s->letters.v[i];
		if (!numbered(l))
			continue;
		rc = ogi_db_letter_rendering(db, l->id, OGI_LETTER_PDF, &data, &len);
		if (rc == OGI_E_NOT_FOUND)
			rc = OGI_E_INTERNAL; /* the table keeps every numbered letter's */
		if (rc != 0)
			break;
		char title[1024];
		snprintf(title, sizeof title, "%s（%s）%s", l->title ? l->title : "", l->ref,
		         l->status == OGI_LETTER_STATUS_VOID ? "（已作废）" : "");
		struct ogi_casefile_entry *e =
		    ogi_casefile_add(cf, OGI_CF_LETTER, title, l->letter_date, ".pdf", data, len);
		if (e == NULL)
			rc = OGI_E_INTERNAL;
		else if (strcmp(e->sha256, l->sha256[OGI_LETTER_PDF]) != 0)
			rc = OGI_E_CASEFILE_DAMAGED; /* the stored bytes are not what was issued */
	}

	for (size_t i = 0; rc == 0 && i < s->attachments.n; i++) {
		const struct ogi_attachment *a = &s->attachments.items[i];
		if (a->voided)
			cf->left_out++; /* kept in the database with its reason, not in the file */
		else
			rc = add_attachment(cf, a);
	}

	if (rc == 0) {
		json_t *explain =
		    ogi_projection_explain(cal, r->received_on, s->events.e, s->events.n);
		rc = explain ? ogi_casefile_timeline_pdf(r, s->body_name, s->events.e, s->events.n,
		                                         explain, created, &data, &len)
		             : -1;
		json_decref(explain);
		rc = add_pdf(cf, OGI_CF_TIMELINE, "办理记录与期限说明", last_on, rc, data, len);
	}
	if (rc == 0) {
		char *csv = NULL;
		rc = ogi_casefile_timeline_csv(s->events.e, s->events.n, &csv, &len);
		if (rc != 0 || !ogi_casefile_add(cf, OGI_CF_TIMELINE, "办理记录", last_on, ".csv",
		                                 (unsigned char *)csv, len))
			rc = OGI_E_INTERNAL;
	}
	/* the index last: it lists every other file with its digest */
	if (rc == 0 && !ogi_casefile_number(cf))
		rc = OGI_E_INTERNAL;
	if (rc == 0) {
		rc = ogi_casefile_index_pdf(cf, r, s->body_name, created, &data, &len);
		rc = add_pdf(cf, OGI_CF_INDEX, "卷内目录", last_on, rc, data, len);
	}
	if (rc == 0) {
		char *csv = ogi_casefile_index_csv(cf, &len);
		if (csv == NULL ||
		    !ogi_casefile_add(cf, OGI_CF_INDEX, "卷内目录", last_on, ".csv",
		                      (unsigned char *)csv, len) ||
		    !ogi_casefile_number(cf))
			rc = OGI_E_INTERNAL;
	}
	if (rc != 0)
		ogi_casefile_free(cf);
	return rc;
}

/* The attachments' bytes for the ZIP writer, a chunk at a time: libzip asks
 * for a few kilobytes a call, the database gives a stored chunk a query, so
 * one chunk (OGI_ATTACHMENT_CHUNK) is kept between the calls — the only
 * copy of an attachment's bytes ogi holds while it writes the ZIP. */
struct reader {
	struct ogi_db *db;
	const struct ogi_attachment_list *attachments;
	const struct ogi_attachment *a; /* the attachment of the chunk held */
	long long base;                 /* its offset */
	size_t len, cap;
	unsigned char *chunk;
};

static int keep_chunk(void *cls, const unsigned char *data, size_t len)
{
	struct reader *r = cls;
	if (r->len + len > r->cap)
		return OGI_E_INTERNAL; /* more than was asked for: never */
	memcpy(r->chunk + r->len, data, len);
	r->len += len;
	return 0;
}

static long long read_source(void *cls, long long source_id, long long offset, void *buf, size_t n)
{
	struct reader *r = cls;
	if (r->a == NULL || r->a->id != source_id || offset < r->base ||
	    offset >= r->base + (long long)r->len) {
		const struct ogi_attachment *a = NULL;
		for (size_t i = 0; i < r->attachments->n && a == NULL; i++)
			if (r->attachments->items[i].id == source_id)
				a = &r->attachments->items[i];
		if (a == NULL || offset >= a->size)
			return a == NULL ? -1 : 0;
		long long size = a->chunk_size > 0 ? a->chunk_size : OGI_ATTACHMENT_CHUNK;
		if ((size_t)size > r->cap) {
			unsigned char *grown = realloc(r->chunk, (size_t)size);
			if (grown == NULL)
				return -1;
			r->chunk = grown;
			r->cap = (size_t)size;
		}
		r->a = a;
		r->base = offset - offset % size;
		r->len = 0;
		long long want = a->size - r->base < size ? a->size - r->base : size;
		if (ogi_db_attachment_read(r->db, a, r->base, want, keep_chunk, r) != 0) {
			r->a = NULL;
			return -1;
		}
	}
	size_t at = (size_t)(offset - r->base), give = r->len - at < n ? r->len - at : n;
	memcpy(buf, r->chunk + at, give);
	return (long long)give;
}

int ogi_db_casefile_write(struct ogi_db *db, const struct ogi_case_sources *s,
                          const struct ogi_casefile *cf, const char *path, const char *folder,
                          const char *comment, char *err, size_t errlen)
{
	struct reader r = {.db = db, .attachments = &s->attachments};
	int rc = ogi_casefile_zip_write(cf, path, folder, comment, read_source, &r, err, errlen);
	free(r.chunk);
	return rc;
}

int ogi_db_casefile_closed_ids(struct ogi_db *db, long long body_id, int year, long long **ids,
                               size_t *n)
{
	*ids = NULL;
	*n = 0;
	struct pq_params p = {0};
	pq_int(&p, body_id);
	pq_int(&p, year);
	PGresult *res;
	int rows = pq_run(db, "casefile_closed_ids", &p, &res);
	if (rows < 0)
		return rows;
	*ids = malloc((size_t)(rows ? rows : 1) * sizeof **ids);
	if (*ids == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < rows; i++)
		(*ids)[i] = pq_getint(res, i, "id");
	*n = (size_t)rows;
	PQclear(res);
	return 0;
}

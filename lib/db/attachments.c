/* Statements of attachments and their chunks (migration 0015) and the typed
 * functions of attachments.h. */
#include "lib/db/attachments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/errors.h"
#include "lib/db/pq.h"

#define TS(col) "to_char(" col ", 'YYYY-MM-DD\"T\"HH24:MI:SS.USTZH:TZM')"

#define ATTACHMENT_COLUMNS                                                                         \
	"a.id, a.request_id, a.body_id, a.kind, a.name, a.content_type, a.size, a.sha256, "        \
	"a.chunk_size, a.chunks, a.void_reason, " TS("a.created_at") " AS created_at, " TS(        \
	    "a.voided_at") " AS voided_at, cu.username AS created_by_name, "                       \
	                   "vu.username AS voided_by_name "
#define ATTACHMENT_JOINS                                                                           \
	"LEFT JOIN users cu ON cu.id = a.created_by LEFT JOIN users vu ON vu.id = a.voided_by "

const struct ogi_statement ogi_db_statements_attachments[] = {
    {"attachments_of", "SELECT " ATTACHMENT_COLUMNS "FROM attachments a " ATTACHMENT_JOINS
                       "WHERE a.body_id = $1::bigint AND a.request_id = $2::bigint ORDER BY a.id"},
    {"attachment_get",
     "SELECT " ATTACHMENT_COLUMNS "FROM attachments a " ATTACHMENT_JOINS
     "WHERE a.body_id = $1::bigint AND a.request_id = $2::bigint AND a.id = $3::bigint"},
    {"attachment_lock",
     "SELECT " ATTACHMENT_COLUMNS "FROM attachments a " ATTACHMENT_JOINS
     "WHERE a.body_id = $1::bigint AND a.request_id = $2::bigint AND a.id = $3::bigint "
     "FOR UPDATE OF a"},
    {"attachments_total", "SELECT coalesce(sum(size), 0) AS bytes, count(*) AS n FROM attachments "
                          "WHERE body_id = $1::bigint AND request_id = $2::bigint"},
    {"attachment_id_next", "SELECT nextval('attachments_id_seq') AS id"},
    {"attachment_chunk_put", "INSERT INTO attachment_chunks (attachment_id, body_id, seq, data) "
                             "VALUES ($1::bigint, $2::bigint, $3::int, $4::bytea)"},
    /* from is 0-based; substring's is 1-based; EXTERNAL storage reads only the slice */
    {"attachment_slice",
     "SELECT substring(data FROM $4::int + 1 FOR $5::int) AS data FROM attachment_chunks "
     "WHERE attachment_id = $1::bigint AND body_id = $2::bigint AND seq = $3::int"},
    {"attachment_insert",
     "WITH a AS (INSERT INTO attachments (id, request_id, body_id, kind, name, content_type, "
     "  size, sha256, chunk_size, chunks, created_by) "
     "VALUES ($1::bigint, $2::bigint, $3::bigint, $4, $5, $6, $7::bigint, $8, $9::int, $10::int, "
     "  $11::bigint) RETURNING *) "
     "SELECT " ATTACHMENT_COLUMNS "FROM a " ATTACHMENT_JOINS},
    {"attachment_void",
     "WITH a AS (UPDATE attachments SET void_reason = $2, voided_by = $3::bigint, "
     "  voided_at = now() WHERE id = $1::bigint AND voided_at IS NULL RETURNING *) "
     "SELECT " ATTACHMENT_COLUMNS "FROM a " ATTACHMENT_JOINS},
    {NULL, NULL},
};

static void read_row(const PGresult *res, int row, struct ogi_attachment *a)
{
	memset(a, 0, sizeof *a);
	a->id = pq_getint(res, row, "id");
	a->request_id = pq_getint(res, row, "request_id");
	a->body_id = pq_getint(res, row, "body_id");
	if (!ogi_attachment_kind_parse(pq_get(res, row, "kind"), &a->kind))
		a->kind = OGI_ATT_OTHER;
	pq_copy(res, row, "name", a->name, sizeof a->name);
	pq_copy(res, row, "content_type", a->content_type, sizeof a->content_type);
	a->size = pq_getint(res, row, "size");
	pq_copy(res, row, "sha256", a->sha256, sizeof a->sha256);
	a->chunk_size = (int)pq_getint(res, row, "chunk_size");
	a->chunks = (int)pq_getint(res, row, "chunks");
	pq_copy_time(res, row, "created_at", a->created_at, sizeof a->created_at);
	pq_copy(res, row, "created_by_name", a->created_by_name, sizeof a->created_by_name);
	a->voided = !pq_isnull(res, row, "voided_at");
	pq_copy(res, row, "void_reason", a->void_reason, sizeof a->void_reason);
	pq_copy_time(res, row, "voided_at", a->voided_at, sizeof a->voided_at);
	pq_copy(res, row, "voided_by_name", a->voided_by_name, sizeof a->voided_by_name);
}

int ogi_db_attachments_of(struct ogi_db *db, long long body_id, long long request_id,
                          struct ogi_attachment_list *out)
{
	ogi_attachment_list_free(out);
	struct pq_params p = {0};
	pq_int(&p, body_id);
	pq_int(&p, request_id);
	PGresult *res;
	int n = pq_run(db, "attachments_of", &p, &res);
	if (n < 0)
		return n;
	if (n > 0 && (out->items = calloc((size_t)n, sizeof *out->items)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++)
		read_row(res, i, &out->items[i]);
	out->n = (size_t)n;
	PQclear(res);
	return 0;
}

int ogi_db_attachment_get(struct ogi_db *db, long long body_id, long long request_id, long long id,
                          bool lock, struct ogi_attachment *out)
{
	struct pq_params p = {0};
	pq_int(&p, body_id);
	pq_int(&p, request_id);
	pq_int(&p, id);
	PGresult *res;
	int n = pq_run(db, lock ? "attachment_lock" : "attachment_get", &p, &res);
	if (n < 0)
		return n;
	if (n == 1)
		read_row(res, 0, out);
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_attachment_slice(struct ogi_db *db, const struct ogi_attachment *a, int seq, int from,
                            int len, unsigned char **data, size_t *got)
{
	*data = NULL;
	*got = 0;
	struct pq_params p = {0};
	pq_int(&p, a->id);
	pq_int(&p, a->body_id);
	pq_int(&p, seq);
	pq_int(&p, from);
	pq_int(&p, len);
	PGresult *res;
	int n = ogi_db_exec_bin(db, "attachment_slice", p.n, p.v, NULL, NULL, true, &res);
	if (n < 0)
		return n;
	if (n != 1) {
		PQclear(res);
		return OGI_E_NOT_FOUND;
	}
	size_t size = (size_t)PQgetlength(res, 0, 0);
	if ((*data = malloc(size ? size : 1)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	memcpy(*data, PQgetvalue(res, 0, 0), size);
	*got = size;
	PQclear(res);
	return 0;
}

int ogi_db_attachment_read(struct ogi_db *db, const struct ogi_attachment *a, long long offset,
                           long long length, ogi_attachment_sink sink, void *cls)
{
	if (offset < 0 || offset > a->size || a->chunk_size <= 0)
		return OGI_E_NOT_FOUND;
	long long end = length < 0 || offset + length > a->size ? a->size : offset + length;
	while (offset < end) {
		int seq = (int)(offset / a->chunk_size);
		int from = (int)(offset % a->chunk_size);
		long long room = (long long)a->chunk_size - from;
		int len = (int)(end - offset < room ? end - offset : room);
		unsigned char *data;
		size_t got;
		int rc = ogi_db_attachment_slice(db, a, seq, from, len, &data, &got);
		if (rc == 0 && got != (size_t)len) {
			free(data);
			rc = OGI_E_NOT_FOUND; /* a chunk shorter than its metadata says */
		}
		if (rc != 0)
			return rc;
		rc = sink(cls, data, got);
		free(data);
		if (rc != 0)
			return rc;
		offset += len;
	}
	return 0;
}

int ogi_db_attachments_total(struct ogi_db *db, long long body_id, long long request_id,
                             long long *bytes, long long *count)
{
	struct pq_params p = {0};
	pq_int(&p, body_id);
	pq_int(&p, request_id);
	PGresult *res;
	int n = pq_run(db, "attachments_total", &p, &res);
	if (n < 0)
		return n;
	*bytes = pq_getint(res, 0, "bytes");
	*count = pq_getint(res, 0, "n");
	PQclear(res);
	return 0;
}

int ogi_db_attachment_id_next(struct ogi_db *db, long long *id)
{
	PGresult *res;
	int n = pq_run(db, "attachment_id_next", NULL, &res);
	if (n < 0)
		return n;
	*id = pq_getint(res, 0, "id");
	PQclear(res);
	return 0;
}

int ogi_db_attachment_chunk_put(struct ogi_db *db, long long id, long long body_id, int seq,
                                const void *data, size_t len)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_int(&p, body_id);
	pq_int(&p, seq);
	p.v[p.n++] = data;
	int lengths[4] = {0, 0, 0, (int)len};
	int formats[4] = {0, 0, 0, 1};
	int n =
	    ogi_db_exec_bin(db, "attachment_chunk_put", p.n, p.v, lengths, formats, false, NULL);
	return n < 0 ? n : 0;
}

static int one_row(struct ogi_db *db, const char *stmt, const struct pq_params *p,
                   struct ogi_attachment *out)
{
	PGresult *res;
	int n = pq_run(db, stmt, p, &res);
	if (n < 0)
		return n;
	if (n == 1)
		read_row(res, 0, out);
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_attachment_insert(struct ogi_db *db, const struct ogi_attachment *a,
                             const struct ogi_actor *actor, struct ogi_attachment *out)
{
	struct pq_params p = {0};
	pq_int(&p, a->id);
	pq_int(&p, a->request_id);
	pq_int(&p, a->body_id);
	pq_str(&p, ogi_attachment_kind_names[a->kind]);
	pq_str(&p, a->name);
	pq_str(&p, a->content_type);
	pq_int(&p, a->size);
	pq_str(&p, a->sha256);
	pq_int(&p, a->chunk_size);
	pq_int(&p, a->chunks);
	pq_int_opt(&p, actor->user_id > 0, actor->user_id);
	return one_row(db, "attachment_insert", &p, out);
}

int ogi_db_attachment_void(struct ogi_db *db, long long id, const char *reason,
                           const struct ogi_actor *actor, struct ogi_attachment *out)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_str(&p, reason);
	pq_int_opt(&p, actor->user_id > 0, actor->user_id);
	return one_row(db, "attachment_void", &p, out);
}

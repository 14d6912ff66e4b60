/* lib/db for attachments (案卷材料, migration 0015): a request's papers as
 * metadata and their bytes in fixed-size chunks (attachment_chunks).
 *
 * Writing: an upload takes an id (ogi_db_attachment_id_next), stores each
 * chunk as it streams in (ogi_db_attachment_chunk_put, seq 0, 1, …) and then
 * the metadata row (ogi_db_attachment_insert), all in one transaction the
 * caller holds open: rolled back, nothing of it is left.
 *
 * Reading (for ogid's download and for the case-file ZIP):
 *   ogi_db_attachments_of     the metadata of a request's attachments;
 *   ogi_db_attachment_read    an attachment's bytes, chunk by chunk, to a
 *                             callback — never the whole file in memory.
 *
 * Every function returns 0, OGI_E_NOT_FOUND (> 0) where it says, or a
 * status < 0 (db.h).  Every read filters on body_id (the tables are
 * distributed by body): pass the request's body. */
#ifndef OGI_DB_ATTACHMENTS_H
#define OGI_DB_ATTACHMENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/account.h"
#include "lib/attachment.h"
#include "lib/db/db.h"
#include "lib/domain.h"

/* The bytes of a chunk: every chunk of an attachment but its last holds chunk_size bytes. */
#define OGI_ATTACHMENT_CHUNK (256 * 1024)

/* Every attachment of request_id (of body body_id), voided ones too, oldest
 * first, into out (free it with ogi_attachment_list_free). */
int ogi_db_attachments_of(struct ogi_db *db, long long body_id, long long request_id,
                          struct ogi_attachment_list *out);
/* Attachment id of request_id (of body_id), locked FOR UPDATE when lock, into
 * out; OGI_E_NOT_FOUND when the request has no such attachment. */
int ogi_db_attachment_get(struct ogi_db *db, long long body_id, long long request_id, long long id,
                          bool lock, struct ogi_attachment *out);

/* Receives the next len bytes of an attachment (data valid during the
 * call): 0 to go on, anything else to stop the read, which then returns it. */
typedef int (*ogi_attachment_sink)(void *cls, const unsigned char *data, size_t len);
/* Sends length bytes of a (as ogi_db_attachments_of or _get read it) from
 * offset on to sink, in pieces of at most one chunk, in order; length -1:
 * to the end.  0 when all were sent, the sink's own non-zero value when it
 * stopped, OGI_E_NOT_FOUND when a chunk is missing (a bug), or a status < 0.
 * Needs no transaction: stored bytes never change. */
int ogi_db_attachment_read(struct ogi_db *db, const struct ogi_attachment *a, long long offset,
                           long long length, ogi_attachment_sink sink, void *cls);
/* One piece of that read: bytes [from, from + len) of chunk seq of a, which
 * must lie in it, into *data (malloc'd: free it) and *got. */
int ogi_db_attachment_slice(struct ogi_db *db, const struct ogi_attachment *a, int seq, int from,
                            int len, unsigned char **data, size_t *got);

/* The bytes and number of request_id's attachments, voided ones too. */
int ogi_db_attachments_total(struct ogi_db *db, long long body_id, long long request_id,
                             long long *bytes, long long *count);

/* A new attachment's id (taken from the sequence; a rolled-back upload leaves a gap). */
int ogi_db_attachment_id_next(struct ogi_db *db, long long *id);
/* Stores chunk seq (len bytes, 0 < len <= OGI_ATTACHMENT_CHUNK) of attachment id. */
int ogi_db_attachment_chunk_put(struct ogi_db *db, long long id, long long body_id, int seq,
                                const void *data, size_t len);
/* Stores a's metadata (id, request_id, body_id, kind, name, content_type,
 * size, sha256, chunk_size, chunks) by actor after its chunks, and reads it
 * back into out. */
int ogi_db_attachment_insert(struct ogi_db *db, const struct ogi_attachment *a,
                             const struct ogi_actor *actor, struct ogi_attachment *out);
/* Voids attachment id with reason by actor and reads it into out;
 * OGI_E_NOT_FOUND when it is void already. */
int ogi_db_attachment_void(struct ogi_db *db, long long id, const char *reason,
                           const struct ogi_actor *actor, struct ogi_attachment *out);

#endif

/* lib/db reads over both kinds of remedy record: every record of one
 * request or of several (the deadline explanation, the queue), and one
 * record's history in the audit log.  Every function returns 0 or a status
 * < 0 (db.h). */
#ifndef OGI_DB_REMEDY_READS_H
#define OGI_DB_REMEDY_READS_H

#include <stddef.h>

#include "lib/db/db.h"
#include "lib/remedies.h"

/* The reconsiderations and litigations (with their instances) of request
 * request_id, or of the requests ids[0..n), into out (free it with
 * ogi_remedy_records_free). */
int ogi_db_remedy_records_of_request(struct ogi_db *db, long long request_id,
                                     struct ogi_remedy_records *out);
int ogi_db_remedy_records_of_requests(struct ogi_db *db, const long long *ids, size_t n,
                                      struct ogi_remedy_records *out);

/* The history of record id of entity ("reconsideration", "litigation": a
 * litigation's includes its instances') in the order written, into out
 * (free it with ogi_remedy_history_free). */
int ogi_db_remedy_history(struct ogi_db *db, const char *entity, long long id,
                          struct ogi_remedy_history *out);

#endif

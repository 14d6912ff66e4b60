/* ogictl export and import-export (docs/export-format.md): a body's data, or a subtree's,
 * read table by table in one snapshot as JSON rows with the applicants' sealed columns opened,
 * and such rows loaded into a fresh ogi in one transaction with those columns sealed again
 * under the target's key.  Every function returns 0 or a status < 0 (db.h), with a sentence
 * in why where it takes one. */
#ifndef OGI_DB_EXPORT_H
#define OGI_DB_EXPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/db/db.h"

/* The tables an export holds, in the order of the file (and of the import's inserts). */
int ogi_db_export_table_count(void);
const char *ogi_db_export_table_name(int i);

/* The tables of the schema an export leaves behind (docs/export-format.md, "Not exported").
 * An export refuses a database with a table in neither list. */
int ogi_db_export_skipped_count(void);
const char *ogi_db_export_skipped_name(int i);

struct ogi_export_info {
	int schema_version; /* the highest applied migration */
	long long bodies;   /* how many bodies the export holds */
	bool full;          /* every body of the database: the rows of no body come too */
};

/* The snapshot opened (REPEATABLE READ) and the bodies chosen: body_id, with its subtree when
 * subtree; OGI_E_NOT_FOUND when there is no such body. */
int ogi_db_export_begin(struct ogi_db *db, long long body_id, bool subtree,
                        struct ogi_export_info *out, char *why, size_t whylen);

/* Each row of table i of the snapshot, in a batch of rows at a time: fn gets the row as an
 * object of every column but the secrets (password hashes) and the
 * values derived from the key (the search hashes, the key id), the sealed ones opened.  fn
 * returns 0 or stops the reading with its status. */
typedef int (*ogi_export_row_fn)(json_t *row, void *cls);
int ogi_db_export_table(struct ogi_db *db, int i, ogi_export_row_fn fn, void *cls, char *why,
                        size_t whylen);

/* The bytes of attachment id in order, a chunk at a time. */
typedef int (*ogi_export_bytes_fn)(const void *data, size_t n, void *cls);
int ogi_db_export_attachment(struct ogi_db *db, long long id, ogi_export_bytes_fn fn, void *cls,
                             char *why, size_t whylen);

/* The bytes of online file id (an applicant's file still waiting for a decision). */
int ogi_db_export_online_file(struct ogi_db *db, long long id, ogi_export_bytes_fn fn, void *cls,
                              char *why, size_t whylen);

/* The snapshot ended. */
void ogi_db_export_end(struct ogi_db *db);

/* The import's transaction opened; OGI_E_CONFLICT with why when the database holds bodies,
 * users or requests and not allow_nonempty.  *schema_version as in ogi_export_info. */
int ogi_db_import_begin(struct ogi_db *db, bool allow_nonempty, int *schema_version, char *why,
                        size_t whylen);

/* true when type names a table of the export. */
bool ogi_db_import_known(const char *type);

/* rows (an array of row objects of table type, as the export wrote them) inserted as they
 * are, ids and times included: the sealed columns sealed under the key that seals now and
 * the search hashes made with this key file; the calendar's rows replace the target's. */
int ogi_db_import_rows(struct ogi_db *db, const char *type, json_t *rows, char *why, size_t whylen);

/* Chunk seq of attachment id (of body body_id) stored. */
int ogi_db_import_chunk(struct ogi_db *db, long long id, long long body_id, int seq,
                        const void *data, size_t n, char *why, size_t whylen);

/* Every id sequence moved past the ids loaded, then the transaction committed. */
int ogi_db_import_commit(struct ogi_db *db, char *why, size_t whylen);

/* Nothing of the import kept. */
void ogi_db_import_abort(struct ogi_db *db);

#endif

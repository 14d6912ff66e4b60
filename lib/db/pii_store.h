/* lib/db and the sealed personal data (lib/pii_seal.h): the database's record of the sealing
 * keys, the sealing of rows stored in plaintext before migration 0021, and a key rotation's
 * batches.  Every function returns 0 or a status < 0 (db.h) unless it says otherwise. */
#ifndef OGI_DB_PII_STORE_H
#define OGI_DB_PII_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "api/errors.h"
#include "lib/db/db.h"

/* The installed ring against the database: each key's check value recorded on first use;
 * OGI_E_CONFLICT with why (a sentence naming the key id, never a key) when a key of a known
 * id differs from the one recorded, or rows are sealed under a key id the ring lacks. */
int ogi_db_pii_seal_keys_check(struct ogi_db *db, char *why, size_t whylen);

/* One batch in its own transaction: up to limit rows of each table holding applicants'
 * fields (requests, online applications, stored intake answers) that are not under the key
 * that seals now — only those never sealed when only_plain — opened and sealed again under
 * it.  Rows another transaction holds are skipped (SKIP LOCKED); *moved the rows done, *left
 * the rows still not under it afterwards (locked ones included; left NULL: not counted, which
 * spares a pass over every table). */
int ogi_db_pii_reseal_batch(struct ogi_db *db, bool only_plain, int limit, long long *moved,
                            long long *left);

/* Batches until none is left (only_plain: the start's sealing of old plaintext); *done the
 * rows sealed. */
int ogi_db_pii_reseal_all(struct ogi_db *db, bool only_plain, long long *done);

/* The rows never sealed (stored before migration 0021) into *n. */
int ogi_db_pii_plain_count(struct ogi_db *db, long long *n);

/* Rows under each key id: "1:120 2:5" into out (for ogictl key status). */
int ogi_db_pii_key_counts(struct ogi_db *db, char *out, size_t outlen);

#endif

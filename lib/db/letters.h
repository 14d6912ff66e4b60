/* lib/db for letters (文书, migration 0012): a request's letters, a draft
 * stored and edited, the gap-free serial of a 文号, issuing (the renderings
 * frozen with their SHA-256), voiding, the stored renderings, and the
 * letters' deliveries (送达).  Every function returns 0, OGI_E_NOT_FOUND
 * (> 0) where it says, or a status < 0 (db.h).  The database itself refuses
 * any change of an issued letter but voiding it, and every DELETE. */
#ifndef OGI_DB_LETTERS_H
#define OGI_DB_LETTERS_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/db/db.h"
#include "lib/domain.h"
#include "lib/letter_record.h"

/* Every letter of request_id in order of creation (without renderings,
 * each with its count of deliveries) into out (emptied first). */
int ogi_db_letters_of(struct ogi_db *db, long long request_id, struct ogi_letter_list *out);
/* How many letters request_id keeps. */
int ogi_db_letters_count(struct ogi_db *db, long long request_id, int *n);

/* Letter id of request_id (locked FOR UPDATE when lock) into out, without
 * its renderings; OGI_E_NOT_FOUND when request_id has no such letter. */
int ogi_db_letter_get(struct ogi_db *db, long long request_id, long long id, bool lock,
                      struct ogi_letter_record *out);

/* Stores l (request_id, body_id, kind, outcome, letter_date, the texts,
 * facts) as a new draft by actor and reads it into out. */
int ogi_db_letter_insert(struct ogi_db *db, const struct ogi_letter_record *l,
                         const struct ogi_actor *actor, struct ogi_letter_record *out);
/* Stores a draft's texts, date, facts and generated texts (l->id), version
 * + 1, by actor, and reads it into out; OGI_E_NOT_FOUND when it is no
 * longer a draft. */
int ogi_db_letter_update(struct ogi_db *db, const struct ogi_letter_record *l,
                         const struct ogi_actor *actor, struct ogi_letter_record *out);

/* The next serial of body_id's series code in year, in the caller's
 * transaction: the counter row stays locked until commit, so serials are
 * gap-free and never repeat. */
int ogi_db_letter_serial_next(struct ogi_db *db, long long body_id, int year, const char *code,
                              int *serial);

/* The renderings an issued letter keeps. */
struct ogi_letter_renderings {
	const void *data[OGI_LETTER_FORMAT_COUNT];
	size_t len[OGI_LETTER_FORMAT_COUNT];
	char sha256[OGI_LETTER_FORMAT_COUNT][OGI_SHA256_HEX];
};
/* Issues draft id: its 文号 (ref, code, year, serial), the renderings, by
 * actor; reads it into out.  OGI_E_NOT_FOUND when it is not a draft. */
int ogi_db_letter_issue(struct ogi_db *db, long long id, const char *ref, const char *code,
                        int year, int serial, const struct ogi_letter_renderings *r,
                        const struct ogi_actor *actor, struct ogi_letter_record *out);
/* Voids letter id (a draft or an issued letter) with reason by actor and
 * reads it into out; OGI_E_NOT_FOUND when it is void already. */
int ogi_db_letter_void(struct ogi_db *db, long long id, const char *reason,
                       const struct ogi_actor *actor, struct ogi_letter_record *out);

/* A stored rendering of letter id: malloc'd bytes into *data (free them),
 * their length into *len; OGI_E_NOT_FOUND when none is stored (a draft). */
int ogi_db_letter_rendering(struct ogi_db *db, long long id, enum ogi_letter_format f,
                            unsigned char **data, size_t *len);

/* The deliveries of letter_id in order into out (emptied first). */
int ogi_db_deliveries_of(struct ogi_db *db, long long letter_id, struct ogi_delivery_list *out);
/* Delivery id of letter_id (locked when lock) into out; OGI_E_NOT_FOUND. */
int ogi_db_delivery_get(struct ogi_db *db, long long letter_id, long long id, bool lock,
                        struct ogi_letter_delivery *out);
/* Stores d (letter_id, request_id, body_id, the fields, legal_on) as a new
 * delivery by actor and reads it into out. */
int ogi_db_delivery_insert(struct ogi_db *db, const struct ogi_letter_delivery *d,
                           const struct ogi_actor *actor, struct ogi_letter_delivery *out);
/* Stores d's fields (d->id), version + 1, by actor and reads it into out. */
int ogi_db_delivery_update(struct ogi_db *db, const struct ogi_letter_delivery *d,
                           const struct ogi_actor *actor, struct ogi_letter_delivery *out);

#endif

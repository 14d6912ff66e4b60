/* lib/db for finding an applicant by a personal number (lib/pii.h): the
 * key's fingerprint, the hashes of rows registered before there were any,
 * and the applications an identity number already has.  Every function
 * returns 0 or a status < 0 (db.h) unless it says otherwise. */
#ifndef OGI_DB_APPLICANTS_H
#define OGI_DB_APPLICANTS_H

#include <stdbool.h>
#include <stddef.h>

#include "api/errors.h"
#include "lib/date.h"
#include "lib/db/db.h"

/* The key of this process (ogi_pii_set_key_hex) against the one the database's hashes were
 * made with: recorded on first use; OGI_E_CONFLICT when another key made them. */
int ogi_db_pii_key_check(struct ogi_db *db);
/* Whether the database has recorded a key (its data then needs that key file). */
int ogi_db_pii_key_recorded(struct ogi_db *db, bool *recorded);

/* Hashes the identity and phone numbers of the rows that have none yet (registered before
 * migration 0016), in batches of their own transactions; *done the rows hashed. */
int ogi_db_pii_backfill(struct ogi_db *db, long long *done);

/* One earlier application of an identity number. */
struct ogi_applicant_match {
	long long id, body_id;
	char *tracking_no, *body_name, *applicant_name, *status;
	ogi_date received_on;
};
struct ogi_applicant_matches {
	size_t n;
	struct ogi_applicant_match *v;
};
void ogi_applicant_matches_free(struct ogi_applicant_matches *m);

/* The applications of id_number (its keyed hash) at the bodies of roots (and below them),
 * newest first, at most limit; none when no key is set or id_number has no normal form. */
int ogi_db_applicant_lookup(struct ogi_db *db, const char *id_number, const long long *roots,
                            int nroots, int limit, struct ogi_applicant_matches *out);

#endif

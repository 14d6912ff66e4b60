/* lib/db for login throttling (lib/account.h's rule): claiming an attempt
 * for a username from an address before its password is checked, giving it
 * back after a good login, and the administrators' view of the counters.
 * Every function returns 0, the enum ogi_error (> 0) it names, or a status
 * < 0 (db.h). */
#ifndef OGI_DB_THROTTLES_H
#define OGI_DB_THROTTLES_H

#include <stdbool.h>
#include <stddef.h>

#include "api/errors.h"
#include "lib/account.h"
#include "lib/db/db.h"

/* In the caller's transaction: locks the counters of (username, address)
 * and of address (making them when there are none), asks ogi_login_claim
 * and, when the attempt may go on, writes them back counted.  *wait: the
 * seconds to wait (0: go on, the attempt counted).  A few counters quiet
 * for OGI_LOGIN_FORGET_SECONDS are deleted on the way. */
int ogi_db_login_claim(struct ogi_db *db, const char *username, const char *address,
                       long long *wait);
/* After a good login (or a right current password): deletes the counter of
 * (username, address) — of that address only — and gives the address its
 * attempt back. */
int ogi_db_login_succeeded(struct ogi_db *db, const char *username, const char *address);

/* The counters of the last OGI_LOGIN_FORGET_SECONDS an administrator may see,
 * newest first, at most 500: all of them for an administrator of a top-level
 * body (top_level), otherwise those of users holding a role in the bodies
 * admin_roots or their subtrees. */
int ogi_db_throttles_list(struct ogi_db *db, const long long *admin_roots, int nroots,
                          bool top_level, struct ogi_throttle_list *out);
/* In the caller's transaction: deletes counter id when the caller may see it
 * (as ogi_db_throttles_list says) and reads it into out first;
 * OGI_E_NOT_FOUND otherwise. */
int ogi_db_throttle_clear(struct ogi_db *db, long long id, const long long *admin_roots, int nroots,
                          bool top_level, struct ogi_throttle *out);

#endif

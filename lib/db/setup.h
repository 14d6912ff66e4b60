/* First start: an empty database gets one body and an administrator. */
#ifndef OGI_SETUP_H
#define OGI_SETUP_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

/* When no user exists: creates the body body_name and the user "admin"
 * holding the admin role on it, with a random password written into
 * password (n ≥ 21) and *created = true.  Otherwise *created = false. */
bool ogi_first_start(struct ogi_db *db, const char *body_name, char *password, size_t n,
		     bool *created, char *err, size_t errlen);

/* Adds a user with roles on a body (ogictl); returns the user id or -1. */
long long ogi_user_add(struct ogi_db *db, const char *username, const char *password,
		       const char *role, long long body_id, const char *actor, char *err,
		       size_t errlen);

#endif

/* First start: an empty database gets one body and an administrator. */
#ifndef OGI_SETUP_H
#define OGI_SETUP_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/db/db.h"

/* When no user exists: creates the body body_name and the user "admin"
 * holding the admin role on it, with a random password written into
 * password (n ≥ 21) and *created = true.  Otherwise *created = false. */
bool ogi_first_start(struct ogi_db *db, const char *body_name, char *password, size_t n,
		     bool *created, char *err, size_t errlen);

/* Adds a user with roles on a body (ogictl); returns the user id or -1. */
long long ogi_user_add(struct ogi_db *db, const char *username, const char *password,
		       const char *role, long long body_id, const char *actor, char *err,
		       size_t errlen);

/* Stores an API token (its hash, hex) for user_id with its label and writes
 * the audit row (entity token, action create; actor_id 0: ogictl) in one
 * transaction: the token's id with its creation time in created_at, or -1
 * with db->message. */
long long ogi_token_add(struct ogi_db *db, const char *hash, long long user_id, const char *label,
			long long actor_id, const char *actor, char *created_at, size_t len);

/* The login of db: its name, whether it is a superuser and whether it owns
 * ogi's tables (or is a member of their owner).  ogid warns when either is
 * true: its requests should run under a login that holds only ogi_app. */
bool ogi_login_privileges(struct ogi_db *db, char *login, size_t n, bool *superuser, bool *owner);

/* The embedded cluster: makes the login role "ogid" (no privileges of its
 * own, a member of ogi_app) that ogid's requests connect as.  db is the
 * owner's connection, after migrations. */
bool ogi_embedded_login_ensure(struct ogi_db *db, char *err, size_t errlen);

#endif

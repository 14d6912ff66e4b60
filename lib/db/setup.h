/* First start: an empty database gets one body and an administrator. */
#ifndef OGI_SETUP_H
#define OGI_SETUP_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/db/db.h"
#include "lib/domain.h"

/* When no user exists: creates the body body_name and the user "admin"
 * holding the admin role on it, with a random password written into
 * password (n ≥ 21) and *created = true.  Otherwise *created = false. */
bool ogi_first_start(struct ogi_db *db, const char *body_name, char *password, size_t n,
                     bool *created, char *err, size_t errlen);

/* In the caller's transaction: adds a user (display_name: the name people
 * read on receipts and in the logs, NULL or "" for none) with role on
 * body_id (ogictl, the first start), audited by actor as one "create" row
 * {username, display_name when given, body_id, role}; its id into *id.  0,
 * OGI_E_USERNAME_TAKEN or a status < 0, with why in err. */
int ogi_user_add(struct ogi_db *db, const char *username, const char *display_name,
                 const char *password, enum ogi_role role, long long body_id, const char *actor,
                 long long *id, char *err, size_t errlen);

/* The login of db: its name, whether it is a superuser and whether it owns
 * ogi's tables (or is a member of their owner).  ogid warns when either is
 * true: its requests should run under a login that holds only ogi_app. */
bool ogi_login_privileges(struct ogi_db *db, char *login, size_t n, bool *superuser, bool *owner);

/* The embedded cluster: makes the login role "ogid" (no privileges of its
 * own, a member of ogi_app) that ogid's requests connect as.  db is the
 * owner's connection, after migrations. */
bool ogi_embedded_login_ensure(struct ogi_db *db, char *err, size_t errlen);

#endif

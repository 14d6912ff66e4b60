/* lib/db for users and their roles: the users an administrator sees and may
 * manage, creating one, granting and revoking roles, changing an account,
 * and the guard that keeps an active administrator of a top-level body.
 * Every function returns 0, the enum ogi_error (> 0) it names, or a status
 * < 0 (db.h). */
#ifndef OGI_DB_USERS_H
#define OGI_DB_USERS_H

#include <stdbool.h>
#include <stddef.h>

#include "api/errors.h"
#include "lib/account.h"
#include "lib/db/db.h"
#include "lib/domain.h"

/* The users an administrator of the bodies admin_roots may see, by id,
 * into out (free it with ogi_user_list_free): those holding a role in those
 * bodies or their subtrees, those holding none when one of admin_roots is
 * top-level, and the caller itself; each with its roles and whether the
 * caller may manage it (ogi_db_user_lock_manageable's rule). */
int ogi_db_users_visible(struct ogi_db *db, const long long *admin_roots, int nroots,
                         long long caller, struct ogi_user_list *out);

/* The user called username into out; OGI_E_NOT_FOUND when there is none. */
int ogi_db_user_by_name(struct ogi_db *db, const char *username, struct ogi_login_user *out);

/* User id (without its roles) into out; OGI_E_NOT_FOUND when there is no such user. */
int ogi_db_user_get(struct ogi_db *db, long long id, struct ogi_user *out);

/* How many users there are. */
int ogi_db_user_count(struct ogi_db *db, long long *out);

/* Inserts a user (display_name may be NULL: empty) with the password hash;
 * its id into *id; OGI_E_USERNAME_TAKEN when the name is. */
int ogi_db_user_insert(struct ogi_db *db, const char *username, const char *display_name,
                       const char *password_hash, long long *id);

/* Gives user_id the role g (nothing when it holds it already). */
int ogi_db_role_insert(struct ogi_db *db, long long user_id, const struct ogi_grant *g);
/* Takes the role g from user_id; OGI_E_NOT_FOUND when it does not hold it. */
int ogi_db_role_delete(struct ogi_db *db, long long user_id, const struct ogi_grant *g);

/* In the caller's transaction, as the API adds a user: inserts it with its
 * n roles, then audits by actor its creation ({username}) and each grant
 * ({body_id, role}) — in that order, as an audit row's body follows from
 * the user's roles, which must be in place first.  OGI_E_USERNAME_TAKEN. */
int ogi_db_user_create(struct ogi_db *db, const struct ogi_actor *actor, const char *username,
                       const char *display_name, const char *password_hash,
                       const struct ogi_grant *grants, int n, long long *id);
/* In the caller's transaction: gives user_id the n roles and audits each grant by actor. */
int ogi_db_user_grant(struct ogi_db *db, const struct ogi_actor *actor, long long user_id,
                      const struct ogi_grant *grants, int n);

/* Locks user user_id for the rest of the caller's transaction when caller,
 * an administrator of the bodies admin_roots, may manage it: it is the
 * caller, or every role it holds lies in admin_roots or their subtrees (a
 * user holding no role: when one of admin_roots is top-level).  One role
 * elsewhere and the user is not the caller's: a street office's admin could
 * otherwise grant itself a role on the district admin's account and then
 * reset its password.  The check runs after the lock, as a statement of its
 * own, so it sees every role committed by whoever held the lock before.
 * OGI_E_NOT_FOUND otherwise, as for no such user, so ids do not leak.  The
 * user (without its roles) into out when out is not NULL. */
int ogi_db_user_lock_manageable(struct ogi_db *db, long long user_id, const long long *admin_roots,
                                int nroots, long long caller, struct ogi_user *out);

/* In the caller's transaction: 0 when an active administrator of a
 * top-level body remains once user_id loses every role (g NULL) or the one
 * role g, else OGI_E_LAST_ADMIN.  Serialises concurrent removals (two
 * admins must not remove each other) with a lock held until commit. */
int ogi_db_admin_remains(struct ogi_db *db, long long user_id, const struct ogi_grant *g);

/* A change to an account: each field NULL (active: -1) when unchanged. */
struct ogi_user_change {
	const char *display_name;
	int active;
	const char *password_hash;
	const char *email; /* NULL: unchanged; "": none */
	int reminders;     /* -1: unchanged */
};
/* Changes user_id by ch and reads the user after it into out (may be NULL). */
int ogi_db_user_update(struct ogi_db *db, long long user_id, const struct ogi_user_change *ch,
                       struct ogi_user *out);

/* The password hash of user_id into out[len]; OGI_E_NOT_FOUND when the user
 * is not active or has no password. */
int ogi_db_user_password_hash(struct ogi_db *db, long long user_id, char *out, size_t len);

#endif

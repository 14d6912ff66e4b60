/* Who is calling and what they may do (auth.c). */
#ifndef OGI_DAEMON_AUTH_H
#define OGI_DAEMON_AUTH_H

#include "daemon/core/ctx.h"
#include "lib/account.h"
#include "lib/db/db.h"

bool auth_load(struct ctx *c, struct ogi_db *db, enum MHD_Result *result);
/* True when the caller holds at least role on body_id (or an ancestor). The path
 * is the body's ancestors from the root, as stored in bodies.path. */
bool auth_allows(const struct auth *a, const long long *path, int npath, enum ogi_role role);
/* Checks the caller's role on a body by id, loading its path.  On refusal
 * replies 404 (existence is not leaked) and returns false. */
bool require_body(struct ctx *c, struct ogi_db *db, long long body_id, enum ogi_role role,
                  enum MHD_Result *result);
/* The ids of bodies where the caller holds at least role, as a PostgreSQL
 * array literal "{1,5}" for subtree filters (path && $n). */
void auth_roots(const struct auth *a, enum ogi_role role, char *out, size_t len);
/* The same for the grants of exactly the roles in a mask of (1u << role) bits: the auditor
 * role is read-only and outside the clerk < … < admin order ("auditor or admin"). */
void auth_roots_holding(const struct auth *a, unsigned roles, char *out, size_t len);
/* The same as ids: the bodies of the caller's grants of the roles in the
 * mask, into out (up to max); the count. */
int auth_root_ids(const struct auth *a, unsigned roles, long long *out, int max);
bool auth_has_role(const struct auth *a, enum ogi_role role);
/* Whether the caller is an administrator of a top-level body. */
bool auth_top_level_admin(const struct auth *a);
/* Whether the caller may change the working-day calendar: one of its grants
 * allows it by lib/calendar_policy.h (an admin of a top-level body). */
bool auth_calendar_admin(const struct auth *a);
/* In the caller's transaction: locks user user_id when the caller may manage
 * it (ogi_db_user_lock_manageable, lib/db/users.h: the caller itself, or a
 * user every role of whom lies in the bodies where the caller is admin);
 * OGI_E_NOT_FOUND otherwise, as for no such user, so ids do not leak.  The
 * user into out when out is not NULL. */
int user_lock_manageable(struct ogi_db *db, const struct ctx *c, long long user_id,
                         struct ogi_user *out);
/* The Origin check of state-changing requests (see auth.c); required for cookies. */
bool origin_ok(struct ctx *c, bool required);

#endif

/* lib/db for who is calling: cookie sessions, API tokens and the tokens of
 * calendar feeds (login
 * throttling is lib/db/throttles.h).  Tokens and session cookies are
 * stored as their hash (lib/secret.h: ogi_token_hash), never themselves.
 * Every function returns 0, the enum ogi_error (> 0) it names, or a status
 * < 0 (db.h). */
#ifndef OGI_DB_SESSIONS_H
#define OGI_DB_SESSIONS_H

#include "api/errors.h"
#include "lib/account.h"
#include "lib/db/db.h"
#include "lib/domain.h"

/* The open session of token hash, unused for less than idle_seconds and
 * begun less than lifetime_seconds ago, of an active user, into out with
 * the user's roles; stale when its last use lies more than min(60,
 * idle_seconds / 2) seconds back.  OGI_E_NOT_FOUND when there is none. */
int ogi_db_session_lookup(struct ogi_db *db, const char *hash, int idle_seconds,
                          int lifetime_seconds, struct ogi_session *out);
/* The same for an API token not revoked (stale: unused for 60 s or never used). */
int ogi_db_token_lookup(struct ogi_db *db, const char *hash, struct ogi_session *out);
/* Writes down that session (or token) id was used now. */
int ogi_db_session_touch(struct ogi_db *db, long long id);
int ogi_db_token_touch(struct ogi_db *db, long long id);

/* Opens a session of user_id for the cookie of hash, logged in from address
 * with user_agent (either may be NULL); its id into *id (may be NULL). */
int ogi_db_session_insert(struct ogi_db *db, const char *hash, long long user_id,
                          const char *address, const char *user_agent, long long *id);
/* The open sessions of user_id (by the limits of ogi_db_session_lookup),
 * newest first, at most 200, into out (free it with
 * ogi_session_info_list_free). */
int ogi_db_sessions_of_user(struct ogi_db *db, long long user_id, int idle_seconds,
                            int lifetime_seconds, struct ogi_session_info_list *out);
/* Ends session id of user_id; OGI_E_NOT_FOUND when it is another's or has ended. */
int ogi_db_session_end_of_user(struct ogi_db *db, long long id, long long user_id);
/* Ends session id, or the session of the cookie of hash (nothing when it has ended). */
int ogi_db_session_end(struct ogi_db *db, long long id);
int ogi_db_session_end_by_hash(struct ogi_db *db, const char *hash);
/* Ends every open session of user_id but keep (0: all of them). */
int ogi_db_sessions_end_user(struct ogi_db *db, long long user_id, long long keep);

/* In the caller's transaction: stores the token of hash for user_id with
 * label, reads it into out (id, created_at) and audits its creation by
 * actor ({user_id, label}: never the token). */
int ogi_db_token_create(struct ogi_db *db, const struct ogi_actor *actor, const char *hash,
                        long long user_id, const char *label, struct ogi_token *out);
/* Every token of user_id, revoked ones too, by id into out (free it with ogi_token_list_free). */
int ogi_db_token_list(struct ogi_db *db, long long user_id, struct ogi_token_list *out);
/* The owner of token id into *user_id; OGI_E_NOT_FOUND when there is none. */
int ogi_db_token_owner(struct ogi_db *db, long long id, long long *user_id);
/* Revokes token id of user_id and reads it into out (label, revoked_at);
 * OGI_E_NOT_FOUND when it is not that user's or is revoked already. */
int ogi_db_token_revoke(struct ogi_db *db, long long id, long long user_id, struct ogi_token *out);
/* In the caller's transaction: revokes every valid token of user_id but keep
 * (0: all), auditing each by actor with reason ("password reset",
 * "password changed", "deactivated"); how many into *revoked. */
int ogi_db_tokens_revoke_user(struct ogi_db *db, const struct ogi_actor *actor, long long user_id,
                              long long keep, const char *reason, int *revoked);

/* The valid feed of token hash of an active user into out (its id, the user and roles:
 * what the feed may show is what the user may read now) and its scope into *scope;
 * OGI_E_NOT_FOUND when there is none. */
int ogi_db_feed_lookup(struct ogi_db *db, const char *hash, struct ogi_session *out,
                       enum ogi_feed_scope *scope);
/* Writes down that feed id was fetched now. */
int ogi_db_feed_touch(struct ogi_db *db, long long id);
/* In the caller's transaction: stores the feed of token hash for user_id, reads it into out
 * and audits its creation by actor (never the token). */
int ogi_db_feed_create(struct ogi_db *db, const struct ogi_actor *actor, const char *hash,
                       long long user_id, enum ogi_feed_scope scope, const char *label,
                       struct ogi_feed *out);
/* Every feed of user_id, revoked ones too, by id into out (ogi_feed_list_free). */
int ogi_db_feed_list(struct ogi_db *db, long long user_id, struct ogi_feed_list *out);
/* In the caller's transaction: revokes feed id of user_id, reads it into out and audits it;
 * OGI_E_NOT_FOUND when it is not that user's or is revoked already. */
int ogi_db_feed_revoke(struct ogi_db *db, const struct ogi_actor *actor, long long id,
                       long long user_id, struct ogi_feed *out);

#endif

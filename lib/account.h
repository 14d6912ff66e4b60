/* Accounts as lib/, lib/db and the wire see them: the bodies (机关) people
 * work in, the users and the roles they hold on bodies, their sessions and
 * API tokens — plain structs, no SQL, no JSON text — and the rule that
 * slows down password guessing. */
#ifndef OGI_ACCOUNT_H
#define OGI_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/domain.h"
#include "lib/request.h"

/* Text sizes in bytes for the limits the schema and the API set in
 * characters (UTF-8: at most 4 bytes each), with the NUL. */
#define OGI_USERNAME_SIZE     (64 * 4 + 1)  /* users.username: 1..64 characters */
#define OGI_DISPLAY_NAME_SIZE (100 * 4 + 1) /* the API's display_name: up to 100 */
#define OGI_BODY_NAME_SIZE    (200 * 4 + 1) /* bodies.name: 1..200 */
#define OGI_BODY_CODE_SIZE    (64 * 4 + 1)  /* bodies.code: 1..64 */
#define OGI_TOKEN_LABEL_SIZE  (200 * 4 + 1) /* the API's token label: up to 200 */
#define OGI_TIMESTAMP_SIZE    40            /* a timestamptz as PostgreSQL prints it */
#define OGI_USER_AGENT_SIZE   256           /* the browser a session was opened with, cut */
/* The most roles one session carries (a user's grants beyond it are not loaded). */
#define OGI_SESSION_GRANTS_MAX 64

/* A role held on a body and its subtree. */
struct ogi_grant {
	long long body_id;
	enum ogi_role role;
	bool top_level; /* body_id has no parent */
};

/* A body of the tree: its path holds the ids from the root down to itself. */
struct ogi_body {
	long long id;
	long long parent_id; /* 0 for a top-level body */
	char name[OGI_BODY_NAME_SIZE];
	char code[OGI_BODY_CODE_SIZE];
	bool has_code; /* code is NULL in the database when false */
	int npath;
	long long path[OGI_BODY_DEPTH_MAX];
};

struct ogi_body_list {
	size_t n;
	struct ogi_body *b;
};
void ogi_body_list_free(struct ogi_body_list *l);

/* A user, as an administrator lists it: with its roles (owned) and whether
 * the caller may change it. */
struct ogi_user {
	long long id;
	char username[OGI_USERNAME_SIZE];
	char display_name[OGI_DISPLAY_NAME_SIZE];
	bool active;
	char email[255]; /* for the reminder digests; empty when none */
	bool reminders;  /* whether the user gets them */
	bool manageable;
	size_t ngrants;
	struct ogi_grant *grants;
};

struct ogi_user_list {
	size_t n;
	struct ogi_user *u;
};
/* Frees the users' grants and the list, and zeroes it. */
void ogi_user_list_free(struct ogi_user_list *l);

/* What a login checks: the user's id, whether it is active and its password
 * hash (empty when it has none). */
struct ogi_login_user {
	long long id;
	bool active;
	char password_hash[256];
};

/* Who a session cookie or an API token stands for: the session's (or
 * token's) id, its user with the user's roles, and whether its last use was
 * long enough ago to be written down again (stale). */
struct ogi_session {
	long long id;
	long long user_id;
	char username[OGI_USERNAME_SIZE];
	bool stale;
	int ngrants;
	struct ogi_grant grants[OGI_SESSION_GRANTS_MAX];
};

/* An API token as its owner lists it (never the token itself). */
struct ogi_token {
	long long id;
	long long user_id;
	char label[OGI_TOKEN_LABEL_SIZE];
	char created_at[OGI_TIMESTAMP_SIZE];
	char last_used[OGI_TIMESTAMP_SIZE];  /* empty when never used */
	char revoked_at[OGI_TIMESTAMP_SIZE]; /* empty while it is valid */
};

struct ogi_token_list {
	size_t n;
	struct ogi_token *t;
};
void ogi_token_list_free(struct ogi_token_list *l);

/* A calendar feed (iCalendar, issue 16 item 5) as its owner lists it (never the token in its
 * URL): whose requests it shows, when it was made and last fetched, and whether revoked. */
enum ogi_feed_scope {
	OGI_FEED_ASSIGNED, /* the requests assigned to the user */
	OGI_FEED_BODIES,   /* every request of the bodies where the user holds a role */
};
extern const char *const ogi_feed_scope_names[]; /* "assigned", "bodies", NULL */

struct ogi_feed {
	long long id;
	long long user_id;
	enum ogi_feed_scope scope;
	char label[OGI_TOKEN_LABEL_SIZE];
	char created_at[OGI_TIMESTAMP_SIZE];
	char last_fetched_at[OGI_TIMESTAMP_SIZE]; /* empty when never fetched */
	long long fetches;
	char revoked_at[OGI_TIMESTAMP_SIZE]; /* empty while it is valid */
};

struct ogi_feed_list {
	size_t n;
	struct ogi_feed *f;
};
void ogi_feed_list_free(struct ogi_feed_list *l);

/* An open session as its user lists it (GET /api/v1/sessions): when and
 * where it began, its last use, when it ends unless used again (the idle
 * expiry or the absolute lifetime, whichever comes first) and the browser
 * that holds it. */
struct ogi_session_info {
	long long id;
	char created_at[OGI_TIMESTAMP_SIZE];
	char last_seen[OGI_TIMESTAMP_SIZE];
	char expires_at[OGI_TIMESTAMP_SIZE];
	char address[64];
	char user_agent[OGI_USER_AGENT_SIZE];
};

struct ogi_session_info_list {
	size_t n;
	struct ogi_session_info *s;
};
void ogi_session_info_list_free(struct ogi_session_info_list *l);

/* Login throttling (POST /api/v1/session, and PUT /api/v1/session/password
 * for its current password).  Every attempt is counted, before the password
 * is checked, against two counters:
 *   - the (username, address) pair: OGI_LOGIN_FREE_ATTEMPTS tries, then a
 *     wait after each of OGI_LOGIN_BACKOFF_FIRST_SECONDS, doubling up to
 *     OGI_LOGIN_BACKOFF_MAX_SECONDS; a good login ends the count, and a pair
 *     quiet for OGI_LOGIN_FORGET_SECONDS starts afresh.  Guesses from one
 *     address slow down that address only: the owner at their own desk is
 *     never made to wait for someone else's guesses (the lockout this
 *     replaces did that, issue 19 item 6);
 *   - the address, over every username: OGI_LOGIN_ADDRESS_BUDGET attempts
 *     within a window of OGI_LOGIN_ADDRESS_WINDOW_SECONDS, so one address
 *     cannot try one password on every username.  A good login gives its
 *     attempt back (a desk where many clerks log in is not stopped).
 * A throttled attempt is answered 429 with Retry-After: the wait. */
#define OGI_LOGIN_FREE_ATTEMPTS          5
#define OGI_LOGIN_BACKOFF_FIRST_SECONDS  15
#define OGI_LOGIN_BACKOFF_MAX_SECONDS    900
#define OGI_LOGIN_FORGET_SECONDS         86400
#define OGI_LOGIN_ADDRESS_BUDGET         30
#define OGI_LOGIN_ADDRESS_WINDOW_SECONDS 900

/* The two counters as stored: attempts so far and seconds since the pair's
 * last attempt; the address's attempts in its window and seconds since the
 * window began. */
struct ogi_login_counts {
	long long attempts, since_last;
	long long budget_attempts, since_window;
};

/* The seconds an attempt with the counts c must wait (0: it may go on now),
 * and when it may go on, c as it is to be stored after this attempt (the
 * attempt counted, a pair forgotten or a window ended started afresh:
 * since_last or since_window 0 marks a fresh start).  Pure: the caller holds
 * the rows locked while it reads, asks and writes. */
long long ogi_login_claim(struct ogi_login_counts *c);
/* The wait a pair with attempts attempts, the last since_last seconds ago,
 * still has (for the admins' list of throttles). */
long long ogi_login_backoff_wait(long long attempts, long long since_last);

/* A counter as administrators see it: of a username at an address, or (username
 * empty) of the address over every username; the user's id when the username
 * is one; the wait an attempt would have now. */
struct ogi_throttle {
	long long id;
	char username[OGI_USERNAME_SIZE];
	char address[64];
	long long user_id; /* 0: no such user, or the address's own counter */
	long long attempts;
	char last_at[OGI_TIMESTAMP_SIZE];
	long long wait_seconds;
};

struct ogi_throttle_list {
	size_t n;
	struct ogi_throttle *t;
};
void ogi_throttle_list_free(struct ogi_throttle_list *l);

#endif

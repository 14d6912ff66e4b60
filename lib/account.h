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

/* Login throttling: failed logins within the last OGI_LOGIN_WINDOW_SECONDS
 * stop further attempts for a username (counting the failures from
 * addresses the user has not logged in from lately) and for an address.
 * A throttled login is answered 429 with Retry-After: the window. */
#define OGI_LOGIN_WINDOW_SECONDS        900
#define OGI_LOGIN_FAILURES_PER_USERNAME 5
#define OGI_LOGIN_FAILURES_PER_ADDRESS  30
bool ogi_login_throttled(long long failures_of_username, long long failures_of_address);

#endif

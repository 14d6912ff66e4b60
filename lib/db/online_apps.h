/* lib/db for the public channel (issue 15): the server's key, the used
 * proof-of-work challenges, the public rate limits, the bodies that accept
 * online applications and the online applications themselves (submitted,
 * listed for staff, confirmed into a request or declined, looked up by
 * their number).  Every function returns 0, the enum ogi_error (> 0) it
 * names, or a status < 0 (db.h).  Binary values (key, digests, hashes)
 * travel as 32 raw bytes. */
#ifndef OGI_DB_ONLINE_APPS_H
#define OGI_DB_ONLINE_APPS_H

#include <stdbool.h>
#include <stddef.h>

#include "api/errors.h"
#include "lib/account.h"
#include "lib/db/db.h"
#include "lib/online.h"

#define OGI_DB_HASH_BYTES 32

/* The key of ogid's MACs: made (random) by the first caller, then read. */
int ogi_db_server_key(struct ogi_db *db, unsigned char key[OGI_DB_HASH_BYTES]);

/* In the caller's transaction: marks a challenge (its SHA-256) used until
 * expires_at (Unix seconds); OGI_E_POW_REPLAYED when it was used already.
 * A few long-expired ones are deleted on the way. */
int ogi_db_challenge_use(struct ogi_db *db, const unsigned char digest[OGI_DB_HASH_BYTES],
                         long long expires_at);

/* In the caller's transaction: counts one use of scope ("submit_address",
 * "submit_identity", "status_address") for the keyed hash of its key,
 * unless the last hour already had per_hour or the last day per_day; then
 * *retry_after is the seconds until a use is allowed again (0: counted). */
int ogi_db_public_throttle(struct ogi_db *db, const char *scope,
                           const unsigned char hash[OGI_DB_HASH_BYTES], int per_hour, int per_day,
                           long long *retry_after);

struct ogi_public_body {
	long long id;
	char name[OGI_BODY_NAME_SIZE];
	char address[804], phone[204], office_hours[204];
};
struct ogi_public_body_list {
	size_t n;
	struct ogi_public_body *v;
};
void ogi_public_body_list_free(struct ogi_public_body_list *l);
/* The bodies with accepts_online, by name. */
int ogi_db_public_bodies(struct ogi_db *db, struct ogi_public_body_list *out);
/* Body id's name when it accepts online applications; OGI_E_NOT_FOUND otherwise. */
int ogi_db_public_body_name(struct ogi_db *db, long long id, char *name, size_t len);

/* In the caller's transaction: stores app as a pending application with
 * number and the hash of its 查询码; OGI_E_CONFLICT when the number is taken
 * (the caller draws another); its id and time into out. */
int ogi_db_online_insert(struct ogi_db *db, const struct ogi_online_app *app, const char *number,
                         const unsigned char code_hash[OGI_DB_HASH_BYTES],
                         struct ogi_online_row *out);

struct ogi_online_list {
	size_t n;
	struct ogi_online_row *v;
};
void ogi_online_list_free(struct ogi_online_list *l);
/* The applications of state (NULL: pending) in the bodies roots (each with
 * its subtree; or only body_id with its subtree when > 0), oldest first, at
 * most limit. */
int ogi_db_online_list(struct ogi_db *db, const long long *roots, int nroots, long long body_id,
                       const char *state, int limit, struct ogi_online_list *out);
/* Pending applications in roots (their count and the oldest's age in seconds). */
int ogi_db_online_pending_count(struct ogi_db *db, const long long *roots, int nroots,
                                long long *count, long long *oldest_age);

/* Application id into out (FOR UPDATE when lock); OGI_E_NOT_FOUND. */
int ogi_db_online_get(struct ogi_db *db, long long id, bool lock, struct ogi_online_row *out);
/* Application of number into out, with its 查询码's hash, locked;
 * OGI_E_NOT_FOUND. */
int ogi_db_online_by_number(struct ogi_db *db, const char *number, struct ogi_online_row *out,
                            unsigned char code_hash[OGI_DB_HASH_BYTES]);
/* In the caller's transaction: pending application id confirmed into
 * request_id, or declined with reason (request_id 0), by user_id. */
int ogi_db_online_decide(struct ogi_db *db, long long id, long long request_id, const char *reason,
                         long long user_id);
/* A wrong code for application id (failures restart after an hour), or a
 * right one (reset true: the count starts again). */
int ogi_db_online_status_attempt(struct ogi_db *db, long long id, bool reset);

/* The request a platform's application (platform, platform_id) was imported
 * as: 0 with its id and tracking number, or OGI_E_NOT_FOUND; locked for
 * the caller's transaction when found (and its absence holds until commit:
 * the caller inserts with ogi_db_import_record, which a concurrent import of
 * the same id then waits for). */
int ogi_db_import_find(struct ogi_db *db, const char *platform, const char *platform_id,
                       long long *request_id, char *tracking_no, size_t len);
/* In the caller's transaction: (platform, platform_id) imported as request_id by
 * user_id; OGI_E_CONFLICT when another transaction imported it meanwhile. */
int ogi_db_import_record(struct ogi_db *db, const char *platform, const char *platform_id,
                         long long request_id, long long user_id);

/* Online 补正 (migration 0031): an applicant's answer to a correction notice. */
struct ogi_online_correction {
	long long id;
	char state[16];       /* pending | confirmed | rejected */
	ogi_date received_on; /* the day the applicant submitted it (Asia/Shanghai) */
	char received_at[40];
	char reject_reason[2004];
};
/* In the caller's transaction: stores a pending answer of online application online_id to
 * the correction asked on request_id (of body_id), received on received_on; its id into *id.
 * OGI_E_CORRECTION_ANSWER_PENDING when an answer of that request still waits for staff. */
int ogi_db_online_correction_add(struct ogi_db *db, long long online_id, long long body_id,
                                 long long request_id, const char *text, ogi_date received_on,
                                 long long *id);
/* The latest answer to a correction of request_id into out; OGI_E_NOT_FOUND when none. */
int ogi_db_online_correction_last(struct ogi_db *db, long long request_id,
                                  struct ogi_online_correction *out);
/* The answers of online application online_id to the corrections of its request request_id,
 * oldest first, at most limit, into *out (malloc'd, free it) and *n. */
int ogi_db_online_corrections_of(struct ogi_db *db, long long online_id, long long request_id,
                                 int limit, struct ogi_online_correction **out, size_t *n);

struct ogi_correction_list {
	size_t n;
	struct ogi_correction_row *v;
};
void ogi_correction_list_free(struct ogi_correction_list *l);
/* The answers of state (NULL: pending) whose request is in the bodies roots (each with its
 * subtree; or only body_id with its subtree when > 0; only of request_id when > 0), oldest
 * first, at most limit. */
int ogi_db_online_correction_list(struct ogi_db *db, const long long *roots, int nroots,
                                  long long body_id, long long request_id, const char *state,
                                  int limit, struct ogi_correction_list *out);
/* Answer id into out, locked (FOR UPDATE); OGI_E_NOT_FOUND. */
int ogi_db_online_correction_get(struct ogi_db *db, long long id, struct ogi_correction_row *out);
/* Pending answers whose request is in roots: their count, the oldest's age in seconds and
 * its request (0 when none). */
int ogi_db_online_correction_pending_count(struct ogi_db *db, const long long *roots, int nroots,
                                           long long *count, long long *oldest_age,
                                           long long *first_request_id);
/* In the caller's transaction: a pending answer confirmed as event_id (> 0) or rejected with
 * reason (event_id 0) by user_id; OGI_E_CORRECTION_ANSWER_HANDLED when it is no longer
 * pending. */
int ogi_db_online_correction_decide(struct ogi_db *db, long long id, long long event_id,
                                    const char *reason, long long user_id);

/* The applicant's files (migration 0032): an identity copy sent with a pending application. */
/* The number of files of online_id with correction_id (0: the application's own) into *n. */
int ogi_db_online_file_count(struct ogi_db *db, long long online_id, long long correction_id,
                             long long *n);
/* Stores f (its online_id, body_id, correction_id, name, content_type, size, sha256) with its size
 * bytes of data; its id into *id. */
int ogi_db_online_file_add(struct ogi_db *db, const struct ogi_online_file *f, const void *data,
                           long long *id);
/* The files of online_id with correction_id (0: the application's own, -1: all), oldest
 * first, into *out (malloc'd, free it) and *n. */
int ogi_db_online_files_of(struct ogi_db *db, long long online_id, long long correction_id,
                           struct ogi_online_file **out, size_t *n);
/* File id of online_id's bytes into *data (malloc'd) and *len; OGI_E_NOT_FOUND. */
int ogi_db_online_file_data(struct ogi_db *db, long long online_id, long long id,
                            unsigned char **data, size_t *len);
/* Makes every unattached file of online_id with correction_id an attachment of request_id of
 * body_id (identity_copy for correction_id 0, else correction_material), created by user_id,
 * in chunks of chunk_size bytes, and drops its bytes here; how many into *n. */
int ogi_db_online_files_attach(struct ogi_db *db, long long online_id, long long correction_id,
                               long long request_id, long long body_id, int chunk_size,
                               long long user_id, int *n);
/* The id of online_id's pending correction answer, locked, into *id (0 when none). */
int ogi_db_online_correction_pending_of(struct ogi_db *db, long long online_id, long long *id);

#endif

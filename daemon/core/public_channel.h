/* The public channel's floor (issue 15): its settings, the server's key
 * (read once from the database, shared by every ogid of it) and the keyed
 * hashes the public throttles store instead of an address or an identity
 * number. */
#ifndef OGI_DAEMON_PUBLIC_CHANNEL_H
#define OGI_DAEMON_PUBLIC_CHANNEL_H

#include <stdbool.h>

#include "api/errors.h"
#include "daemon/core/ctx.h"
#include "lib/db/db.h"
#include "lib/pow.h"

struct public_settings {
	int pow_bits; /* the challenges' difficulty (OGI_POW_BITS; 18: some 260 000 hashes, a second
	                 or two on a phone) */
	int challenge_seconds;               /* how long a challenge is good for (600) */
	int submit_per_hour, submit_per_day; /* per address and per identity (5, 20) */
	int status_per_hour, status_per_day; /* lookups per address (30, 200) */
};
extern struct public_settings public_settings;

/* Reads the settings from the environment (OGI_POW_BITS, OGI_PUBLIC_LIMIT_HOUR,
 * OGI_PUBLIC_LIMIT_DAY, OGI_STATUS_LIMIT_HOUR, OGI_STATUS_LIMIT_DAY) over the defaults. */
void public_settings_init(void);

/* The server's key into key; false after replying (503/500) when it cannot be read. */
bool public_key(struct ctx *c, struct ogi_db *db, unsigned char key[OGI_POW_KEY_BYTES],
                enum MHD_Result *result);

/* HMAC-SHA-256 under key of scope and value: what a throttle stores. */
void public_hash(const unsigned char key[OGI_POW_KEY_BYTES], const char *scope, const char *value,
                 unsigned char out[32]);

/* The address whose keyed hash (of scope "submit_address" or "status_address") is h found
 * over its limit for retry_after seconds more: remembered in memory (a fixed-size table). */
void public_refusal_remember(const unsigned char h[32], long long retry_after);

/* true after answering 429 code with Retry-After when c's address is remembered over its limit
 * of scope: the cheapest refusal, before the body is checked or the database asked. */
bool public_refused_early(struct ctx *c, const unsigned char key[OGI_POW_KEY_BYTES],
                          const char *scope, enum ogi_error code, enum MHD_Result *result);

struct ogi_online_row;

/* In the caller's transaction: one lookup by the applicant (POST /api/v1/public/status and
 * the routes its answer leads to: the letters, the answer to a correction).  Counts the
 * lookup for c's address (429 material: *retry_after > 0 and nothing else done), then
 * finds application number with the code: *found with the row when the code is right and
 * the number not locked (10 wrong codes within the hour lock it), else not found exactly
 * as for a number that does not exist (a wrong code is counted).  0 or a database status. */
int public_lookup(struct ogi_db *db, struct ctx *c, const unsigned char key[OGI_POW_KEY_BYTES],
                  const char *number, const char *code, struct ogi_online_row *row, bool *found,
                  long long *retry_after);

#endif

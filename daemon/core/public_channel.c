/* The public channel's settings, key and keyed hashes (see public_channel.h). */
#include "daemon/core/public_channel.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "lib/db/online_apps.h"

struct public_settings public_settings = {
    .pow_bits = 18,
    .challenge_seconds = 600,
    .submit_per_hour = 5,
    .submit_per_day = 20,
    .status_per_hour = 30,
    .status_per_day = 200,
};

static void env_int(const char *name, int *out, int min, int max)
{
	const char *v = getenv(name);
	char *end;
	long n = v ? strtol(v, &end, 10) : 0;
	if (v && *v && *end == '\0' && n >= min && n <= max)
		*out = (int)n;
}

void public_settings_init(void)
{
	env_int("OGI_POW_BITS", &public_settings.pow_bits, 0, OGI_POW_BITS_MAX);
	env_int("OGI_PUBLIC_LIMIT_HOUR", &public_settings.submit_per_hour, 1, 1000000);
	env_int("OGI_PUBLIC_LIMIT_DAY", &public_settings.submit_per_day, 1, 1000000);
	env_int("OGI_STATUS_LIMIT_HOUR", &public_settings.status_per_hour, 1, 1000000);
	env_int("OGI_STATUS_LIMIT_DAY", &public_settings.status_per_day, 1, 1000000);
}

static pthread_mutex_t key_lock = PTHREAD_MUTEX_INITIALIZER;
static bool key_loaded;
static unsigned char key_bytes[OGI_POW_KEY_BYTES];

bool public_key(struct ctx *c, struct ogi_db *db, unsigned char key[OGI_POW_KEY_BYTES],
                enum MHD_Result *result)
{
	pthread_mutex_lock(&key_lock);
	int rc = 0;
	if (!key_loaded && (rc = ogi_db_server_key(db, key_bytes)) == 0)
		key_loaded = true;
	if (key_loaded)
		memcpy(key, key_bytes, OGI_POW_KEY_BYTES);
	pthread_mutex_unlock(&key_lock);
	if (rc != 0)
		*result = reply_status(c, db, rc);
	return rc == 0;
}

void public_hash(const unsigned char key[OGI_POW_KEY_BYTES], const char *scope, const char *value,
                 unsigned char out[32])
{
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, key, OGI_POW_KEY_BYTES);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)scope, strlen(scope) + 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)value, strlen(value));
	crypto_auth_hmacsha256_final(&st, out);
}

/* The addresses the database found over a limit, remembered until their window ends, so that
 * the rest of a flood from them is refused before its body is checked, its proof of work
 * verified or a transaction begun: a refusal then costs an HMAC and a look in this table.
 * Fixed size: an address whose slot another takes is just counted in the database again.
 * Only the windows' end can lift a limit (nothing resets a public throttle), so a remembered
 * refusal is never wrong; the slot is chosen by the keyed hash, which nobody can aim. */
#define REFUSED_SLOTS 4096
static struct {
	unsigned char hash[32];
	long long until;
} refused[REFUSED_SLOTS];
static pthread_mutex_t refused_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t refused_slot(const unsigned char h[32])
{
	return ((size_t)h[0] << 8 | h[1]) % REFUSED_SLOTS;
}

void public_refusal_remember(const unsigned char h[32], long long retry_after)
{
	if (retry_after <= 0)
		return;
	size_t i = refused_slot(h);
	pthread_mutex_lock(&refused_lock);
	memcpy(refused[i].hash, h, 32);
	refused[i].until = (long long)time(NULL) + retry_after;
	pthread_mutex_unlock(&refused_lock);
}

bool public_refused_early(struct ctx *c, const unsigned char key[OGI_POW_KEY_BYTES],
                          const char *scope, enum ogi_error code, enum MHD_Result *result)
{
	unsigned char h[32];
	public_hash(key, scope, c->peer.address, h);
	size_t i = refused_slot(h);
	long long now = (long long)time(NULL), left = 0;
	pthread_mutex_lock(&refused_lock);
	if (refused[i].until > now && sodium_memcmp(refused[i].hash, h, 32) == 0)
		left = refused[i].until - now;
	pthread_mutex_unlock(&refused_lock);
	if (left > 0)
		*result = reply_retry_after(c, code, left);
	return left > 0;
}

#define LOCK_FAILURES 10
#define LOCK_SECONDS  3600

int public_lookup(struct ogi_db *db, struct ctx *c, const unsigned char key[OGI_POW_KEY_BYTES],
                  const char *number, const char *code, struct ogi_online_row *row, bool *found,
                  long long *retry_after)
{
	*found = false;
	*retry_after = 0;
	unsigned char h[32];
	public_hash(key, "status_address", c->peer.address, h);
	int rc = ogi_db_public_throttle(db, "status_address", h, public_settings.status_per_hour,
	                                public_settings.status_per_day, retry_after);
	if (rc == 0)
		public_refusal_remember(h, *retry_after);
	if (rc != 0 || *retry_after > 0)
		return rc;
	unsigned char given[32], stored[32];
	crypto_hash_sha256(given, (const unsigned char *)code, strlen(code));
	rc = ogi_online_number_valid(number) ? ogi_db_online_by_number(db, number, row, stored)
	                                     : OGI_E_NOT_FOUND;
	if (rc == OGI_E_NOT_FOUND) {
		memset(stored, 0xa5, sizeof stored); /* the same comparison as for a real number */
		int same = sodium_memcmp(given, stored, sizeof stored);
		return same == 0 ? OGI_DB_HARD : 0; /* never: a dummy no code hashes to */
	}
	if (rc != 0)
		return rc;
	bool right = sodium_memcmp(given, stored, sizeof stored) == 0;
	bool locked = row->status_failures >= LOCK_FAILURES && row->since_failure >= 0 &&
	              row->since_failure < LOCK_SECONDS;
	if (!right || locked)
		return right ? 0 : ogi_db_online_status_attempt(db, row->id, false);
	if ((rc = ogi_db_online_status_attempt(db, row->id, true)) != 0)
		return rc;
	*found = true;
	return 0;
}

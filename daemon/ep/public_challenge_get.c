/* GET /api/v1/public/challenge: a proof-of-work challenge for one public
 * submission (issue 15 item 2) — random, signed with the server's key,
 * expiring after public_settings.challenge_seconds, of the difficulty the
 * setting gives; single use is checked when it comes back. */
#include <stdio.h>
#include <time.h>

#include "daemon/core/dbconn.h"
#include "daemon/core/public_channel.h"
#include "daemon/core/reply.h"
#include "daemon/ep/ep.h"
#include "lib/pow.h"

enum MHD_Result h_public_challenge_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	unsigned char key[OGI_POW_KEY_BYTES];
	if (!public_key(c, db, key, &result))
		return result;
	long long expires = (long long)time(NULL) + public_settings.challenge_seconds;
	char challenge[OGI_POW_CHALLENGE_SIZE], at[32];
	ogi_pow_challenge_new(key, expires, public_settings.pow_bits, challenge);
	time_t t = (time_t)expires;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return reply_json(c, 200,
	                  json_pack("{s:s, s:i, s:s}", "challenge", challenge, "bits",
	                            public_settings.pow_bits, "expires_at", at));
}

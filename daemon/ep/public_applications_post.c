/* POST /api/v1/public/applications: an online application from the public
 * (issue 15 item 3), no login.  An address the database already found over
 * its limit is refused from memory (429, nothing else done).  The body is checked (lib/online: the
 * identity document's GB 11643 / GB 32100 check again on the server), the
 * proof of work verified (signed by this server, not expired, solved), and
 * in one transaction the challenge is spent (single use), the address and
 * the identity number are counted against their limits (keyed hashes, no
 * personal data), the body must accept online applications, and the
 * application is stored, pending, with a new number and the hash of its
 * 查询码.  201 with the number and the code — the code is shown this once.
 * Nothing personal reaches a log: the access line has the path only. */
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "daemon/core/dbconn.h"
#include "daemon/core/public_channel.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/online_json.h"
#include "lib/db/online_apps.h"
#include "lib/online.h"

bool in_public_applications_post(json_t *body, struct spec_errors *errs)
{
	struct ogi_online_app app;
	return ogi_online_parse(body, ogi_today(), &app, errs);
}

struct submit {
	struct ctx *c;
	struct ogi_online_app app;
	unsigned char key[OGI_POW_KEY_BYTES];
	unsigned char challenge_digest[32];
	long long expires_at;
	char code[OGI_ONLINE_CODE_LEN + 1];
	unsigned char code_hash[32];
	/* the answer */
	long long retry_after;
	struct ogi_online_row row;
};

static int submit_tx(struct ogi_db *db, void *cls)
{
	struct submit *s = cls;
	s->retry_after = 0;
	int rc = ogi_db_challenge_use(db, s->challenge_digest, s->expires_at);
	if (rc != 0)
		return rc;
	unsigned char h[32];
	public_hash(s->key, "submit_address", s->c->peer.address, h);
	if ((rc = ogi_db_public_throttle(db, "submit_address", h, public_settings.submit_per_hour,
	                                 public_settings.submit_per_day, &s->retry_after)) != 0)
		return rc;
	if (s->retry_after > 0) {
		/* the rest of the flood is refused from memory (public_refused_early) */
		public_refusal_remember(h, s->retry_after);
		return 0; /* a refused attempt still spends its challenge */
	}
	public_hash(s->key, "submit_identity", s->app.id_number, h);
	if ((rc = ogi_db_public_throttle(db, "submit_identity", h, public_settings.submit_per_hour,
	                                 public_settings.submit_per_day, &s->retry_after)) != 0 ||
	    s->retry_after > 0)
		return rc;
	char body_name[OGI_BODY_NAME_SIZE];
	if ((rc = ogi_db_public_body_name(db, s->app.body_id, body_name, sizeof body_name)) != 0) {
		if (rc == OGI_E_NOT_FOUND) {
			ctx_detail(s->c, "body %lld does not take online applications",
			           s->app.body_id);
			rc = OGI_E_ONLINE_BODY_CLOSED;
		}
		return rc;
	}
	for (int attempt = 0; attempt < 8; attempt++) {
		char number[OGI_ONLINE_NUMBER_SIZE];
		ogi_online_number_new(ogi_today(), number);
		rc = ogi_db_online_insert(db, &s->app, number, s->code_hash, &s->row);
		if (rc != OGI_E_CONFLICT)
			return rc;
	}
	ctx_detail(s->c, "no free application number");
	return OGI_E_INTERNAL;
}

/* The proof of work: false after answering 400 naming what is wrong. */
static bool pow_ok(struct ctx *c, struct submit *s, enum MHD_Result *result)
{
	const char *ch = s->app.pow_challenge;
	int bits;
	if (!ogi_pow_challenge_parse(s->key, ch, strlen(ch), &s->expires_at, &bits)) {
		*result =
		    reply_problem(c, OGI_E_POW_INVALID, "pow.challenge is not one ogid issued");
		return false;
	}
	if (s->expires_at < (long long)time(NULL)) {
		*result = reply_problem(c, OGI_E_POW_EXPIRED, "pow.challenge has expired");
		return false;
	}
	if (!ogi_pow_ok(ch, strlen(ch), s->app.pow_nonce, bits)) {
		*result = reply_problem(c, OGI_E_POW_UNSOLVED,
		                        "SHA-256(challenge followed by the nonce in decimal) has "
		                        "fewer than %d leading zero bits",
		                        bits);
		return false;
	}
	crypto_hash_sha256(s->challenge_digest, (const unsigned char *)ch, strlen(ch));
	return true;
}

enum MHD_Result h_public_applications_post(struct ctx *c)
{
	struct submit *s = calloc(1, sizeof *s);
	if (s == NULL)
		return MHD_NO;
	s->c = c;
	struct spec_errors errs = {0};
	enum MHD_Result result;
	struct ogi_db *db;
	/* cheapest first: an address known to be over its limit (memory), the fields, the proof
	   of work (a hash), and only then the database */
	if ((db = thread_db(c, &result)) == NULL || !public_key(c, db, s->key, &result) ||
	    public_refused_early(c, s->key, "submit_address", OGI_E_PUBLIC_RATE_LIMITED, &result))
		goto out;
	if (!ogi_online_parse(c->json, ogi_today(), &s->app, &errs)) {
		result = reply_invalid(c, &errs);
		goto out;
	}
	if (!pow_ok(c, s, &result))
		goto out;
	ogi_online_code_new(s->code);
	crypto_hash_sha256(s->code_hash, (const unsigned char *)s->code, strlen(s->code));
	if (!tx(c, "online application", submit_tx, s, &result))
		goto out;
	if (s->retry_after > 0) {
		result = reply_retry_after(c, OGI_E_PUBLIC_RATE_LIMITED, s->retry_after);
		goto out;
	}
	json_t *out = json_pack("{s:s, s:s, s:I, s:s, s:s, s:o}", "number", s->row.number, "code",
	                        s->code, "body_id", (json_int_t)s->row.body_id, "body_name",
	                        s->row.body_name, "submitted_at", s->row.submitted_at, "status",
	                        wire_public_status(OGI_PUBLIC_SUBMITTED));
	result = reply_json(c, 201, out);
out:
	sodium_memzero(s, sizeof *s);
	free(s);
	return result;
}

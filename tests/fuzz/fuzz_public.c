/* The public channel's input (issue 15): the body of a public submission
 * (lib/online.c, what the internet may send) and the proof of work
 * (lib/pow.c).  The first byte picks the part.  Checked for a submission:
 * a verdict always with reasons (field and both messages), an accepted one
 * with every required field, an identity number that passes its check
 * again, no control character left in the one-line fields and a composed
 * description that fits its buffer; for the proof of work: a challenge is
 * accepted only as made under the key (any bytes after a prefix of one, or
 * under another key, are refused), parsing is the inverse of making, and
 * the verifier agrees with a leading-zero count of its own. */
#include <sodium.h>
#include <string.h>

#include "lib/domain.h"
#include "lib/idcheck.h"
#include "lib/online.h"
#include "lib/pow.h"
#include "tests/fuzz/fuzz.h"

static const unsigned char key[OGI_POW_KEY_BYTES] = "ogi fuzz key, thirty-two bytes!";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return sodium_init() < 0;
}

static void submission(const uint8_t *data, size_t size)
{
	json_t *body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	if (body == NULL)
		return;
	struct ogi_online_app app;
	struct spec_errors errs = {0};
	ogi_date today = ogi_date_from_ymd(2026, 12, 3);
	bool ok = ogi_online_parse(body, today, &app, &errs);
	FUZZ_CHECK(ok == (errs.n == 0));
	for (int i = 0; i < errs.n; i++)
		FUZZ_CHECK(errs.e[i].code[0] && errs.e[i].message_zh[0] && errs.e[i].message_en[0]);
	if (ok) {
		FUZZ_CHECK(app.name && app.id_number && app.phone && app.description &&
		           app.pow_challenge);
		FUZZ_CHECK(app.declared && app.body_id > 0 && app.pow_nonce >= 0);
		char again[64];
		struct ogi_idcheck why;
		FUZZ_CHECK(ogi_check_id(app.id_type, app.id_number, strlen(app.id_number), today,
		                        again, sizeof again, &why));
		for (const unsigned char *p = (const unsigned char *)app.name; *p; p++)
			FUZZ_CHECK(*p >= 0x20 && *p != 0x7f);
		char buf[OGI_ONLINE_COMPOSED_SIZE];
		struct ogi_intake in;
		ogi_online_intake(&app, today, today, buf, sizeof buf, &in);
		FUZZ_CHECK(memchr(buf, '\0', sizeof buf) != NULL);
		FUZZ_CHECK(in.received_on == today && in.channel == OGI_CHANNEL_ONLINE);
	}
	json_decref(body);
}

static int zeros_of(const unsigned char *d)
{
	int n = 0;
	for (int i = 0; i < 32 && d[i] == 0; i++)
		n += 8;
	if (n < 256) {
		unsigned char b = d[n / 8];
		while (!(b & 0x80)) {
			n++;
			b <<= 1;
		}
	}
	return n;
}

static void proof_of_work(const uint8_t *data, size_t size)
{
	/* any bytes as a challenge: refused unless made here */
	long long expires;
	int bits;
	if (ogi_pow_challenge_parse(key, (const char *)data, size, &expires, &bits))
		FUZZ_CHECK(bits >= 0 && bits <= OGI_POW_BITS_MAX && expires >= 0);
	/* the verifier against a count of its own, for a nonce from the input */
	long long nonce = 0;
	for (size_t i = 0; i < size && i < 6; i++) /* below 2^53 */
		nonce = nonce * 256 + data[i];
	char digits[24];
	int n = snprintf(digits, sizeof digits, "%lld", nonce);
	unsigned char *msg = malloc(size + (size_t)n + 1);
	if (msg == NULL)
		return;
	memcpy(msg, data, size);
	memcpy(msg + size, digits, (size_t)n);
	unsigned char d[32];
	crypto_hash_sha256(d, msg, size + (size_t)n);
	free(msg);
	int z = zeros_of(d);
	for (int b = 0; b <= 12; b++)
		FUZZ_CHECK(ogi_pow_ok((const char *)data, size, nonce, b) == (z >= b));
	/* made and parsed back; the input's bytes spliced in are refused (the MAC) */
	char c[OGI_POW_CHALLENGE_SIZE];
	int want_bits = size ? data[0] % (OGI_POW_BITS_MAX + 1) : 0;
	ogi_pow_challenge_new(key, 1764000000 + (long long)size, want_bits, c);
	FUZZ_CHECK(ogi_pow_challenge_parse(key, c, strlen(c), &expires, &bits));
	FUZZ_CHECK(bits == want_bits && expires == 1764000000 + (long long)size);
	if (size > 0) {
		size_t at = data[size - 1] % strlen(c);
		char forged[OGI_POW_CHALLENGE_SIZE];
		memcpy(forged, c, sizeof forged);
		forged[at] = (char)(forged[at] ^ (data[0] | 1));
		if (forged[at] != '\0')
			FUZZ_CHECK(
			    !ogi_pow_challenge_parse(key, forged, strlen(forged), &expires, &bits));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1)
		proof_of_work(data + 1, size - 1);
	else
		submission(data + 1, size - 1);
	return 0;
}

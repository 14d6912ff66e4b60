/* The public channel's proof of work (lib/pow.c, issue 15 item 2): the
 * leading-zero count, the verifier against SHA-256 values computed
 * independently (Python's hashlib), and the signed challenge — made,
 * parsed, and refused when forged, truncated or of another key. */
#include <sodium.h>
#include <string.h>

#include "lib/pow.h"
#include "tests/unit/check.h"

#define CH "v1.1764000000.8.AAAAAAAAAAAAAAAAAAAAAA.x"

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	/* leading zero bits of a digest */
	static const struct {
		unsigned char first[3];
		int bits;
		bool want;
	} zeros[] = {
	    {{0xff, 0, 0}, 0, true},     /* no work asked */
	    {{0x7f, 0, 0}, 1, true},     /* 0111 1111: one zero bit */
	    {{0x7f, 0, 0}, 2, false},    /* but not two */
	    {{0x00, 0x0f, 0}, 12, true}, /* a whole byte and 4 bits */
	    {{0x00, 0x0f, 0}, 13, false},    {{0x00, 0x00, 0x01}, 23, true},
	    {{0x00, 0x00, 0x01}, 24, false}, {{0x00, 0x00, 0x00}, -1, false}, /* out of range */
	};
	for (size_t i = 0; i < sizeof zeros / sizeof zeros[0]; i++) {
		unsigned char d[32] = {0};
		memset(d, 0xff, sizeof d);
		memcpy(d, zeros[i].first, 3);
		CHECK(ogi_pow_leading_zeros(d, zeros[i].bits) == zeros[i].want, "case %zu", i);
	}
	unsigned char all[32] = {0};
	CHECK(ogi_pow_leading_zeros(all, 256), "an all-zero digest has 256");
	CHECK(!ogi_pow_leading_zeros(all, 257), "257 is out of range");

	/* SHA-256(CH ‖ decimal nonce): the smallest nonce with at least N zero bits, from
	   hashlib — 28 has exactly 4, 9 has 5, 104 has 6, 54 has 7, 644 has 8, 12 has 11 */
	static const struct {
		long long nonce;
		int bits;
		bool want;
	} solve[] = {
	    {0, 0, true},
	    {0, 1, false},
	    {2, 1, true},
	    {28, 4, true},
	    {28, 5, false},
	    {9, 5, true},
	    {104, 6, true},
	    {54, 7, true},
	    {644, 8, true},
	    {644, 9, false},
	    {12, 11, true},
	    {12, 12, false},
	    {-1, 0, false},                    /* a nonce is never negative */
	    {OGI_POW_NONCE_MAX + 1, 0, false}, /* nor past 2^53 - 1 */
	};
	for (size_t i = 0; i < sizeof solve / sizeof solve[0]; i++)
		CHECK(ogi_pow_ok(CH, strlen(CH), solve[i].nonce, solve[i].bits) == solve[i].want,
		      "nonce %lld bits %d", solve[i].nonce, solve[i].bits);

	/* the challenge: made, parsed back, and refused when anything is changed */
	unsigned char key[OGI_POW_KEY_BYTES], other[OGI_POW_KEY_BYTES];
	memset(key, 7, sizeof key);
	memset(other, 8, sizeof other);
	char c[OGI_POW_CHALLENGE_SIZE];
	ogi_pow_challenge_new(key, 1764000600, 12, c);
	long long expires;
	int bits;
	CHECK(ogi_pow_challenge_parse(key, c, strlen(c), &expires, &bits), "%s", c);
	CHECK_INT(expires, 1764000600, "expiry read back");
	CHECK_INT(bits, 12, "difficulty read back");
	CHECK(strncmp(c, "v1.1764000600.12.", 17) == 0, "%s", c);
	CHECK(!ogi_pow_challenge_parse(other, c, strlen(c), &expires, &bits), "another key");
	CHECK(!ogi_pow_challenge_parse(key, c, strlen(c) - 1, &expires, &bits), "cut short");
	char forged[OGI_POW_CHALLENGE_SIZE];
	memcpy(forged, c, sizeof forged);
	forged[14] = '0'; /* 12 → 02: an easier difficulty under the old MAC */
	CHECK(!ogi_pow_challenge_parse(key, forged, strlen(forged), &expires, &bits), "%s", forged);
	memcpy(forged, c, sizeof forged);
	forged[3] = '2'; /* a later expiry */
	CHECK(!ogi_pow_challenge_parse(key, forged, strlen(forged), &expires, &bits), "%s", forged);
	char fresh[OGI_POW_CHALLENGE_SIZE];
	ogi_pow_challenge_new(key, 1764000600, 12, fresh);
	CHECK(strcmp(fresh, c) != 0, "two challenges differ (random part)");
	CHECK(!ogi_pow_challenge_parse(key, "v1.1.1.x.y", 10, &expires, &bits), "malformed");
	CHECK(!ogi_pow_challenge_parse(key, "", 0, &expires, &bits), "empty");
	ogi_pow_challenge_new(key, 1764000600, 40, c); /* beyond the maximum: the maximum */
	CHECK(ogi_pow_challenge_parse(key, c, strlen(c), &expires, &bits) &&
	          bits == OGI_POW_BITS_MAX,
	      "%s", c);
	return check_done("pow");
}

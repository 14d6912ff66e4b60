/* The proof of work of the public channel (see pow.h). */
#include "lib/pow.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define RANDOM_BYTES 16
#define RANDOM_B64   22 /* 16 bytes, base64url without padding */
#define MAC_B64      43 /* 32 bytes */

bool ogi_pow_leading_zeros(const unsigned char *digest, int bits)
{
	if (bits < 0 || bits > 256)
		return false;
	int whole = bits / 8, rest = bits % 8;
	for (int i = 0; i < whole; i++)
		if (digest[i] != 0)
			return false;
	return rest == 0 || (digest[whole] >> (8 - rest)) == 0;
}

bool ogi_pow_ok(const char *challenge, size_t len, long long nonce, int bits)
{
	if (nonce < 0 || nonce > OGI_POW_NONCE_MAX || bits < 0 || bits > 256)
		return false;
	char digits[24];
	int n = snprintf(digits, sizeof digits, "%lld", nonce);
	crypto_hash_sha256_state st;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)challenge, len);
	crypto_hash_sha256_update(&st, (const unsigned char *)digits, (size_t)n);
	crypto_hash_sha256_final(&st, digest);
	return ogi_pow_leading_zeros(digest, bits);
}

static void mac_of(const unsigned char key[OGI_POW_KEY_BYTES], const char *text, size_t len,
                   char out[MAC_B64 + 1])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, key, OGI_POW_KEY_BYTES);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"ogi-pow-v1", 10);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)text, len);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2base64(out, MAC_B64 + 1, mac, sizeof mac,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void ogi_pow_challenge_new(const unsigned char key[OGI_POW_KEY_BYTES], long long expires_at,
                           int bits, char out[OGI_POW_CHALLENGE_SIZE])
{
	unsigned char raw[RANDOM_BYTES];
	char rnd[RANDOM_B64 + 1], mac[MAC_B64 + 1];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(rnd, sizeof rnd, raw, sizeof raw,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	if (expires_at < 0 || expires_at > 9999999999LL)
		expires_at = 0;
	if (bits < 0 || bits > OGI_POW_BITS_MAX)
		bits = OGI_POW_BITS_MAX;
	int n = snprintf(out, OGI_POW_CHALLENGE_SIZE, "v1.%lld.%d.%s", expires_at, bits, rnd);
	mac_of(key, out, (size_t)n, mac);
	snprintf(out + n, OGI_POW_CHALLENGE_SIZE - (size_t)n, ".%s", mac);
}

/* Digits only, 1 to max of them, no leading zero but "0"; their value into v. */
static bool decimal(const char *s, size_t len, size_t max, long long *v)
{
	if (len == 0 || len > max || (len > 1 && s[0] == '0'))
		return false;
	*v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

static bool b64url(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		      (ch >= '0' && ch <= '9') || ch == '-' || ch == '_'))
			return false;
	}
	return true;
}

bool ogi_pow_challenge_parse(const unsigned char key[OGI_POW_KEY_BYTES], const char *s, size_t len,
                             long long *expires_at, int *bits)
{
	*expires_at = 0;
	*bits = 0;
	if (len < 3 + 1 + 1 + 1 + 1 + 1 + RANDOM_B64 + 1 + MAC_B64 ||
	    len >= OGI_POW_CHALLENGE_SIZE || memcmp(s, "v1.", 3) != 0)
		return false;
	/* the fields between the dots */
	const char *field[5];
	size_t flen[5];
	size_t nf = 0, start = 0;
	for (size_t i = 0; i <= len && nf <= 5; i++) {
		if (i == len || s[i] == '.') {
			if (nf == 5)
				return false;
			field[nf] = s + start;
			flen[nf] = i - start;
			nf++;
			start = i + 1;
		}
	}
	if (nf != 5 || flen[3] != RANDOM_B64 || flen[4] != MAC_B64 || !b64url(field[3], flen[3]) ||
	    !b64url(field[4], flen[4]))
		return false;
	long long expires, difficulty;
	if (!decimal(field[1], flen[1], 10, &expires) ||
	    !decimal(field[2], flen[2], 2, &difficulty) || difficulty > OGI_POW_BITS_MAX)
		return false;
	char mac[MAC_B64 + 1];
	mac_of(key, s, (size_t)(field[4] - 1 - s), mac);
	if (sodium_memcmp(mac, field[4], MAC_B64) != 0)
		return false;
	*expires_at = expires;
	*bits = (int)difficulty;
	return true;
}

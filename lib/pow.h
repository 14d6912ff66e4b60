/* The public channel's proof of work (issue 15): no third party, no image
 * captcha.  ogid hands out a challenge — random, signed with the server's
 * key (HMAC-SHA-256), naming its expiry and its difficulty — and a
 * submission carries it back with a nonce such that SHA-256 of the
 * challenge's text followed by the nonce in decimal digits has at least
 * `bits` leading zero bits.  Single use is the database's (lib/db/online_apps.h);
 * everything here is pure and total over any bytes. */
#ifndef OGI_POW_H
#define OGI_POW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OGI_POW_KEY_BYTES 32
#define OGI_POW_BITS_MAX  32
/* the largest nonce: 2^53 - 1, the largest integer a browser counts exactly */
#define OGI_POW_NONCE_MAX 9007199254740991LL
/* "v1.<expires: 10 digits>.<bits: 1-2>.<22 random base64url>.<43 MAC base64url>" */
#define OGI_POW_CHALLENGE_SIZE 96

/* Whether digest (32 bytes) starts with at least bits zero bits (0..256). */
bool ogi_pow_leading_zeros(const unsigned char *digest, int bits);

/* Whether SHA-256(challenge[0..len) ‖ decimal(nonce)) starts with bits zero bits. */
bool ogi_pow_ok(const char *challenge, size_t len, long long nonce, int bits);

/* A fresh challenge expiring at expires_at (Unix seconds) with difficulty
 * bits (0..OGI_POW_BITS_MAX), signed with key, into out. */
void ogi_pow_challenge_new(const unsigned char key[OGI_POW_KEY_BYTES], long long expires_at,
                           int bits, char out[OGI_POW_CHALLENGE_SIZE]);

/* Whether s[0..len) is a challenge of this form signed with key (the MAC
 * compared in constant time); then its expiry and difficulty. */
bool ogi_pow_challenge_parse(const unsigned char key[OGI_POW_KEY_BYTES], const char *s, size_t len,
                             long long *expires_at, int *bits);

#endif

/* Secrets: random tokens for sessions and API tokens (the client holds the
 * token, the database its SHA-256), argon2id password hashes. */
#ifndef OGI_SECRET_H
#define OGI_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#define OGI_TOKEN_LEN      43 /* 32 random bytes, base64url without padding */
#define OGI_TOKEN_HASH_HEX 67 /* "\x" + 64 hex digits + NUL: a bytea literal */

/* Call once before threads start; false when libsodium cannot start. */
bool ogi_secret_init(void);

/* A fresh random token, NUL-terminated, into out[OGI_TOKEN_LEN + 1]. */
void ogi_token_new(char out[OGI_TOKEN_LEN + 1]);
/* The bytea text "\x…" of SHA-256(token), for lookups. */
void ogi_token_hash(const char *token, size_t len, char out[OGI_TOKEN_HASH_HEX]);

/* SHA-256 of len bytes as 64 lower-case hex digits (a stored rendering's fingerprint). */
#define OGI_SHA256_HEX 65
void ogi_sha256_hex(const void *data, size_t len, char out[OGI_SHA256_HEX]);

/* A random password of n characters from an unambiguous alphabet. */
void ogi_password_new(char *out, size_t n);

/* argon2id (crypto_pwhash_str, interactive limits); false when out of memory. */
bool ogi_password_hash(const char *password, char *out, size_t outlen);
bool ogi_password_verify(const char *hash, const char *password);

/* The rule for a password a person chooses is lib/password.h. */

#endif
